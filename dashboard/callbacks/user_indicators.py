"""Callbacks of a visitor's own indicators: import them for the session, list, explain.

The import is kept on the server by content hash
(:mod:`geodata.observations.session_indicators`) and only that hash goes in the signed
session cookie: every callback and export then reads the data through
:func:`dashboard.export.session.session_data`, and nobody else can see the indicators.
A link carries the indicator's code, never its values: the map page says so
(:func:`dashboard.views.user_indicators.indicator_note`); the selector lists them
through the panels' callback (:mod:`dashboard.callbacks.panels`).
"""

from __future__ import annotations

import flask
from dash import Input, Output, State, callback, ctx, html, no_update

from dashboard import ids, place_strings
from dashboard.editing.indicator_import import receive_indicators
from dashboard.export.session import SESSION_KEY
from dashboard.layouts.components import report_block
from dashboard.views.data import load_app_data
from geodata import base
from geodata.observations.session_indicators import session_indicators


@callback(
    Output(ids.INDICATORS_REPORT, "children"), Output(ids.INDICATORS_SESSION, "data"),
    Output(ids.INDICATORS_UPLOAD, "contents"),
    Input(ids.INDICATORS_UPLOAD, "contents"), Input(ids.INDICATORS_REMOVE, "n_clicks"),
    State(ids.INDICATORS_UPLOAD, "filename"), State(ids.INDICATORS_COMBINE, "value"),
    prevent_initial_call=True,
)
def import_indicators(contents, _removed, filename, combine):
    """Read the table sent, keep its indicators for this session and say what was read."""
    if ctx.triggered_id == ids.INDICATORS_REMOVE:
        flask.session.pop(SESSION_KEY, None)
        return html.P(place_strings.INDICATORS_NONE, className="cc-hint"), None, None
    if not contents:
        return no_update, no_update, no_update
    data = load_app_data()
    imported, view = receive_indicators(contents, filename, combine, data.units,
                                        base.load_code_aliases(data.region),
                                        data.observations.iris)
    if imported is None:
        return report_block(view), no_update, None
    key = session_indicators().save(imported)
    flask.session[SESSION_KEY] = key
    labels = ", ".join(f"« {indicator.short_label} »" for indicator in imported.indicators)
    added = html.P(place_strings.INDICATORS_ADDED.format(labels=labels), className="cc-hint")
    return [*report_block(view), added], key, None
