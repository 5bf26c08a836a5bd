"""Exports of a harmonisation scenario: its moves as CSV, its maps before and after as PDF.

Both read the scenario from the view state in the query string, as the page does
(:func:`dashboard.views.harmonisation.harmonisation_view`), so that a file says what the
page showed. The PDF is one page: the zoning as it is (« Actuel ») beside the draft
(« Projet »), the population moved and the nesting index before and after, the notice
that the draft is not official, the sources and the date. Its text is HTML printed by
Chromium (searchable, selectable); the maps are vector SVG.
"""

from __future__ import annotations

import copy
import datetime as dt
import html

from dashboard import strings
from dashboard.constants import TEXT_COLOUR
from dashboard.export.errors import ExportOptionsError
from dashboard.export.page import Paper
from dashboard.export.renderer import Renderer
from dashboard.export.spreadsheet import csv_bytes
from dashboard.export.static import print_document
from dashboard.export.texts import Sources, french_date, scope_name, view_sources
from dashboard.palettes import svg_dasharray
from dashboard.views.analysis import scope_level
from dashboard.views.data import AppData
from dashboard.views.gaps import communes_geojson_name
from dashboard.views.harmonisation import (
    HarmonisationView,
    harmonisation_request,
    harmonisation_view,
    scenario_moves,
)
from dashboard.views.harmonisation_map import FATE_COLOURS, shown_outline
from dashboard.views.heterogeneity import format_index
from dashboard.views.map_geometry import geojson_payload
from dashboard.views.state import ViewState, with_changes
from geodata.harmonisation.report import move_records

CSV_COLUMNS = ("Code commune", "Commune", "Population déplacée", "Territoire quitté",
               "Territoire rejoint", "Territoire {other}", "Origine", "Statut",
               "Périmètres", "Géographie")
#: Width and height of each map on the A4 landscape page, in CSS pixels.
MAP_SIZE = (540, 560)
PAGE_STYLE = f"""
body {{ font-family: "Source Sans 3", "Helvetica", sans-serif; color: {TEXT_COLOUR}; }}
.sheet-html {{ box-sizing: border-box; width: 297mm; height: 210mm; padding: 9mm 10mm; }}
h1 {{ font-size: 17pt; margin: 0 0 1mm; }}
.sub {{ font-size: 10pt; margin: 0 0 2mm; color: #3a3a3a; }}
.summary {{ font-size: 11pt; font-weight: 700; margin: 0 0 2mm; }}
.notice {{ font-size: 10pt; font-weight: 700; color: #b00020; margin: 0 0 2mm; }}
.maps {{ display: flex; gap: 6mm; }}
.maps figure {{ margin: 0; flex: 1 1 0; border: 1px solid #bbb; }}
.maps figcaption {{ font-size: 13pt; font-weight: 700; padding: 1mm 2mm; }}
.maps svg {{ display: block; width: 100%; height: auto; }}
ul.legend {{ list-style: none; padding: 0; margin: 2mm 0; font-size: 9pt;
             display: flex; flex-wrap: wrap; gap: 1mm 5mm; }}
.foot {{ font-size: 8pt; color: #3a3a3a; margin: 0; }}
"""


def scenario_view(data: AppData, state: ViewState) -> HarmonisationView:
    """Measure the scenario of the view state as the page does.

    Raises
    ------
    ExportOptionsError
        When the data has nothing to harmonise.
    """
    request = harmonisation_request(data, state)
    if request is None:
        raise ExportOptionsError(strings.HARM_UNAVAILABLE)
    return harmonisation_view(data, request, scenario_moves(data, state, request), None,
                              communes_geojson_name(data, request.departements))


def scenario_sources(data: AppData, state: ViewState, view: HarmonisationView) -> Sources:
    """Give the sources of the geography and of both zonings' perimeters."""
    return view_sources(data, with_changes(state, zonings=(view.request.edited,
                                                           view.request.other)))


def moves_csv(data: AppData, state: ViewState) -> bytes:
    """One row per move of the scenario: commune, population moved, territories, status.

    Written by :func:`~dashboard.export.spreadsheet.csv_bytes` (French Excel, every cell
    neutralised against formulas); every row says it is a draft and carries the
    sources, as the app's other CSV files do.
    """
    view = scenario_view(data, state)
    zoning, other = (data.zonings[key] for key in (view.request.edited, view.request.other))
    names = dict(zip(data.units["code"], data.units["nom"], strict=True))
    status = strings.HARM_BANNER_TITLE
    sources = scenario_sources(data, state, view)
    perimeters = " ; ".join(sources.perimeters)
    rows = [(record["code"], record["commune"], round(record["population"]),
             record["source_nom"] or strings.HARM_OUTSIDE_ZONING,
             record["target_nom"] or strings.HARM_OUTSIDE_ZONING, record["reference_nom"],
             strings.HARM_ORIGIN_PROPOSED if record["proposed"] else strings.HARM_ORIGIN_ADDED,
             status, perimeters, sources.geography)
            for record in move_records(view.scenario, other, names, view.proposal)]
    return csv_bytes([name.format(other=other.type.label) for name in CSV_COLUMNS], rows)


