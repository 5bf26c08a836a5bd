"""The map page: controls on the left, the map with its legend, the fiche in a side panel."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids, strings
from dashboard.constants import MAX_CLASSES, METHODS, MIN_CLASSES
from dashboard.export.logo import MAX_BYTES as LOGO_MAX_BYTES
from dashboard.export.presets import PageFormat
from dashboard.layouts.components import (
    HIDDEN,
    day_field,
    dropdown,
    graph_frame,
    labelled,
    line_swatch,
    map_graph,
)
from dashboard.layouts.meeting import slideshow_panel
from dashboard.layouts.places import places_panel
from dashboard.views.data import AppData
from dashboard.views.state import BY_COMMUNE, COMMUNE_MESH
from dashboard.views.user_indicators import option_label

#: Plotly config of the main map: local topojson (offline), French (the locale comes with
#: plotly.js, :mod:`dashboard.server.plotly_bundle`), no plotly logo, no button sending
#: the figure to a plotly server.
MAP_CONFIG = {
    "topojsonURL": "/assets/topojson/",
    "displaylogo": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "scrollZoom": True,
    "locale": "fr",
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "sendDataToCloud"],
    "toImageButtonOptions": {"format": "png", "filename": "cartocoord-carte", "scale": 2},
}
#: Format the export panel offers first, with its resolutions (no callback at page load).
DEFAULT_FORMAT = PageFormat()


def zoning_options(data: AppData) -> list[dict]:
    """Checklist options: each zoning with a swatch of its outline and its full name."""
    return [{
        "label": html.Span(className="cc-zoning-option", children=[
            line_swatch(zoning.type.style),
            html.Span(zoning.type.label, title=zoning.type.long_label),
        ]),
        "value": key,
    } for key, zoning in data.zonings.items()]


def indicator_options(data: AppData) -> list[dict]:
    """Options of the indicator selector: built-in, shared (source, date), the visitor's own."""
    return [{"label": option_label(indicator), "value": indicator.code}
            for indicator in data.indicators]


def controls(data: AppData) -> html.Div:
    """Every setting of the map, each with a visible label."""
    colour_by_options = [{"label": strings.COLOUR_BY_COMMUNES, "value": BY_COMMUNE}] + [
        {"label": strings.COLOUR_BY_TERRITORY.format(label=zoning.type.label), "value": key}
        for key, zoning in data.zonings.items()]
    return html.Div(className="cc-controls", children=[
        html.H2(strings.CONTROLS_TITLE, className="visually-hidden"),
        labelled(strings.SEARCH_LABEL, dropdown(
            id=ids.SEARCH, placeholder=strings.SEARCH_PLACEHOLDER, options=[],
            search_order="original",
            searchable=True, clearable=True), ids.SEARCH),
        html.Div(id=ids.COVERAGE, className="cc-coverage", **{"aria-live": "polite"}),
        labelled(strings.DEPARTEMENTS_LABEL, dropdown(
            id=ids.DEPARTEMENTS, multi=True, placeholder=strings.DEPARTEMENTS_PLACEHOLDER,
            options=[{"label": f"{row.code} — {row.nom}", "value": row.code}
                     for row in data.departements.itertuples()]), ids.DEPARTEMENTS),
        html.Fieldset(className="cc-field", children=[
            html.Legend(strings.ZONINGS_LABEL, className="cc-field__label"),
            # dbc's checklist: one native checkbox per option, each with its own <label for>
            # (dcc.Checklist nests focusable checkboxes inside role="option" labels).
            dbc.Checklist(id=ids.ZONINGS, options=zoning_options(data), value=[],
                          className="cc-checklist"),
            dbc.Switch(id=ids.LABELS, label=strings.LABELS_LABEL, value=False),
            dbc.Switch(id=ids.QPV, label=strings.QPV_SWITCH_LABEL, value=False),
        ]),
        day_field(strings.AS_OF_LABEL, strings.AS_OF_HINT, ids.AS_OF),
        html.Div(id=ids.AS_OF_ERROR, className="cc-error", role="alert"),
        labelled(strings.INDICATOR_LABEL, dropdown(
            id=ids.INDICATOR, options=indicator_options(data), clearable=False), ids.INDICATOR),
        html.Div(id=ids.INDICATOR_NOTE, className="cc-hint", **{"aria-live": "polite"}),
        labelled(strings.COLOUR_BY_LABEL, dropdown(
            id=ids.COLOUR_BY, options=colour_by_options, clearable=False), ids.COLOUR_BY),
        html.Fieldset(className="cc-field", children=[
            html.Legend(strings.MESH_LABEL, className="cc-field__label"),
            dbc.RadioItems(id=ids.MESH, inline=True, value=COMMUNE_MESH, options=[
                {"label": label, "value": value}
                for value, label in strings.MESH_OPTIONS.items()]),
            html.P(id=ids.MESH_HINT, className="cc-hint", **{"aria-live": "polite"}),
        ]),
        labelled(strings.METHOD_LABEL, dropdown(
            id=ids.METHOD, clearable=False,
            options=[{"label": strings.METHOD_LABELS[m], "value": m} for m in METHODS]),
            ids.METHOD),
        # Radio buttons rather than dcc.Slider, whose number box and thumb have no name.
        html.Fieldset(className="cc-field", children=[
            html.Legend(strings.CLASSES_LABEL, className="cc-field__label"),
            # One name: a single Tab stop, and the arrow keys move between the radios.
            dbc.RadioItems(id=ids.CLASSES, name=ids.CLASSES, inline=True, className="cc-classes",
                           options=[{"label": str(k), "value": k}
                                    for k in range(MIN_CLASSES, MAX_CLASSES + 1)]),
        ]),
        labelled(strings.BREAKS_LABEL, dcc.Input(
            id=ids.BREAKS, type="text", debounce=True, placeholder=strings.BREAKS_PLACEHOLDER,
            className="form-control"), ids.BREAKS),
        html.Div(id=ids.BREAKS_ERROR, className="cc-error", role="alert"),
        places_panel(data),
        export_panel(),
        slideshow_panel(),
    ])


