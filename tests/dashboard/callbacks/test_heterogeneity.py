"""Callbacks of the heterogeneity and zones blanches pages, called directly."""

from __future__ import annotations

import pytest
from dash.exceptions import PreventUpdate

from dashboard import strings
from dashboard.callbacks.heterogeneity import fill_gaps, fill_nesting, fill_pair
from dashboard.views.routing import ALL_FIELDS, page_view
from dashboard.views.state import ViewState


def view_of(state: ViewState, changed: tuple[str, ...] = ALL_FIELDS) -> dict:
    return page_view(state, changed)


class TestCallbacks:
    def test_nesting_matrix_is_a_table_of_buttons(self) -> None:
        table, rows = fill_nesting(view_of(ViewState(page="heterogeneite")))
        text = str(table[0].to_plotly_json())

        assert "Zonage B (englobant)" in text and "0,93" in text
        assert rows and {"zonage", "territoire", "departement"} <= set(rows[0])

    def test_parts_not_concerned_by_a_change_are_left_alone(self) -> None:
        view = view_of(ViewState(page="heterogeneite", pair_a="cpts", pair_b="dac"),
                       ("pair_a", "pair_b"))
        with pytest.raises(PreventUpdate):
            fill_nesting(view)
        assert fill_pair(view)[0] is None

    def test_pair_section_hidden_without_a_pair(self) -> None:
        style, close, hint, *_ = fill_pair(view_of(ViewState(page="heterogeneite")))
        assert style == close == {"display": "none"} and hint == strings.PAIR_HINT

    def test_pair_section_filled(self) -> None:
        out = fill_pair(view_of(ViewState(page="heterogeneite", pair_a="cpts", pair_b="dac")))
        style, close, _summary, maps, split_title, columns, rows = out

        assert style is None and close is None
        titles = [block.children[0].children for block in maps]
        assert titles[:2] == ["Les CPTS, selon leur emboîtement dans les DAC",
                              "Les DAC, selon leur emboîtement dans les CPTS"]
        graphs = [block.children[1].children[1].children for block in maps]
        assert all(graph.figure["data"] for graph in graphs)
        assert columns[0]["headerName"] == "Territoire CPTS" and rows

    def test_gaps_page_filled(self) -> None:
        figure, _legend, summary, needs, *_ = fill_gaps(view_of(ViewState(page="zones-blanches")))
        assert figure["data"] and "communes non couvertes par les CPTS" in summary and needs

    def test_gaps_list_shows_its_first_rows_before_the_table(self) -> None:
        # The grid comes when asked for; the card shows the list's head meanwhile.
        *_, needs, _by_departement, _overlaps, _note, preview = fill_gaps(
            view_of(ViewState(page="zones-blanches")))
        table = preview[0]
        caption, head, body = table.children
        assert len(body.children) == min(10, len(needs))
        first = [cell.children for cell in body.children[0].children]
        assert first[:2] == ["1", needs[0]["commune"]]
        assert f"des {len(needs)} communes" in caption.children.replace("\u202f", " ")
        assert [cell.children for cell in head.children.children][1] == "Commune"
