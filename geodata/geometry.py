"""Geometry operations on coverages: sets of polygons that tile a territory without overlap.

Keeping the communes a valid coverage is what lets us simplify them and dissolve them into
territories without opening slivers or gaps between neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
from geopandas import GeoSeries

#: WGS84 degrees at 5 decimals is about 1 m, plenty for thematic maps and half the JSON.
COORDINATE_GRID = 1e-5
#: ETRS89 / LAEA Europe: equal-area, so areas and densities are true.
EQUAL_AREA_CRS = "EPSG:3035"


def clean_coverage(geometries: np.ndarray, snapping_distance: float = 0) -> np.ndarray:
    """Snap to the grid, then remove overlaps so that shared edges match exactly.

    The source has a handful of communes overlapping their neighbours; GEOS' coverage
    cleaner gives each overlap to the neighbour with the longest common border. With
    ``snapping_distance=0`` it can empty a polygon whose shared edge has a vertex its
    neighbour lacks (libgeos/geos#1525: Coirac, 33131, once land was added next to it):
    pass ``-1`` (GEOS' own distance) after adding land from another outline vintage, and
    check the result with :func:`empty_polygons`.
    """
    snapped = shapely.set_precision(shapely.make_valid(np.asarray(geometries)), COORDINATE_GRID)
    return shapely.coverage_clean(snapped, snapping_distance=snapping_distance)


def empty_polygons(geometries: np.ndarray) -> np.ndarray:
    """Return the indices of the geometries left empty (coverage checks do not see them)."""
    return np.flatnonzero(shapely.is_empty(np.asarray(geometries)))


def add_free_land(geometries: np.ndarray, additions: dict[int, shapely.Geometry]) -> np.ndarray:
    """Add to polygon ``i`` the part of ``additions[i]`` that no polygon covers yet.

    Used for outlines of another vintage (a commune absorbed since): only free land is
    taken, so the two vintages never fight over a border.
    """
    filled = np.array(geometries, dtype=object)
    tree = shapely.STRtree(filled)
    for index, shape in additions.items():
        near = tree.query(shape, predicate="intersects")
        free = shapely.set_precision(shapely.difference(shape, shapely.union_all(filled[near])),
                                     COORDINATE_GRID)
        parts = shapely.get_parts(free)
        parts = parts[(shapely.get_type_id(parts) == 3) & (shapely.area(parts) > 0)]
        if len(parts):
            filled[index] = shapely.set_precision(
                shapely.union_all([filled[index], *parts]), COORDINATE_GRID)
    return filled


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


@dataclass(frozen=True)
class Hole:
    """Land enclosed by a coverage that no polygon covers, and what became of it."""

    area_km2: float
    #: Index of the polygon that took it, None if it was left empty.
    taker: int | None
    #: Indices of the polygons around it.
    neighbours: tuple[int, ...]
    #: True when the taker was flagged as having lost a part, False for the longest border.
    flagged: bool = False


def fill_holes(geometries: np.ndarray, preferred: np.ndarray,
               max_unflagged_km2: float = np.inf) -> tuple[np.ndarray, list[Hole]]:
    """Give every hole enclosed by the coverage to one of the polygons around it.

    A hole is land that belongs to no unit (a merged commune whose outline the source
    lacks). It goes to the neighbour flagged in ``preferred`` (a commune known to have
    lost a part), else to the neighbour sharing the longest border with it if it is at
    most ``max_unflagged_km2``: a larger hole nobody claims is no sliver but land of
    no commune (the Spanish enclave of Llívia), left empty.

    Returns
    -------
    The new geometries and every hole found, filled or not.
    """
    filled = np.array(geometries, dtype=object)
    region = shapely.coverage_union_all(filled)
    holes = [shapely.Polygon(ring) for polygon in shapely.get_parts(region)
             for ring in polygon.interiors]
    areas = area_km2(GeoSeries(holes, crs="EPSG:4326")) if holes else []
    tree = shapely.STRtree(filled)
    found = []
    for hole, area in zip(holes, areas, strict=True):
        neighbours = tree.query(hole, predicate="intersects")
        borders = shapely.length(shapely.intersection(filled[neighbours], hole.exterior))
        flagged = neighbours[preferred[neighbours]]
        if len(flagged) == 1:
            taker = int(flagged[0])
        elif area <= max_unflagged_km2:
            taker = int(neighbours[np.argmax(borders)])
        else:
            found.append(Hole(float(area), None, tuple(map(int, neighbours))))
            continue
        filled[taker] = polygonal_part(shapely.union(filled[taker], hole))
        found.append(Hole(float(area), taker, tuple(map(int, neighbours)), len(flagged) == 1))
    return filled, found


def polygonal_part(geometry: shapely.Geometry) -> shapely.Geometry:
    """Return the polygons of a geometry, dropping stray lines or points an overlay leaves."""
    parts = shapely.get_parts(geometry)
    polygons = shapely.get_parts(parts[shapely.get_type_id(parts) == 3])
    return polygons[0] if len(polygons) == 1 else shapely.multipolygons(polygons)
