"""Demonstration coordination zonings: plausible in shape, deterministic, visibly fictitious.

Real perimeters (DAC, CPTS, CARSIC, perinatal networks) are not available offline, yet the
dashboard has to show what it does with them. These zonings are grown on the adjacency
graph of the units (communes, arrondissements) so that they look like real territories:
contiguous, balanced in population, following département limits where the real ones do,
with the gaps and the few cross-border CPTS that real listings have. Every name, contact
and porteur says "démo" and uses reserved numbers and domains, so that nothing can pass
for a real structure.

The functions are pure: the same units and seed always give the same zonings.

Examples
--------
>>> from geodata.base import load_units
>>> zonings = generate_demo_zonings(load_units("11"))
>>> len(zonings["dac"].territories)
22
"""

from __future__ import annotations

import heapq
import math
import string
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.geometry import EQUAL_AREA_CRS
from geodata.zonings import Fiche, Statut, Zoning, ZoningTypes, load_zoning_types, write_zoning

SOURCE = "Données illustratives générées par Cartocoord — périmètres non officiels"
#: Date shown as the last update of every demonstration fiche (fixed: output is deterministic).
UPDATED = "2026-11-01"
STATUS_ACTIVE = "en fonctionnement"
STATUS_PROJECT = "en projet"
#: Obviously fictitious phone series: 01 00 00 BB NN, a block BB per type.
PHONE_PREFIX = "01 00 00"
#: RFC 2606 reserves the ``.example`` top-level domain.
DOMAIN = "example"

#: One DAC for about this many inhabitants (Île-de-France: 22 for 12.2 million).
INHABITANTS_PER_DAC = 550_000
#: One CPTS for about this many inhabitants of the region, covered or not (IDF: ~100).
INHABITANTS_PER_CPTS = 120_000
#: Share of the population inside a CPTS; the rest is left as zones blanches.
CPTS_COVERAGE = 0.80
#: Share of the CPTS still "en projet".
CPTS_PROJECT_SHARE = 0.15
#: CPTS whose territory reaches into a neighbouring département.
CPTS_CROSSING = 2
#: Largest unit a CPTS takes across a département limit: a small neighbouring commune.
CPTS_CROSSING_MAX_POPULATION = 20_000
#: Inhabitant-equivalents added per km² when sizing CPTS: rural CPTS are larger in area and
#: smaller in population than urban ones (77: 30–60k inhabitants, Paris: 100–200k).
CPTS_AREA_WEIGHT = 100.0
#: Range of CPTS sizes relative to the mean, drawn per territory.
CPTS_SIZE_SPREAD = (0.6, 1.5)
#: At most this many CPTS per unit of a département, so that small arrondissements are
#: grouped (Paris Centre) rather than each made a CPTS.
CPTS_MAX_PER_UNIT = 0.75
#: One perinatal network for about this many inhabitants (IDF: 5), at least two.
INHABITANTS_PER_PERINATAL = 2_500_000
MIN_PERINATAL = 2

#: Lloyd iterations placing the seeds of the territories (population-weighted k-means).
KMEANS_ITERATIONS = 12
#: Rounds adjusting the territories' offsets so that their weights meet their targets, and
#: how far each round moves an offset (share of the squared radius of a territory).
BALANCE_ITERATIONS = 25
BALANCE_STEP = 0.5
#: Boundary moves allowed per territory when balancing populations after growth.
REBALANCE_MOVES_PER_REGION = 6
#: Load under which a territory takes any neighbour, however ragged its limit becomes.
STARVED_LOAD = 0.5
#: Smallest improvement of the squared loads (population / target) that justifies a move.
REBALANCE_MIN_GAIN = 0.001
#: Interior-disjoint, boundaries sharing a line: units with a common edge, not a corner.
SHARED_EDGE = "F***1****"
#: Eight compass points, counter-clockwise from east, and the radius share called centre.
COMPASS = ("Est", "Nord-Est", "Nord", "Nord-Ouest", "Ouest", "Sud-Ouest", "Sud", "Sud-Est")
CENTRE = "Centre"
CENTRE_RADIUS = 0.25


