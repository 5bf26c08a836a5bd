"""Draw the map for the current state: a whole figure when the geometry changes, else a patch.

The legend has its own callback: a response holding Dash components is serialised by
plotly's pure-Python walk of every value, whereas a figure alone goes straight to orjson
(tens of milliseconds less for the outlines of France's CPTS).
"""

from __future__ import annotations

from dash import (
    ClientsideFunction,
    Input,
    Output,
    Patch,
    State,
    callback,
    clientside_callback,
    no_update,
)

from dashboard import ids
from dashboard.callbacks.common import current_view
from dashboard.classification import ClassificationError
from dashboard.layouts.panels import legend_panel, map_table_panel
from dashboard.views.geo_files import geojson_url
from dashboard.views.map_geometry import Selection, geojson_name
from dashboard.views.map_table import map_summary, map_table
from dashboard.views.map_view import (
    map_figure,
    map_legend,
    mesh_choice,
    recolour,
    relabel,
)


@callback(
    Output(ids.MAP, "figure"), Output(ids.FIGURE_KEY, "data"),
    Output(ids.BREAKS_ERROR, "children"),
    Input(ids.STATE, "data"), State(ids.FIGURE_KEY, "data"),
)
def draw_map(store: dict, shown_key: str | None):
    """Rebuild the figure only when areas, outlines or highlight change."""
    data, state = current_view(store)
    selection = Selection.of(state)
    key = f"{selection.key}|{state.territory}|{state.commune}|{state.qpv}"
    try:
        if key == shown_key:
            figure = Patch()
            for index, values in recolour(data, state).items():
                for name, value in values.items():
                    figure["data"][index][name] = value
        else:
            figure = map_figure(data, state, geojson_url(data, geojson_name(selection)))
    except ClassificationError as error:
        return no_update, no_update, str(error)
    return figure, key, ""


clientside_callback(
    ClientsideFunction(namespace="cartocoord", function_name="mapView"),
    Output(ids.MAP_VIEW, "data"), Input(ids.MAP, "relayoutData"), prevent_initial_call=True,
)


@callback(Output(ids.MAP, "figure", allow_duplicate=True), Input(ids.MAP_VIEW, "data"),
          State(ids.STATE, "data"), prevent_initial_call=True)
def relabel_map(view: list | None, store: dict):
    """Place the territories' names again when the user zooms: closer views fit more."""
    data, state = current_view(store)
    url = geojson_url(data, geojson_name(Selection.of(state)))
    fields = relabel(data, state, view, url)
    if not fields:
        return no_update
    figure = Patch()
    for index, values in fields.items():
        for name, value in values.items():
            figure["data"][index][name] = value
    return figure


@callback(Output(ids.LEGEND, "children"), Output(ids.MAP_STATUS, "children"),
          Input(ids.STATE, "data"))
def draw_legend(store: dict):
    """Classes and outlines of the map, and the sentence a screen reader announces.

    Both stay as they are while the breaks typed are unusable.
    """
    data, state = current_view(store)
    try:
        legend = map_legend(data, state)
    except ClassificationError:
        return no_update, no_update
    return legend_panel(legend), map_summary(data, state, legend)


# « Voir les données de la carte »: the browser shows or hides the table and asks the
# server for its rows only while it shows (no request at all while it is hidden).
clientside_callback(
    ClientsideFunction(namespace="cartocoordA11y", function_name="mapTable"),
    Output(ids.MAP_TABLE_REQUEST, "data"), Output(ids.MAP_TABLE, "hidden"),
    Output(ids.MAP_TABLE_TOGGLE, "aria-expanded"),
    Input(ids.MAP_TABLE_TOGGLE, "n_clicks"), Input(ids.STATE, "data"),
)


@callback(Output(ids.MAP_TABLE, "children"), Input(ids.MAP_TABLE_REQUEST, "data"),
          prevent_initial_call=True)
def fill_map_table(request: dict):
    """Write the values of the map as a table: area, code, value, class, territories."""
    data, state = current_view(request["store"])
    try:
        legend = map_legend(data, state)
    except ClassificationError:
        return no_update
    return map_table_panel(map_table(data, state, legend))


@callback(Output(ids.MESH, "options"), Output(ids.MESH_HINT, "children"),
          Input(ids.STATE, "data"))
def offer_mesh(store: dict):
    """Offer IRIS where the view can show them, and say why not elsewhere."""
    data, state = current_view(store)
    return mesh_choice(data, state)
