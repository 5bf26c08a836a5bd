"""The body of the printed page: the map with its furniture and names, the legend, insets.

The map takes the body's full height and all its width but the legend column
(landscape), or its full width above a band holding the legend and the inset
(portrait). Furniture goes where it covers least of the mapped area: the locator in the
emptiest corner, the scale bar and north arrow in the emptiest bottom corner left. Names
are placed last, around the furniture; those the main map leaves out in the dense core
are placed in its inset, and the rest are counted under the legend.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from dashboard.constants import TEXT_COLOUR
from dashboard.export.constants import (
    FRAME_COLOUR,
    FURNITURE_MARGIN,
    GAP,
    INSET_MAX_RATIO,
    LOCATOR_SIZE,
    MAP_PADDING,
    NAMES_DROPPED,
    NAMES_DROPPED_ONE,
    SCALE_BAR_SHARE,
)
from dashboard.export.content import Inset, MapContent
from dashboard.export.drawing.fonts import BOLD
from dashboard.export.drawing.furniture import north_arrow, scale_bar
from dashboard.export.drawing.insets import best_corner, extent_outline, locator_svg
from dashboard.export.drawing.labels import Placement, labels_svg, place_labels
from dashboard.export.drawing.legend import MUTED, NOTE_SIZE, draw_legend, legend_height
from dashboard.export.drawing.projection import MapFrame
from dashboard.export.drawing.svg import Box, rect
from dashboard.export.drawing.text import block

CAPTION_SIZE = 11.0
#: Free space around the core in its inset (pixels).
INSET_PADDING = 4
#: The enlarged core in the legend column is at most this many times as high as wide.
INSET_TALLEST = 1.15
#: Side of the locator when it stands beside the map rather than on it.
LOCATOR_ASIDE = 150.0
#: Height of the text under the legend saying how many names were left out.
NOTE_LINES = 2


@dataclass
class DrawnMap:
    """What :func:`draw_body` drew, and where (tests check the boxes)."""

    svg: str
    defs: str
    frame: MapFrame
    placement: Placement
    inset_frame: MapFrame | None = None
    inset_placement: Placement | None = None
    dropped: int = 0
    furniture: dict[str, Box] = field(default_factory=dict)
    blocks: dict[str, Box] = field(default_factory=dict)
    glyphs: set[tuple[int, str]] = field(default_factory=set)

    @property
    def labels(self) -> list:
        """Every name written on the page, main map and inset."""
        return [*self.placement.placed,
                *(self.inset_placement.placed if self.inset_placement else [])]


def _legend_sections(content: MapContent, frame: MapFrame) -> tuple:
    """Collect the legend sections of every layer, in drawing order."""
    return tuple(section for layer in content.layers for section in layer.legend(frame))


def _layers_svg(content: MapContent, frame: MapFrame) -> str:
    return "".join(layer.draw(frame) for layer in content.layers)


def _clip(ids: str, name: str, box: Box) -> str:
    return f'<clipPath id="{ids}-{name}">{rect(box)}</clipPath>'


def _inset_size(core: Inset, width: float) -> tuple[float, float]:
    extent = core.extent
    ratio = (extent[3] - extent[1]) / max(extent[2] - extent[0], 1.0)
    return width, width * min(ratio, INSET_MAX_RATIO)


def _names_note(dropped: int, width: float):
    text = NAMES_DROPPED_ONE if dropped == 1 else NAMES_DROPPED.format(count=dropped)
    return block(text, width, NOTE_SIZE, colour=MUTED)


def draw_body(content: MapContent, body: Box, side: float, labels: bool,
              ids: str) -> DrawnMap:
    """Draw the map, its furniture, names, legend and inset in ``body``.

    ``side`` is the width of the legend column (0: the legend goes under the map);
    ``labels`` writes the territories' names; ``ids`` prefixes the clip paths' ids.
    """
    if side:
        map_box = Box(body.left, body.top, body.width - side - GAP, body.height)
        column = Box(map_box.right + GAP, body.top, side, body.height)
    else:
        band_width = (body.width - GAP) / 2
        probe = MapFrame.fit(content.extent, Box(body.left, body.top, body.width,
                                                 body.height * 0.7), MAP_PADDING)
        sections = _legend_sections(content, probe)
        band = max(legend_height(sections, band_width) + NOTE_LINES * NOTE_SIZE * 1.3,
                   _inset_size(content.core, band_width)[1] + 20 if content.core else 0)
        map_box = Box(body.left, body.top, body.width, body.height - band - GAP)
        column = Box(body.left, map_box.bottom + GAP, band_width, band)
    frame = MapFrame.fit(content.extent, map_box, MAP_PADDING)
    sections = _legend_sections(content, frame)
    legend = draw_legend(sections, column.left, column.top, column.width)
    note_room = NOTE_LINES * NOTE_SIZE * 1.3 if labels else 0.0

    # The inset: at the bottom of the legend column if it fits there, else on the map.
    inset_box, inset_in_map = None, False
    if content.core is not None:
        if side:
            width, height = _inset_size(content.core, column.width)
            free = column.bottom - (column.top + legend.height + note_room + GAP
                                    + CAPTION_SIZE * 1.6)
            if free >= height:
                # As high as the column lets it (it then shows more around the core).
                height = min(free, width * INSET_TALLEST)
                inset_box = Box(column.left, column.bottom - height, width, height)
        else:
            size = _inset_size(content.core, column.width)
            inset_box = Box(column.right + GAP, column.top + CAPTION_SIZE * 1.6, *size)
        if inset_box is None:
            size = _inset_size(content.core, map_box.width * 0.32)
            inset_box = best_corner(content.shown, frame, size, FURNITURE_MARGIN)
            inset_in_map = True

    furniture: dict[str, Box] = {}
    taken = [inset_box] if inset_in_map else []
    parts = [f'<g clip-path="url(#{ids}-map)">', rect(map_box, fill="#ffffff"),
             _layers_svg(content, frame)]
    if inset_box is not None:
        # What the inset shows: its box may be higher than the core, it then shows more.
        parts.append(extent_outline(frame, MapFrame.fit(content.core.extent, inset_box,
                                                         INSET_PADDING).extent))
    overlay, aside = [], {}
    if content.locator is not None:
        in_column = inset_box is not None and not inset_in_map
        box = _free_locator_box(column, side, legend.height + note_room,
                                inset_box.top - CAPTION_SIZE * 1.6 if in_column else None)
        if box is None:
            box = best_corner(content.shown, frame, LOCATOR_SIZE, FURNITURE_MARGIN, taken)
            furniture["locator"] = box
            taken.append(box)
        else:
            aside["locator"] = box
        overlay.append(locator_svg(content.locator.world, content.locator.highlight, box))
    overlay.append(_scale_and_arrow(content, frame, taken, furniture))

    obstacles = [*furniture.values(), *([inset_box] if inset_in_map else [])]
    sets = [s for s in content.label_sets if labels or not s.counted]
    placement = place_labels(sets, frame, obstacles)
    drawn = DrawnMap("", "", frame, placement, furniture=furniture)
    names, glyphs = labels_svg(placement)
    parts += [names, "</g>", rect(map_box, fill="none", stroke=FRAME_COLOUR,
                                  stroke_width=0.75), *overlay]
    defs = [_clip(ids, "map", map_box)]
    dropped = {key: set(indexes) for key, indexes in placement.dropped.items()}
    if inset_box is not None:
        inset = _draw_inset(content, inset_box, ids, dropped if labels else {})
        parts.append(inset[0])
        defs.append(_clip(ids, "inset", inset_box))
        drawn.inset_frame, drawn.inset_placement = inset[1], inset[2]
        glyphs |= inset[3]
        for label in inset[2].placed:
            dropped[label.key].discard(label.index)
        furniture["inset"] = inset_box
    drawn.dropped = sum(len(indexes) for indexes in dropped.values())
    parts.append(legend.svg)
    if labels and drawn.dropped:
        parts.append(_names_note(drawn.dropped, column.width).svg(
            column.left, column.top + legend.height + 2))
    drawn.svg, drawn.defs, drawn.glyphs = "".join(parts), "".join(defs), glyphs
    drawn.blocks = {"map": map_box, "legend": Box(column.left, column.top, column.width,
                                                  legend.height), **aside}
    return drawn


def _free_locator_box(column: Box, side: float, used: float, below: float | None
                      ) -> Box | None:
    """Room for the locator beside the map, under the legend (None: put it on the map).

    Beside a landscape map: in the legend column, between the legend (``used`` pixels
    high) and what lies ``below`` it (the enlarged core's caption; None: nothing), if
    at least :data:`LOCATOR_SIZE` fits there. Under a portrait map: right of the legend,
    unless the enlarged core is there (``below`` not None).
    """
    if side:
        bottom = column.bottom if below is None else below - GAP
        size = min(column.width, LOCATOR_ASIDE, bottom - (column.top + used + GAP))
        if size < LOCATOR_SIZE[0]:
            return None
        return Box(column.left, bottom - size, size, size)
    if below is not None:
        return None
    size = min(column.width, column.height, LOCATOR_ASIDE)
    return Box(column.right + GAP, column.top, size, size)


def _scale_and_arrow(content: MapContent, frame: MapFrame, taken: list[Box],
                     furniture: dict[str, Box]) -> str:
    """Scale bar then north arrow, in the bottom corner clear of ``taken``."""
    area = frame.box.inset(FURNITURE_MARGIN)
    longest = frame.box.width * SCALE_BAR_SHARE
    best = None
    for left_side in (True, False):
        scale, scale_box = scale_bar(frame, area.left, area.bottom, longest)
        arrow, arrow_box = north_arrow(frame, scale_box.right + 4, area.bottom)
        width = arrow_box.right - scale_box.left
        if not left_side:
            scale, scale_box = scale_bar(frame, area.right - width, area.bottom, longest)
            arrow, arrow_box = north_arrow(frame, scale_box.right + 4, area.bottom)
        both = Box(scale_box.left, min(scale_box.top, arrow_box.top), width,
                   area.bottom - min(scale_box.top, arrow_box.top))
        if any(both.overlaps(box) for box in taken):
            continue
        cover = _cover(content, frame, both)
        if best is None or cover < best[0]:
            best = (cover, scale + arrow, scale_box, arrow_box)
    _, svg, scale_box, arrow_box = best
    furniture["scale_bar"], furniture["north_arrow"] = scale_box, arrow_box
    return svg


def _cover(content: MapContent, frame: MapFrame, box: Box) -> float:
    """Area of the shown region under ``box`` (pixels²)."""
    shown = frame.to_page(np.array([content.shown], dtype=object))[0]
    return float(shapely.area(shapely.intersection(shown, box.polygon)))


def _draw_inset(content: MapContent, box: Box, ids: str, dropped: dict[str, set[int]]
                ) -> tuple[str, MapFrame, Placement, set]:
    """Draw the enlarged core: its layers, the names the main map left out, a scale bar."""
    frame = MapFrame.fit(content.core.extent, box, INSET_PADDING)
    caption = block(content.core.title, box.width, CAPTION_SIZE, BOLD, TEXT_COLOUR)
    scale, scale_box = scale_bar(frame, box.left + 4, box.bottom - 4, box.width * 0.35)
    placement = place_labels(list(content.label_sets), frame, [scale_box], only=dropped)
    names, glyphs = labels_svg(placement)
    svg = (caption.svg(box.left, box.top - caption.height - 2)
           + f'<g clip-path="url(#{ids}-inset)">{rect(box, fill="#ffffff")}'
           + _layers_svg(content, frame) + names + "</g>"
           + rect(box, fill="none", stroke=FRAME_COLOUR, stroke_width=0.75) + scale)
    return svg, frame, placement, glyphs
