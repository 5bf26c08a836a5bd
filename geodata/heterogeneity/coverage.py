"""Coverage of a zoning: zones blanches, and the units split between territories.

A unit is a zone blanche for the part no territory covers: ``1 − Σ`` of its effective
shares (:attr:`geodata.zonings.Zoning.membership`). A unit left wholly outside is a zone
blanche; a city whose CPTS polygons cover only its north is one for its south, and its
uncovered population is counted for that part only.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata.heterogeneity.nesting import DEPARTEMENT
from geodata.zonings.membership import SHARE_TOLERANCE
from geodata.zonings.model import CODE, Zoning


def uncovered_share(zoning: Zoning, units: pd.DataFrame) -> np.ndarray:
    """Part of each unit of ``units`` that no territory covers (0 to 1; tiny rests are 0)."""
    rest = 1.0 - zoning.covered_share(units[CODE])
    return np.where(rest > SHARE_TOLERANCE, rest, 0.0)


def gaps(zoning: Zoning, units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Select the units in no territory at all (zones blanches), as rows of ``units`` to draw."""
    return units[~zoning.covers(units[CODE])]


def gaps_by_departement(zoning: Zoning, units: pd.DataFrame) -> pd.DataFrame:
    """Count the units and population outside every territory, per département.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``departement`` (sorted): ``units``, ``uncovered_units`` (wholly
        outside), ``partly_uncovered_units`` (covered in part only), ``population``,
        ``uncovered_population`` (the uncovered part of every unit), ``uncovered_share``
        (of the population; 0 when it is 0).
    """
    rest = uncovered_share(zoning, units)
    population = units["population"].to_numpy(dtype=float)
    frame = pd.DataFrame({
        DEPARTEMENT: units[DEPARTEMENT].to_numpy(), "units": 1,
        "uncovered_units": (rest >= 1.0 - SHARE_TOLERANCE).astype(int),
        "partly_uncovered_units": ((rest > 0) & (rest < 1.0 - SHARE_TOLERANCE)).astype(int),
        "population": population, "uncovered_population": population * rest,
    }).groupby(DEPARTEMENT).sum()
    share = frame["uncovered_population"] / frame["population"].where(frame["population"] > 0)
    return frame.assign(uncovered_share=share.fillna(0.0))


def partly_uncovered(zoning: Zoning, units: pd.DataFrame) -> pd.DataFrame:
    """Units some territory covers, but only in part, with their uncovered share.

    Returns
    -------
    pandas.DataFrame
        ``code``, ``nom``, ``departement``, ``population`` (order of ``units``) and
        ``uncovered_share``.
    """
    rest = uncovered_share(zoning, units)
    partly = (rest > 0) & (rest < 1.0 - SHARE_TOLERANCE)
    frame = pd.DataFrame(units.loc[partly, [CODE, "nom", DEPARTEMENT, "population"]])
    return frame.reset_index(drop=True).assign(uncovered_share=rest[partly])


def overlaps(zoning: Zoning, units: pd.DataFrame) -> pd.DataFrame:
    """List the units split between several territories (shared communes).

    Returns
    -------
    pandas.DataFrame
        ``code``, ``nom``, ``departement``, ``population`` of the units concerned (order
        of ``units``), ``territories`` (the tuple of the territory ids claiming each),
        ``shares`` (their effective shares, same order) and ``known`` (False when the
        split is not given: equal parts).
    """
    shared = zoning.shared_units()
    frame = units.loc[units[CODE].isin(shared.keys()), [CODE, "nom", DEPARTEMENT, "population"]]
    frame = pd.DataFrame(frame).reset_index(drop=True)
    territories = frame[CODE].map(shared)
    return frame.assign(
        territories=territories,
        shares=[tuple(zoning.share_of(tid, code) for tid in tids)
                for code, tids in zip(frame[CODE], territories, strict=True)],
        known=[all((tid, code) in zoning.shares for tid in tids)
               for code, tids in zip(frame[CODE], territories, strict=True)],
    )
