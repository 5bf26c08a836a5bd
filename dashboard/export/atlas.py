"""The atlas: one PDF with a cover, the region, then each département, maps and tables.

Every page is composed in Python as SVG, with the frame of a map page (title, sources,
illustrative notice, date and page number), and Chromium prints them all in one go:
vectors and real text throughout, Source Sans 3 embedded once. The cover gives the title,
the date, how the classes were made and the contents; tables are paginated beforehand
(:mod:`dashboard.export.table_pages`), so page numbers are known before printing.

By default the classes are computed once, on the whole region, and every map colours
with them: one colour means one range throughout the atlas. ``per_page=True``
classifies each map on its own areas instead (``--breaks per-page``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dashboard.classification import Classification
from dashboard.constants import TEXT_COLOUR
from dashboard.export.constants import (
    ATLAS_CLASSES_COMMON,
    ATLAS_CLASSES_PER_PAGE,
    ATLAS_CONTENTS,
    ATLAS_CONTENTS_COLUMNS,
    ATLAS_PAGE,
    ATLAS_PAGES,
    ATLAS_SUBTITLE,
    ATLAS_TITLE,
    FOLIO,
    MUTED_COLOUR,
    RULE_COLOUR,
)
from dashboard.export.drawing.fonts import BOLD, REGULAR
from dashboard.export.drawing.svg import Box, line
from dashboard.export.drawing.text import TextBlock, block
from dashboard.export.page import PageOptions, compose_page, date_line, sheet, svg_document
from dashboard.export.presets import PageFormat
from dashboard.export.renderer import Renderer, get_renderer
from dashboard.export.static import print_document
from dashboard.export.table_pages import TablePage, table_pages
from dashboard.export.texts import (
    french_list,
    method_line,
    scope_name,
    view_sources,
    zoning_labels,
)
from dashboard.views.data import AppData
from dashboard.views.map_geometry import COARSE, Selection
from dashboard.views.map_view import classify_view
from dashboard.views.state import ViewState

#: Widest folio, to lay table pages out before their numbers are known.
FOLIO_PROBE = "Page 000 / 000"
CONTENTS_SIZE = 12.0
CONTENTS_ROW = 21.0


def atlas_sections(data: AppData) -> list[tuple[str, ...]]:
    """List the départements of each section: the whole region, then each département."""
    return [(), *((code,) for code in data.departements["code"])]


def common_classes(data: AppData, state: ViewState) -> Classification | None:
    """Return the classes of the region's map, shared by every page (None when coarse).

    A region mapped by départements (France) has classes of départements, which do not
    suit communes: then each page keeps its own.
    """
    if Selection.of(state, data).level == COARSE:
        return None
    return classify_view(data, state)[1]


def build_atlas(data: AppData, zonings: Sequence[str], indicator: str, *,
                method: str = "quantiles", classes: int = 5, breaks: Sequence[str] = (),
                per_page: bool = False, page: PageFormat | None = None,
                date: dt.date | None = None, renderer: Renderer | None = None) -> bytes:
    """Render the atlas of an indicator and some zonings as one PDF.

    Parameters
    ----------
    data : AppData
        The loaded region.
    zonings : sequence of str
        Keys of the zonings to outline, name and list ("dac", "cpts"…).
    indicator : str
        Code of the indicator of the maps and tables.
    method, classes, breaks
        Classification of the maps.
    per_page : bool
        Classify each map on its own areas rather than once on the whole region.
    page : PageFormat, optional
        Format of every page; A4 landscape by default.
    date : datetime.date, optional
        Date printed on the pages (today by default).
    renderer : Renderer, optional
        The process-wide renderer by default.

    Returns
    -------
    bytes
        The PDF: the cover, then per section its map page and its table pages.
    """
    renderer = renderer or get_renderer()
    page = page or PageFormat()
    states = [ViewState(departements=departements, zonings=tuple(zonings), indicator=indicator,
                        method=method, classes=classes, breaks=tuple(breaks), labels=True)
              for departements in atlas_sections(data)]
    common = None if per_page else common_classes(data, states[0])
    width, height = page.layout_size(0.0)
    tables = [table_pages(data, state, _table_body(data, state, width, height, date), ())
              for state in states]
    total = 1 + sum(1 + len(pages) for pages in tables)
    svgs, contents, number = [], [], 2
    for state, pages in zip(states, tables, strict=True):
        options = PageOptions(page=page, date=date, common=common,
                              folio=FOLIO.format(page=number, pages=total))
        composed = compose_page(data, state, options, ids=f"p{number}")
        svgs.append(composed.svg(embed_fonts=False))
        contents.append((scope_name(data, state.departements), number,
                         (number + 1, number + len(pages))))
        for offset, table in enumerate(pages, start=1):
            svgs.append(_table_svg(data, state, table, width, height, date,
                                   FOLIO.format(page=number + offset, pages=total)))
        number += 1 + len(pages)
    title = ATLAS_TITLE.format(indicator=data.indicator(indicator).short_label,
                               region=data.region_name)
    cover = _cover(data, states[0], title, contents, common, width, height, date,
                   FOLIO.format(page=1, pages=total))
    mm = page.page_mm((width, height))
    return renderer.print_pdf(print_document([cover, *svgs], mm, title=title), mm)


def _table_body(data: AppData, state: ViewState, width: float, height: float,
                date: dt.date | None) -> Box:
    """Body of a table page, laid out with the longest title and folio it may have."""
    return sheet(width, height, "M" * 60, "M" * 60, view_sources(data, state).combined(),
                 view_sources(data, state).notice, date_line(date, FOLIO_PROBE)).body


def _table_svg(data: AppData, state: ViewState, table: TablePage, width: float,
               height: float, date: dt.date | None, folio: str) -> str:
    sources = view_sources(data, state)
    frame = sheet(width, height, table.title, table.subtitle, sources.combined(),
                  sources.notice, date_line(date, folio))
    return svg_document(width, height, table.title, "".join((*frame.parts, table.draw)))


def _cover(data: AppData, state: ViewState, title: str,
           contents: list[tuple[str, int, tuple[int, int]]], common: Classification | None,
           width: float, height: float, date: dt.date | None, folio: str) -> str:
    """Compose the cover: title, zonings, how classes were made, contents with pages."""
    sources = view_sources(data, state)
    subtitle = ATLAS_SUBTITLE.format(region=data.region_name,
                                     zonings=french_list(zoning_labels(data, state.zonings)))
    frame = sheet(width, height, title, subtitle, sources.combined(), sources.notice,
                  date_line(date, folio))
    body = frame.body
    classes = (ATLAS_CLASSES_COMMON.format(method=method_line(common, data, common=True))
               if common is not None else ATLAS_CLASSES_PER_PAGE)
    note = block(classes, body.width * 0.7, CONTENTS_SIZE, REGULAR, MUTED_COLOUR)
    parts = [note.svg(body.left, body.top)]
    top = body.top + note.height + CONTENTS_ROW
    parts.append(TextBlock((ATLAS_CONTENTS,), CONTENTS_SIZE + 3, BOLD, TEXT_COLOUR).svg(
        body.left, top))
    top += CONTENTS_ROW * 1.3
    columns = (body.left, body.left + body.width * 0.45, body.left + body.width * 0.6)
    for text, left in zip(ATLAS_CONTENTS_COLUMNS, columns, strict=True):
        parts.append(TextBlock((text,), CONTENTS_SIZE, BOLD, MUTED_COLOUR).svg(left, top))
    top += CONTENTS_ROW
    parts.append(line(body.left, top - 3, body.left + body.width * 0.75, top - 3,
                      stroke=TEXT_COLOUR, stroke_width=1))
    for name, map_page, (first, last) in contents:
        pages = (ATLAS_PAGE.format(page=first) if first == last
                 else ATLAS_PAGES.format(first=first, last=last))
        for text, left in zip((name, ATLAS_PAGE.format(page=map_page), pages), columns,
                              strict=True):
            parts.append(TextBlock((text,), CONTENTS_SIZE, REGULAR, TEXT_COLOUR).svg(left, top))
        top += CONTENTS_ROW
        parts.append(line(body.left, top - 3, body.left + body.width * 0.75, top - 3,
                          stroke=RULE_COLOUR, stroke_width=0.5))
    return svg_document(width, height, title, "".join((*frame.parts, *parts)))