def before_after_pdf(data: AppData, state: ViewState, renderer: Renderer,
                     today: dt.date | None = None) -> bytes:
    """Print the zoning as it is beside the draft, on one A4 landscape page."""
    view = scenario_view(data, state)
    current, project = before_after_figures(data, view)
    svgs = [renderer.figure(figure, "svg", *MAP_SIZE).decode("utf-8")
            for figure in (current, project)]
    paper = Paper("a4", "paysage")
    return renderer.print_pdf(print_document([page_html(data, state, view, svgs, today)], paper.mm,
                                             style=PAGE_STYLE,
                                             title=strings.HARM_AFTER), paper.mm)


def before_after_figures(data: AppData, view: HarmonisationView) -> tuple[dict, dict]:
    """Draw the zoning as it is, and the page's map of the draft, geometry inline."""
    request = view.request
    payload = geojson_payload(data, communes_geojson_name(data, request.departements))
    project = copy.deepcopy(view.map.figure)
    project["data"][0]["geojson"] = payload
    current = copy.deepcopy(project)
    edited = view.scenario.edited
    outline = shown_outline(data, request.departements,
                            scope_level(data, request.departements), edited)
    style = edited.type.style
    current["data"] = [trace for trace in current["data"]
                       if not trace["uid"].startswith("project")] + [{
        "type": "scattergeo", "uid": "current", "mode": "lines", "name": edited.type.label,
        "lon": outline.lon, "lat": outline.lat, "hoverinfo": "skip", "showlegend": False,
        "line": {"color": style.colour, "width": style.width, "dash": style.dash}}]
    for figure in (current, project):
        figure["layout"].pop("uirevision", None)
        figure["layout"]["paper_bgcolor"] = "#ffffff"
    return current, project


def page_html(data: AppData, state: ViewState, view: HarmonisationView, svgs: list[str],
              today: dt.date | None = None) -> str:
    """Lay out the page around the two maps: titles, legend, notice, sources, date."""
    a, b, edited = view.labels
    scenario = view.scenario
    escape = html.escape
    moves = f"{len(scenario.moves)} commune" + ("s déplacées" if len(scenario.moves) > 1
                                                 else " déplacée")
    summary = strings.HARM_PDF_SUMMARY.format(
        population=view.moved_text, share=view.moved_share, moves=moves,
        before=format_index(scenario.index_before), after=format_index(scenario.index_after))
    legend = [_legend_item(FATE_COLOURS[fate], None,
                           f"{strings.HARM_STATUS_LABELS[fate]} ({count})")
              for fate, count in view.map.fates]
    legend += [_legend_item(None, style, label) for label, style in view.map.outlines]
    edited_style = scenario.edited.type.style
    legend.insert(len(view.map.fates), _legend_item(None, edited_style,
                                                    f"{edited} — {strings.HARM_BEFORE.lower()}"))
    sources = scenario_sources(data, state, view)
    return f"""<div class="sheet-html">
<h1>{escape(strings.HARM_PDF_TITLE.format(label=edited, reference=b))}</h1>
<p class="sub">{escape(scope_name(data, view.request.departements))} —
{escape(strings.HARM_GOALS[str(view.request.goal)])}</p>
<p class="summary">{escape(summary)}</p>
<p class="notice">{escape(strings.HARM_PDF_NOTICE)}</p>
<div class="maps">
<figure><figcaption>{escape(strings.HARM_BEFORE)}</figcaption>{svgs[0]}</figure>
<figure><figcaption>{escape(strings.HARM_AFTER)}</figcaption>{svgs[1]}</figure>
</div>
<ul class="legend">{''.join(legend)}</ul>
<p class="foot">{escape(' ; '.join((sources.geography, *sources.perimeters)))}. Réalisé le
{escape(french_date(today or dt.date.today()))} avec Cartocoord.</p>
</div>"""


def _legend_item(fill: str | None, line, label: str) -> str:
    if fill is not None:
        swatch = (f'<svg width="18" height="12"><rect width="18" height="12" fill="{fill}" '
                  'stroke="#4d4d4d" stroke-width="0.8"/></svg>')
    else:
        swatch = (f'<svg width="28" height="12"><line x1="0" y1="6" x2="28" y2="6" '
                  f'stroke="{line.colour}" stroke-width="{line.width}" '
                  f'stroke-dasharray="{svg_dasharray(line.dash, line.width)}"/></svg>')
    return f"<li>{swatch} {html.escape(label)}</li>"

