"""Every user action as a pure function of the view state, on the demonstration data."""

from __future__ import annotations

import pytest

from dashboard.views.map_geometry import PIECE_SEPARATOR
from dashboard.views.state import ViewState, parse_url, to_url
from dashboard.views.transitions import (
    CONTROL_FIELDS,
    click_map,
    close_territory,
    open_territory,
    select_commune,
    set_breaks,
    set_control,
)

SAINT_DENIS = "93066"
PARIS_1ER = "75101"
#: CPTS of Saint-Denis (one commune); cpts-31 straddles Yvelines and Val-d'Oise.
CPTS_SAINT_DENIS, CPTS_78_95 = "cpts:cpts-69", "cpts:cpts-31"


@pytest.fixture
def state() -> ViewState:
    """A view with something in every field an action might wrongly reset."""
    return ViewState(departements=("75",), zonings=("dac",), indicator="MED21",
                     method="jenks", classes=6, labels=True)


class TestSetControl:
    def test_every_control_has_a_state_field(self) -> None:
        assert set(CONTROL_FIELDS.values()) <= set(ViewState.__dataclass_fields__)

    @pytest.mark.parametrize(("field", "value", "expected"), [
        ("departements", ["93", "75"], ("75", "93")),
        ("departements", ["93", "99", "<script>"], ("93",)),
        ("departements", None, ()),
        ("zonings", ["perinatal", "dac", "nope"], ("dac", "perinatal")),
        ("zonings", [], ()),
        ("labels", None, False),
        ("labels", True, True),
        ("indicator", "TP6021", "TP6021"),
        ("method", "quantiles", "quantiles"),
        ("classes", 3, 3),
        ("colour_by", "cpts", "cpts"),
        ("colour_by", "communes", "communes"),
    ])
    def test_offered_values_in_the_data_order(self, data, state, field, value,
                                              expected) -> None:
        assert getattr(set_control(data, state, field, value), field) == expected

    @pytest.mark.parametrize("field", ["indicator", "method", "classes", "colour_by"])
    def test_cleared_dropdown_keeps_the_view(self, data, state, field) -> None:
        assert set_control(data, state, field, None) == state

    @pytest.mark.parametrize(("field", "value"), [
        ("indicator", "DROP TABLE"),
        ("method", "magic"),
        ("classes", 42),
        ("classes", 1),
        ("colour_by", "nope"),
    ])
    def test_values_the_data_does_not_offer_are_ignored(self, data, state, field,
                                                        value) -> None:
        assert set_control(data, state, field, value) == state

    def test_changes_only_its_field(self, data, state) -> None:
        changed = set_control(data, state, "indicator", "TP6021")
        assert changed == ViewState(departements=("75",), zonings=("dac",), indicator="TP6021",
                                    method="jenks", classes=6, labels=True)


class TestSetBreaks:
    @pytest.mark.parametrize(("text", "breaks"), [
        ("10 ; 15,5 ; 20", ("10", "15,5", "20")),
        ("12", ("12",)),
    ])
    def test_typing_breaks_selects_the_manual_method(self, state, text, breaks) -> None:
        changed = set_breaks(state, text)
        assert (changed.method, changed.breaks) == ("manuel", breaks)

    @pytest.mark.parametrize("text", ["", None, " ; "])
    def test_no_break_keeps_the_method(self, state, text) -> None:
        changed = set_breaks(state, text)
        assert (changed.method, changed.breaks) == ("jenks", ())


class TestSelectCommune:
    @pytest.mark.parametrize(("shown", "expected"), [
        ((), ("93",)),
        (("75",), ("93",)),
        (("75", "93"), ("75", "93")),
        (("93",), ("93",)),
    ])
    def test_zooms_to_its_departement_unless_shown(self, data, shown, expected) -> None:
        changed = select_commune(data, ViewState(departements=shown), SAINT_DENIS)
        assert (changed.commune, changed.departements) == (SAINT_DENIS, expected)

    def test_keeps_the_rest_of_the_view(self, data, state) -> None:
        changed = select_commune(data, state, PARIS_1ER)
        assert changed == ViewState(departements=("75",), zonings=("dac",), indicator="MED21",
                                    method="jenks", classes=6, labels=True, commune=PARIS_1ER)

    @pytest.mark.parametrize("code", [None, "99999", "<b>"])
    def test_cleared_or_unknown_search_forgets_the_commune(self, data, state, code) -> None:
        chosen = select_commune(data, state, PARIS_1ER)
        assert select_commune(data, chosen, code) == state


