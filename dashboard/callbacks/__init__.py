"""Importing this package registers every callback of the app (``dash.callback``)."""
from __future__ import annotations

from dashboard.callbacks import data_page, export, heterogeneity, map, meeting, pages, panels, state  # noqa: F401
