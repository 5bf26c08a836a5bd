"""The JSON payload of ``python -m geodata heterogeneity``: nesting, gaps and crossings."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from geodata.heterogeneity.coverage import gaps_by_departement
from geodata.heterogeneity.nesting import departement_crossings, nesting_matrix
from geodata.zonings.model import TERRITORY_ID, Zoning

#: Decimals of the shares and indices in :func:`heterogeneity_summary`.
SUMMARY_DECIMALS = 3


def heterogeneity_summary(zonings: Mapping[str, Zoning], units: pd.DataFrame) -> dict:
    """Nesting of every ordered pair, gaps and cross-département territories, JSON-ready.

    Returns
    -------
    dict
        ``{"pairs": [{"a", "b", "nesting_index", "split_territories"}, …],
        "gaps": {key: {"units", "partly_uncovered_units", "population"}},
        "crossing_departements": {key: [ids]}}``
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
                       "partly_uncovered_units": int(total["partly_uncovered_units"]),
                       "population": int(round(total["uncovered_population"]))}
                 for key, total in blank.items()},
        "crossing_departements": {
            key: departement_crossings(zoning, units)[TERRITORY_ID].unique().tolist()
            for key, zoning in zonings.items()},
    }
