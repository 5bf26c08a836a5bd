"""The four kinds of demonstration structures, grown on the units' graph.

DAC inside one département each, in proportion to population; CPTS covering about 80 %
of the population, with zones blanches and a few crossing a département limit; two
CARSIC, east and west; perinatal networks grouping neighbouring DAC.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

import geopandas as gpd
import numpy as np

from geodata.demo.graph import _components, _Graph, _quotient
from geodata.demo.partition import _partition, _reading_order

STATUS_ACTIVE = "en fonctionnement"
STATUS_PROJECT = "en projet"

#: One DAC for about this many inhabitants (Île-de-France: 22 for 12.46 million, legal
#: populations in force in 2026).
INHABITANTS_PER_DAC = 565_000
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
#: Eight compass points, counter-clockwise from east, and the radius share called centre.
COMPASS = ("Est", "Nord-Est", "Nord", "Nord-Ouest", "Ouest", "Sud-Ouest", "Sud", "Sud-Est")
CENTRE = "Centre"
CENTRE_RADIUS = 0.25


@dataclass(frozen=True)
class _Territory:
    """A generated territory before it becomes a fiche."""

    slug: str
    nom: str
    porteur: str
    nodes: np.ndarray
    statut: str = STATUS_ACTIVE


def _apportion(weights: np.ndarray, total: int, upper: np.ndarray) -> np.ndarray:
    """Largest-remainder apportionment of ``total`` seats, at least 1 and at most ``upper``."""
    quota = weights / weights.sum() * total
    seats = np.clip(np.floor(quota), 1, upper).astype(int)
    while seats.sum() < total and (seats < upper).any():
        seats[np.argmax(np.where(seats < upper, quota - seats, -np.inf))] += 1
    while seats.sum() > total and (seats > 1).any():
        seats[np.argmin(np.where(seats > 1, quota - seats, np.inf))] -= 1
    return seats


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