class TestClickMap:
    def test_commune_is_selected_without_moving_the_map(self, data, state) -> None:
        changed = click_map(data, state, SAINT_DENIS)
        assert changed == ViewState(departements=("75",), zonings=("dac",), indicator="MED21",
                                    method="jenks", classes=6, labels=True, commune=SAINT_DENIS)

    def test_a_piece_of_a_cut_commune_selects_the_commune(self, data, state) -> None:
        piece = f"cpts-69{PIECE_SEPARATOR}{SAINT_DENIS}"
        assert click_map(data, state, piece) == click_map(data, state, SAINT_DENIS)

    @pytest.mark.parametrize("location", [None, "99999", "cpts-69", "cpts-69|99999"])
    def test_click_outside_any_commune_changes_nothing(self, data, state, location) -> None:
        assert click_map(data, state, location) == state

    def test_territory_opens_its_fiche_when_coloured_by_territory(self, data) -> None:
        state = ViewState(departements=("93",), colour_by="cpts")
        changed = click_map(data, state, "cpts-69")
        assert changed == ViewState(departements=("93",), colour_by="cpts",
                                    territory=CPTS_SAINT_DENIS)

    @pytest.mark.parametrize("location", [SAINT_DENIS, "dac-93-a", None])
    def test_other_locations_change_nothing_in_territory_mode(self, data, location) -> None:
        state = ViewState(departements=("93",), colour_by="cpts")
        assert click_map(data, state, location) == state


class TestOpenTerritory:
    def test_from_the_panorama_shows_the_map_on_the_territory(self, data) -> None:
        state = ViewState(page="panorama", departements=("93",), zonings=("dac",))
        changed = open_territory(data, state, CPTS_78_95)
        assert changed == ViewState(page="carte", departements=("78", "95"),
                                    zonings=("dac", "cpts"), territory=CPTS_78_95)

    @pytest.mark.parametrize(("shown", "expected"), [
        (("perinatal",), ("cpts", "perinatal")),
        (("cpts", "dac"), ("cpts", "dac")),
        ((), ("cpts",)),
    ])
    def test_adds_its_zoning_in_the_data_order(self, data, shown, expected) -> None:
        changed = open_territory(data, ViewState(zonings=shown), CPTS_SAINT_DENIS)
        assert changed.zonings == expected

    def test_without_zoom_only_opens_the_fiche(self, data, state) -> None:
        changed = open_territory(data, state, CPTS_SAINT_DENIS, zoom=False)
        assert changed == ViewState(departements=("75",), zonings=("dac",), indicator="MED21",
                                    method="jenks", classes=6, labels=True,
                                    territory=CPTS_SAINT_DENIS)

    @pytest.mark.parametrize("ref", [None, "cpts:cpts-999", "nope:x", "cpts-69", ""])
    def test_unknown_reference_changes_nothing(self, data, state, ref) -> None:
        assert open_territory(data, state, ref) == state


def test_close_territory_keeps_the_rest(data, state) -> None:
    opened = open_territory(data, state, CPTS_SAINT_DENIS, zoom=False)
    assert close_territory(opened) == state


@pytest.mark.parametrize("action", [
    lambda data, state: set_control(data, state, "indicator", "DROP TABLE"),
    lambda data, state: set_control(data, state, "departements", ["93", "99"]),
    lambda data, state: set_breaks(state, "10;20"),
    lambda data, state: select_commune(data, state, SAINT_DENIS),
    lambda data, state: click_map(data, ViewState(colour_by="dac"), "dac-93-a"),
    lambda data, state: open_territory(data, state, CPTS_78_95),
], ids=["indicator", "departements", "breaks", "search", "click", "panorama"])
def test_every_action_gives_a_view_the_url_carries(data, state, action) -> None:
    """The state callback stores the URL: what it cannot carry would be lost."""
    changed = action(data, state)
    assert parse_url(*to_url(changed), data.choices, data.default_state) == changed


class TestAsOfDate:
    def test_date_control_sets_and_clears_the_day(self, data) -> None:
        state = set_control(data, ViewState(), "date", "2021-06-30")
        assert state.date == "2021-06-30"
        assert set_control(data, state, "date", "").date is None

    def test_date_control_reads_the_french_day_it_shows(self, data) -> None:
        assert set_control(data, ViewState(), "date", "30/06/2021").date == "2021-06-30"
        assert set_control(data, ViewState(), "date", "31/02/2021").date is None


def test_dated_data_keeps_only_structures_created_by_then(data) -> None:
    from dashboard.views.data import dated

    then = dated(data, "2020-06-30")
    cpts = then.zonings["cpts"]
    assert 0 < len(cpts.fiches) < len(data.zonings["cpts"].fiches)
    assert all(fiche.date_creation is None or fiche.date_creation <= "2020-06-30"
               for fiche in cpts.fiches.values())
    assert dated(data, None) is data
