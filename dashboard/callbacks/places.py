"""Callbacks of the lists of places: import one for the session, share it, draw the legends.

A visitor's list is kept on the server by content hash (:mod:`geodata.observations.session_layers`)
and only that hash goes in their signed session cookie: the map, the exports and the
meeting mode find it there, and nobody else can. Sharing it writes a version to the store
and is for editors only (:func:`dashboard.editing.auth.require_editor`; the output is
protected, so the request is refused before the callback runs).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, callback, no_update

from dashboard import ids, place_strings
from dashboard.callbacks.session_uploads import session_upload_callback
from dashboard.editing import auth
from dashboard.editing.place_import import receive_places
from dashboard.export.places import SESSION_KEY, session_layer
from dashboard.layouts.places import shared_options, shared_style
from dashboard.views.data import load_app_data
from geodata import base, catalog
from geodata.observations.session_layers import session_layers
from geodata.store import Provenance, VersionKind
from geodata.store.layer_kinds import PLACE_LAYERS

auth.protect(ids.PLACES_SHARE_MESSAGE)


def _receive(contents, filename, label):
    data = load_app_data()
    return receive_places(contents, filename, label, data.units,
                          base.load_code_aliases(data.region))


import_places = session_upload_callback(
    upload=ids.PLACES_UPLOAD, remove=ids.PLACES_REMOVE, report=ids.PLACES_REPORT,
    store=ids.PLACES_SESSION, options=(ids.PLACES_LABEL,), receive=_receive,
    keep=lambda layer: session_layers().save(layer), session_key=SESSION_KEY,
    none_text=place_strings.PLACES_NONE)


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
        data.region, PLACE_LAYERS.key(layer.key), layer,
        Provenance(editor, VersionKind.IMPORT, layer.source))
    catalog.zonings_changed(data.region)
    message = place_strings.PLACES_SHARED.format(label=layer.label, number=info.number)
    data = load_app_data()
    return (dbc.Alert(message, color="success", className="mb-2"), shared_options(data),
            shared_style(data))
