"""Coverage of a zoning: the units in no territory (zones blanches) and those claimed twice."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata.heterogeneity.nesting import DEPARTEMENT
from geodata.zonings.model import CODE, Zoning


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
