"""What a request's session adds to the region's data: the visitor's own indicators.

The visitor's import is kept on the server by content hash
(:mod:`geodata.observations.session_indicators`); their signed session cookie holds that
hash only. Callbacks and export routes read the data through :func:`session_data`, so
that the map, the fiche and every export show the same indicators as the screen.
"""

from __future__ import annotations

import flask

from dashboard.views.data import AppData
from dashboard.views.user_indicators import with_user_indicators

#: Key of the imported indicators' hash in the user's session (set by the map page).
SESSION_KEY = "user_indicators"


def session_key() -> str | None:
    """Return the hash of this session's imported indicators, if any."""
    if not flask.has_request_context():
        return None
    return flask.session.get(SESSION_KEY)


def session_data(data: AppData) -> AppData:
    """Return the region's data with this session's own indicators, if it imported any."""
    return with_user_indicators(data, session_key())
