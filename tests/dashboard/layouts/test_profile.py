"""Fiche, legend and printed legend say when a source leaves part of the population out."""

from __future__ import annotations

import json

import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard.export.content import map_content
from dashboard.layouts.profile import profile_table
from dashboard.views.data import load_app_data
from dashboard.views.map_view import map_legend
from dashboard.views.state import ViewState

REASON = "Paris : QPV non répartis par arrondissement par la source"


@pytest.fixture(scope="module")
def data():
    return load_app_data()


def row_text(data, territory: str, label: str) -> str:
    """Text of the profile row of one indicator (its cells, in order)."""
    table = profile_table(data, "dac", territory)
    rows = table.children[1].children
    row = next(row for row in rows if label in json.dumps(row.children[0], cls=PlotlyJSONEncoder))
    text = json.dumps(row, cls=PlotlyJSONEncoder, ensure_ascii=False)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_paris_territory_and_region_say_why_qpv_presence_is_partial(data) -> None:
    paris = next(tid for tid in data.zonings["dac"].fiches if tid.startswith("dac-75"))
    text = row_text(data, paris, "Population en commune avec QPV")
    assert text.count(REASON) == 3  # territory, département (no value), region (partial)
    assert "83 % de la population couverte — " + REASON in text


def test_a_territory_outside_paris_keeps_its_value_and_says_the_region_is_partial(data) -> None:
    other = next(tid for tid in data.zonings["dac"].fiches if tid.startswith("dac-93"))
    text = row_text(data, other, "Population en commune avec QPV")
    assert text.count(REASON) == 1  # only the region's figure lacks Paris


def test_the_legend_says_the_coverage_and_why(data) -> None:
    note = map_legend(data, ViewState(indicator="QPV_COMMUNE")).note
    assert f"Couverture partielle : 83 % de la population affichée a une valeur — " \
           f"{REASON}." in note.replace("\u00a0", " ").replace("\u202f", " ")
    assert "Couverture partielle" not in (
        map_legend(data, ViewState(indicator="QPV_COMMUNE", departements=("93",))).note or "")


def test_the_printed_legend_says_it_too(data) -> None:
    section = map_content(data, ViewState(indicator="QPV_COMMUNE")).areas.section
    assert "Couverture partielle : 83" in section.note and REASON in section.note
