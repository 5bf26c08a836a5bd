"""One shape for a table a visitor imports into their session: import, remove, report.

A list of places and a table of indicators are received the same way on the map page: a
file sent through ``dcc.Upload`` is checked and read (:mod:`dashboard.editing`), its
report shown, what it gives kept on the server under the hash of its content, and that
hash put in the visitor's signed session (and in a session store, so that the panels and
the map redraw); a button removes it. :func:`session_upload_callback` registers that
callback for one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flask
from dash import Input, Output, State, callback, ctx, html, no_update

from dashboard.editing.zoning_admin import ReportView
from dashboard.layouts.components import report_block

#: Reads a file: (contents, filename, *values of the options) → (result or None, report).
Receive = Callable[..., tuple[Any, ReportView]]


def session_upload_callback(*, upload: str, remove: str, report: str, store: str,
                            options: tuple[str, ...], receive: Receive,
                            keep: Callable[[Any], str], session_key: str, none_text: str,
                            done: Callable[[Any], list] | None = None) -> Callable:
    """Register the callback receiving a file into the session; return it (tests call it).

    Parameters
    ----------
    upload, remove, report, store : str
        Ids of the ``dcc.Upload``, the remove button, the report's box and the session store.
    options : tuple of str
        Ids of the inputs whose ``value`` the reading takes (the layer's name…).
    receive
        Checks and reads the file; never raises for a bad file.
    keep
        Keeps what was read on the server and returns its key (the hash of its content).
    session_key, none_text
        Key of the flask session, and what the report says once the import is removed.
    done
        Components shown after the report of a usable file.
    """

    @callback(
        Output(report, "children"), Output(store, "data"), Output(upload, "contents"),
        Input(upload, "contents"), Input(remove, "n_clicks"), State(upload, "filename"),
        *(State(option, "value") for option in options), prevent_initial_call=True,
    )
    def receive_into_session(contents, _removed, filename, *values):
        """Read the file sent, keep what it gives for this session and say what was read."""
        if ctx.triggered_id == remove:
            flask.session.pop(session_key, None)
            return html.P(none_text, className="cc-hint"), None, None
        if not contents:
            return no_update, no_update, no_update
        result, view = receive(contents, filename, *values)
        if result is None:
            return report_block(view), no_update, None
        key = keep(result)
        flask.session[session_key] = key
        return [*report_block(view), *(done(result) if done else [])], key, None

    return receive_into_session
