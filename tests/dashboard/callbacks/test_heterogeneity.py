"""Callbacks of the heterogeneity and zones blanches pages, called directly."""

from __future__ import annotations

import pytest
from dash.exceptions import PreventUpdate

from dashboard import strings
from dashboard.callbacks.heterogeneity import fill_gaps, fill_nesting, fill_pair
from dashboard.callbacks.pages import PAGE_IDS, show_page
from dashboard.views.state import ViewState, to_url


def store_of(state: ViewState) -> dict:
    pathname, search = to_url(state)
    return {"pathname": pathname, "search": search}


class TestCallbacks:
    def test_pages_are_computed_only_while_shown(self) -> None:
        store = store_of(ViewState(page="carte"))
        for fill in (fill_nesting, fill_pair, fill_gaps):
            with pytest.raises(PreventUpdate):
                fill(store)

    def test_pair_section_hidden_without_a_pair(self) -> None:
        style, close, hint, *_ = fill_pair(store_of(ViewState(page="heterogeneite")))
        assert style == close == {"display": "none"} and hint == strings.PAIR_HINT

    def test_pair_section_filled(self) -> None:
        out = fill_pair(store_of(ViewState(page="heterogeneite", pair_a="cpts", pair_b="dac")))
        style, close, _summary, title_a, title_b, *figures = out[:8]

        assert style is None and close is None
        assert title_a == "Les CPTS, selon leur emboîtement dans les DAC"
        assert title_b == "Les DAC, selon leur emboîtement dans les CPTS"
        assert all(figure["data"] for figure in figures)
        assert out[-2][0]["headerName"] == "Territoire CPTS"

    @pytest.mark.parametrize("page", list(PAGE_IDS))
    def test_exactly_one_page_shown_and_its_link_active(self, page: str) -> None:
        store = store_of(ViewState(page=page))
        out = show_page(store)
        count = len(PAGE_IDS)
        styles, hrefs, classes = out[:count], out[count:2 * count], out[2 * count:3 * count]
        statement_style, statement_href = out[3 * count:]

        assert [style is None for style in styles] == [p == page for p in PAGE_IDS]
        assert all(href.endswith(store["search"]) for href in hrefs)
        assert ["--active" in name for name in classes] == [p == page for p in PAGE_IDS]
        assert statement_style == {"display": "none"}
        assert statement_href == "/accessibilite" + store["search"]

    def test_the_accessibility_statement_is_a_page_of_its_own(self) -> None:
        store = store_of(ViewState(page="accessibilite"))
        out = show_page(store)
        count = len(PAGE_IDS)

        assert all(style == {"display": "none"} for style in out[:count])
        assert out[3 * count] is None
