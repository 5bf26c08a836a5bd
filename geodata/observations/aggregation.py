"""Combine commune values into territory values, saying how much of each territory they cover.

A territory value is only as good as the communes behind it: Filosofi withholds small
communes (secret statistique), so every value comes with its ``coverage``, the share of the
territory's weight (persons in fiscal households for rates) that has a value. Missing
values are left out, never counted as zero.

Examples
--------
>>> values = pd.Series({"A": 10.0, "B": 20.0, "C": float("nan")})
>>> weights = pd.Series({"A": 100.0, "B": 300.0, "C": 100.0})
>>> membership = pd.DataFrame({"territory": ["T", "T", "T"], "code": ["A", "B", "C"]})
>>> aggregate(values, weights, membership, "rate").to_dict("index")
{'T': {'value': 17.5, 'coverage': 0.8}}
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd

from geodata.observations.indicators import (
    AREA_CODE,
    KINDS,
    POPULATION_CODE,
    WEIGHT_CODE,
    Indicator,
    Kind,
)

#: Column of the indicator table that weighs each kind (see :func:`aggregate`).
WEIGHT_OF_KIND: Mapping[Kind, str] = MappingProxyType({
    "rate": WEIGHT_CODE,
    "ratio": WEIGHT_CODE,
    "count": POPULATION_CODE,
    "density": AREA_CODE,
})
#: Label of the single territory made of all the units (shown in comparison tables).
REGION_TERRITORY = "Ensemble de la région"


def aggregate(values: pd.Series, weights: pd.Series, membership: pd.DataFrame,
              kind: Kind, known_share: pd.Series | None = None) -> pd.DataFrame:
    """Value and coverage of each territory from the values of its communes.

    Parameters
    ----------
    values, weights : pandas.Series
        Indexed by commune code. NaN values are missing (secret, absent from the source).
        Weights also measure coverage; a missing weight counts as 0, so for a mean a
        commune without weight is left out entirely.
    membership : pandas.DataFrame
        Columns ``territory`` and ``code``, and optionally ``share``: the part of the
        commune in the territory (:attr:`geodata.zonings.Zoning.membership`), by which
        its weight (or, for a count, its value) is multiplied; 1 when absent. A commune
        shared by two CPTS in unknown parts thus weighs half in each.
    kind : {"rate", "ratio", "density", "count"}
        ``rate`` and ``ratio``: mean of the values weighted by ``weights`` (persons in
        fiscal households). ``density``: same with areas as weights, which equals
        sum(population) / sum(area) since each density is population / area.
        ``count``: sum of the values.
    known_share : pandas.Series, optional
        Indexed by commune code: the share (0..1) of each commune's weight that its value
        covers, for values that are themselves partial (a sum over IRIS of which some are
        withheld). The coverage counts only that share; missing means 1 where a value is.

    Returns
    -------
    pandas.DataFrame
        Indexed by territory, in order of first appearance: ``value`` (NaN when no
        commune has a value) and ``coverage`` (0..1, share of the territory's weight
        carried by communes with a value; 0 when none).
    """
    if kind not in KINDS:
        raise ValueError(f"Type d'agrégation inconnu : {kind!r} (attendu : {', '.join(KINDS)}).")
    for series, what in ((values, "valeurs"), (weights, "poids")):
        if series.index.has_duplicates:
            raise ValueError(f"Codes commune en double dans les {what}.")
    columns = ["territory", "code", *(["share"] if "share" in membership else [])]
    links = membership[columns].dropna().drop_duplicates(["territory", "code"])
    share = links["share"].to_numpy(dtype=float) if "share" in links else 1.0
    # One lookup of the codes for both series (the costly step for 35,000 communes).
    columns = {"value": values, "weight": weights}
    if known_share is not None:
        columns["share"] = known_share
    joined = pd.DataFrame(columns).reindex(links["code"])
    value = joined["value"].to_numpy(dtype=float, na_value=np.nan)
    weight = np.nan_to_num(joined["weight"].to_numpy(dtype=float, na_value=np.nan),
                           nan=0.0) * share
    if kind == "count":
        value = value * share
    known = ~np.isnan(value) & ((weight > 0) | (kind == "count"))
    covered = np.where(known, weight, 0.0)
    if known_share is not None:
        share = joined["share"].to_numpy(dtype=float, na_value=np.nan)
        covered = covered * np.clip(np.nan_to_num(share, nan=1.0), 0.0, 1.0)
    group, territories = pd.factorize(links["territory"].to_numpy())
    sums = {name: np.bincount(group, weights=terms, minlength=len(territories)) for name, terms in (
        ("weight", weight),
        ("covered", covered),
        ("known_weight", np.where(known, weight, 0.0)),
        ("term", np.where(known, value * weight if kind != "count" else value, 0.0)),
        ("known", known.astype(float)),
    )}
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = sums["term"] if kind == "count" else sums["term"] / sums["known_weight"]
        result = np.where(sums["known"] > 0, mean, np.nan)
        coverage = np.where(sums["weight"] > 0, sums["covered"] / sums["weight"], 0.0)
    return pd.DataFrame({"value": result, "coverage": coverage},
                        index=pd.Index(territories, name="territory"))


def aggregate_indicator(table: pd.DataFrame, indicator: Indicator,
                        membership: pd.DataFrame) -> pd.DataFrame:
    """:func:`aggregate` one column of an indicator table with the weight it needs.

    ``table`` is indexed by commune code and holds the indicator column and the weight
    columns (the indicator's own ``weight``, else :data:`WEIGHT_OF_KIND`), as
    :func:`geodata.catalog.load_indicator_table` returns. Counts of places (QPV) are not
    sums of commune counts: :meth:`geodata.observations.tables.Observations.aggregate`
    counts them.
    """
    if indicator.places is not None:
        raise ValueError(f"{indicator.code} compte des lieux : agrégez-le avec "
                         "Observations.aggregate, pas en sommant les communes.")
    weights = table[indicator.weight or WEIGHT_OF_KIND[indicator.kind]]
    known_share = table[indicator.known_share] if indicator.known_share else None
    return aggregate(table[indicator.code], weights, membership, indicator.kind, known_share)


def aggregate_departements(table: pd.DataFrame, indicator: Indicator,
                           units: pd.DataFrame) -> pd.DataFrame:
    """Territory values of the départements of ``units``, to compare territories with."""
    membership = pd.DataFrame({"territory": units["departement"].to_numpy(),
                               "code": units["code"].to_numpy()})
    return aggregate_indicator(table, indicator, membership)


def aggregate_region(table: pd.DataFrame, indicator: Indicator, units: pd.DataFrame,
                     territory: str = REGION_TERRITORY) -> pd.DataFrame:
    """One-row frame: the value over all ``units`` (the region), indexed by ``territory``."""
    membership = pd.DataFrame({"territory": territory, "code": units["code"].to_numpy()})
    return aggregate_indicator(table, indicator, membership)
