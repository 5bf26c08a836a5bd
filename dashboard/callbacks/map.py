"""Draw the map for the current view: only what changed, as a patch of trace properties.

Fired by the map page's view store (:mod:`dashboard.callbacks.state`), so only when a
field the map shows has changed. The figure is built from caches, compared with the one
the browser shows (:mod:`dashboard.figures.patches`) and sent as the properties that
differ; whole only when other areas are shown. The panels have their own callback
(:mod:`dashboard.callbacks.panels`): a response holding Dash components is serialised by
plotly's pure-Python walk of every value, whereas a figure alone goes straight to orjson
(tens of milliseconds less for the outlines of France's CPTS). A zoom (``ids.MAP_ZOOM``,
written in the browser) places the shown zonings' names again, by the same comparison.
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
from dashboard.export.places import session_layer
from dashboard.figures.patches import REMOVED, TRACE, changes
from dashboard.views.data import AppData
from dashboard.views.geo_files import geojson_url
from dashboard.views.map_geometry import Selection, geojson_name
from dashboard.views.map_view import map_figure
from dashboard.views.place_layers import layer_traces, shown_layers
from dashboard.views.state import ViewState


@callback(
    Output(ids.MAP, "figure"), Output(ids.MAP_SIGNATURE, "data"),
    Output(ids.BREAKS_ERROR, "children"), Output(ids.MAP_ZOOM, "data", allow_duplicate=True),
    Input(ids.MAP_VIEW, "data"), Input(ids.PLACES_SESSION, "data"),
    State(ids.MAP_SIGNATURE, "data"), State(ids.MAP_ZOOM, "data"), prevent_initial_call=True,
)
def draw_map(view: dict, _places: str | None, shown: dict | None, zoom: list | None):
    """Send the figure of the view, or what differs from the one shown.

    The names follow the user's zoom while the same areas are shown; a whole figure (other
    areas) is fitted again, so the zoom is forgotten. A list of places imported or
    removed adds or removes its traces only.
    """
    if not view:
        return no_update, no_update, no_update, no_update
    data, state = current_view(view)
    url = geojson_url(data, geojson_name(Selection.of(state)))
    try:
        figure = _figure(data, state, url, zoom)
        found, drawn = changes(shown, figure)
        if found is None and zoom is not None:
            figure = _figure(data, state, url)
            found, drawn = changes(shown, figure)
    except ClassificationError as error:
        return no_update, no_update, str(error), no_update
    if found is None:
        return figure, drawn, "", no_update if zoom is None else None
    if not found:
        return no_update, no_update, "", no_update
    return _patch(found), drawn, "", no_update


clientside_callback(
    ClientsideFunction(namespace="cartocoord", function_name="mapView"),
    Output(ids.MAP_ZOOM, "data"), Input(ids.MAP, "relayoutData"), prevent_initial_call=True,
)


@callback(Output(ids.MAP, "figure", allow_duplicate=True),
          Output(ids.MAP_SIGNATURE, "data", allow_duplicate=True),
          Input(ids.MAP_ZOOM, "data"), State(ids.MAP_VIEW, "data"),
          State(ids.MAP_SIGNATURE, "data"), prevent_initial_call=True)
def relabel_map(zoom: list | None, view: dict | None, shown: dict | None):
    """Place the territories' names again when the user zooms: closer views fit more.

    The same comparison as :func:`draw_map`: only the names' traces that moved are sent.
    """
    if zoom is None or not view or not shown:
        return no_update, no_update
    data, state = current_view(view)
    try:
        figure = _figure(data, state, geojson_url(data, geojson_name(Selection.of(state))),
                         zoom)
    except ClassificationError:
        return no_update, no_update
    found, drawn = changes(shown, figure)
    if not found:
        return no_update, no_update
    return _patch(found), drawn


def _figure(data: AppData, state: ViewState, url: str, zoom: list | None = None) -> dict:
    """Build the map of the view, the lists of places it shows on top (the session's too)."""
    figure = map_figure(data, state, url, zoom)
    figure["data"] = [*figure["data"], *layer_traces(
        data, shown_layers(data, state, session_layer()))]
    return figure


def _patch(found: list) -> Patch:
    """Return the properties that changed as a patch of the browser's figure."""
    patch = Patch()
    for index, name, value in found:
        if name == TRACE:
            if value is REMOVED:
                del patch["data"][index]
            else:
                patch["data"].append(value)
        elif value is REMOVED:
            del patch["data"][index][name]
        else:
            patch["data"][index][name] = value
    return patch
