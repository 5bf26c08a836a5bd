"""Views and date shared by the export tests."""

from __future__ import annotations

import datetime as dt

from dashboard.views.state import ViewState

#: A fixed date, so that pages do not change from one day to the next.
DATE = dt.date(2026, 12, 1)
VIEW_93 = ViewState(departements=("93",), zonings=("dac", "cpts"), indicator="TP6021")
VIEW_REGION = ViewState(zonings=("dac", "cpts", "carsic", "perinatal"), indicator="TP6021")
