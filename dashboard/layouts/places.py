"""Lists of places on the map page: the import panel, their legend, their fiche counts."""

from __future__ import annotations

from urllib.parse import quote

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids, place_strings
from dashboard.figures.points import PlaceLegend
from dashboard.formatting import format_number
from dashboard.layouts.components import labelled
from dashboard.strings import DAY_PLACEHOLDER
from dashboard.views.data import AppData
from dashboard.views.place_layers import TerritoryPlaces
from geodata.observations.shared_indicators import MAX_LABEL_CHARS, MAX_PRODUCER_CHARS
from geodata.store import MAX_NOTE_CHARS

#: Marker shapes as SVG paths in a 14 × 14 box (the map's plotly symbols).
SHAPES = {
    "circle": '<circle cx="7" cy="7" r="5.5"/>',
    "square": '<rect x="2" y="2" width="10" height="10"/>',
    "diamond": '<path d="M7 0.8 13.2 7 7 13.2 0.8 7Z"/>',
    "triangle-up": '<path d="M7 1 13 12.5H1Z"/>',
}


def marker_swatch(colour: str, symbol: str = "circle", size: float = 14) -> html.Span:
    """Draw a place marker as on the map: its shape, colour and white edge."""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14" '
           f'viewBox="0 0 14 14"><g fill="{colour}" stroke="#ffffff" stroke-width="1">'
           f'{SHAPES.get(symbol, SHAPES["circle"])}</g></svg>')
    return html.Span(className="cc-swatch cc-swatch--marker", style={
        "backgroundImage": f'url("data:image/svg+xml,{quote(svg)}")',
        "width": f"{size:g}px", "height": f"{size:g}px"}, **{"aria-hidden": "true"})


def shared_options(data: AppData) -> list[dict]:
    """Checklist options of the shared lists of places."""
    return [{"label": layer.label, "value": key} for key, layer in data.place_layers.items()]


def shared_style(data: AppData) -> dict:
    """Show the choice of shared lists only when there is one to choose."""
    return {} if data.place_layers else {"display": "none"}


def places_panel(data: AppData) -> html.Details:
    """« Ajouter des observations »: import a list, see its report, share it, pick shared ones."""
    return html.Details(className="cc-places", id="cc-places", children=[
        html.Summary(place_strings.PLACES_TITLE, className="cc-places__summary"),
        html.H3(place_strings.PLACES_SUBTITLE, className="cc-places__subtitle"),
        html.P(place_strings.PLACES_HELP, className="cc-hint"),
        labelled(place_strings.PLACES_LABEL, dcc.Input(
            id=ids.PLACES_LABEL, type="text", maxLength=80, debounce=True,
            placeholder=place_strings.PLACES_LABEL_PLACEHOLDER, className="form-control"),
            ids.PLACES_LABEL),
        dcc.Upload(id=ids.PLACES_UPLOAD, className="cc-upload", multiple=False,
                   accept=".csv,.txt,.tsv,.xlsx", children=html.Div(place_strings.PLACES_UPLOAD)),
        dcc.Loading(html.Div(id=ids.PLACES_REPORT, className="cc-report", role="status")),
        html.Div(className="cc-places__actions", children=[
            html.Button(place_strings.PLACES_REMOVE, id=ids.PLACES_REMOVE, n_clicks=0,
                        className="btn btn-outline-secondary btn-sm"),
            html.Button(place_strings.PLACES_SHARE, id=ids.PLACES_SHARE, n_clicks=0,
                        className="btn btn-outline-primary btn-sm"),
        ]),
        html.P(place_strings.PLACES_SESSION_NOTE, className="cc-hint"),
        html.Div(id=ids.PLACES_SHARE_MESSAGE, role="status"),
        # data=None: an empty store then matches the empty session storage and does not
        # announce a change at page load (the map is not drawn yet).
        dcc.Store(id=ids.PLACES_SESSION, storage_type="session", data=None),
        *indicators_section(),
        html.Fieldset(className="cc-field", children=[
            html.Legend(place_strings.PLACES_SHARED_LABEL, className="cc-field__label"),
            # Hidden while empty: an empty list of choices has nothing to name.
            dcc.Checklist(id=ids.PLACE_LAYERS, options=shared_options(data), value=[],
                          className="cc-checklist", inputClassName="form-check-input",
                          style=shared_style(data)),
            *([] if data.place_layers else
              [html.P(place_strings.PLACES_SHARED_EMPTY, className="cc-hint")]),
        ]),
    ])


