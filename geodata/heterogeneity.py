"""Heterogeneity of coordination zonings: how their territories nest, split and leave gaps.

Every zoning is a set of unions of the same units (communes, arrondissements), so each
question is answered on the units, exactly, without overlaying polygons:

- nesting: how the population of each territory of a zoning A divides among the
  territories of a zoning B (:func:`territory_pieces`, :func:`territory_nesting`,
  :func:`split_territories`) and how well A nests in B overall (:func:`nesting_index`,
  :func:`nesting_matrix`);
- boundaries: the stretches of A's outlines that are not outlines of B, and vice versa
  (:func:`unit_edges`, :func:`boundary_mismatch`);
- départements: territories crossing a département limit (:func:`departement_crossings`);
- coverage: zones blanches and communes claimed by two territories (:func:`gaps`,
  :func:`gaps_by_departement`, :func:`overlaps`);
- precarity: indicators of each territory against its département and the region
  (:func:`precarity_profile`);
- :func:`heterogeneity_summary`: the JSON payload of ``python -m geodata heterogeneity``.

Populations are the units' ``population``. A unit listed under k territories of a zoning
(a city split between CPTS by quartier) gives each of them 1/k of its population: the split
below the commune level is unknown, and equal parts keep the population of a zoning equal
to the population it covers. Only the units of ``units`` count; membership codes that are
not units are ignored. The functions are pure and read no file.

Examples
--------
EPCI nest in départements, but for the Métropole du Grand Paris and six EPCI astride a
limit:

>>> from geodata.base import load_units
>>> from geodata.zonings.model import Fiche
>>> from geodata.zonings.zoning_types import load_zoning_types
>>> units = load_units("11")
>>> def by(column):
...     fiches = {key: Fiche(nom=key, type=column) for key in sorted(set(units[column]))}
...     return Zoning(load_zoning_types().get(column), fiches,
...                   tuple(zip(units[column], units["code"])))
>>> summary = heterogeneity_summary({"epci": by("epci"), "dep": by("departement")}, units)
>>> summary["pairs"][0]
{'a': 'epci', 'b': 'dep', 'nesting_index': 0.58, 'split_territories': 7}
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.observations.aggregation import (
    aggregate_departements,
    aggregate_indicator,
    aggregate_region,
)
from geodata.observations.indicators import INDICATORS, Indicator
from geodata.zonings.model import CODE, TERRITORY_ID, Zoning

#: A territory lies inside a territory of the other zoning when that one holds at least
#: this share of its population. The 1 % leeway absorbs a hamlet given to the neighbour
#: (a few hundred inhabitants in a CPTS of ~100,000) without hiding a real split: a CPTS
#: that takes a small town across a limit is split.
NESTED_SHARE = 0.99
#: Lambert-93, conformal over metropolitan France: its scale factor stays within
#: 0.9994–1.0002 in Île-de-France, so boundary lengths are true to 0.06 %.
LENGTH_CRS = "EPSG:2154"
#: Decimals of the shares and indices in :func:`heterogeneity_summary`.
SUMMARY_DECIMALS = 3
#: Indicators of :func:`precarity_profile` by default: those that say which way is precarious.
PROFILE_INDICATORS: tuple[Indicator, ...] = tuple(i for i in INDICATORS if i.direction)

#: Column naming the territory of the other zoning (or the département) a piece lies in.
PIECE = "piece"
DEPARTEMENT = "departement"


class Nesting(StrEnum):
    """Where a territory of A stands with respect to zoning B."""

    #: One territory of B holds at least ``NESTED_SHARE`` of its population.
    NESTED = "nested"
    #: The part outside every territory of B holds at least ``NESTED_SHARE`` of it.
    OUTSIDE = "outside"
    #: Neither: its population divides between territories of B (or B and its gaps).
    SPLIT = "split"


#: What users read for each status; ``{label}`` is the label of zoning B (« DAC »).
NESTING_LABELS: Mapping[Nesting, str] = MappingProxyType({
    Nesting.NESTED: "Inclus dans un territoire {label}",
    Nesting.OUTSIDE: "Hors des territoires {label}",
    Nesting.SPLIT: "Partagé entre plusieurs territoires {label}",
})
#: Name of the piece of a territory outside every territory of B.
OUTSIDE_LABEL = "Hors {label}"


# --- Nesting -------------------------------------------------------------------------------

def territory_pieces(a: Zoning, b: Zoning, units: pd.DataFrame) -> pd.DataFrame:
    """Divide the population of each territory of ``a`` among the territories of ``b``.

    Parameters
    ----------
    a, b : Zoning
        The zoning whose territories are cut, and the one cutting them.
    units : pandas.DataFrame
        Columns ``code`` and ``population`` (``load_units``).

    Returns
    -------
    pandas.DataFrame
        One row per territory of ``a`` holding units and piece: ``territory_id``,
        ``piece`` (territory of ``b``; missing for the part outside ``b``'s coverage),
        ``units``, ``population`` (of the units in both, a shared unit counted by its
        part), ``share`` (of the territory's population; NaN when it has none).
        Territories in fiche order, their pieces by decreasing share.
    """
    base = _Base.of(units)
    return _pieces(*_overlay(_links(a, base), _links(b, base), base))


def territory_nesting(a: Zoning, b: Zoning, units: pd.DataFrame) -> pd.DataFrame:
    """Tell whether each territory of ``a`` lies inside one territory of ``b``.

    Territories without population are left out: their shares are undefined, and they
    would weigh nothing in :func:`nesting_index`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``territory_id`` (fiche order): ``population``, ``pieces`` (territories
        of ``b`` it meets), ``main`` (the one holding most of its population; missing when
        none), ``main_share`` (0 when none), ``outside_share`` (part outside ``b``'s
        coverage) and ``status`` (:class:`Nesting` value).
    """
    base = _Base.of(units)
    return _nesting(*_overlay(_links(a, base), _links(b, base), base))


def nesting_index(a: Zoning, b: Zoning, units: pd.DataFrame) -> float:
    """Measure how well ``a`` nests in ``b``: 1 when every territory lies inside one of ``b``.

    ``sum_t pop(t) × main_share(t) / sum_t pop(t)`` over the territories ``t`` of ``a``,
    where ``main_share(t)`` is the share of ``t``'s population inside the territory of
    ``b`` holding most of it: the share of ``a``'s population living in the main ``b``
    territory of their ``a`` territory. The part of ``t`` outside ``b``'s coverage is
    never "inside": a territory entirely in a gap of ``b`` counts with ``main_share = 0``,
    so gaps of ``b`` lower the index as splits do (``outside_share`` in
    :func:`nesting_matrix` tells them apart). NaN when ``a`` has no population.
    """
    return _index(territory_nesting(a, b, units))


def nesting_matrix(zonings: Mapping[str, Zoning], units: pd.DataFrame) -> pd.DataFrame:
    """Measure the nesting of every ordered pair of distinct zonings.

    Returns
    -------
    pandas.DataFrame
        One row per pair, in the order of ``zonings``: ``a``, ``b`` (keys),
        ``nesting_index`` (:func:`nesting_index`), ``territories`` (of ``a`` with
        population), ``nested``, ``split_territories`` and ``outside`` (counts by
        :class:`Nesting` status), ``outside_share`` (share of ``a``'s population outside
        ``b``'s coverage). ``matrix.pivot(index="a", columns="b", values="nesting_index")``
        gives the square matrix.
    """
    base = _Base.of(units)
    links = {key: _links(zoning, base) for key, zoning in zonings.items()}
    rows = []
    for key_a, key_b in itertools.permutations(zonings, 2):
        nesting = _nesting(*_overlay(links[key_a], links[key_b], base))
        status = nesting["status"]
        total = nesting["population"].sum()
        outside = (nesting["population"] * nesting["outside_share"]).sum()
        rows.append({
            "a": key_a, "b": key_b, "nesting_index": _index(nesting),
            "territories": len(nesting),
            "nested": int((status == Nesting.NESTED).sum()),
            "split_territories": int((status == Nesting.SPLIT).sum()),
            "outside": int((status == Nesting.OUTSIDE).sum()),
            "outside_share": outside / total if total > 0 else np.nan,
        })
    return pd.DataFrame(rows, columns=["a", "b", "nesting_index", "territories", "nested",
                                       "split_territories", "outside", "outside_share"])


def split_territories(a: Zoning, b: Zoning, units: pd.DataFrame) -> pd.DataFrame:
    """List the territories of ``a`` split by ``b`` (status "split"), with their pieces.

    Returns
    -------
    pandas.DataFrame
        :func:`territory_pieces` rows of the split territories, with ``nom`` (of the
        territory) and ``piece_nom`` (of the piece; « Hors DAC » for the part outside
        ``b``) after their ids.
    """
    base = _Base.of(units)
    overlay = _overlay(_links(a, base), _links(b, base), base)
    nesting = _nesting(*overlay)
    pieces = _pieces(*overlay)
    split = nesting.index[nesting["status"] == Nesting.SPLIT]
    pieces = pieces[pieces[TERRITORY_ID].isin(split)].reset_index(drop=True)
    names_b = pieces[PIECE].map({tid: fiche.nom for tid, fiche in b.fiches.items()})
    pieces.insert(1, "nom", pieces[TERRITORY_ID].map({t: f.nom for t, f in a.fiches.items()}))
    pieces.insert(3, "piece_nom", names_b.fillna(OUTSIDE_LABEL.format(label=b.type.label)))
    return pieces


# --- Départements ------------------------------------------------------------------------

def departement_pieces(zoning: Zoning, units: pd.DataFrame) -> pd.DataFrame:
    """Count the units and population of each territory in each département.

    Returns
    -------
    pandas.DataFrame
        :func:`territory_pieces` shape, ``piece`` being the département code (never
        missing); the first row of a territory is its main département.
    """
    base = _Base.of(units)
    return _pieces(*_overlay(_links(zoning, base), _departement_links(units), base))


def departement_crossings(zoning: Zoning, units: pd.DataFrame) -> pd.DataFrame:
    """List the territories with units in several départements, and their population in each.

    Returns
    -------
    pandas.DataFrame
        The :func:`departement_pieces` rows of those territories.
    """
    pieces = departement_pieces(zoning, units)
    return pieces[pieces[TERRITORY_ID].duplicated(keep=False)].reset_index(drop=True)


# --- Coverage ----------------------------------------------------------------------------

def gaps(zoning: Zoning, units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Select the units in no territory (zones blanches), as rows of ``units`` to draw."""
    return units[~zoning.covers(units[CODE])]


def gaps_by_departement(zoning: Zoning, units: pd.DataFrame) -> pd.DataFrame:
    """Count the units and population outside every territory, per département.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``departement`` (sorted): ``units``, ``uncovered_units``,
        ``population``, ``uncovered_population``, ``uncovered_share`` (of the
        population; 0 when it is 0).
    """
    uncovered = ~zoning.covers(units[CODE])
    population = units["population"].to_numpy()
    frame = pd.DataFrame({
        DEPARTEMENT: units[DEPARTEMENT].to_numpy(), "units": 1,
        "uncovered_units": uncovered.astype(int), "population": population,
        "uncovered_population": np.where(uncovered, population, 0),
    }).groupby(DEPARTEMENT).sum()
    share = frame["uncovered_population"] / frame["population"].where(frame["population"] > 0)
    return frame.assign(uncovered_share=share.fillna(0.0))


def overlaps(zoning: Zoning, units: pd.DataFrame) -> pd.DataFrame:
    """List the units claimed by several territories (shared communes, or listing errors).

    Returns
    -------
    pandas.DataFrame
        ``code``, ``nom``, ``departement``, ``population`` of the units concerned (order
        of ``units``) and ``territories``, the tuple of the territory ids claiming each.
    """
    shared = zoning.shared_units()
    frame = units.loc[units[CODE].isin(shared.keys()), [CODE, "nom", DEPARTEMENT, "population"]]
    frame = pd.DataFrame(frame).reset_index(drop=True)
    return frame.assign(territories=frame[CODE].map(shared))


# --- Boundaries --------------------------------------------------------------------------

@dataclass(frozen=True)
class UnitEdges:
    """The segments of a unit coverage, each with the units on its two sides.

    Every territory outline is made of these segments: a segment lies on the outline of a
    zoning when its two units are not under the same territories (one of them may be
    uncovered, or outside the coverage). Computed once per set of units by
    :func:`unit_edges`, then reused for every pair of zonings.

    Attributes
    ----------
    codes : numpy.ndarray
        Unit codes, indexed by ``left`` and ``right``.
    left, right : numpy.ndarray
        Index in ``codes`` of the units on either side; ``right`` is -1 on the outline of
        the coverage.
    coords : numpy.ndarray
        Shape (n, 2, 2): the two ends of each segment, in ``crs``.
    length_km : numpy.ndarray
        Length of each segment in ``LENGTH_CRS``.
    crs
        CRS of the units.
    """

    codes: np.ndarray
    left: np.ndarray
    right: np.ndarray
    coords: np.ndarray
    length_km: np.ndarray
    crs: object


def unit_edges(units: gpd.GeoDataFrame) -> UnitEdges:
    """Cut the unit outlines into segments and pair each segment with its two units.

    A valid coverage (``load_units`` builds one) has identical vertices on both sides of
    a shared edge, so a segment shared by two units is found by exact coordinates: no
    buffer, no snapping tolerance; about 0.1 s for the 15,000 segments of Île-de-France.

    Raises
    ------
    ValueError
        When a segment belongs to more than two units: ``units`` overlap.
    """
    parts, part_unit = shapely.get_parts(np.asarray(units.geometry.values), return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    points, ring = shapely.get_coordinates(rings, return_index=True)
    follows = np.flatnonzero(ring[:-1] == ring[1:])
    ends = np.stack([points[follows], points[follows + 1]], axis=1)
    unit = part_unit[ring_part[ring[follows]]]
    flip = (ends[:, 0, 0] > ends[:, 1, 0]) | (
        (ends[:, 0, 0] == ends[:, 1, 0]) & (ends[:, 0, 1] > ends[:, 1, 1]))
    ends[flip] = ends[flip, ::-1]
    _, first, inverse, counts = np.unique(ends.reshape(-1, 4), axis=0, return_index=True,
                                          return_inverse=True, return_counts=True)
    if (counts > 2).any():
        raise ValueError("Les unités se chevauchent : un même segment borde plus de deux "
                         "unités.")
    other = np.full(len(first), -1)
    second = np.flatnonzero(np.arange(len(unit)) != first[inverse])
    other[inverse[second]] = unit[second]
    projected = gpd.GeoSeries(shapely.points(ends[first].reshape(-1, 2)), crs=units.crs)
    xy = shapely.get_coordinates(projected.to_crs(LENGTH_CRS).values).reshape(-1, 2, 2)
    length = np.hypot(*(xy[:, 1] - xy[:, 0]).T) / 1000
    return UnitEdges(codes=units[CODE].to_numpy(), left=unit[first], right=other,
                     coords=ends[first], length_km=length, crs=units.crs)


def boundary_mismatch(a: Zoning, b: Zoning, edges: UnitEdges) -> gpd.GeoDataFrame:
    """Stretches of the outlines of ``a`` that are not outlines of ``b``, and vice versa.

    Gaps have outlines too: a CPTS bordering a zone blanche has a boundary there, which a
    DAC partition does not share. The outline of the units (the region's limit) is left
    out: it bounds the data, not a choice of either zoning.

    Returns
    -------
    geopandas.GeoDataFrame
        In ``edges.crs``, one row per ``side`` ("a": boundary of ``a`` only, "b": of
        ``b`` only), ``territories`` (tuple of the ids of that side's territories whose
        outline runs there: both neighbours, or one next to a gap) and ``inside`` (tuple
        of the ids of the other zoning's territories containing the stretch; empty in its
        gaps): ``length_km`` (in ``LENGTH_CRS``) and the merged lines. Sorted by side,
        then by decreasing length.
    """
    inner = np.flatnonzero(edges.right >= 0)
    left, right = edges.left[inner], edges.right[inner]
    sets_a, keys_a = _unit_keys(a, edges.codes)
    sets_b, keys_b = _unit_keys(b, edges.codes)
    frames = []
    for side, own, other, own_keys, other_keys in (("a", sets_a, sets_b, keys_a, keys_b),
                                                   ("b", sets_b, sets_a, keys_b, keys_a)):
        mismatch = (own_keys[left] != own_keys[right]) & (other_keys[left] == other_keys[right])
        segment = inner[mismatch]
        pairs = zip(own_keys[left[mismatch]], own_keys[right[mismatch]], strict=True)
        frames.append(pd.DataFrame({
            "side": side,
            "territories": [_symmetric_difference(own[i], own[j]) for i, j in pairs],
            "inside": [other[k] for k in other_keys[left[mismatch]]],
            "length_km": edges.length_km[segment],
            "segment": segment,
        }))
    segments = pd.concat(frames, ignore_index=True)
    groups = segments.groupby(["side", "territories", "inside"], sort=False)
    frame = groups["length_km"].sum().reset_index()
    group = groups.ngroup().to_numpy()
    order = np.argsort(group, kind="stable")
    lines = shapely.linestrings(edges.coords[segments["segment"].to_numpy()[order]])
    merged = shapely.line_merge(shapely.multilinestrings(lines, indices=group[order]))
    result = gpd.GeoDataFrame(frame, geometry=merged if len(frame) else [], crs=edges.crs)
    return result.sort_values(["side", "length_km"], ascending=[True, False],
                              ignore_index=True)


# --- Precarity ---------------------------------------------------------------------------

def precarity_profile(zoning: Zoning, units: pd.DataFrame, table: pd.DataFrame,
                      indicators: Iterable[Indicator] = PROFILE_INDICATORS) -> pd.DataFrame:
    """Profile each territory: indicators, rank in the zoning, gaps to its surroundings.

    Parameters
    ----------
    zoning : Zoning
    units : pandas.DataFrame
        Columns ``code``, ``departement``, ``population``: the région the territories are
        compared with, and the population telling a territory's main département.
    table : pandas.DataFrame
        Indicator table indexed by code (:func:`geodata.observations.filosofi.load_filosofi`).
    indicators : iterable of Indicator
        By default the precarity indicators (non-zero direction).

    Returns
    -------
    pandas.DataFrame
        One row per indicator and territory (fiche order): ``indicator`` (code),
        ``territory_id``, ``value`` and ``coverage`` (:func:`aggregate_indicator`: a unit
        shared by two territories counts fully in each), ``rank`` (1 = most precarious
        among the territories with a value, ties share the best rank; missing for a
        neutral indicator), ``departement`` (holding most of the territory's population),
        ``departement_value``, ``gap_departement``, ``region_value``, ``gap_region``
        (value minus reference, in the indicator's unit: percentage points for a %).
    """
    territories = pd.Index(list(zoning.fiches), name=TERRITORY_ID)
    main = departement_pieces(zoning, units).drop_duplicates(TERRITORY_ID)
    departement = main.set_index(TERRITORY_ID)[PIECE].reindex(territories)
    membership = zoning.membership.rename(columns={TERRITORY_ID: "territory"})
    frames = []
    for indicator in indicators:
        values = aggregate_indicator(table, indicator, membership).reindex(territories)
        values["coverage"] = values["coverage"].fillna(0.0)
        references = aggregate_departements(table, indicator, units)["value"]
        region = aggregate_region(table, indicator, units)["value"].iloc[0]
        reference = departement.map(references)
        rank = (values["value"].rank(ascending=indicator.direction < 0, method="min")
                if indicator.direction else pd.Series(np.nan, index=territories))
        frames.append(pd.DataFrame({
            "indicator": indicator.code, TERRITORY_ID: territories,
            "value": values["value"].to_numpy(), "coverage": values["coverage"].to_numpy(),
            "rank": rank.astype("Int64").to_numpy(),
            DEPARTEMENT: departement.to_numpy(),
            "departement_value": reference.to_numpy(),
            "gap_departement": (values["value"] - reference).to_numpy(),
            "region_value": region, "gap_region": (values["value"] - region).to_numpy(),
        }))
    return pd.concat(frames, ignore_index=True)


# --- Summary -----------------------------------------------------------------------------

def heterogeneity_summary(zonings: Mapping[str, Zoning], units: pd.DataFrame) -> dict:
    """Nesting of every ordered pair, gaps and cross-département territories, JSON-ready.

    Returns
    -------
    dict
        ``{"pairs": [{"a", "b", "nesting_index", "split_territories"}, …],
        "gaps": {key: {"units", "population"}}, "crossing_departements": {key: [ids]}}``
        with every ordered pair of distinct zonings (order of ``zonings``), every zoning
        in ``gaps`` (zeros when it covers everything) and in ``crossing_departements``
        (fiche order, empty when none). Indices are rounded to ``SUMMARY_DECIMALS``
        decimals, None when undefined.
    """
    matrix = nesting_matrix(zonings, units)
    pairs = [{"a": row.a, "b": row.b,
              "nesting_index": None if np.isnan(row.nesting_index)
              else round(float(row.nesting_index), SUMMARY_DECIMALS),
              "split_territories": int(row.split_territories)}
             for row in matrix.itertuples(index=False)]
    blank = {key: gaps_by_departement(zoning, units).sum() for key, zoning in zonings.items()}
    return {
        "pairs": pairs,
        "gaps": {key: {"units": int(total["uncovered_units"]),
                       "population": int(total["uncovered_population"])}
                 for key, total in blank.items()},
        "crossing_departements": {
            key: departement_crossings(zoning, units)[TERRITORY_ID].unique().tolist()
            for key, zoning in zonings.items()},
    }


# --- Helpers -----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Base:
    """The units as arrays: what every overlay of two zonings is computed on."""

    codes: pd.Index
    population: np.ndarray

    @classmethod
    def of(cls, units: pd.DataFrame) -> _Base:
        return cls(codes=pd.Index(units[CODE]),
                   population=units["population"].to_numpy(dtype=float))


@dataclass(frozen=True)
class _Links:
    """Membership of a zoning on the units, as integer arrays.

    ``part`` is the part of the unit's population the territory gets: 1/k for a unit
    claimed by k territories.
    """

    ids: tuple[str, ...]
    territory: np.ndarray
    unit: np.ndarray
    part: np.ndarray


def _links(zoning: Zoning, base: _Base) -> _Links:
    membership = zoning.membership
    unit = base.codes.get_indexer(membership[CODE]).astype(np.intp)
    territory = pd.Index(list(zoning.fiches)).get_indexer(membership[TERRITORY_ID])
    known = unit >= 0  # members outside the units given are left out
    territory, unit = territory[known].astype(np.intp), unit[known]
    claims = np.bincount(unit, minlength=len(base.population))
    return _Links(ids=tuple(zoning.fiches), territory=territory, unit=unit,
                  part=1.0 / claims[unit])


def _departement_links(units: pd.DataFrame) -> _Links:
    ids, territory = np.unique(units[DEPARTEMENT].to_numpy(dtype=str), return_inverse=True)
    return _Links(ids=tuple(ids.tolist()), territory=territory, unit=np.arange(len(units)),
                  part=np.ones(len(units)))


def _overlay(a: _Links, b: _Links, base: _Base) -> tuple[np.ndarray, np.ndarray, _Links, _Links]:
    """Sum the population and units of each territory of ``a`` in each of ``b``.

    Rows are the territories of ``a``, columns those of ``b`` then the part outside
    ``b``'s coverage. Returns both matrices and the links, for :func:`_pieces` and
    :func:`_nesting`.
    """
    order = np.argsort(b.unit, kind="stable")
    b_unit = b.unit[order]
    # Sentinel after b's links: where a unit of a has no territory of b.
    b_territory = np.append(b.territory[order], len(b.ids))
    b_part = np.append(b.part[order], 1.0)
    start = np.searchsorted(b_unit, a.unit, side="left")
    found = np.searchsorted(b_unit, a.unit, side="right") - start
    rows = np.maximum(found, 1)
    source = np.repeat(np.arange(len(a.unit)), rows)
    offset = np.arange(len(source)) - np.repeat(np.cumsum(rows) - rows, rows)
    target = np.where(np.repeat(found > 0, rows), start[source] + offset, len(b_unit))
    cell = (a.territory[source], b_territory[target])
    people = np.zeros((len(a.ids), len(b.ids) + 1))
    np.add.at(people, cell, base.population[a.unit[source]] * a.part[source] * b_part[target])
    units = np.zeros(people.shape, dtype=int)
    np.add.at(units, cell, 1)
    return people, units, a, b


def _pieces(people: np.ndarray, units: np.ndarray, a: _Links, b: _Links) -> pd.DataFrame:
    row, column = np.nonzero(units)
    total = people.sum(axis=1)
    with np.errstate(invalid="ignore"):
        share = people[row, column] / total[row]
    order = np.lexsort((column, -units[row, column], -np.nan_to_num(share), row))
    pieces = np.array([*b.ids, None], dtype=object)
    return pd.DataFrame({
        TERRITORY_ID: np.array(a.ids, dtype=object)[row[order]],
        PIECE: pieces[column[order]],
        "units": units[row, column][order],
        "population": people[row, column][order],
        "share": share[order],
    })


def _nesting(people: np.ndarray, units: np.ndarray, a: _Links, b: _Links) -> pd.DataFrame:
    total = people.sum(axis=1)
    keep = total > 0
    people, units, total = people[keep], units[keep], total[keep]
    rows = np.arange(len(people))
    # The outside column can never be the main piece: rank it below any territory of b.
    main = np.where(np.arange(people.shape[1]) < len(b.ids), people, -1.0).argmax(axis=1)
    has_main = (main < len(b.ids)) & (units[rows, main] > 0)
    main_share = np.where(has_main, people[rows, main], 0.0) / total
    outside_share = people[:, -1] / total
    status = np.select([main_share >= NESTED_SHARE, outside_share >= NESTED_SHARE],
                       [Nesting.NESTED.value, Nesting.OUTSIDE.value], Nesting.SPLIT.value)
    return pd.DataFrame({
        "population": total,
        "pieces": (units[:, :-1] > 0).sum(axis=1),
        "main": np.where(has_main, np.array([*b.ids, None], dtype=object)[main], None),
        "main_share": main_share,
        "outside_share": outside_share,
        "status": status,
    }, index=pd.Index(np.array(a.ids, dtype=object)[keep], name=TERRITORY_ID))


def _index(nesting: pd.DataFrame) -> float:
    total = nesting["population"].sum()
    if total <= 0:
        return np.nan
    return float((nesting["population"] * nesting["main_share"]).sum() / total)


def _unit_keys(zoning: Zoning, codes: np.ndarray) -> tuple[list[tuple[str, ...]], np.ndarray]:
    """Give each distinct set of territories a key, and each unit the key of its set.

    Two neighbouring units are separated by an outline of the zoning iff their keys
    differ; uncovered units share the key of the empty set.
    """
    claimed = [zoning.territories_of(code) for code in codes]
    sets = list(dict.fromkeys(claimed))
    number = {territories: key for key, territories in enumerate(sets)}
    return sets, np.array([number[territories] for territories in claimed], dtype=np.intp)


def _symmetric_difference(one: tuple[str, ...], other: tuple[str, ...]) -> tuple[str, ...]:
    """Territories holding exactly one of two units: those whose outline passes between."""
    return tuple(sorted(set(one).symmetric_difference(other)))
