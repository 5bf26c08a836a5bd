"""Precarity of each territory of a zoning, against its département and the region."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from geodata.heterogeneity.nesting import DEPARTEMENT, PIECE, departement_pieces
from geodata.observations.aggregation import (
    aggregate_departements,
    aggregate_indicator,
    aggregate_region,
)
from geodata.observations.indicators import INDICATORS, Indicator
from geodata.zonings.model import TERRITORY_ID, Zoning

#: Indicators of :func:`precarity_profile` by default: those that say which way is precarious.
PROFILE_INDICATORS: tuple[Indicator, ...] = tuple(i for i in INDICATORS if i.direction)


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
        ``territory_id``, ``value`` and ``coverage`` (:func:`aggregate_indicator`: each
        unit weighs its effective share, half for a unit shared by two territories in
        unknown parts), ``rank`` (1 = most precarious
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