def indicators_section() -> list:
    """Import of values by commune or IRIS: each numeric column becomes an indicator."""
    return [
        html.H3(place_strings.INDICATORS_TITLE, className="cc-places__subtitle"),
        html.P(place_strings.INDICATORS_HELP, className="cc-hint"),
        html.Fieldset(className="cc-field", children=[
            html.Legend(place_strings.INDICATORS_COMBINE_LABEL, className="cc-field__label"),
            # dbc's radio items, as the mesh control: one native radio button per option,
            # each with its own label (dcc's nests them in role="option" labels).
            dbc.RadioItems(id=ids.INDICATORS_COMBINE, value="rate", options=[
                {"label": label, "value": value}
                for value, label in place_strings.INDICATORS_COMBINE.items()]),
        ]),
        dcc.Upload(id=ids.INDICATORS_UPLOAD, className="cc-upload", multiple=False,
                   accept=".csv,.txt,.tsv,.xlsx",
                   children=html.Div(place_strings.INDICATORS_UPLOAD)),
        dcc.Loading(html.Div(id=ids.INDICATORS_REPORT, className="cc-report", role="status")),
        html.Div(className="cc-places__actions", children=[
            html.Button(place_strings.INDICATORS_REMOVE, id=ids.INDICATORS_REMOVE, n_clicks=0,
                        className="btn btn-outline-secondary btn-sm")]),
        dcc.Store(id=ids.INDICATORS_SESSION, storage_type="session", data=None),
        share_indicators_section(),
    ]


def share_indicators_section() -> html.Details:
    """Save the session's indicators for everyone: the editor names, sources and dates them."""
    def field(field_id: str, label: str, placeholder: str, limit: int) -> html.Div:
        return labelled(label, dcc.Input(id=field_id, type="text", maxLength=limit,
                                         placeholder=placeholder, className="form-control"),
                        field_id)

    return html.Details(className="cc-places__share", children=[
        html.Summary(place_strings.INDICATORS_SHARE_TITLE),
        html.P(place_strings.INDICATORS_SHARE_HELP, className="cc-hint"),
        field(ids.INDICATORS_SHARE_LABEL, place_strings.INDICATORS_SHARE_LABEL,
              place_strings.INDICATORS_SHARE_LABEL_PLACEHOLDER, MAX_LABEL_CHARS),
        field(ids.INDICATORS_SHARE_SOURCE, place_strings.INDICATORS_SHARE_SOURCE,
              place_strings.INDICATORS_SHARE_SOURCE_PLACEHOLDER, MAX_PRODUCER_CHARS),
        # Not day_field: its debounce commits the day on blur, which a click on « Enregistrer
        # pour tous » can outrun (the callback then reads no date).
        field(ids.INDICATORS_SHARE_DATE, place_strings.INDICATORS_SHARE_DATE, DAY_PLACEHOLDER,
              len(DAY_PLACEHOLDER)),
        field(ids.INDICATORS_SHARE_NOTE, place_strings.INDICATORS_SHARE_NOTE, "",
              MAX_NOTE_CHARS),
        html.Button(place_strings.INDICATORS_SHARE, id=ids.INDICATORS_SHARE, n_clicks=0,
                    className="btn btn-outline-primary btn-sm"),
        html.Div(id=ids.INDICATORS_SHARE_MESSAGE, role="status"),
    ])


def place_legend_block(legend: PlaceLegend) -> html.Div:
    """Legend of one list of places: its categories with counts, circle sizes, source."""
    rows = [html.Li([marker_swatch(category.colour, legend.symbol),
                     html.Span(f"{category.label} ({format_number(category.count, 0)})")])
            for category in legend.categories]
    children = [html.H3(legend.title, className="cc-legend__subtitle"),
                html.Ul(rows, className="cc-legend__rows cc-legend__places")]
    if legend.sizes:
        children.append(html.P(place_strings.PLACE_LEGEND_SIZES.format(label=legend.value_label),
                               className="cc-legend__method"))
        children.append(html.Ul(className="cc-legend__rows", children=[
            html.Li([marker_swatch("#9e9e9e", legend.symbol, size),
                     html.Span(format_number(value, 0))]) for value, size in legend.sizes]))
    if legend.at_centre:
        children.append(html.P(legend.at_centre, className="cc-legend__note"))
    children.append(html.P(legend.source, className="cc-legend__source"))
    return html.Div(children, className="cc-legend__layer")


def place_counts_block(counts: tuple[TerritoryPlaces, ...]) -> list:
    """Fiche section « Observations sur le territoire »: places by category per list."""
    if not counts:
        return []
    children: list = [html.H3(place_strings.PLACE_FICHE_TITLE)]
    for layer in counts:
        rows = [html.Tr([html.Td([marker_swatch(colour), " ", category]),
                         html.Td(format_number(count, 0), className="text-end")])
                for category, colour, count in layer.counts]
        rows.append(html.Tr([html.Th(place_strings.PLACE_FICHE_TOTAL),
                             html.Th(format_number(layer.total, 0), className="text-end")]))
        children += [html.H4(layer.title),
                     html.Table(html.Tbody(rows), className="table table-sm cc-places__table")]
        if layer.partial:
            children.append(html.P(place_strings.PLACE_FICHE_PARTIAL, className="cc-hint"))
        children.append(html.P(layer.source, className="cc-legend__source"))
    return children
