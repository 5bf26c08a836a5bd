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
from dashboard.export.atlas_cover import Entry, cover_page
from dashboard.export.constants import ATLAS_TITLE, FOLIO
from dashboard.export.drawing.svg import Box
from dashboard.export.page import PageOptions, compose_page, date_line, sheet, svg_document
from dashboard.export.presets import PageFormat
from dashboard.export.renderer import Renderer, get_renderer
from dashboard.export.static import print_document
from dashboard.export.table_pages import TablePage, table_pages
from dashboard.export.texts import scope_name, view_sources
from dashboard.views.data import AppData
from dashboard.views.map_geometry import COARSE, Selection
from dashboard.views.map_view import classify_view
from dashboard.views.state import ViewState

#: Widest folio, to lay table pages out before their numbers are known.
FOLIO_PROBE = "Page 000 / 000"


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
        contents.append(Entry(scope_name(data, state.departements), state.departements,
                              number, (number + 1, number + len(pages))))
        for offset, table in enumerate(pages, start=1):
            svgs.append(_table_svg(data, state, table, width, height, date,
                                   FOLIO.format(page=number + offset, pages=total)))
        number += 1 + len(pages)
    title = ATLAS_TITLE.format(indicator=data.indicator(indicator).short_label,
                               region=data.region_name)
    cover = cover_page(data, states[0], title, contents, common, (width, height),
                       date_line(date, FOLIO.format(page=1, pages=total)))
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
