"""The heterogeneity page: nesting matrix, crossings and the actions opening a pair.

The heatmap is checked on a small matrix made by hand, the views on the demo data of
Île-de-France against :mod:`geodata.heterogeneity` computed directly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard import strings
from dashboard.palettes import COLORBREWER
from dashboard.views.analysis import zoning_labels
from dashboard.views.data import AppData
from dashboard.views.heterogeneity import (
    NESTING_COLORSCALE,
    crossing_view,
    format_index,
    heatmap_figure,
    nesting_view,
)
from dashboard.views.state import ViewState
from dashboard.views.transitions import choose_pair_side, close_pair, open_pair, set_control
from geodata.heterogeneity import nesting_matrix


def small_matrix() -> pd.DataFrame:
    return pd.DataFrame({
        "a": ["dac", "dac", "cpts", "cpts", "peri", "peri"],
        "b": ["cpts", "peri", "dac", "peri", "dac", "cpts"],
        "nesting_index": [0.5, 1.0, 0.934, np.nan, 0.25, 0.0],
        "territories": [2, 2, 40, 40, 3, 3],
        "split_territories": [1, 0, 3, 0, 2, 3],
        "outside_share": [0.2, 0.0, 0.0, 0.0, 0.0, 0.0],
    })


LABELS = {"dac": "DAC", "cpts": "CPTS", "peri": "Réseaux périnatalité"}


class TestHeatmap:
    def test_cells_hold_the_index_of_row_in_column_diagonal_empty(self) -> None:
        trace = heatmap_figure(small_matrix(), LABELS)["data"][0]

        assert trace["type"] == "heatmap"
        assert trace["x"] == trace["y"] == ["dac", "cpts", "peri"]
        assert trace["z"] == [[None, 0.5, 1.0], [0.934, None, None], [0.25, 0.0, None]]
        assert trace["text"] == [["", "0,50", "1,00"], ["0,93", "", "n.d."],
                                 ["0,25", "0,00", ""]]
        assert (trace["zmin"], trace["zmax"]) == (0, 1)

    def test_axes_show_french_labels_and_first_zoning_on_top(self) -> None:
        layout = heatmap_figure(small_matrix(), LABELS)["layout"]

        assert layout["xaxis"]["ticktext"] == ["DAC", "CPTS", "Réseaux<br>périnatalité"]
        assert layout["yaxis"]["autorange"] == "reversed"
        assert layout["xaxis"]["title"]["text"] == strings.NESTING_AXIS_B
        assert layout["yaxis"]["title"]["text"] == strings.NESTING_AXIS_A

    def test_hover_says_emboitement_of_a_in_b(self) -> None:
        hover = heatmap_figure(small_matrix(), LABELS)["data"][0]["customdata"]

        assert hover[1][0].startswith("Emboîtement des CPTS dans les DAC : <b>0,93</b>")
        assert "3 territoires CPTS sur 40" in hover[1][0]
        assert "20" in hover[0][1] and "hors des territoires CPTS" in hover[0][1]
        assert hover[0][0] == ""

    def test_sequential_colour_blind_safe_scale(self) -> None:
        trace = heatmap_figure(small_matrix(), LABELS)["data"][0]

        assert [colour for _, colour in trace["colorscale"]] == list(COLORBREWER["Blues"][9])
        assert trace["colorscale"] == NESTING_COLORSCALE
        assert trace["colorscale"] is not NESTING_COLORSCALE  # callers may edit it
        assert trace["colorbar"]["ticktext"] == ["0", "0,25", "0,5", "0,75", "1"]

    def test_values_equal_nesting_matrix_on_demo_data(self, data: AppData) -> None:
        expected = nesting_matrix(data.zonings, data.units)
        trace = heatmap_figure(nesting_view(data, ()), zoning_labels(data))["data"][0]

        for row in expected.itertuples():
            cell = trace["z"][trace["y"].index(row.a)][trace["x"].index(row.b)]
            assert cell == pytest.approx(row.nesting_index)

    @pytest.mark.parametrize(("value", "text"), [(0.934, "0,93"), (1.0, "1,00"),
                                                 (float("nan"), "n.d."), (None, "n.d.")])
    def test_format_index(self, value, text: str) -> None:
        assert format_index(value) == text


class TestCrossings:
    def test_population_on_each_side(self, data: AppData) -> None:
        rows = crossing_view(data, ())
        by_territory = rows.groupby(["zonage", "territoire"])

        assert (by_territory.size() >= 2).all()
        assert by_territory["part"].sum().between(99.5, 100.5).all()

    def test_filter_keeps_territories_touching_the_departements(self, data: AppData) -> None:
        rows = crossing_view(data, ("95",))
        touching = rows.groupby("territoire")["departement"].agg(
            lambda deps: any(dep.startswith("95 ") for dep in deps))

        assert len(rows) and touching.all()
        assert not rows["departement"].str.startswith("95 ").all()  # other sides kept


class TestTransitions:
    def test_click_on_a_cell_opens_the_pair(self, data: AppData) -> None:
        state = open_pair(data, ViewState(page="heterogeneite"), "cpts", "dac")
        assert (state.pair_a, state.pair_b) == ("cpts", "dac")

    @pytest.mark.parametrize(("a", "b"), [("cpts", "cpts"), ("cpts", None), ("x", "dac")])
    def test_invalid_cells_change_nothing(self, data: AppData, a, b) -> None:
        assert open_pair(data, ViewState(), a, b) == ViewState()

    def test_choosing_the_other_side_swaps(self, data: AppData) -> None:
        state = ViewState(pair_a="cpts", pair_b="dac")

        assert choose_pair_side(data, state, "pair_a", "dac") == ViewState(pair_a="dac",
                                                                            pair_b="cpts")
        assert choose_pair_side(data, state, "pair_b", "carsic").pair_b == "carsic"
        assert choose_pair_side(data, state, "pair_b", None) == state

    def test_controls_of_the_new_pages(self, data: AppData) -> None:
        state = set_control(data, ViewState(), "pair_a", "dac")
        state = set_control(data, state, "pair_b", "cpts")
        state = set_control(data, state, "gaps_zoning", "carsic")

        assert (state.pair_a, state.pair_b, state.gaps_zoning) == ("dac", "cpts", "carsic")
        assert set_control(data, state, "gaps_zoning", "nope") == state
        assert close_pair(state).pair_a is None and close_pair(state).pair_b is None