@dataclass(frozen=True)
class TypeText:
    """What a type of structure is called and does, shown on every fiche of the type."""

    label: str
    missions: str
    public_cible: str
    modalites_mobilisation: str
    created: tuple[date, date]
    #: First block BB of the type's phone numbers, 01 00 00 BB NN (100 numbers a block).
    phone_block: int


TYPES = MappingProxyType({
    "dac": TypeText(
        label="DAC",
        missions=(
            "Appui aux professionnels de santé, sociaux et médico-sociaux pour les "
            "situations complexes, quels que soient l'âge et la pathologie : information "
            "et orientation, évaluation globale, coordination du parcours, soutien aux "
            "initiatives du territoire."
        ),
        public_cible=("Professionnels du territoire ; personnes en situation complexe "
                      "et leurs aidants."),
        modalites_mobilisation=("Demande par téléphone ou par courriel, par tout "
                                "professionnel, la personne elle-même ou son aidant."),
        created=(date(2019, 7, 1), date(2022, 7, 31)),
        phone_block=10,
    ),
    "cpts": TypeText(
        label="CPTS",
        missions=(
            "Accès aux soins (médecin traitant, soins non programmés), organisation de "
            "parcours pluriprofessionnels, actions de prévention, qualité et pertinence "
            "des soins, accompagnement des professionnels, réponse aux crises sanitaires."
        ),
        public_cible="Professionnels de santé de ville du territoire et leurs patients.",
        modalites_mobilisation=("Adhésion des professionnels de santé ; contact de la "
                                "coordination par téléphone ou par courriel."),
        created=(date(2018, 1, 1), date(2025, 12, 31)),
        phone_block=20,
    ),
    "carsic": TypeText(
        label="CARSIC",
        missions=(
            "Appui aux situations individuelles complexes ou critiques restées sans "
            "solution adaptée : analyse partagée, recherche de solutions, mobilisation "
            "coordonnée des acteurs sanitaires, médico-sociaux et sociaux, suivi."
        ),
        public_cible=("Professionnels et structures face à une situation bloquée ; "
                      "personnes concernées et leurs proches."),
        modalites_mobilisation=("Saisine écrite par un professionnel ou une structure, "
                                "après sollicitation des dispositifs de proximité."),
        created=(date(2021, 1, 1), date(2023, 12, 31)),
        phone_block=30,
    ),
    "perinatal": TypeText(
        label="Réseau de santé en périnatalité",
        missions=(
            "Coordination des acteurs de la périnatalité (maternités, PMI, professionnels "
            "libéraux) : parcours de la grossesse et du post-partum, suivi des nouveau-nés "
            "vulnérables, formation et évaluation des pratiques."
        ),
        public_cible=("Femmes enceintes, couples et nouveau-nés ; professionnels de la "
                      "périnatalité."),
        modalites_mobilisation=("Contact par téléphone ou par courriel ; orientation par "
                                "la maternité, la PMI ou le professionnel de suivi."),
        created=(date(2005, 1, 1), date(2015, 12, 31)),
        phone_block=40,
    ),
})

TERRITORY_COLUMNS = (
    "territory_id", "nom", "type", "structure_porteuse", "statut", "date_creation",
    "missions", "public_cible", "modalites_mobilisation", "telephone", "courriel", "site",
    "source", "date_mise_a_jour", "illustrative",
)


@dataclass(frozen=True)
class DemoZoning:
    """One demonstration zoning: a fiche per territory and the units each one covers.

    Attributes
    ----------
    key : str
        Zoning type ("dac", "cpts", "carsic", "perinatal").
    territories : pandas.DataFrame
        One row per territory, columns ``TERRITORY_COLUMNS``.
    membership : pandas.DataFrame
        ``territory_id``, ``code``: units of each territory (a unit in no row of a CPTS
        zoning is a zone blanche).
    """

    key: str
    territories: pd.DataFrame
    membership: pd.DataFrame