def export_panel() -> html.Details:
    """Export options and download links (filled by a callback from the view state)."""
    return html.Details(className="cc-export", children=[
        html.Summary(strings.EXPORT_TITLE, id=ids.EXPORT_SUMMARY,
                     className="cc-export__summary"),
        labelled(strings.EXPORT_TITLE_LABEL, dcc.Input(
            id=ids.EXPORT_TITLE, type="text", debounce=True, maxLength=120,
            placeholder=strings.EXPORT_TITLE_PLACEHOLDER, className="form-control"),
            ids.EXPORT_TITLE),
        labelled(strings.EXPORT_SUBTITLE_LABEL, dcc.Input(
            id=ids.EXPORT_SUBTITLE, type="text", debounce=True, maxLength=160,
            placeholder=strings.EXPORT_TITLE_PLACEHOLDER, className="form-control"),
            ids.EXPORT_SUBTITLE),
        labelled(strings.EXPORT_PAPER_LABEL, dropdown(
            id=ids.EXPORT_PAPER, value=DEFAULT_FORMAT.key, clearable=False,
            options=[{"label": label, "value": value}
                     for value, label in strings.EXPORT_PAPERS.items()]), ids.EXPORT_PAPER),
        labelled(strings.EXPORT_DPI_LABEL, dropdown(
            id=ids.EXPORT_DPI, value=DEFAULT_FORMAT.default_resolution, clearable=False,
            options=[{"label": strings.EXPORT_RESOLUTIONS[value], "value": value}
                     for value in DEFAULT_FORMAT.resolutions]),
            ids.EXPORT_DPI),
        # dbc's checklist, like the zonings': a native checkbox with its own <label for>.
        dbc.Checklist(id=ids.EXPORT_TRANSPARENT, className="cc-export__check",
                      options=[{"label": strings.EXPORT_TRANSPARENT, "value": "transparent"}],
                      value=[]),
        html.Div(className="cc-field", children=[
            html.Span(strings.EXPORT_LOGO_LABEL, className="cc-field__label"),
            dcc.Upload(id=ids.EXPORT_LOGO, className="cc-upload", max_size=LOGO_MAX_BYTES,
                       accept=".png,.jpg,.jpeg,.svg,image/png,image/jpeg,image/svg+xml",
                       children=html.Span(strings.EXPORT_LOGO_DROP)),
            html.Div(id=ids.EXPORT_LOGO_STATUS, className="cc-hint", role="status"),
            dbc.Button(strings.EXPORT_LOGO_REMOVE, id=ids.EXPORT_LOGO_REMOVE, size="sm",
                       color="secondary", outline=True),
        ]),
        html.Ul(id=ids.EXPORT_LINKS, className="cc-export__links"),
    ])


