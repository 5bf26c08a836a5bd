"""Boundaries of départements and zonings, drawn so that none hides another.

Zonings often share boundaries: a CPTS limit is a DAC limit, a CARSIC limit a
département limit. Drawn one over the other, the lower line vanishes and its legend
line cannot be found on the map. Here, bottom to top:

* département limits are a light grey band with a thin dark core: wider than any zoning
  line, the band shows on both sides of whatever runs along it;
* each zoning, where its boundary runs along the boundaries of zonings drawn above it
  (within :data:`COINCIDENT_PX`), is drawn there beside them, offset by
  :data:`OFFSET_PX` per zoning above, with its own colour and dashes (as the lines of a
  metro map run side by side on a shared track); elsewhere it runs on its boundary. The
  topmost zoning always runs on its boundary.

Each zoning line has a thin light casing, so that it stays visible on the darkest
classes. Offsets are taken to the left of each line's direction, so two lines running along the
same boundary land either on both sides of it or at different distances on one side:
never on each other. Short joins link an offset stretch to the rest of its line.

Every legend line is therefore visible on the map; a layer that draws nothing in the
frame (its territories lie outside) gets no legend line (:meth:`OutlineStack.legend`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely

from dashboard.export.drawing.layers import LegendEntry, LegendSection, stroke_sample
from dashboard.export.drawing.projection import MapFrame
from dashboard.export.drawing.svg import attributes, line_path, num
from dashboard.palettes import OutlineStyle, svg_dasharray

#: Boundaries closer than this (pixels) are one boundary drawn twice.
COINCIDENT_PX = 1.2
#: How far a line is moved aside per zoning drawn above it on the same boundary (pixels).
OFFSET_PX = 2.3
#: Every zoning line has a light casing this wide on each side (pixels): a blue dashed
#: line stays visible on dark red.
CASING_PX = 0.6
CASING_COLOUR, CASING_OPACITY = "#ffffff", 0.65
#: Length of the pieces compared (pixels): short enough to follow a shared stretch.
SEGMENT_PX = 5.0


@dataclass(frozen=True, eq=False)
class OutlineLayer:
    """The boundaries of one zoning (or of the départements), projected.

    ``band`` is set for the département limits: ``(colour, width, opacity)`` of the
    grey band drawn under the line everywhere.
    """

    key: str
    label: str
    lines: shapely.Geometry
    style: OutlineStyle
    band: tuple[str, float, float] | None = None

    def stroke(self, width: float | None = None) -> dict:
        """SVG stroke of the usual line."""
        width = self.style.width if width is None else width
        dash = svg_dasharray(self.style.dash, width)
        return {"stroke": self.style.colour, "stroke_width": num(width),
                "stroke_dasharray": None if dash == "none" else dash}

    def casing(self) -> dict:
        """SVG stroke of the thin light casing that detaches the line from dark fills."""
        return {"stroke": CASING_COLOUR, "stroke_width": num(self.style.width + 2 * CASING_PX),
                "stroke_opacity": CASING_OPACITY}

    def band_stroke(self) -> dict:
        """SVG stroke of the band under the line (département limits)."""
        colour, width, opacity = self.band
        return {"stroke": colour, "stroke_width": num(width), "stroke_opacity": opacity}


def _segments(lines: shapely.Geometry) -> tuple[np.ndarray, np.ndarray]:
    """Short segments of ``lines`` (pixels): ``(n, 2, 2)`` end points, and the line of each."""
    parts = shapely.get_parts(shapely.segmentize(lines, SEGMENT_PX))
    parts = parts[shapely.get_type_id(parts) == shapely.GeometryType.LINESTRING]
    coords, owner = shapely.get_coordinates(parts, return_index=True)
    same = owner[1:] == owner[:-1]
    return np.stack([coords[:-1][same], coords[1:][same]], axis=1), owner[:-1][same]


def _runs(segments: np.ndarray, owner: np.ndarray, keep: np.ndarray) -> shapely.Geometry:
    """Join consecutive kept segments of a line into lines."""
    pieces = []
    start = None
    for index in range(len(segments) + 1):
        inside = index < len(segments) and keep[index] and (
            start is None or owner[index] == owner[index - 1])
        if start is not None and not inside:
            pieces.append(np.vstack([segments[start:index, 0], segments[index - 1, 1]]))
            start = None
        if index < len(segments) and keep[index] and start is None:
            start = index
    if not pieces:
        return shapely.MultiLineString()
    return shapely.multilinestrings([shapely.linestrings(piece) for piece in pieces])


@dataclass(frozen=True, eq=False)
class OutlineStack:
    """Département limits then zonings, bottom to top, drawn as one layer."""

    layers: tuple[OutlineLayer, ...]
    title: str

    def page_lines(self, frame: MapFrame) -> list[shapely.Geometry]:
        """Each layer's lines in page pixels, cut to the frame's box."""
        return _page_lines(self, frame)

    def draw(self, frame: MapFrame) -> str:
        """Bands, then lines bottom to top, moved aside where boundaries coincide."""
        lines = self.page_lines(frame)
        trees = [shapely.STRtree(shapely.get_parts(layer_lines)) for layer_lines in lines]
        svg = []
        for index, (layer, layer_lines) in enumerate(zip(self.layers, lines, strict=True)):
            if shapely.is_empty(layer_lines):
                continue
            if layer.band is not None:
                svg.append(_path(layer_lines, layer.band_stroke()))
                svg.append(_path(layer_lines, layer.stroke()))
                continue
            segments, owner = _segments(layer_lines)
            above = range(index + 1, len(self.layers))
            middles = shapely.points(segments.mean(axis=1))
            depth = np.zeros(len(segments), dtype=int)
            for upper in above:
                if self.layers[upper].band is not None or not len(segments):
                    continue
                hit = np.zeros(len(segments), dtype=bool)
                hit[np.unique(trees[upper].query(middles, predicate="dwithin",
                                                 distance=COINCIDENT_PX)[0])] = True
                depth += hit
            runs = [_runs(segments, owner, depth == 0) if depth.any() else layer_lines]
            runs += [_aside(_runs(segments, owner, depth == level), level * OFFSET_PX)
                     for level in np.unique(depth[depth > 0])]
            drawn = shapely.multilinestrings(np.concatenate(
                [shapely.get_parts(run) for run in runs]))
            svg.append(_path(drawn, layer.casing()))
            svg.append(_path(drawn, layer.stroke()))
        body = "".join(part for part in svg if part)
        style = attributes(fill="none", stroke_linejoin="round", stroke_linecap="round")
        return f'<g class="outlines"{style}>{body}</g>' if body else ""

    def shown(self, frame: MapFrame) -> tuple[OutlineLayer, ...]:
        """Return the layers that draw something in ``frame``."""
        return tuple(layer for layer, lines in zip(self.layers, self.page_lines(frame),
                                                   strict=True)
                     if not shapely.is_empty(lines))

    def legend(self, frame: MapFrame) -> tuple[LegendSection, ...]:
        """One line sample per layer shown, top layer first."""
        entries = []
        for layer in reversed(self.shown(frame)):
            strokes = ((layer.band_stroke(), layer.stroke()) if layer.band is not None
                       else (layer.casing(), layer.stroke()))
            entries.append(LegendEntry(layer.label, stroke_sample(*strokes)))
        return (LegendSection(self.title, tuple(entries)),) if entries else ()


def _aside(lines: shapely.Geometry, distance: float) -> shapely.Geometry:
    """Lines moved ``distance`` pixels to their left, joined to their ends by short links."""
    parts = shapely.get_parts(lines)
    moved = shapely.offset_curve(parts, distance, quad_segs=2, join_style="round")
    joined = []
    for part, shifted in zip(parts, moved, strict=True):
        ends = shapely.get_coordinates(part)
        middle = shapely.get_coordinates(shifted)
        if len(middle) < 2:
            continue
        joined.append(shapely.linestrings(np.vstack([ends[:1], middle, ends[-1:]])))
    return shapely.multilinestrings(joined) if joined else shapely.MultiLineString()


def _path(lines: shapely.Geometry, stroke: dict) -> str:
    data = line_path(lines)
    return f'<path d="{data}"{attributes(**stroke)}/>' if data else ""


@lru_cache(maxsize=16)
def _page_lines(stack: OutlineStack, frame: MapFrame) -> list[shapely.Geometry]:
    box = frame.box.inset(-4)
    return [shapely.clip_by_rect(frame.to_page(np.array([layer.lines], dtype=object))[0],
                                 box.left, box.top, box.right, box.bottom)
            for layer in stack.layers]