@dataclass(frozen=True)
class _Graph:
    """Nodes (units or territories) with their weight, position (km) and edge neighbours."""

    neighbours: tuple[np.ndarray, ...]
    weights: np.ndarray
    xy: np.ndarray


@dataclass(frozen=True)
class _Territory:
    """A generated territory before it becomes a fiche."""

    slug: str
    nom: str
    porteur: str
    nodes: np.ndarray
    statut: str = STATUS_ACTIVE


def generate_demo_zonings(units: gpd.GeoDataFrame, seed: int = 2024) -> dict[str, DemoZoning]:
    """Generate the DAC, CPTS, CARSIC and perinatal demonstration zonings of a region.

    Parameters
    ----------
    units : geopandas.GeoDataFrame
        Units of the region (``load_units``): code, nom, departement, population, area_km2,
        geometry forming a valid coverage.
    seed : int
        Seed of every random choice: the same seed gives the same zonings.

    Returns
    -------
    dict
        ``DemoZoning`` by key, in the order dac, cpts, carsic, perinatal.
    """
    units = units.reset_index(drop=True)
    graph = _Graph(
        neighbours=_adjacency(units.geometry.values),
        weights=units["population"].to_numpy(dtype=float),
        xy=_positions(units.geometry),
    )
    departements = units["departement"].to_numpy()
    dac = _dac(graph, departements, _rng(seed, "dac"))
    generated = {
        "dac": dac,
        "cpts": _cpts(graph, departements, units, _rng(seed, "cpts")),
        "carsic": _carsic(graph, departements),
        "perinatal": _perinatal(graph, dac, units["area_km2"].to_numpy(),
                                _rng(seed, "perinatal")),
    }
    codes = units["code"].to_numpy()
    return {key: _zoning(key, territories, codes, _rng(seed, f"{key}-fiche"))
            for key, territories in generated.items()}


def _rng(seed: int, purpose: str) -> np.random.Generator:
    """Give each purpose its own random stream, so that one change does not reshuffle all."""
    return np.random.default_rng([seed, zlib.crc32(purpose.encode())])


