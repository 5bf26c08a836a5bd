"""Share of each IRIS inside a territory whose polygon cuts its commune.

IRIS values aggregated over a territory weigh each IRIS by its population times its
share in the territory (:meth:`geodata.observations.tables.Observations.aggregate_iris`).
Without a polygon the only share known is the commune's, the same for all its IRIS. With
one, a CPTS holding the north of Saint-Denis holds the northern IRIS, not a slice of
each: the share of an IRIS is the share of its area inside the polygon (areas in an
equal-area projection). A commune the territory holds whole keeps 1 for all its IRIS.

The thresholds of the commune shares apply (:mod:`geodata.zonings.shares`): a share below
:data:`~geodata.zonings.constants.SLIVER_SHARE` is a digitising sliver (0), one above 1
minus it is the whole IRIS. Where the polygons of neighbouring territories overlap, the
shares of an IRIS are scaled to sum to 1, so that no one is counted twice.

Observations may use older IRIS codes than the polygons (Pierrefitte's 93059 IRIS, now
Saint-Denis' 9306616xx): an observed IRIS without a polygon of its own gets the share of
the polygons of its commune that no observation names (together, the recoded area).

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import box
>>> iris = gpd.GeoDataFrame({"code": ["A1", "A2"], "commune": ["A", "A"]},
...                         geometry=[box(2.0, 48.0, 2.1, 48.1), box(2.1, 48.0, 2.2, 48.1)],
...                         crs="EPSG:4326")
>>> membership = pd.DataFrame({"territory": ["T"], "code": ["A"], "share": [0.5]})
>>> iris_shares(membership, {"T": box(2.0, 48.0, 2.1, 48.1)}, iris).to_dict("records")
[{'territory': 'T', 'iris': 'A1', 'share': 1.0}, {'territory': 'T', 'iris': 'A2', 'share': 0.0}]
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.geometry import EQUAL_AREA_CRS

from .constants import OUTPUT_CRS, SLIVER_SHARE

COLUMNS = ["territory", "iris", "share"]


def iris_shares(membership: pd.DataFrame, outlines: Mapping[str, object],
                iris: gpd.GeoDataFrame, observed: pd.Series | None = None) -> pd.DataFrame:
    """Share of each IRIS of the communes that territories' polygons cut.

    Parameters
    ----------
    membership : pandas.DataFrame
        ``territory``, ``code``, ``share`` (effective share of the commune): the whole
        zoning, so that overlapping polygons are scaled together.
    outlines : mapping
        Territory → polygon (WGS84, :attr:`geodata.zonings.Zoning.outlines`).
    iris : geopandas.GeoDataFrame
        IRIS units: ``code``, ``commune``, geometry (:func:`geodata.base.load_iris`).
    observed : pandas.Series, optional
        Unit of each IRIS code the observations use, indexed by code: those without a
        polygon take the share of the polygons no observation names, in their unit.

    Returns
    -------
    pandas.DataFrame
        ``territory``, ``iris``, ``share`` (0 to 1) for every IRIS of every commune a
        territory with a polygon holds in part; other IRIS take their commune's share.
    """
    partial = membership[(membership["share"] < 1.0)
                         & membership["territory"].isin(list(outlines))]
    if partial.empty or iris.empty:
        return pd.DataFrame(columns=COLUMNS).astype({"share": float})
    pairs = partial[["territory", "code"]].merge(
        pd.DataFrame({"code": iris["commune"].to_numpy(), "position": np.arange(len(iris))}),
        on="code")
    if pairs.empty:
        return pd.DataFrame(columns=COLUMNS).astype({"share": float})
    iris_shapes = iris.geometry.to_crs(EQUAL_AREA_CRS).to_numpy()
    territories = pd.unique(pairs["territory"])
    outline_shapes = gpd.GeoSeries([outlines[tid] for tid in territories], crs=OUTPUT_CRS,
                                   index=territories).to_crs(EQUAL_AREA_CRS)
    shapes = iris_shapes[pairs["position"].to_numpy()]
    inside = shapely.area(shapely.intersection(
        outline_shapes.reindex(pairs["territory"]).to_numpy(), shapes))
    share = np.divide(inside, shapely.area(shapes), out=np.zeros(len(pairs)),
                      where=shapely.area(shapes) > 0)
    share = _rounded(share)
    result = pd.DataFrame({"territory": pairs["territory"].to_numpy(),
                           "iris": iris["code"].to_numpy()[pairs["position"].to_numpy()],
                           "share": share})
    if observed is not None:
        result = pd.concat([result, _recoded(result, pairs, shapes, inside, observed,
                                             set(iris["code"]))], ignore_index=True)
    total = result.groupby("iris")["share"].transform("sum").to_numpy()
    share = result["share"].to_numpy()
    result["share"] = np.where(total > 1.0, share / np.where(total > 0, total, 1.0), share)
    return result


def _recoded(result: pd.DataFrame, pairs: pd.DataFrame, shapes: np.ndarray,
             inside: np.ndarray, observed: pd.Series, drawn: set[str]) -> pd.DataFrame:
    """Shares of observed IRIS without a polygon: that of their unit's unnamed polygons."""
    lost = observed[~observed.index.isin(list(drawn))]
    unnamed = ~result["iris"].isin(observed.index).to_numpy()
    if lost.empty or not unnamed.any():
        return pd.DataFrame(columns=COLUMNS).astype({"share": float})
    area = pd.DataFrame({"territory": pairs["territory"].to_numpy()[unnamed],
                         "code": pairs["code"].to_numpy()[unnamed],
                         "inside": inside[unnamed], "area": shapely.area(shapes[unnamed])})
    area = area.groupby(["territory", "code"], as_index=False)[["inside", "area"]].sum()
    area["share"] = _rounded(area["inside"].to_numpy() / area["area"].to_numpy())
    rows = area.merge(pd.DataFrame({"code": lost.to_numpy(), "iris": lost.index}), on="code")
    return rows[COLUMNS]


def _rounded(share: np.ndarray) -> np.ndarray:
    """Slivers to 0, near-whole IRIS to 1 (the thresholds of the commune shares)."""
    return np.where(share < SLIVER_SHARE, 0.0, np.where(share > 1 - SLIVER_SHARE, 1.0, share))
