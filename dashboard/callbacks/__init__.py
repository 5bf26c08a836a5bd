"""Importing this package registers every callback of the app (``dash.callback``)."""

from dashboard.callbacks import export, heterogeneity, map, pages, panels, state  # noqa: F401