def _adjacency(geometries: np.ndarray) -> tuple[np.ndarray, ...]:
    """Neighbours of each unit through a shared edge (corners do not make a territory whole).

    Only the largest part of a unit counts: a neighbour touching nothing but an exclave or
    an island would not join the unit's territory in one piece.
    """
    parts, owner = shapely.get_parts(geometries, return_index=True)
    order = np.lexsort((-shapely.area(parts), owner))
    geometries = parts[order][np.unique(owner[order], return_index=True)[1]]
    left, right = shapely.STRtree(geometries).query(geometries, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    edge = shapely.relate_pattern(geometries[left], geometries[right], SHARED_EDGE)
    left, right = left[edge], right[edge]
    return _neighbour_lists(len(geometries), np.concatenate([left, right]),
                            np.concatenate([right, left]))


def _neighbour_lists(size: int, source: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, ...]:
    """Sorted neighbour arrays from a symmetric edge list."""
    order = np.lexsort((target, source))
    source, target = source[order], target[order]
    bounds = np.searchsorted(source, np.arange(size + 1))
    return tuple(target[bounds[i]:bounds[i + 1]] for i in range(size))


def _positions(geometries: gpd.GeoSeries) -> np.ndarray:
    """Place a point inside each unit, in km of an equal-area projection."""
    points = geometries.representative_point().to_crs(EQUAL_AREA_CRS)
    return np.column_stack([points.x, points.y]) / 1000


def _apportion(weights: np.ndarray, total: int, upper: np.ndarray) -> np.ndarray:
    """Largest-remainder apportionment of ``total`` seats, at least 1 and at most ``upper``."""
    quota = weights / weights.sum() * total
    seats = np.clip(np.floor(quota), 1, upper).astype(int)
    while seats.sum() < total and (seats < upper).any():
        seats[np.argmax(np.where(seats < upper, quota - seats, -np.inf))] += 1
    while seats.sum() > total and (seats > 1).any():
        seats[np.argmin(np.where(seats > 1, quota - seats, np.inf))] -= 1
    return seats


def _components(neighbours: Sequence[np.ndarray], nodes: np.ndarray) -> list[np.ndarray]:
    """Split the subgraph induced by ``nodes`` into connected pieces, largest first."""
    inside = set(nodes.tolist())
    seen: set[int] = set()
    components = []
    for start in nodes.tolist():
        if start in seen:
            continue
        seen.add(start)
        stack, component = [start], [start]
        while stack:
            for other in neighbours[stack.pop()].tolist():
                if other in inside and other not in seen:
                    seen.add(other)
                    stack.append(other)
                    component.append(other)
        components.append(np.array(sorted(component)))
    return sorted(components, key=len, reverse=True)


def _seeds(graph: _Graph, nodes: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Population-weighted k-means (k-means++ start), then the node nearest each centre."""
    xy = graph.xy[nodes]
    weights = graph.weights[nodes] + 1.0  # a node of zero population can still be drawn
    centres = [xy[rng.choice(len(nodes), p=weights / weights.sum())]]
    for _ in range(1, k):
        spread = weights * _distances(xy, np.array(centres)).min(axis=1)
        centres.append(xy[rng.choice(len(nodes), p=spread / spread.sum())])
    centres = np.array(centres)
    for _ in range(KMEANS_ITERATIONS):
        nearest = _distances(xy, centres).argmin(axis=1)
        for c in range(k):
            if (nearest == c).any():
                centres[c] = np.average(xy[nearest == c], axis=0, weights=weights[nearest == c])
    taken: list[int] = []
    for column in _distances(xy, centres).T:
        taken.append(next(i for i in np.argsort(column, kind="stable") if i not in taken))
    return nodes[taken]


def _distances(xy: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Squared distances between points (rows) and centres (columns)."""
    return ((xy[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)


def _partition(graph: _Graph, nodes: np.ndarray, k: int, rng: np.random.Generator,
               spread: tuple[float, float] = (1.0, 1.0)) -> list[np.ndarray]:
    """Split ``nodes`` into at most ``k`` contiguous, compact territories balanced in weight.

    Seeds are placed by weighted k-means on the largest connected piece. Territories grow
    from them over the graph, each node going to the seed nearest in power distance (a
    power diagram that stays contiguous); the seeds' offsets are adjusted until weights
    match targets, and a few boundary moves finish the balance.
    ``spread`` draws a target size per territory relative to the mean.
    """
    main = _components(graph.neighbours, nodes)[0]
    k = min(k, len(main))
    seeds = _seeds(graph, main, k, rng)
    targets = rng.uniform(*spread, size=k)
    targets *= graph.weights[nodes].sum() / targets.sum()
    offsets = np.zeros(k)
    reach = _distances(graph.xy[nodes], graph.xy[nodes].mean(axis=0)[None, :]).mean() / k
    best, best_error = None, np.inf
    for _ in range(BALANCE_ITERATIONS):
        labels = _grow(graph, nodes, seeds, offsets)
        load = (np.bincount(labels[nodes], weights=graph.weights[nodes], minlength=k) + 1) / (
            targets + 1)
        error = np.abs(np.log(load)).max()
        if error < best_error:
            best, best_error = labels, error
        offsets += BALANCE_STEP * reach * np.clip(1 - load, -1, 1)
    _rebalance(graph, best, nodes, targets)
    return [np.flatnonzero(best == region) for region in range(k)]


def _grow(graph: _Graph, nodes: np.ndarray, seeds: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Grow territories from ``seeds``; label of every node, -1 outside ``nodes``.

    A node goes to the first territory that reaches it in the order of power distance to
    the seeds (squared distance minus the territory's offset): contiguous by construction,
    with the straight limits of a power diagram. Pieces no seed can reach (islands) join
    the territory of the nearest seed.
    """
    labels = np.full(len(graph.weights), -1)
    allowed = np.zeros(len(graph.weights), dtype=bool)
    allowed[nodes] = True
    origins = graph.xy[seeds]
    queue = [(-np.inf, int(seed), region) for region, seed in enumerate(seeds)]
    while queue:
        _, node, region = heapq.heappop(queue)
        if labels[node] >= 0:
            continue
        labels[node] = region
        for other in graph.neighbours[node].tolist():
            if allowed[other] and labels[other] < 0:
                power = float(((graph.xy[other] - origins[region]) ** 2).sum()) - offsets[region]
                heapq.heappush(queue, (power, other, region))
    stranded = nodes[labels[nodes] < 0]
    if stranded.size:
        labels[stranded] = _distances(graph.xy[stranded], origins).argmin(axis=1)
    return labels


def _rebalance(graph: _Graph, labels: np.ndarray, nodes: np.ndarray, targets: np.ndarray) -> None:
    """Move boundary nodes from over- to under-filled neighbours, keeping territories whole.

    Units are indivisible, so growth cannot meet every target; each move here brings the
    two loads (weight / target) it touches closer to 1, in sum of squares. Only nodes with
    at least as many neighbours across the limit as at home may move, so that limits stay
    smooth (no fingers), unless the receiving territory is starved (enclosed by its
    neighbours during growth). ``labels`` is updated in place.
    """
    weights = graph.weights
    sums = np.bincount(labels[nodes], weights=weights[nodes], minlength=len(targets))
    for _ in range(REBALANCE_MOVES_PER_REGION * len(targets)):
        load = sums / targets
        moves = []
        for node in nodes.tolist():
            home = labels[node]
            around = labels[graph.neighbours[node]]
            for away in np.unique(around).tolist():
                if away < 0 or away == home or (
                        load[away] >= STARVED_LOAD
                        and (around == away).sum() < (around == home).sum()):
                    continue
                home_after = (sums[home] - weights[node]) / targets[home]
                away_after = (sums[away] + weights[node]) / targets[away]
                gain = ((load[home] - 1) ** 2 + (load[away] - 1) ** 2
                        - (home_after - 1) ** 2 - (away_after - 1) ** 2)
                if gain > REBALANCE_MIN_GAIN:
                    moves.append((-gain, node, away))
        for _, node, away in sorted(set(moves)):
            home = labels[node]
            rest = np.flatnonzero(labels == home)
            rest = rest[rest != node]
            if rest.size and len(_components(graph.neighbours, rest)) <= len(
                    _components(graph.neighbours, np.append(rest, node))):
                labels[node] = away
                sums[home] -= weights[node]
                sums[away] += weights[node]
                break
        else:
            return


def _reading_order(graph: _Graph, parts: list[np.ndarray]) -> list[np.ndarray]:
    """Territories from north to south, then west to east: letters and numbers read well."""
    centres = [np.average(graph.xy[p], axis=0, weights=graph.weights[p] + 1.0) for p in parts]
    order = sorted(range(len(parts)), key=lambda i: (-round(centres[i][1], 3), centres[i][0]))
    return [parts[i] for i in order]


def _letters(index: int) -> str:
    """Letter a territory within its département: A, B, …, Z, AA, AB…."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = string.ascii_uppercase[rest] + letters
    return letters


def _dac(graph: _Graph, departements: np.ndarray, rng: np.random.Generator) -> list[_Territory]:
    """DAC: each inside one département, counts in proportion to population, full partition."""
    codes = sorted(set(departements.tolist()))
    members = [np.flatnonzero(departements == code) for code in codes]
    population = np.array([graph.weights[m].sum() for m in members])
    room = np.array([len(_components(graph.neighbours, m)[0]) for m in members])
    total = max(len(codes), round(population.sum() / INHABITANTS_PER_DAC))
    seats = _apportion(population, total, room)
    territories = []
    for code, nodes, k in zip(codes, members, seats, strict=True):
        parts = _reading_order(graph, _partition(graph, nodes, int(k), rng))
        for index, part in enumerate(parts):
            suffix = f"{code}-{_letters(index)}"
            territories.append(_Territory(
                slug=f"dac-{suffix.lower()}", nom=f"DAC démo {suffix}",
                porteur=f"Association démo d'appui à la coordination {suffix}", nodes=part))
    return territories


def _cpts(graph: _Graph, departements: np.ndarray, units: gpd.GeoDataFrame,
          rng: np.random.Generator) -> list[_Territory]:
    """CPTS: ~80 % of the population covered, zones blanches, a few cross-border CPTS.

    The region is first cut into CPTS-sized cells inside each département; some cells are
    left as zones blanches; a few CPTS then get one unit across their département limit.
    """
    sizing = _Graph(graph.neighbours,
                    graph.weights + CPTS_AREA_WEIGHT * units["area_km2"].to_numpy(),
                    graph.xy)
    codes = sorted(set(departements.tolist()))
    members = [np.flatnonzero(departements == code) for code in codes]
    room = np.array([max(1, int(CPTS_MAX_PER_UNIT * len(_components(graph.neighbours, m)[0])))
                     for m in members])
    population = graph.weights.sum()
    cells_total = round(population / INHABITANTS_PER_CPTS / CPTS_COVERAGE)
    seats = _apportion(np.array([sizing.weights[m].sum() for m in members]), cells_total, room)
    cells: list[np.ndarray] = []
    cell_departement: list[int] = []
    for index, (nodes, k) in enumerate(zip(members, seats, strict=True)):
        parts = _reading_order(graph, _partition(sizing, nodes, int(k), rng, CPTS_SIZE_SPREAD))
        cells += parts
        cell_departement += [index] * len(parts)
    blank = _zones_blanches(graph, cells, np.array(cell_departement), rng,
                            (1 - CPTS_COVERAGE) * population)
    covered = _cross_borders(graph, departements,
                             [c for i, c in enumerate(cells) if i not in blank],
                             [c for i, c in enumerate(cells) if i in blank], rng)
    projects = set(rng.choice(len(covered), size=round(CPTS_PROJECT_SHARE * len(covered)),
                              replace=False).tolist())
    names = units["nom"].to_numpy()
    territories = []
    for index, part in enumerate(covered):
        main = names[part[np.argmax(graph.weights[part])]]
        territories.append(_Territory(
            slug=f"cpts-{index + 1}", nom=f"CPTS démo {index + 1} — {main}",
            porteur=f"Association démo CPTS {main}", nodes=part,
            statut=STATUS_PROJECT if index in projects else STATUS_ACTIVE))
    return territories


def _zones_blanches(graph: _Graph, cells: list[np.ndarray], cell_departement: np.ndarray,
                    rng: np.random.Generator, uncovered: float) -> set[int]:
    """Cells left without CPTS, drawn at random until ``uncovered`` inhabitants.

    Less populated cells, where professionals are scarcer, are drawn more often (odds in
    1/√population); at least half the cells of each département keep a CPTS.
    """
    population = np.array([graph.weights[cell].sum() for cell in cells]) + 1.0
    odds = population ** -0.5
    room = np.bincount(cell_departement) // 2
    blank: set[int] = set()
    for cell in rng.choice(len(cells), size=len(cells), replace=False, p=odds / odds.sum()):
        if uncovered <= 0:
            break
        if room[cell_departement[cell]]:
            room[cell_departement[cell]] -= 1
            blank.add(int(cell))
            uncovered -= population[cell]
    return blank


def _cross_borders(graph: _Graph, departements: np.ndarray, covered: list[np.ndarray],
                   blank: list[np.ndarray], rng: np.random.Generator) -> list[np.ndarray]:
    """Give a few CPTS one small neighbouring unit across their département limit.

    The unit comes from the cell next door (a CPTS or a zone blanche), only if what is
    left of that cell stays whole; the returned list replaces ``covered``.
    """
    cells = covered + blank
    owner = np.full(len(graph.weights), -1)
    for index, cell in enumerate(cells):
        owner[cell] = index
    candidates = sorted({
        (index, int(other))
        for index, cell in enumerate(covered)
        for node in cell.tolist()
        for other in graph.neighbours[node].tolist()
        if departements[other] != departements[node]
        and graph.weights[other] <= CPTS_CROSSING_MAX_POPULATION and owner[other] >= 0
    })
    touched: set[int] = set()
    for pick in rng.permutation(len(candidates)).tolist():
        if len(touched) == 2 * CPTS_CROSSING:
            break
        taker, node = candidates[pick]
        giver = int(owner[node])
        rest = cells[giver][cells[giver] != node]
        if taker in touched or giver in touched or not rest.size or len(
                _components(graph.neighbours, rest)) > 1:
            continue
        cells[taker] = np.sort(np.append(cells[taker], node))
        cells[giver] = rest
        touched |= {taker, giver}
    return cells[:len(covered)]


def _quotient(graph: _Graph, groups: list[np.ndarray]) -> _Graph:
    """Graph of groups of nodes (départements, DAC): adjacent when two members share an edge."""
    label = np.full(len(graph.weights), -1)
    for index, nodes in enumerate(groups):
        label[nodes] = index
    source = np.repeat(np.arange(len(graph.weights)), [len(n) for n in graph.neighbours])
    target = np.concatenate(graph.neighbours)
    a, b = label[source], label[target]
    keep = (a != b) & (a >= 0) & (b >= 0)
    pairs = np.unique(np.column_stack([a[keep], b[keep]]), axis=0)
    return _Graph(
        neighbours=_neighbour_lists(len(groups), pairs[:, 0], pairs[:, 1]),
        weights=np.array([graph.weights[nodes].sum() for nodes in groups]),
        xy=np.array([np.average(graph.xy[nodes], axis=0, weights=graph.weights[nodes] + 1.0)
                     for nodes in groups]),
    )


def _carsic(graph: _Graph, departements: np.ndarray) -> list[_Territory]:
    """CARSIC: the départements split in two, east and west, as even in population as can be.

    Départements are sorted by their centre of population from west to east; the cut is
    the most balanced one that leaves both sides in one piece.
    """
    codes = sorted(set(departements.tolist()))
    groups = [np.flatnonzero(departements == code) for code in codes]
    quotient = _quotient(graph, groups)
    order = np.argsort(quotient.xy[:, 0], kind="stable")
    half = quotient.weights.sum() / 2
    cuts = sorted(range(1, len(codes)),
                  key=lambda cut: abs(quotient.weights[order[:cut]].sum() - half))
    whole = [cut for cut in cuts
             if len(_components(quotient.neighbours, np.sort(order[:cut]))) == 1
             and len(_components(quotient.neighbours, np.sort(order[cut:]))) == 1]
    cut = (whole or cuts)[0]
    sides = {"Est": order[cut:], "Ouest": order[:cut]}
    return [_Territory(slug=f"carsic-{side.lower()}", nom=f"CARSIC démo {side}",
                       porteur=f"Association démo CARSIC {side}",
                       nodes=np.sort(np.concatenate([groups[g] for g in side_groups])))
            for side, side_groups in sides.items()]


def _perinatal(graph: _Graph, dac: list[_Territory], area: np.ndarray,
               rng: np.random.Generator) -> list[_Territory]:
    """Perinatal networks: groups of neighbouring DAC territories, balanced in population.

    Built on the DAC, the networks follow existing health territories: some cover part of
    a département, others several. Each is named after the direction of its centre (by
    area, as a reader sees it on the map) from the region's centre of population.
    """
    quotient = _quotient(graph, [t.nodes for t in dac])
    k = max(MIN_PERINATAL, round(graph.weights.sum() / INHABITANTS_PER_PERINATAL))
    parts = _reading_order(quotient, _partition(quotient, np.arange(len(dac)), k, rng))
    centre = np.average(graph.xy, axis=0, weights=graph.weights + 1.0)
    radius = math.sqrt(area.sum() / math.pi)
    territories = []
    used: set[str] = set()
    for part in parts:
        nodes = np.sort(np.concatenate([dac[i].nodes for i in part]))
        offset = np.average(graph.xy[nodes], axis=0, weights=area[nodes]) - centre
        direction = _direction(offset, radius)
        name = next(candidate for candidate in
                    (direction, *(f"{direction} {n}" for n in range(2, len(parts) + 1)))
                    if candidate not in used)
        used.add(name)
        territories.append(_Territory(slug=f"perinatal-{name.lower().replace(' ', '-')}",
                                      nom=f"Réseau périnatal démo {name}",
                                      porteur=f"Association démo périnatalité {name}",
                                      nodes=nodes))
    return territories


def _direction(offset: np.ndarray, radius: float) -> str:
    """Compass point of an offset from the region's centre, or centre when close to it."""
    if np.hypot(*offset) < CENTRE_RADIUS * radius:
        return CENTRE
    sector = round(math.degrees(math.atan2(offset[1], offset[0])) / 45) % len(COMPASS)
    return COMPASS[sector]


def _zoning(key: str, territories: list[_Territory], codes: np.ndarray,
            rng: np.random.Generator) -> DemoZoning:
    """Fiches and membership of a generated zoning; projects have no creation date yet."""
    text = TYPES[key]
    start, end = text.created
    rows = []
    for index, territory in enumerate(territories):
        created = start + timedelta(days=int(rng.integers((end - start).days + 1)))
        host = f"{territory.slug}.{DOMAIN}"
        rows.append({
            "territory_id": territory.slug,
            "nom": territory.nom,
            "type": text.label,
            "structure_porteuse": territory.porteur,
            "statut": territory.statut,
            "date_creation": None if territory.statut == STATUS_PROJECT else created.isoformat(),
            "missions": text.missions,
            "public_cible": text.public_cible,
            "modalites_mobilisation": text.modalites_mobilisation,
            "telephone": f"{PHONE_PREFIX} {text.phone_block + index // 100:02d} {index % 100:02d}",
            "courriel": f"contact@{host}",
            "site": f"https://{host}",
            "source": SOURCE,
            "date_mise_a_jour": UPDATED,
            "illustrative": True,
        })
    membership = pd.DataFrame({
        "territory_id": np.repeat([t.slug for t in territories],
                                  [len(t.nodes) for t in territories]),
        "code": np.concatenate([codes[t.nodes] for t in territories]),
    })
    return DemoZoning(key=key, territories=pd.DataFrame(rows, columns=list(TERRITORY_COLUMNS)),
                      membership=membership)


def as_zoning(demo: DemoZoning, types: ZoningTypes) -> Zoning:
    """Return the demonstration zoning in the model all zonings use, flagged illustrative."""
    fiches = {
        row.territory_id: Fiche(
            nom=row.nom, type=row.type, porteur=row.structure_porteuse,
            statut=Statut(row.statut),
            date_creation=row.date_creation if isinstance(row.date_creation, str) else None,
            missions=row.missions, public_cible=row.public_cible,
            modalites_mobilisation=row.modalites_mobilisation, telephone=row.telephone,
            courriel=row.courriel, site=row.site, source=row.source,
            date_mise_a_jour=row.date_mise_a_jour, illustratif=True)
        for row in demo.territories.itertuples(index=False)
    }
    members = tuple(zip(demo.membership["territory_id"], demo.membership["code"], strict=True))
    return Zoning(types.get(demo.key), fiches, members, illustrative=True, source=SOURCE)


def write_demo_set(units: gpd.GeoDataFrame, directory: Path, seed: int = 2024) -> list[str]:
    """Generate the demonstration zonings of ``units`` and store them in ``directory``."""
    types = load_zoning_types()
    keys = []
    for key, demo in generate_demo_zonings(units, seed).items():
        write_zoning(as_zoning(demo, types), directory, key)
        keys.append(key)
    return keys
