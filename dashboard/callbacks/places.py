"""Callbacks of the lists of places: import one for the session, share it, draw the legends.

A visitor's list is kept on the server by content hash (:mod:`geodata.observations.session_layers`)
and only that hash goes in their signed session cookie: the map, the exports and the
meeting mode find it there, and nobody else can. Sharing it writes a version to the store
and is for editors only (:func:`dashboard.editing.auth.require_editor`; the output is
protected, so the request is refused before the callback runs).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import flask
from dash import Input, Output, State, callback, ctx, html, no_update

from dashboard import ids, place_strings
from dashboard.editing import auth
from dashboard.editing.place_import import receive_places
from dashboard.export.places import SESSION_KEY, session_layer
from dashboard.layouts.components import report_block
from dashboard.layouts.places import (
    shared_options,
    shared_style,
)
from dashboard.views.data import load_app_data
from geodata import base, catalog
from geodata.observations.session_layers import session_layers
from geodata.store import Provenance, VersionKind
from geodata.store.place_layers import place_key

auth.protect(ids.PLACES_SHARE_MESSAGE)


@callback(
    Output(ids.PLACES_REPORT, "children"), Output(ids.PLACES_SESSION, "data"),
    Output(ids.PLACES_UPLOAD, "contents"),
    Input(ids.PLACES_UPLOAD, "contents"), Input(ids.PLACES_REMOVE, "n_clicks"),
    State(ids.PLACES_UPLOAD, "filename"), State(ids.PLACES_LABEL, "value"),
    prevent_initial_call=True,
)
def import_places(contents, _removed, filename, label):
    """Read the file sent, keep its list for this session and say what was read."""
    if ctx.triggered_id == ids.PLACES_REMOVE:
        flask.session.pop(SESSION_KEY, None)
        return html.P(place_strings.PLACES_NONE, className="cc-hint"), None, None
    if not contents:
        return no_update, no_update, no_update
    data = load_app_data()
    layer, view = receive_places(contents, filename, label, data.units,
                                 base.load_code_aliases(data.region))
    if layer is None:
        return report_block(view), no_update, None
    key = session_layers().save(layer)
    flask.session[SESSION_KEY] = key
    return report_block(view), key, None


@callback(Output(ids.PLACES_SHARE_MESSAGE, "children"), Output(ids.PLACE_LAYERS, "options"),
          Output(ids.PLACE_LAYERS, "style"),
          Input(ids.PLACES_SHARE, "n_clicks"), prevent_initial_call=True)
def share_places(_clicks):
    """Store the session's list as a new version of a shared list (editors only)."""
    editor = auth.require_editor()
    layer = session_layer()
    if layer is None:
        return (dbc.Alert(place_strings.PLACES_NONE, color="warning", className="mb-2"),
                no_update, no_update)
    data = load_app_data()
    info = catalog.zoning_store().add_place_layer(
        data.region, place_key(layer.key), layer,
        Provenance(editor, VersionKind.IMPORT, layer.source))
    catalog.zonings_changed(data.region)
    message = place_strings.PLACES_SHARED.format(label=layer.label, number=info.number)
    data = load_app_data()
    return (dbc.Alert(message, color="success", className="mb-2"), shared_options(data),
            shared_style(data))
