"""Diagonal hatching of polygons as lines, since plotly cannot hatch a choropleth fill.

An area shown with a value that is not its own (an IRIS with its commune's value, a
withheld commune with the mean of its EPCI) is coloured like the others and hatched:
the hatch is a ``scattergeo`` line trace over the choropleth, computed here.

Examples
--------
>>> from shapely.geometry import box
>>> outline = hatch_lines([box(0, 0, 1, 1)], spacing=0.5)
>>> sum(value is None for value in outline.lon)  # three lines, None between them
2
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from dashboard.figures.geojson import Outline

#: Hatch lines per span of the view (its longer side): about one every 6 pixels on a
#: 600-pixel map, dense enough to read as a texture, light enough to show the colour.
LINES_PER_SPAN = 100
#: Hatch coordinates are rounded to about this share of the spacing: a line end moved by
#: a tenth of the gap between lines is invisible, and each decimal dropped is bytes saved.
ROUNDING_SHARE = 0.1
LINE_TYPES = (shapely.GeometryType.LINESTRING, shapely.GeometryType.LINEARRING)


def hatch_lines(geometries: Sequence[BaseGeometry], spacing: float) -> Outline:
    """Lines at 45° every ``spacing`` degrees across the polygons, clipped to them.

    An area too small for any line (a small IRIS on a map of a département) gets one
    line through an inner point, so that every hatched area shows its hatch.
    """
    shapes = np.asarray(geometries, dtype=object)
    if len(shapes) == 0 or spacing <= 0:
        return Outline([], [])
    area = shapely.coverage_union_all(shapes)
    minx, miny, maxx, maxy = area.bounds
    # Lines y = x + c for c spaced evenly, long enough to cross the whole box.
    offsets = np.arange(miny - maxx, maxy - minx + spacing, spacing)
    starts = np.column_stack([np.full(len(offsets), minx), minx + offsets])
    ends = np.column_stack([np.full(len(offsets), maxx), maxx + offsets])
    network = shapely.multilinestrings(
        [shapely.linestrings([start, end]) for start, end in zip(starts, ends, strict=True)])
    pieces = shapely.get_parts(shapely.intersection(network, area))
    pieces = list(pieces[np.isin(shapely.get_type_id(pieces), LINE_TYPES)])
    crossed = np.zeros(len(shapes), dtype=bool)
    if pieces:
        # A tree of the pieces: testing each shape against one multilinestring of them
        # all took a fifth of a second for the withheld communes of a region.
        crossed[shapely.STRtree(pieces).query(shapes, predicate="intersects")[0]] = True
    for shape in shapes[~crossed]:
        point = shapely.point_on_surface(shape)
        half = spacing / 2
        cross = shapely.linestrings([[point.x - half, point.y - half],
                                     [point.x + half, point.y + half]])
        pieces.append(shapely.intersection(cross, shape))
    decimals = max(0, math.ceil(-math.log10(spacing * ROUNDING_SHARE)))
    lon: list[float | None] = []
    lat: list[float | None] = []
    for line in shapely.get_parts(np.asarray(pieces, dtype=object)):
        if shapely.get_type_id(line) not in LINE_TYPES:
            continue
        if lon:
            lon.append(None)
            lat.append(None)
        xy = np.round(shapely.get_coordinates(line), decimals)
        lon += xy[:, 0].tolist()
        lat += xy[:, 1].tolist()
    return Outline(lon, lat)


def view_spacing(bounds: tuple[float, float, float, float]) -> float:
    """Hatch spacing (degrees) for a view of these bounds: :data:`LINES_PER_SPAN` per span."""
    minx, miny, maxx, maxy = bounds
    shrink = np.cos(np.radians((miny + maxy) / 2))
    return max((maxx - minx) * shrink, maxy - miny) / LINES_PER_SPAN
