"""Callbacks of a visitor's own indicators: import them for the session, share them.

The import is kept on the server by content hash
(:mod:`geodata.observations.session_indicators`) and only that hash goes in the signed
session cookie: every callback and export then reads the data through
:func:`dashboard.export.session.session_data`, and nobody else can see the indicators.
A link carries the indicator's code, never its values: the map page says so
(:func:`dashboard.views.user_indicators.indicator_note`); the selector lists them
through the panels' callback (:mod:`dashboard.callbacks.panels`).

An editor may save the import for everyone as a shared indicator layer: a version of
the store (:mod:`geodata.store.indicator_layers`), named, sourced and dated as the editor
declares it. The output is protected (:func:`dashboard.editing.auth.protect`) and the
callback starts with :func:`~dashboard.editing.auth.require_editor`.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import flask
from dash import Input, Output, State, callback, html, no_update

from dashboard import ids, place_strings
from dashboard.callbacks.session_uploads import session_upload_callback
from dashboard.editing import auth
from dashboard.editing.indicator_import import receive_indicators, shared_layer
from dashboard.export.session import SESSION_KEY
from dashboard.views.data import load_app_data
from geodata import base, catalog
from geodata.clock import local_today
from geodata.observations.session_indicators import session_indicators
from geodata.observations.shared_indicators import SharingError, layer_slug
from geodata.store import Provenance, StoreError, VersionKind, clip_note
from geodata.store.layer_kinds import INDICATOR_LAYERS

auth.protect(ids.INDICATORS_SHARE_MESSAGE)


def _receive(contents, filename, combine):
    data = load_app_data()
    return receive_indicators(contents, filename, combine, data.units,
                              base.load_code_aliases(data.region), data.observations.iris)


def _added(imported) -> list:
    labels = ", ".join(f"« {indicator.short_label} »" for indicator in imported.indicators)
    return [html.P(place_strings.INDICATORS_ADDED.format(labels=labels), className="cc-hint")]


import_indicators = session_upload_callback(
    upload=ids.INDICATORS_UPLOAD, remove=ids.INDICATORS_REMOVE, report=ids.INDICATORS_REPORT,
    store=ids.INDICATORS_SESSION, options=(ids.INDICATORS_COMBINE,), receive=_receive,
    keep=lambda imported: session_indicators().save(imported), session_key=SESSION_KEY,
    none_text=place_strings.INDICATORS_NONE, done=_added)


def _alert(text: str, color: str) -> dbc.Alert:
    return dbc.Alert(text, color=color, className="mb-2")


@callback(
    Output(ids.INDICATORS_SHARE_MESSAGE, "children"),
    Output(ids.INDICATORS_SESSION, "data", allow_duplicate=True),
    Input(ids.INDICATORS_SHARE, "n_clicks"),
    State(ids.INDICATORS_SHARE_LABEL, "value"), State(ids.INDICATORS_SHARE_SOURCE, "value"),
    State(ids.INDICATORS_SHARE_DATE, "value"), State(ids.INDICATORS_SHARE_NOTE, "value"),
    prevent_initial_call=True,
)
def share_indicators(_clicks, label, producer, day, note):
    """Store the session's indicators as the next version of a shared layer (editors only).

    The session store is written again (same key) so that the indicator selector lists
    the shared layer's indicators at once.
    """
    editor = auth.require_editor()
    key = flask.session.get(SESSION_KEY)
    try:
        layer = shared_layer(session_indicators().load(key), label, producer, day,
                             local_today())
        data = load_app_data()
        info = catalog.zoning_store().add_indicator_layer(
            data.region, INDICATOR_LAYERS.key(layer_slug(layer.label)), layer,
            Provenance(editor, VersionKind.IMPORT, layer.filename, layer.sha256,
                       clip_note(note)))
    except (SharingError, StoreError) as error:
        return _alert(place_strings.INDICATORS_SHARE_REFUSED.format(reason=error),
                      "warning"), no_update
    catalog.zonings_changed(data.region)
    labels = ", ".join(f"« {indicator.short_label} »" for indicator in layer.indicators)
    return _alert(place_strings.INDICATORS_SHARED.format(
        label=layer.label, number=info.number, labels=labels), "success"), key
