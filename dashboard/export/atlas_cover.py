"""The atlas's cover: title, date, how the classes were made, contents and an index map.

The contents list each section with the page of its map and of its table; the index map
beside it (a « tableau d'assemblage ») shows the région's départements, each with its
code and the page of its map, so that a reader finds a département by looking at it.
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely

from dashboard.classification import Classification
from dashboard.constants import TEXT_COLOUR
from dashboard.export.constants import (
    ATLAS_CLASSES_COMMON,
    ATLAS_CLASSES_PER_PAGE,
    ATLAS_CONTENTS,
    ATLAS_CONTENTS_COLUMNS,
    ATLAS_INDEX_LABEL,
    ATLAS_PAGE,
    ATLAS_PAGES,
    ATLAS_SUBTITLE,
    CONTEXT_EDGE,
    CONTEXT_FILL,
    FRAME_COLOUR,
    MUTED_COLOUR,
    RULE_COLOUR,
)
from dashboard.export.content import surroundings
from dashboard.export.drawing.fonts import BOLD, REGULAR, glyph_defs
from dashboard.export.drawing.labels import LabelSet, LabelStyle, labels_svg, place_labels
from dashboard.export.drawing.layers import ContextLayer, page_paths
from dashboard.export.drawing.projection import MapFrame, project
from dashboard.export.drawing.svg import Box, attributes, line, rect
from dashboard.export.drawing.text import TextBlock, block
from dashboard.export.page import sheet, svg_document
from dashboard.export.texts import method_line, view_sources, zoning_labels
from dashboard.formatting import french_list
from dashboard.views.data import AppData
from dashboard.views.state import ViewState

CONTENTS_SIZE = 12.0
CONTENTS_ROW = 21.0
#: Share of the body's width taken by the contents; the index map has the rest.
CONTENTS_SHARE = 0.5
INDEX_FILL = "#f4e3c1"
INDEX_LABEL = LabelStyle(12.0, TEXT_COLOUR, weight=BOLD)


@dataclass(frozen=True)
class Entry:
    """One line of the contents: a section, its départements, map page, table pages."""

    name: str
    departements: tuple[str, ...]
    map_page: int
    table_pages: tuple[int, int]


def cover_page(data: AppData, state: ViewState, title: str, contents: list[Entry],
               common: Classification | None, size: tuple[float, float],
               date_line: str) -> str:
    """Compose the cover as an SVG page of ``size`` (layout pixels)."""
    sources = view_sources(data, state)
    subtitle = ATLAS_SUBTITLE.format(region=data.region_name,
                                     zonings=french_list(zoning_labels(data, state.zonings)))
    frame = sheet(*size, title, subtitle, sources.combined(), sources.notice, date_line)
    body = frame.body
    left_width = body.width * CONTENTS_SHARE
    classes = (ATLAS_CLASSES_COMMON.format(method=method_line(common, data, common=True))
               if common is not None else ATLAS_CLASSES_PER_PAGE)
    note = block(classes, left_width, CONTENTS_SIZE, REGULAR, MUTED_COLOUR)
    parts = [note.svg(body.left, body.top)]
    top = body.top + note.height + CONTENTS_ROW
    parts.append(TextBlock((ATLAS_CONTENTS,), CONTENTS_SIZE + 3, BOLD, TEXT_COLOUR).svg(
        body.left, top))
    top += CONTENTS_ROW * 1.3
    columns = (body.left, body.left + left_width * 0.62, body.left + left_width * 0.78)
    for text, left in zip(ATLAS_CONTENTS_COLUMNS, columns, strict=True):
        parts.append(TextBlock((text,), CONTENTS_SIZE, BOLD, MUTED_COLOUR).svg(left, top))
    top += CONTENTS_ROW
    parts.append(line(body.left, top - 3, body.left + left_width, top - 3,
                      stroke=TEXT_COLOUR, stroke_width=1))
    for entry in contents:
        first, last = entry.table_pages
        pages = (ATLAS_PAGE.format(page=first) if first == last
                 else ATLAS_PAGES.format(first=first, last=last))
        for text, left in zip((entry.name, ATLAS_PAGE.format(page=entry.map_page), pages),
                              columns, strict=True):
            parts.append(TextBlock((text,), CONTENTS_SIZE, REGULAR, TEXT_COLOUR).svg(left, top))
        top += CONTENTS_ROW
        parts.append(line(body.left, top - 3, body.left + left_width, top - 3,
                          stroke=RULE_COLOUR, stroke_width=0.5))
    index_box = Box(body.left + left_width + body.width * 0.05, body.top,
                    body.width * (0.95 - CONTENTS_SHARE), body.height)
    index, glyphs = _index_map(data, contents, index_box)
    return svg_document(*size, title, "".join((*frame.parts, *parts, index)),
                        glyph_defs(glyphs))


def _index_map(data: AppData, contents: list[Entry], box: Box) -> tuple[str, set]:
    """Draw the région's départements, each named by its code and its map's page."""
    departements = data.departements
    shapes = project(departements.geometry.to_numpy())
    frame = MapFrame.fit(tuple(shapely.total_bounds(shapes)), box, padding=6)
    pages = {entry.departements[0]: entry.map_page for entry in contents
             if len(entry.departements) == 1}
    paths = "".join(f'<path d="{path}"/>' for path in page_paths(frame, shapes) if path)
    context = ContextLayer(surroundings(data, ())[1], CONTEXT_FILL, CONTEXT_EDGE)
    names = tuple(ATLAS_INDEX_LABEL.format(code=code, page=pages.get(code, "–"))
                  for code in departements["code"])
    placement = place_labels([LabelSet("index", names, shapes, INDEX_LABEL)], frame)
    labels, glyphs = labels_svg(placement)
    style = attributes(fill=INDEX_FILL, stroke=CONTEXT_EDGE, stroke_width=1.5,
                       stroke_linejoin="round")
    return (f'<g class="index"><clipPath id="index-clip">{rect(box)}</clipPath>'
            f'<g clip-path="url(#index-clip)">{context.draw(frame)}<g{style}>{paths}</g>'
            f"</g>{rect(box, fill='none', stroke=FRAME_COLOUR, stroke_width=0.75)}"
            f"{labels}</g>", glyphs)

