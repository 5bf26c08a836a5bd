"""Which page follows a change of view, and what changed for it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dashboard.views.routing import ALL_FIELDS, PAGE_FIELDS, changed_fields, follow, page_view
from dashboard.views.state import PAGES

from .support import SEINE_SAINT_DENIS

MAP = SEINE_SAINT_DENIS


class TestChangedFields:
    def test_every_page_and_field_is_known(self) -> None:
        assert set(PAGE_FIELDS) == set(PAGES.values())
        assert {field for fields in PAGE_FIELDS.values() for field in fields} <= set(ALL_FIELDS)

    def test_a_first_view_draws_everything(self) -> None:
        assert changed_fields(None, MAP, "carte") == ALL_FIELDS

    @pytest.mark.parametrize(("change", "page", "changed"), [
        ({"zonings": ("dac",)}, "carte", ("zonings",)),
        ({"labels": True}, "carte", ("labels",)),
        ({"labels": True}, "panorama", ()),
        ({"indicator": "MED21"}, "zones-blanches", ("indicator",)),
        ({"indicator": "MED21"}, "heterogeneite", ()),
        ({"pair_a": "cpts"}, "carte", ()),
        ({"departements": ()}, "panorama", ("departements",)),
        ({"meeting": True}, "carte", ()),
        ({"page": "panorama"}, "carte", ()),
    ])
    def test_only_the_fields_a_page_shows(self, change, page, changed) -> None:
        assert changed_fields(MAP, replace(MAP, **change), page) == changed


class TestFollow:
    def test_a_page_not_drawn_yet_gets_everything(self, data) -> None:
        view = follow(data, None, MAP)
        assert view["pathname"] == "/" and "dep=93" in view["search"]
        assert view["changed"] == list(ALL_FIELDS)

    def test_nothing_when_the_page_shows_nothing_that_changed(self, data) -> None:
        drawn = page_view(MAP, ALL_FIELDS)
        assert follow(data, drawn, replace(MAP, gaps_zoning="dac")) is None

    def test_what_changed_since_the_page_was_drawn(self, data) -> None:
        drawn = page_view(MAP, ALL_FIELDS)
        later = replace(MAP, zonings=("dac",), indicator="MED21")
        assert follow(data, drawn, later)["changed"] == ["zonings", "indicator"]

    def test_a_page_shown_again_follows_what_changed_while_hidden(self, data) -> None:
        drawn = page_view(replace(MAP, page="panorama"), ALL_FIELDS)
        back = replace(MAP, page="panorama", departements=("75",), indicator="MED21")
        assert follow(data, drawn, back)["changed"] == ["departements"]
