"""How the territories of one zoning divide among those of another, or among départements.

Each territory of a zoning A is cut into pieces, one per territory of a zoning B it meets
(:func:`territory_pieces`), plus its part outside B's coverage; from the pieces come its
status (:class:`Nesting`: nested, split or outside, :func:`territory_nesting`), the
split territories (:func:`split_territories`) and how well A nests in B overall
(:func:`nesting_index`, :func:`nesting_matrix`). Départements cut territories the same
way (:func:`departement_pieces`, :func:`departement_crossings`).

Populations are the units' ``population`` times the members' effective shares
(:attr:`geodata.zonings.Zoning.membership`): a city cut by polygons gives each CPTS its
share, a city listed under k CPTS without split gives each 1/k, so the population of a
zoning equals the population it covers. Inside a unit, the overlap of a territory of A
with a territory of B is ``population × share_A × share_B``: the two cuts are taken as
independent below the commune level, which is exact when either covers the whole unit
(the common case) and the only honest guess otherwise. The part of a unit that B covers
only partly lies outside B for the rest (``1 − Σ share_B``). Only the units of ``units``
count; membership codes that are not units are ignored.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

import numpy as np
import pandas as pd

from geodata.zonings.membership import SHARE_TOLERANCE
from geodata.zonings.model import CODE, SHARE, TERRITORY_ID, Zoning

#: A territory lies inside a territory of the other zoning when that one holds at least
#: this share of its population. The 1 % leeway absorbs a hamlet given to the neighbour
#: (a few hundred inhabitants in a CPTS of ~100,000) without hiding a real split: a CPTS
#: that takes a small town across a limit is split.
NESTED_SHARE = 0.99

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
    return index_of_nesting(territory_nesting(a, b, units))


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
            "a": key_a, "b": key_b, "nesting_index": index_of_nesting(nesting),
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

    ``part`` is the part of the unit's population the territory gets: its effective share.
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
    return _Links(ids=tuple(zoning.fiches), territory=territory[known].astype(np.intp),
                  unit=unit[known], part=membership[SHARE].to_numpy(dtype=float)[known])


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
    # The part of each unit outside b's coverage is a link of its own, to the column
    # after b's territories: the whole unit where b has none, the rest where b covers part.
    rest = 1.0 - np.bincount(b.unit, weights=b.part, minlength=len(base.population))
    outside = np.flatnonzero(rest > SHARE_TOLERANCE)
    all_unit = np.concatenate([b.unit, outside])
    order = np.argsort(all_unit, kind="stable")
    b_unit = all_unit[order]
    b_territory = np.concatenate([b.territory, np.full(len(outside), len(b.ids))])[order]
    b_part = np.concatenate([b.part, rest[outside]])[order]
    start = np.searchsorted(b_unit, a.unit, side="left")
    rows = np.searchsorted(b_unit, a.unit, side="right") - start
    source = np.repeat(np.arange(len(a.unit)), rows)
    target = start[source] + np.arange(len(source)) - np.repeat(np.cumsum(rows) - rows, rows)
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


def index_of_nesting(nesting: pd.DataFrame) -> float:
    """Compute :func:`nesting_index` from a :func:`territory_nesting` frame already made."""
    total = nesting["population"].sum()
    if total <= 0:
        return np.nan
    return float((nesting["population"] * nesting["main_share"]).sum() / total)
