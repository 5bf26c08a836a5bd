"""Insets of the printed map: the locator, and the enlargement of a dense core.

The locator shows where the mapped area lies (the region in France, or the départements
in their region): a small grey map with the area in dark grey. The enlargement redraws
the map's own layers at a larger scale in a box of its own (Paris and the petite
couronne on a regional map of Île-de-France), with its caption and scale bar; the main
map outlines the enlarged extent.
"""

from __future__ import annotations

import numpy as np
import shapely

from dashboard.constants import TEXT_COLOUR
from dashboard.export.drawing.layers import page_paths
from dashboard.export.drawing.projection import MapFrame
from dashboard.export.drawing.svg import Box, attributes, rect

LOCATOR_FILL = "#dcdcdc"
LOCATOR_EDGE = "#ffffff"
LOCATOR_HIGHLIGHT = "#4d4d4d"
FRAME_STROKE = {"stroke": "#8c8c8c", "stroke_width": 0.75, "fill": "none"}
#: Outline of the enlarged extent on the main map: a dark line on a white casing.
EXTENT_CASING = {"stroke": "#ffffff", "stroke_width": 3.5, "fill": "none"}
EXTENT_STROKE = {"stroke": TEXT_COLOUR, "stroke_width": 1.2, "fill": "none"}


def locator_svg(world: np.ndarray, highlight: shapely.Geometry, box: Box) -> str:
    """Draw a small map of ``world`` (projected polygons), ``highlight`` filled dark."""
    frame = MapFrame.fit(shapely.total_bounds(world), box, padding=4)
    grey = "".join(f'<path d="{path}"/>' for path in page_paths(frame, world) if path)
    dark = page_paths(frame, np.array([highlight], dtype=object))[0]
    return (f'<g class="locator">{rect(box, fill="#ffffff")}'
            f'<g{attributes(fill=LOCATOR_FILL, stroke=LOCATOR_EDGE, stroke_width=0.6)}>'
            f"{grey}</g>"
            f'<path d="{dark}"'
            f'{attributes(fill=LOCATOR_HIGHLIGHT, stroke=LOCATOR_HIGHLIGHT, stroke_width=0.6)}/>'
            f"{rect(box, **FRAME_STROKE)}</g>")


def extent_outline(frame: MapFrame, extent: tuple[float, float, float, float]) -> str:
    """Draw the rectangle of an enlarged extent on the main map."""
    left, top = frame.point(extent[0], extent[3])
    right, bottom = frame.point(extent[2], extent[1])
    box = Box(left, top, right - left, bottom - top)
    return rect(box, **EXTENT_CASING) + rect(box, **EXTENT_STROKE)


def best_corner(shown: shapely.Geometry, frame: MapFrame, size: tuple[float, float],
                margin: float, taken: list[Box] = ()) -> Box:
    """Find the corner of the map where a box of ``size`` covers least of the area.

    Corners are tried top-left, top-right, bottom-right, bottom-left; a corner whose box
    would overlap one of ``taken`` is skipped.
    """
    area = frame.box.inset(margin)
    width, height = size
    corners = [Box(area.left, area.top, width, height),
               Box(area.right - width, area.top, width, height),
               Box(area.right - width, area.bottom - height, width, height),
               Box(area.left, area.bottom - height, width, height)]
    shown_px = frame.to_page(np.array([shown], dtype=object))[0]
    best, best_cover = corners[0], np.inf
    for corner in corners:
        if any(corner.overlaps(box) for box in taken):
            continue
        cover = shapely.area(shapely.intersection(shown_px, corner.polygon))
        if cover < best_cover:
            best, best_cover = corner, cover
    return best
