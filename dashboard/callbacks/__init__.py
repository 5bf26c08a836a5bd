"""Importing this package registers every callback of the app (``dash.callback``)."""
from __future__ import annotations

from dashboard.callbacks import (  # noqa: F401
    data_page,
    drafts,
    export,
    harmonisation,
    heterogeneity,
    map,
    meeting,
    pages,
    panels,
    places,
    state,
    user_indicators,
)
