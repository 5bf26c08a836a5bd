"""Small layout builders shared by the pages."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import strings
from dashboard.editing.zoning_admin import TEXTS as ADMIN_TEXTS
from dashboard.editing.zoning_admin import ReportView
from dashboard.export.spreadsheet import GRID_CSV_EXPORT
from dashboard.figures.blank import blank_figure
from dashboard.palettes import OutlineStyle, SymbolStyle, svg_dasharray

SWATCH_WIDTH, SWATCH_HEIGHT = 34, 14
#: Style of a page, or a part of one, not shown.
HIDDEN = {"display": "none"}


def labelled(label: str, control: Component, control_id: str) -> html.Div:
    """Wrap a control with its visible label, linked for screen readers and keyboards."""
    return html.Div(className="cc-field", children=[
        html.Label(label, htmlFor=control_id, className="cc-field__label"),
        control,
    ])


def day_field(label: str, hint: str, control_id: str) -> html.Div:
    """Build a field for a day typed ``jj/mm/aaaa``, whatever the browser's language.

    A plain text field rather than ``<input type="date">`` (or dcc.DatePickerSingle), whose
    format and month names follow the browser's language, not the French interface. The
    hint is part of the label, so screen readers read the format with the name.
    """
    return html.Div(className="cc-field", children=[
        html.Label(htmlFor=control_id, className="cc-field__label", children=[
            label, " ", html.Span(f"({hint})", className="cc-field__hint")]),
        dcc.Input(id=control_id, type="text", debounce=True, autoComplete="off", maxLength=10,
                  placeholder=strings.DAY_PLACEHOLDER, className="form-control cc-day"),
    ])


def line_swatch(style: OutlineStyle) -> html.Span:
    """Draw a short line exactly like an outline on the map (same colour, width, dashes)."""
    middle = SWATCH_HEIGHT / 2
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{SWATCH_WIDTH}" '
           f'height="{SWATCH_HEIGHT}"><line x1="0" y1="{middle}" x2="{SWATCH_WIDTH}" '
           f'y2="{middle}" stroke="{style.colour}" stroke-width="{style.width}" '
           f'stroke-dasharray="{svg_dasharray(style.dash, style.width)}"/></svg>')
    return html.Span(className="cc-swatch cc-swatch--line", style={
        "backgroundImage": f'url("data:image/svg+xml,{quote(svg)}")',
    }, **{"aria-hidden": "true"})


def fill_swatch(color: str) -> html.Span:
    """Draw the colour square of a choropleth class."""
    return html.Span(className="cc-swatch cc-swatch--fill", style={"backgroundColor": color},
                     **{"aria-hidden": "true"})


def circle_swatch(diameter: float, style: SymbolStyle) -> html.Span:
    """Draw a proportional circle at the size it has on the map."""
    size = f"{diameter:.1f}px"
    return html.Span(className="cc-swatch--circle", style={
        "width": size, "height": size, "backgroundColor": style.fill, "opacity": style.opacity,
        "border": f"{style.edge_width}px solid {style.edge}"}, **{"aria-hidden": "true"})


def hatch_swatch(color: str) -> html.Span:
    """Draw the square of the areas shown, hatched, with the value of a larger area."""
    return html.Span(className="cc-swatch cc-swatch--fill cc-swatch--hatch",
                     style={"backgroundColor": color}, **{"aria-hidden": "true"})


def dropdown(**props) -> dcc.Dropdown:
    """Build a ``dcc.Dropdown`` whose own texts (search, select all, no result) are French."""
    return dcc.Dropdown(labels=strings.DROPDOWN_LABELS, **props)


def csv_export_params(file_name: str, sources: Sequence[str]) -> dict:
    """Tell a grid what its « Télécharger (CSV) » writes.

    ``;`` for French Excel, every column, cells neutralised (:data:`GRID_CSV_EXPORT`),
    then the sources (with the vintage of the populations) in rows after the table.

    AG Grid escapes the ``appendContent`` cells itself.
    """
    return {**GRID_CSV_EXPORT, "fileName": file_name, "allColumns": True,
            "appendContent": [[], *([{"data": {"value": line}}] for line in sources)]}


def graph_frame(frame_id: str | None = None, graph: Component | None = None,
                class_name: str = "") -> html.Div:
    """Hold a map: sized by the page, « Chargement de la carte… » written until it is drawn.

    The graph is given, or put in the ``frame_id`` box later (:mod:`dashboard.layouts.pages`):
    a ``dcc.Graph`` loads plotly.js as soon as it mounts, hidden or not, so pages hold
    none until they show one.
    """
    box = html.Div(id=frame_id, className="cc-graph__frame", children=graph) if frame_id \
        else html.Div(className="cc-graph__frame", children=graph)
    return html.Div(className=f"cc-graph {class_name}".rstrip(), children=[
        html.P(strings.MAP_LOADING, className="cc-graph__loading"), box])


def map_graph(graph_id: str, config: dict, figure: dict | None = None) -> dcc.Graph:
    """Build a map graph filling its :func:`graph_frame`, blank (no axes) without a figure."""
    return dcc.Graph(id=graph_id, config=config, className="cc-graph__plot", responsive=True,
                     clear_on_unhover=True,
                     figure=blank_figure() if figure is None else figure)
def report_block(view: ReportView) -> list:
    """Lay out a file's report: headline, what to check, each severity as a list.

    The same for a zoning file (page Données) and a list of places (map page).
    """
    children = [dbc.Alert(view.headline, color="success" if view.ok else "danger",
                          className="mb-2")]
    if view.summary:
        children.append(html.Div(className="cc-report__summary", children=[
            html.P(ADMIN_TEXTS["summary_title"], className="fw-semibold mb-1"),
            html.Ul([html.Li(line) for line in view.summary])]))
    for title, lines in view.sections:
        children.append(html.Details(open=not title.startswith("Informations"), children=[
            html.Summary(title), html.Ul([html.Li(line) for line in lines])]))
    return children
