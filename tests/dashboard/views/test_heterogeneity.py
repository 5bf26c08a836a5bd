"""The heterogeneity page: nesting matrix, crossings and the actions opening a pair.

The matrix is checked on a small matrix made by hand, the views on the demo data of
Île-de-France against :mod:`geodata.heterogeneity` computed directly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.palettes import COLORBREWER
from dashboard.views.analysis import zoning_labels
from dashboard.views.data import AppData
from dashboard.views.heterogeneity import (
    NESTING_SCALE,
    crossing_view,
    format_index,
    nesting_cells,
    nesting_colour,
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


class TestMatrix:
    def test_cells_hold_the_index_of_row_in_column_diagonal_empty(self) -> None:
        cells = nesting_cells(small_matrix(), LABELS)

        assert [[cell and cell.value for cell in row] for row in cells] == [
            [None, 0.5, 1.0], [0.934, None, None], [0.25, 0.0, None]]
        assert [[cell and cell.text for cell in row] for row in cells] == [
            [None, "0,50", "1,00"], ["0,93", None, "n.d."], ["0,25", "0,00", None]]
        assert (cells[1][0].a, cells[1][0].b) == ("cpts", "dac")

    def test_details_say_emboitement_of_a_in_b(self) -> None:
        cells = nesting_cells(small_matrix(), LABELS)

        assert cells[1][0].details[0] == "Emboîtement des CPTS dans les DAC : 0,93"
        assert "3 territoires CPTS sur 40" in cells[1][0].details[1]
        assert any("20" in line and "hors des territoires CPTS" in line
                   for line in cells[0][1].details)

    def test_sequential_colour_blind_safe_scale(self) -> None:
        assert NESTING_SCALE == COLORBREWER["Blues"][9]
        assert nesting_colour(0) == NESTING_SCALE[0] and nesting_colour(1) == NESTING_SCALE[-1]
        assert nesting_colour(0.5) == NESTING_SCALE[4]
        assert nesting_colour(float("inf")) == NESTING_SCALE[-1]

    def test_text_light_on_dark_cells_dark_on_light_ones(self) -> None:
        cells = nesting_cells(small_matrix(), LABELS)
        assert cells[0][2].dark and not cells[0][1].dark  # 1,00 dark blue; 0,50 mid blue
        assert cells[1][2].colour == "#ffffff" and not cells[1][2].dark  # undefined

    def test_values_equal_nesting_matrix_on_demo_data(self, data: AppData) -> None:
        expected = nesting_matrix(data.zonings, data.units)
        keys = list(zoning_labels(data))
        cells = nesting_cells(nesting_view(data, ()), zoning_labels(data))

        for row in expected.itertuples():
            cell = cells[keys.index(row.a)][keys.index(row.b)]
            assert cell.value == pytest.approx(row.nesting_index)

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
