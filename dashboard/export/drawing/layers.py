"""Layers of a printed map, and the legend entries each one brings.

A layer holds its geometry in Lambert-93 metres and draws itself into any
:class:`~dashboard.export.drawing.projection.MapFrame` (the main map, an inset), clipped
to the frame's box. Each layer also says what its legend shows (:meth:`legend`), and says
nothing when it draws nothing: a legend line always has something on the map.

A new kind of layer (points of interest, hatched shared communes…) only needs the same
two methods, ``draw(frame) -> str`` and ``legend(frame) -> tuple[LegendSection, ...]``,
to appear on the page, in the insets and in the legend (:class:`MapLayer`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import shapely

from dashboard.export.drawing.projection import MapFrame
from dashboard.export.drawing.svg import (
    Box,
    attributes,
    line,
    line_path,
    num,
    polygon_paths,
    rect,
)
from dashboard.palettes import tint

#: Swatch of a legend line: a colour box or a line sample, this big.
SAMPLE_SIZE = (26.0, 13.0)
SWATCH_EDGE = {"stroke": "#8c8c8c", "stroke_width": 0.5}
#: Hatching of missing values: spacing (pixels) and stroke of the diagonal lines. Drawn
#: as lines clipped to the areas: Chromium prints SVG patterns to PDF tens of times
#: slower, and much heavier.
HATCH_SPACING = 4.5
HATCH_STROKE = {"stroke": "#b8b8b8", "stroke_width": 0.9}
#: Hatching of the areas shown with a stand-in value (a commune's value on its IRIS):
#: darker than that of missing values, over the pale tint of the class.
STAND_IN_STROKE = {"stroke": "#404040", "stroke_opacity": 0.55, "stroke_width": 0.8}


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend: a sample drawn in a box, and its text.

    ``height`` is the height the sample needs when it overflows its box (a proportional
    circle keeps its map size): the line grows to hold it.
    """

    text: str
    sample: Callable[[Box], str]
    height: float = 0.0


@dataclass(frozen=True)
class LegendSection:
    """A titled group of legend lines, with an optional note under them.

    ``mesh`` names what the areas are (« Maille : IRIS (93) »), on its own line under
    the title, so that IRIS values are never taken for commune values.
    """

    title: str | None
    entries: tuple[LegendEntry, ...]
    note: str | None = None
    subtitle: str | None = None
    mesh: str | None = None


class MapLayer(Protocol):
    """What the page needs of a layer: draw it in a frame, and its legend."""

    def draw(self, frame: MapFrame) -> str:
        """SVG of the layer in ``frame`` (clipped by the page to the frame's box)."""

    def legend(self, frame: MapFrame) -> tuple[LegendSection, ...]:
        """Legend sections of the layer in ``frame``; empty when it shows nothing there."""


def fill_sample(colour: str) -> Callable[[Box], str]:
    """Draw a colour box (a ``url(#…)`` paint works too)."""
    return lambda box: rect(box, fill=colour, **SWATCH_EDGE)


def hatch_lines(box: Box, spacing: float = HATCH_SPACING) -> shapely.Geometry:
    """Diagonal lines (rising to the right) covering ``box``, ``spacing`` pixels apart."""
    size = box.width + box.height
    starts = np.arange(0.0, size, spacing * np.sqrt(2))
    lines = shapely.linestrings([[(box.left + start - box.height, box.bottom),
                                  (box.left + start, box.top)] for start in starts])
    return shapely.clip_by_rect(shapely.multilinestrings(lines), box.left, box.top, box.right,
                                box.bottom)


def hatch_sample(base: str, stroke: dict = HATCH_STROKE) -> Callable[[Box], str]:
    """Draw a box of ``base`` colour hatched like missing (or stand-in) values on the map."""
    def draw(box: Box) -> str:
        return (rect(box, fill=base) + f'<path d="{line_path(hatch_lines(box))}"'
                f"{attributes(**stroke)}/>" + rect(box, fill="none", **SWATCH_EDGE))
    return draw


def stroke_sample(*strokes: dict) -> Callable[[Box], str]:
    """Draw a horizontal line sample with each stroke in turn (casings first)."""
    def draw(box: Box) -> str:
        middle = box.top + box.height / 2
        return "".join(line(box.left, middle, box.right, middle, **stroke) for stroke in strokes)
    return draw


