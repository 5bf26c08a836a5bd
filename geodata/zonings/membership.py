"""Effective shares of a zoning's members: the one number every computation uses.

A member ``(territory, unit)`` covers the whole unit unless an explicit share is given
(from polygons, or a « part » column). For the k members of a unit without explicit
share, the effective share is what the explicit shares of that unit leave (1 − Σ, never
below 0), split equally: a unit listed under two CPTS without split counts half in each,
so the sum of the territories' populations never exceeds the population covered.

Examples
--------
>>> members = (("A", "1"), ("B", "1"), ("C", "1"), ("A", "2"))
>>> share, known = effective_shares(members, {("C", "1"): 0.5})
>>> share.tolist(), known.tolist()
([0.25, 0.25, 0.5, 1.0], [False, False, True, True])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd

#: Sums of shares are compared with this leeway (floating-point sums of polygon parts).
SHARE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class PartialUnit:
    """A unit of a territory that the territory does not cover whole.

    Attributes
    ----------
    code : str
        Unit code.
    share : float
        Effective share of the unit in the territory.
    known : bool
        False for a « commune partagée » in unknown parts (listed under several
        territories without split): ``share`` is then an equal part.
    others : tuple of str
        Ids of the other territories of the zoning covering the unit.
    """

    code: str
    share: float
    known: bool
    others: tuple[str, ...]


def grouped(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Values of each key, in the order of the pairs."""
    result: dict[str, list[str]] = {}
    for key, value in pairs:
        result.setdefault(key, []).append(value)
    return {key: tuple(values) for key, values in result.items()}


def checked_shares(members: tuple[tuple[str, str], ...],
                   shares: Mapping[tuple[str, str], float]) -> Mapping[tuple[str, str], float]:
    """Keep the explicit shares of members that are below 1, in members' order.

    Raises
    ------
    ValueError
        For a share that names no member, is not in (0, 1], or when the explicit shares
        of one unit add up to more than 1: readers check these before building a zoning.
    """
    if not shares:
        return MappingProxyType({})
    unknown = set(shares) - set(members)
    if unknown:
        raise ValueError(f"shares name pairs that are not members: {sorted(unknown)[:5]}")
    kept: dict[tuple[str, str], float] = {}
    totals: dict[str, float] = {}
    for pair in members:
        if pair not in shares:
            continue
        value = float(shares[pair])
        if not 0.0 < value <= 1.0:
            raise ValueError(f"share of {pair} is {value}, outside (0, 1]")
        totals[pair[1]] = totals.get(pair[1], 0.0) + value
        if value < 1.0 - SHARE_TOLERANCE:
            kept[pair] = value
    over = {code: total for code, total in totals.items() if total > 1.0 + SHARE_TOLERANCE}
    if over:
        raise ValueError(f"explicit shares of a unit add up to more than 1: {over}")
    return MappingProxyType(kept)


def effective_shares(members: tuple[tuple[str, str], ...],
                     shares: Mapping[tuple[str, str], float]) -> tuple[np.ndarray, np.ndarray]:
    """Effective share of each member, and whether it is known (see module docstring)."""
    count = len(members)
    if not count:
        return np.zeros(0), np.zeros(0, dtype=bool)
    codes = pd.Index([code for _, code in members])
    unit, _ = pd.factorize(codes)
    explicit = np.array([shares.get(pair, np.nan) for pair in members], dtype=float) \
        if shares else np.full(count, np.nan)
    has_share = ~np.isnan(explicit)
    explicit_total = np.bincount(unit, weights=np.where(has_share, explicit, 0.0))
    without = np.bincount(unit, weights=(~has_share).astype(float))
    listed = np.bincount(unit)
    left = np.clip(1.0 - explicit_total, 0.0, None)
    with np.errstate(divide="ignore", invalid="ignore"):
        equal_part = np.where(without > 0, left / np.maximum(without, 1), 0.0)
    share = np.where(has_share, explicit, equal_part[unit])
    known = has_share | (listed[unit] == 1)
    return share, known


def partial_units(membership: pd.DataFrame, by_code: Mapping[str, tuple[str, ...]],
                  partial_codes: frozenset[str]) -> dict[str, tuple[PartialUnit, ...]]:
    """Partial units of every territory, from a zoning's membership frame."""
    if not partial_codes:
        return {}
    rows = membership[membership["code"].isin(list(partial_codes))]
    result: dict[str, list[PartialUnit]] = {}
    for tid, code, share, known in zip(rows["territory_id"], rows["code"], rows["share"],
                                       rows["share_known"], strict=True):
        others = tuple(other for other in by_code[code] if other != tid)
        result.setdefault(tid, []).append(PartialUnit(code, float(share), bool(known), others))
    return {tid: tuple(units) for tid, units in result.items()}
