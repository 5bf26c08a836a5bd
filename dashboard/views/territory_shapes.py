"""The shape of each territory at a level of detail, built from the communes it covers.

A territory is the union of its *pieces*: each commune it covers whole, and, where its
file had a polygon and it covers only part of a commune, that polygon cut to the commune
(at the level's geometry, so that piece and commune share their outer edge). Everything
is computed per territory from the shared coverage of communes: the work and memory grow
with the number of memberships (bounded at import), never with territories × communes.

A commune listed under several territories without a split has no piece of its own: it
lies whole in each of them, and the map marks it with an inner dashed line
(:func:`shared_rings`).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.geometry import EQUAL_AREA_CRS, dissolve
from geodata.zonings import Zoning

#: Distance (metres) inside a shared commune's limit at which its dashed ring runs, by
#: level: about 2 pixels on screen, clear of the commune's own outline.
SHARED_RING_INSET_M = {"detail": 120.0, "overview": 350.0, "coarse": 1200.0}
POLYGON_TYPES = (3, 6)


def pieces(zoning: Zoning, unit_geometry: gpd.GeoSeries,
           territory_ids: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Cut the territories (all, or ``territory_ids``) into pieces, in membership order.

    Returns
    -------
    pandas.DataFrame
        ``territory_id``, ``code``, ``partial`` (a polygon cut to the commune) and
        ``geometry``; members whose code is not in ``unit_geometry`` are left out.
    """
    membership = zoning.membership
    if territory_ids is not None:
        membership = membership[membership["territory_id"].isin(territory_ids)]
    # The index's hash table, not Series.isin: pandas' string isin builds one pyarrow
    # scalar per value looked for (8 ms for the 1,285 communes of Île-de-France).
    membership = membership[unit_geometry.index.get_indexer(membership["code"]) >= 0]
    geometry = unit_geometry.loc[membership["code"]].to_numpy()
    cut = np.array([(tid, code) in zoning.shares and tid in zoning.outlines
                    for tid, code in zip(membership["territory_id"], membership["code"],
                                         strict=True)], dtype=bool)
    if cut.any():
        outlines = np.array([zoning.outlines[tid] for tid in membership["territory_id"][cut]],
                            dtype=object)
        geometry = geometry.copy()
        geometry[cut] = _polygonal(shapely.intersection(geometry[cut], outlines))
    return pd.DataFrame({"territory_id": membership["territory_id"].to_numpy(),
                         "code": membership["code"].to_numpy(), "partial": cut,
                         "geometry": geometry})


def territory_shapes(zoning: Zoning, unit_geometry: gpd.GeoSeries,
                     territory_ids: tuple[str, ...] | None = None) -> gpd.GeoSeries:
    """Shape of each territory with a piece, indexed by territory id (membership order)."""
    found = pieces(zoning, unit_geometry, territory_ids)
    found = found[~shapely.is_empty(found["geometry"].to_numpy())]
    series = gpd.GeoSeries(found["geometry"].to_numpy(), crs=unit_geometry.crs)
    if not found["partial"].any():
        return dissolve(series, found["territory_id"].to_numpy())
    # Cut pieces are not exactly edge-matched with their neighbours: a robust union.
    groups = found.groupby("territory_id", sort=False).indices
    return gpd.GeoSeries([shapely.union_all(found["geometry"].to_numpy()[rows])
                          for rows in groups.values()], index=list(groups),
                         crs=unit_geometry.crs)


def shared_rings(zoning: Zoning, unit_geometry: gpd.GeoSeries, level: str,
                 codes: pd.Index | None = None) -> np.ndarray:
    """Inner rings of the communes shared in unknown parts, for a distinct dashed line.

    ``codes`` restricts them to the shown communes. Returns line geometries (WGS84).
    """
    membership = zoning.membership
    unknown = membership.loc[~membership["share_known"], "code"].unique()
    shown = unit_geometry.index.intersection(unknown)
    if codes is not None:
        shown = shown.intersection(codes)
    if not len(shown):
        return np.array([], dtype=object)
    inset = SHARED_RING_INSET_M.get(level, SHARED_RING_INSET_M["overview"])
    projected = unit_geometry.loc[shown].to_crs(EQUAL_AREA_CRS)
    shrunk = projected.buffer(-inset).to_crs(unit_geometry.crs)
    shrunk = shrunk[~shrunk.is_empty]
    return shapely.boundary(shrunk.to_numpy())


def _polygonal(shapes: np.ndarray) -> np.ndarray:
    """Keep the polygons of each intersection (lines and points where edges touch go)."""
    result = np.empty(len(shapes), dtype=object)
    for index, shape in enumerate(shapes):
        parts = shapely.get_parts(shape)
        polygons = parts[np.isin(shapely.get_type_id(parts), POLYGON_TYPES)]
        result[index] = (shapely.union_all(polygons) if len(polygons)
                         else shapely.Polygon())
    return result
