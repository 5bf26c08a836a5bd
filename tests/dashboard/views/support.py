"""Helpers shared by the tests of the views."""

from __future__ import annotations

from dashboard.views.state import ViewState

SEINE_SAINT_DENIS = ViewState(departements=("93",), zonings=("dac", "cpts"), indicator="TP6021")
#: Communes of Seine-Saint-Denis since 2025 (Saint-Denis absorbed Pierrefitte-sur-Seine).
UNITS_93 = 39


def fields(columns: list[dict]) -> list[str]:
    return [column["field"] for column in columns]