def page_paths(frame: MapFrame, geometries: np.ndarray) -> list[str]:
    """Path data of projected polygons in the frame, cut to its box (a little beyond).

    Polygons entirely outside the frame get an empty path without being projected.
    """
    min_x, min_y, max_x, max_y = frame.extent
    bounds = shapely.bounds(geometries)
    inside = ((bounds[:, 0] <= max_x) & (bounds[:, 2] >= min_x)
              & (bounds[:, 1] <= max_y) & (bounds[:, 3] >= min_y))
    box = frame.box.inset(-4)
    shown = shapely.clip_by_rect(frame.to_page(geometries[inside]), box.left, box.top,
                                 box.right, box.bottom)
    paths = [""] * len(geometries)
    for index, path in zip(np.flatnonzero(inside).tolist(), polygon_paths(shown), strict=True):
        paths[index] = path
    return paths


@dataclass(frozen=True, eq=False)
class ContextLayer:
    """What surrounds the shown area, in light grey: neighbouring départements."""

    geometries: np.ndarray
    fill: str
    edge: str

    def draw(self, frame: MapFrame) -> str:
        """Grey polygons with light edges."""
        paths = [path for path in page_paths(frame, self.geometries) if path]
        if not paths:
            return ""
        style = attributes(fill=self.fill, stroke=self.edge, stroke_width=1,
                           stroke_linejoin="round")
        return f'<g class="context"{style}>' + "".join(
            f'<path d="{path}"/>' for path in paths) + "</g>"

    def legend(self, frame: MapFrame) -> tuple[LegendSection, ...]:
        """Nothing: the grey surrounding explains itself (its names are written)."""
        return ()


@dataclass(frozen=True, eq=False)
class ChoroplethLayer:
    """Areas coloured by class, missing values hatched grey, stand-in values hatched dark.

    Attributes
    ----------
    geometries : numpy.ndarray
        Projected polygons, one per area.
    class_of : numpy.ndarray
        Class of each area, -1 when its value is missing.
    colours : tuple of str
        Colour of each class, lowest first.
    missing_colour : str
        Base colour of the hatching of missing values.
    border : dict
        ``{"color", "width"}`` of the lines between areas.
    section : LegendSection
        The legend of the classes (built by the caller, who knows the labels).
    stand_in_class : numpy.ndarray or None
        For an area without its own value shown with a larger area's (an IRIS with its
        commune's, a secret commune with its EPCI's): the class of that value, else -1.
        Such an area is drawn in the pale tint of that class, hatched.
    """

    geometries: np.ndarray
    class_of: np.ndarray
    colours: tuple[str, ...]
    missing_colour: str
    border: dict
    section: LegendSection
    stand_in_class: np.ndarray | None = None

    def draw(self, frame: MapFrame) -> str:
        """One group per class, one path per area; missing values grey and hatched."""
        paths = page_paths(frame, self.geometries)
        stand_in = (np.full(len(paths), -1) if self.stand_in_class is None
                    else np.where(self.class_of < 0, self.stand_in_class, -1))
        groups, missing, hatched = [], [], []
        fills = [(-1, -1, self.missing_colour),
                 *((-1, klass, tint(colour)) for klass, colour in enumerate(self.colours)),
                 *((klass, -1, colour) for klass, colour in enumerate(self.colours))]
        for klass, stand_in_klass, colour in fills:
            chosen = (self.class_of == klass) & (stand_in == stand_in_klass)
            members = [paths[index] for index in np.flatnonzero(chosen) if paths[index]]
            if members:
                groups.append(f'<g{attributes(fill=colour)}>'
                              + "".join(f'<path d="{path}"/>' for path in members) + "</g>")
            if klass == -1:
                (missing if stand_in_klass == -1 else hatched).extend(members)
        style = attributes(stroke=self.border["color"], stroke_width=num(self.border["width"]),
                           stroke_linejoin="round", fill_rule="evenodd")
        return (f'<g class="areas"{style}>' + "".join(groups) + "</g>"
                + _hatching(missing, frame.box) + _hatching(hatched, frame.box, STAND_IN_STROKE))

    def legend(self, frame: MapFrame) -> tuple[LegendSection, ...]:
        """Return the classes, highest first, and the missing values."""
        return (self.section,)


def _hatching(paths: list[str], box: Box, stroke: dict = HATCH_STROKE) -> str:
    """Diagonal lines over ``paths``, clipped to them (the clip's id names its content)."""
    if not paths:
        return ""
    shape = "".join(paths)
    clip = "cc-hatch-" + hashlib.sha1(shape.encode("ascii")).hexdigest()[:12]
    return (f'<clipPath id="{clip}"><path clip-rule="evenodd" d="{shape}"/></clipPath>'
            f'<path clip-path="url(#{clip})" d="{line_path(hatch_lines(box))}"'
            f'{attributes(fill="none", **stroke)}/>')
