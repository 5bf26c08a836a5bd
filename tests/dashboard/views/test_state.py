from __future__ import annotations

import pytest

from dashboard.views.state import Choices, ViewState, parse_url, split_breaks, to_url, with_changes

CHOICES = Choices(
    departements=("75", "77", "93", "94"),
    zonings=("dac", "cpts", "carsic", "perinatal"),
    indicators=("TP6021", "MED21", "POP"),
    territories=frozenset({"cpts:cpts-12", "dac:dac-93-a"}),
    communes=frozenset({"93066", "75101"}),
)


class TestRoundTrip:
    @pytest.mark.parametrize("state", [
        ViewState(),
        ViewState(page="panorama", departements=("93",), zonings=("dac", "cpts")),
        ViewState(departements=("75", "93"), zonings=(), indicator="MED21", method="jenks",
                  classes=7, colour_by="cpts", labels=True, territory="cpts:cpts-12",
                  commune="93066"),
        ViewState(method="manuel", breaks=("10", "15,5", "20")),
        ViewState(departements=("93",), meeting=True),
    ])
    def test_url_gives_back_the_same_view(self, state: ViewState) -> None:
        pathname, search = to_url(state)
        assert parse_url(pathname, search, CHOICES) == state

    def test_zoning_order_follows_the_data(self) -> None:
        _, search = to_url(ViewState(zonings=("cpts", "dac")))
        assert parse_url("/", search, CHOICES).zonings == ("dac", "cpts")


class TestHandEditedLinks:
    def test_empty_url_is_the_default_view(self) -> None:
        assert parse_url(None, None, CHOICES) == ViewState()

    def test_explicit_empty_zonings_is_kept(self) -> None:
        assert parse_url("/", "?zon=", CHOICES).zonings == ()

    @pytest.mark.parametrize(("search", "field", "expected"), [
        ("?dep=93,99,<script>", "departements", ("93",)),
        ("?ind=DROP", "indicator", "MED21"),
        ("?meth=magic", "method", "quantiles"),
        ("?k=42", "classes", 9),
        ("?k=1", "classes", 3),
        ("?k=-5", "classes", 5),
        ("?terr=cpts:nope", "territory", None),
        ("?com=00000", "commune", None),
        ("?par=unknown", "colour_by", "communes"),
        ("?seuils=20;x;10,5;;", "breaks", ("20", "x", "10,5")),
        ("?seuils=" + ";".join(["1"] * 20), "breaks", ("1",) * 8),
    ])
    def test_unknown_values_fall_back(self, search: str, field: str, expected) -> None:
        assert getattr(parse_url("/", search, CHOICES), field) == expected

    def test_unknown_page_falls_back_to_map(self) -> None:
        assert parse_url("/nowhere", "", CHOICES).page == "carte"

    def test_trailing_slash(self) -> None:
        assert parse_url("/panorama/", "", CHOICES).page == "panorama"


def test_with_changes_turns_lists_into_tuples() -> None:
    state = with_changes(ViewState(), departements=["93"], classes=4)
    assert state.departements == ("93",) and state.classes == 4


def test_split_breaks_as_typed() -> None:
    assert split_breaks(" 10 ; 15,5;; 20 ") == ("10", "15,5", "20")
    assert split_breaks(None) == ()


class TestHeterogeneityFields:
    """Pages and fields of the heterogeneity and zones blanches views."""

    @pytest.mark.parametrize("state", [
        ViewState(page="heterogeneite", pair_a="cpts", pair_b="dac"),
        ViewState(page="heterogeneite", departements=("93",), pair_a="dac"),
        ViewState(page="zones-blanches", gaps_zoning="carsic", departements=("75", "93")),
        ViewState(page="zones-blanches"),
    ])
    def test_url_gives_back_the_same_view(self, state: ViewState) -> None:
        pathname, search = to_url(state)
        assert parse_url(pathname, search, CHOICES) == state

    def test_pair_in_url_as_a_and_b(self) -> None:
        pathname, search = to_url(ViewState(page="heterogeneite", pair_a="cpts", pair_b="dac"))
        assert pathname == "/heterogeneite"
        assert "a=cpts" in search and "b=dac" in search

    def test_default_gaps_zoning_left_out(self) -> None:
        assert "zb=" not in to_url(ViewState(page="zones-blanches"))[1]
        assert "zb=carsic" in to_url(ViewState(gaps_zoning="carsic"))[1]

    @pytest.mark.parametrize(("search", "pair"), [
        ("?a=cpts&b=dac", ("cpts", "dac")),
        ("?a=cpts&b=cpts", ("cpts", None)),
        ("?a=<script>&b=dac", (None, "dac")),
        ("?a=cpts&b=nope", ("cpts", None)),
        ("?b=dac", (None, "dac")),
    ])
    def test_pair_sanitised(self, search: str, pair: tuple) -> None:
        state = parse_url("/heterogeneite", search, CHOICES)
        assert (state.pair_a, state.pair_b) == pair

    def test_unknown_gaps_zoning_falls_back(self) -> None:
        assert parse_url("/zones-blanches", "?zb=nope", CHOICES).gaps_zoning == "cpts"

    @pytest.mark.parametrize(("path", "page"), [("/heterogeneite", "heterogeneite"),
                                                ("/zones-blanches/", "zones-blanches")])
    def test_new_pages(self, path: str, page: str) -> None:
        assert parse_url(path, "", CHOICES).page == page


class TestAsOfDate:
    @pytest.mark.parametrize(("search", "expected"), [
        ("?date=2021-06-30", "2021-06-30"),
        ("?date=2021-02-30", None),
        ("?date=30/06/2021", None),
        ("?date=<script>", None),
    ])
    def test_only_real_iso_days_are_kept(self, search: str, expected) -> None:
        assert parse_url("/", search, CHOICES).date == expected

    def test_round_trip(self) -> None:
        state = ViewState(date="2021-06-30")
        assert parse_url(*to_url(state), CHOICES) == state