def fiche_panel() -> dbc.Offcanvas:
    """Return the fiche d'identité, opened beside the map when a territory is selected."""
    return dbc.Offcanvas(id=ids.FICHE, title=strings.FICHE_TITLE, placement="end",
                         is_open=False, scrollable=True, backdrop=False,
                         className="cc-fiche", children=[html.Div(id=ids.FICHE_BODY),
                                                         html.Div(id=ids.FICHE_PLACES)])


def toggle_button(label: str, button_id: str, controls: str, *, expanded: bool = False,
                  class_name: str = "", **data_attributes: str) -> html.Button:
    """Build a button that shows or hides another part of the page (``aria-expanded``).

    ``data-cc-open`` / ``data-cc-collapse`` name the class that ``assets/accessibility.js``
    sets on the page for it; without either, a callback handles the button.
    """
    return html.Button(label, id=button_id, type="button",
                       className=f"btn btn-outline-primary btn-sm {class_name}".strip(),
                       **{"aria-controls": controls, "aria-expanded": str(expanded).lower(),
                          **{f"data-cc-{key}": value for key, value in data_attributes.items()}})


def sidebar(data: AppData) -> html.Aside:
    """Hold the controls: a column beside the map, a drawer « Filtres » on narrow screens."""
    return html.Aside(id=ids.SIDEBAR, className="cc-sidebar",
                      **{"aria-label": strings.CONTROLS_TITLE}, children=[
        html.Div(className="cc-drawer-head", children=[
            html.P(strings.FILTERS_TOGGLE, className="cc-drawer-head__title"),
            html.Button(className="btn-close", id=ids.FILTERS_CLOSE, type="button",
                        **{"aria-label": strings.FILTERS_CLOSE,
                           "data-cc-close": "cc-drawer-open"}),
        ]),
        controls(data),
    ])


def map_page(data: AppData) -> html.Div:
    """Return the map page, hidden rather than removed when another page shows (keeps the map).

    The map itself is put in its frame when the page first shows (:func:`map_parts`).
    """
    return html.Div(id=ids.PAGE_MAP, className="cc-map-page", style=HIDDEN, children=[
        sidebar(data),
        html.Section(className="cc-map-area", **{"aria-label": strings.MAP_REGION_LABEL},
                     children=[
            html.Div(className="cc-map-toolbar", role="group",
                     **{"aria-label": strings.MAP_TOOLBAR}, children=[
                toggle_button(strings.FILTERS_TOGGLE, ids.FILTERS_TOGGLE, ids.SIDEBAR,
                              class_name="cc-narrow-only", open="cc-drawer-open"),
                toggle_button(strings.LEGEND_TOGGLE, ids.LEGEND_TOGGLE, ids.LEGEND,
                              expanded=True, class_name="cc-narrow-only",
                              collapse="cc-legend-collapsed"),
                toggle_button(strings.MAP_TABLE_TOGGLE, ids.MAP_TABLE_TOGGLE, ids.MAP_TABLE),
            ]),
            html.Div(className="cc-map-stage", children=[
                # Right after its button, over the map. Focusable: a keyboard scrolls the long
                # table (arrow keys, Page Down).
                html.Div(id=ids.MAP_TABLE, className="cc-map-table", hidden=True, tabIndex="0",
                         role="region", **{"aria-label": strings.MAP_TABLE_TOGGLE}),
                graph_frame(ids.MAP_FRAME, class_name="cc-map"),
                # The map's classes and the lists of places shown, in one box; focusable
                # too: with the mesh, hatched, circle and places rows the legend may scroll.
                html.Div(id=ids.LEGEND, className="cc-legend", tabIndex="0", role="region",
                         **{"aria-label": strings.LEGEND_TOGGLE}),
            ]),
            html.P(id=ids.MAP_STATUS, role="status", className="visually-hidden"),
            dcc.Store(id=ids.MAP_TABLE_OPENED),
        ]),
        fiche_panel(),
    ])


def map_parts(_data: AppData) -> dict[str, Component]:
    """Build the map, blank until the map callback draws it."""
    return {ids.MAP_FRAME: map_graph(ids.MAP, MAP_CONFIG)}
