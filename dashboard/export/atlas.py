"""The atlas: one PDF with the region, then each département, each map with its structures.

Each section is the printed page of the view (:func:`~dashboard.export.page.page_figure`,
rendered as SVG so it stays vector) followed by an HTML table of the structures of the
shown zonings that touch the section, which runs onto as many pages as it needs (its
header repeats on each). Chromium prints the whole document in one go: no PDF merging,
so no other dependency, and the text of maps and tables stays selectable.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from dashboard.constants import FONT_FAMILY, TEXT_COLOUR
from dashboard.export.constants import (
    ATLAS_COLUMNS,
    ATLAS_ORIENTATION,
    ATLAS_PAPER,
    ATLAS_TABLE_EMPTY,
    ATLAS_TABLE_TITLE,
    ATLAS_TITLE,
    ATLAS_VALUE_NOTE,
    ILLUSTRATIVE_NOTICE,
    MUTED_COLOUR,
    NOTICE_COLOUR,
    RULE_COLOUR,
)
from dashboard.export.page import PageOptions, Paper, page_figure
from dashboard.export.renderer import Renderer, get_renderer
from dashboard.export.static import print_document
from dashboard.export.tables import territory_rows
from dashboard.export.texts import french_list, scope_name, view_sources, zoning_labels
from dashboard.formatting import format_value
from dashboard.strings import MISSING_UNAVAILABLE
from dashboard.views.data import AppData
from dashboard.views.state import ViewState

#: Table pages have margins (map pages fill theirs); the header repeats on each page.
TABLE_STYLE = f"""
@page table {{ margin: 14mm 14mm 16mm; }}
.structures {{ page: table; font-family: {FONT_FAMILY}; color: {TEXT_COLOUR};
  font-size: 9.5pt; }}
.structures h2 {{ font-size: 15pt; margin: 0 0 2mm; }}
.structures .subtitle {{ color: {MUTED_COLOUR}; margin: 0 0 4mm; }}
.structures table {{ width: 100%; border-collapse: collapse; }}
.structures thead {{ display: table-header-group; }}
.structures th {{ text-align: left; border-bottom: 1.2pt solid {TEXT_COLOUR};
  padding: 1.5mm 2mm; vertical-align: bottom; }}
.structures td {{ border-bottom: 0.5pt solid {RULE_COLOUR}; padding: 1.2mm 2mm;
  vertical-align: top; }}
.structures tr {{ break-inside: avoid; }}
.structures .number {{ text-align: right; white-space: nowrap; }}
.structures .notes {{ color: {MUTED_COLOUR}; font-size: 8pt; margin-top: 4mm; }}
.structures .notes p {{ margin: 0 0 1mm; }}
.structures .notice {{ color: {NOTICE_COLOUR}; font-weight: bold; }}
"""


def atlas_sections(data: AppData) -> list[tuple[str, ...]]:
    """List the départements of each section: the whole region, then each département."""
    return [(), *((code,) for code in data.departements["code"])]


def build_atlas(data: AppData, zonings: Sequence[str], indicator: str, *,
                method: str = "quantiles", classes: int = 5, breaks: Sequence[str] = (),
                paper: Paper | None = None,
                date: dt.date | None = None, renderer: Renderer | None = None) -> bytes:
    """Render the atlas of an indicator and some zonings as one PDF.

    Parameters
    ----------
    data : AppData
        The loaded region.
    zonings : sequence of str
        Keys of the zonings to outline and list ("dac", "cpts"…).
    indicator : str
        Code of the indicator of the maps and tables.
    method, classes, breaks
        Classification of each map (each section is classified on its own areas).
    paper : Paper, optional
        Sheet of every page; A4 landscape by default.
    date : datetime.date, optional
        Date printed on the maps (today by default).
    renderer : Renderer, optional
        The process-wide renderer by default.

    Returns
    -------
    bytes
        The PDF: per section, one map page then the table's pages.
    """
    renderer = renderer or get_renderer()
    paper = paper or Paper(ATLAS_PAPER, ATLAS_ORIENTATION)
    options = PageOptions(paper=paper, date=date)
    fragments = []
    for departements in atlas_sections(data):
        state = ViewState(departements=departements, zonings=tuple(zonings),
                          indicator=indicator, method=method, classes=classes,
                          breaks=tuple(breaks))
        figure, _ = page_figure(data, state, options)
        fragments.append(renderer.figure(figure, "svg", *paper.layout_size).decode("utf-8"))
        fragments.append(structures_table(data, state))
    title = ATLAS_TITLE.format(indicator=data.indicator(indicator).short_label,
                               region=data.region_name)
    document = print_document(fragments, paper.mm, style=TABLE_STYLE, title=title)
    return renderer.print_pdf(document, paper.mm)


def structures_table(data: AppData, state: ViewState) -> str:
    """Write the HTML table of the structures of a section, notes and sources under it."""
    indicator = data.indicator(state.indicator)
    rows = territory_rows(data, state)
    unit = f" ({indicator.unit})" if indicator.unit else ""
    headers = [ATLAS_COLUMNS[key] for key in ("type", "nom", "statut", "departements",
                                                "communes", "population")]
    numeric = (False, False, False, False, True, True, True)
    head = "".join(f'<th{_number_class(is_number)}>{html.escape(text)}</th>'
                   for text, is_number in zip([*headers, indicator.short_label + unit],
                                              numeric, strict=True))
    body = "".join(
        "<tr>" + "".join(f"<td{_number_class(is_number)}>{html.escape(text)}</td>"
                         for text, is_number in zip(cells, numeric, strict=True)) + "</tr>"
        for cells in (
            (row.type, row.nom, row.statut, row.departements,
             format_value(row.communes, "", 0), format_value(row.population, "", 0),
             format_value(row.value, indicator.unit, indicator.decimals, MISSING_UNAVAILABLE))
            for row in rows.itertuples()))
    table = (f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
             if len(rows) else f"<p>{html.escape(ATLAS_TABLE_EMPTY)}</p>")
    sources = view_sources(data, state)
    notes = [ATLAS_VALUE_NOTE.format(indicator=indicator.short_label), *indicator.notes]
    notes_html = "".join(f"<p>{html.escape(note)}</p>" for note in notes)
    sources_html = "".join(
        f'<p class="notice">{html.escape(line)}</p>' if line.startswith(ILLUSTRATIVE_NOTICE)
        else f"<p>{html.escape(line)}</p>" for line in sources.lines)
    title = ATLAS_TABLE_TITLE.format(scope=scope_name(data, state.departements))
    subtitle = f"{french_list(zoning_labels(data, state.zonings))} — {indicator.label}"
    return (f'<div class="structures"><h2>{html.escape(title)}</h2>'
            f'<p class="subtitle">{html.escape(subtitle)}</p>{table}'
            f'<div class="notes">{notes_html}{sources_html}</div></div>')


def _number_class(is_number: bool) -> str:
    return ' class="number"' if is_number else ""
