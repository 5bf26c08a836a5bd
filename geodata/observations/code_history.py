"""Commune codes of older vintages brought to the units of the map, and their values combined.

Observation files are published in the geography of their year: Filosofi 2021, the
DREES APL and the CAF 2020 files still have Pierrefitte-sur-Seine (93059), merged into
Saint-Denis (93066) on 1 January 2025. Every code goes through the region's code history
(:func:`geodata.base.load_code_aliases`, kind ``ancienne_commune``) to its current unit;
values of a merged commune are combined honestly: counts summed, rates averaged with
the weights given, **missing unless every part has a value** — never silently dropped.

Examples
--------
>>> aliases = pd.DataFrame({"alias": ["93059"], "kind": ["ancienne_commune"],
...                         "codes": ["93066"], "nom": ["Pierrefitte-sur-Seine"]})
>>> current_units(pd.Index(["93066", "93059", "99999"]), {"93066"}, aliases).tolist()
['93066', '93066', None]
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
import pandas as pd

from geodata.zonings.codes import FORMER_COMMUNE, PARENT_COMMUNE

#: Separator of the codes of an alias.
CODES_SEPARATOR = ";"


def successors(aliases: pd.DataFrame) -> dict[str, str]:
    """Former commune code → the single current unit it merged into."""
    former = aliases[(aliases["kind"] == FORMER_COMMUNE)
                     & ~aliases["codes"].str.contains(CODES_SEPARATOR, regex=False)]
    return dict(zip(former["alias"], former["codes"], strict=True))


def split_cities(aliases: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """City code → codes of its arrondissements (the units that stand for it)."""
    cities = aliases[aliases["kind"] == PARENT_COMMUNE]
    return {city: tuple(codes.split(CODES_SEPARATOR))
            for city, codes in zip(cities["alias"], cities["codes"], strict=True)}


def current_units(codes: Sequence[str] | pd.Index, unit_codes: Collection[str],
                  aliases: pd.DataFrame) -> np.ndarray:
    """Return the unit each commune code stands for today, None when it is no unit.

    A unit code is itself; a former commune merged into one unit is that unit; anything
    else (a city given as a whole, a code of another region, a typo) is None.
    """
    following = successors(aliases)
    return np.array([code if code in unit_codes else following.get(code) for code in codes],
                    dtype=object)


def combine_by_unit(frame: pd.DataFrame, units: np.ndarray, weight: pd.Series,
                    rates: Sequence[str] = (), counts: Sequence[str] = ()) -> tuple[
                        pd.DataFrame, dict[str, list[str]]]:
    """One row per unit from rows keyed by older codes.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows of a file, indexed by its codes.
    units : numpy.ndarray
        Unit of each row (:func:`current_units`); rows without one are left out.
    weight : pandas.Series
        Weight of each row (same index) for the rates: persons, population. Summed.
    rates, counts : sequence of str
        Columns averaged with ``weight`` (missing unless every part and its weight is
        known) and columns summed (missing unless every part is known).

    Returns
    -------
    The frame indexed by unit code (``weight`` summed in a column of its name), and
    per unit the codes combined into it when there were several.
    """
    keep = pd.notna(units)
    rows = frame.loc[keep, [*rates, *counts]]
    groups = pd.Index(units[keep].astype(str), name=frame.index.name)
    weights = weight.loc[keep].to_numpy(dtype=float)
    single = ~groups.duplicated(keep=False)
    result = rows[single].set_axis(groups[single])
    result[weight.name] = weights[single]
    combined: dict[str, list[str]] = {}
    if (~single).any():
        parts = rows[~single].set_axis(groups[~single])
        part_weight = pd.Series(weights[~single], index=parts.index)
        by = parts.index
        merged = pd.DataFrame(index=pd.Index(by.unique(), name=frame.index.name))
        weight_known = part_weight.notna().groupby(by).all()
        merged[weight.name] = part_weight.groupby(by).sum().where(weight_known)
        for column in rates:
            complete = (parts[column].notna() & part_weight.notna()).groupby(by).all()
            total = (parts[column] * part_weight).groupby(by).sum()
            merged[column] = (total / merged[weight.name]).where(complete)
        for column in counts:
            complete = parts[column].notna().groupby(by).all()
            merged[column] = parts[column].groupby(by).sum().where(complete)
        result = pd.concat([result, merged[result.columns]])
        codes = frame.index[keep][~single]
        for unit, code in zip(groups[~single], codes, strict=True):
            combined.setdefault(unit, []).append(code)
    return result, combined
