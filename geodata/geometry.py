"""Geometry operations on coverages: sets of polygons that tile a territory without overlap.

Keeping the communes a valid coverage is what lets us simplify them and dissolve them into
territories without opening slivers or gaps between neighbours.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from geopandas import GeoSeries

#: WGS84 degrees at 5 decimals is about 1 m, plenty for thematic maps and half the JSON.
COORDINATE_GRID = 1e-5
#: ETRS89 / LAEA Europe: equal-area, so areas and densities are true.
EQUAL_AREA_CRS = "EPSG:3035"


def clean_coverage(geometries: np.ndarray) -> np.ndarray:
    """Snap to the grid, then remove overlaps so that shared edges match exactly.

    The source has a handful of communes overlapping their neighbours; GEOS' coverage
    cleaner gives each overlap to the neighbour with the longest common border.
    """
    snapped = shapely.set_precision(shapely.make_valid(np.asarray(geometries)), COORDINATE_GRID)
    return shapely.coverage_clean(snapped, snapping_distance=0)


def simplify_coverage(geometries: GeoSeries, tolerance: float) -> GeoSeries:
    """Simplify every polygon while keeping shared edges identical (no gaps nor slivers)."""
    return geometries.simplify_coverage(tolerance).set_precision(COORDINATE_GRID)


def dissolve(geometries: GeoSeries, keys: np.ndarray) -> GeoSeries:
    """Union the polygons of each key, keys in order of first appearance.

    ``coverage_union_all`` is ~10× faster than a generic dissolve; grouping by one sort
    rather than one comparison per key keeps the 500 CPTS of France linear.
    """
    group_of, groups = pd.factorize(np.asarray(keys))
    order = np.argsort(group_of, kind="stable")
    bounds = np.searchsorted(group_of[order], np.arange(len(groups) + 1))
    polygons = geometries.to_numpy()
    unions = [shapely.coverage_union_all(polygons[order[start:end]])
              for start, end in zip(bounds[:-1], bounds[1:], strict=True)]
    return GeoSeries(unions, index=list(groups), crs=geometries.crs)


def area_km2(geometries: GeoSeries) -> np.ndarray:
    """Area of each polygon in km², measured in an equal-area projection."""
    return geometries.to_crs(EQUAL_AREA_CRS).area.to_numpy() / 1e6


def fill_holes(geometries: np.ndarray, preferred: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """Give every hole enclosed by the coverage to one of the polygons around it.

    A hole is land that belongs to no unit (a merged commune whose outline the source
    lacks). It goes to the neighbour flagged in ``preferred`` (a commune known to have
    lost a part), else to the neighbour sharing the longest border with it.

    Returns
    -------
    The new geometries and, for each hole filled, the index of the polygon that took it.
    """
    filled = np.array(geometries, dtype=object)
    region = shapely.coverage_union_all(filled)
    holes = [shapely.Polygon(ring) for polygon in shapely.get_parts(region)
             for ring in polygon.interiors]
    tree = shapely.STRtree(filled)
    takers = []
    for hole in holes:
        neighbours = tree.query(hole, predicate="intersects")
        borders = shapely.length(shapely.intersection(filled[neighbours], hole.exterior))
        flagged = neighbours[preferred[neighbours]]
        taker = flagged[0] if len(flagged) == 1 else neighbours[np.argmax(borders)]
        filled[taker] = polygonal_part(shapely.union(filled[taker], hole))
        takers.append(int(taker))
    return filled, takers


def polygonal_part(geometry: shapely.Geometry) -> shapely.Geometry:
    """Return the polygons of a geometry, dropping stray lines or points an overlay leaves."""
    parts = shapely.get_parts(geometry)
    polygons = shapely.get_parts(parts[shapely.get_type_id(parts) == 3])
    return polygons[0] if len(polygons) == 1 else shapely.multipolygons(polygons)
