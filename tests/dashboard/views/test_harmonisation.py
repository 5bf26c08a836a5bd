"""The harmonisation page's logic: choices from the URL, the scenario, decisions, the map."""

from __future__ import annotations

import pytest

from dashboard.views.harmonisation import (
    banner_lines,
    commune_choice,
    control_values,
    harmonisation_request,
    harmonisation_view,
    proposal_moves,
    scenario_moves,
)
from dashboard.views.harmonisation_actions import (
    clear_moves,
    move_commune,
    pick_commune,
    reset_moves,
    toggle_move,
)
from dashboard.views.harmonisation_map import FATES, TRACES, zoning_outline
from dashboard.views.state import ViewState, parse_url, to_url, with_changes
from dashboard.views.transitions import set_control
from geodata.harmonisation import Goal, Move, evaluate, move_key
from geodata.heterogeneity import unit_edges

#: Seine-Saint-Denis: the rule moves Bondy to CPTS 74 and Gagny to CPTS 77.
SSD = ViewState(page="harmonisation", departements=("93",))
BONDY = Move("93010", "cpts-73", "cpts-74")
GAGNY = Move("93032", "cpts-74", "cpts-77")


def view_of(data, state: ViewState):
    request = harmonisation_request(data, state)
    return harmonisation_view(data, request, scenario_moves(data, state, request),
                              state.commune, "communes.json")


def segments(lon: list, lat: list) -> set[frozenset]:
    """The pieces of a drawn outline, whatever their direction and merging."""
    points = list(zip(lon, lat, strict=True))
    return {frozenset(pair) for pair in zip(points, points[1:], strict=False)
            if None not in pair[0] and None not in pair[1]}


def round_trip(data, state: ViewState) -> ViewState:
    return parse_url(*to_url(state), data.choices, data.default_state)


class TestRequest:
    def test_bare_url_adjusts_the_cpts_to_the_dac(self, data):
        request = harmonisation_request(data, SSD)
        assert (request.zoning, request.reference, request.goal, request.departements) == (
            "cpts", "dac", Goal.ZONING, ("93",))
        assert (request.edited, request.other) == ("cpts", "dac")

    @pytest.mark.parametrize(("changes", "expected"), [
        ({"harm_zoning": "epci"}, ("cpts", "dac", Goal.ZONING)),       # official: not adjusted
        ({"harm_zoning": "dac"}, ("dac", "cpts", Goal.ZONING)),         # the reference moves aside
        ({"harm_reference": "epci", "harm_goal": "reference"}, ("cpts", "epci", Goal.ZONING)),
        ({"harm_goal": "reference"}, ("cpts", "dac", Goal.REFERENCE)),
    ])
    def test_choices_fall_back_to_what_makes_sense(self, data, changes, expected):
        request = harmonisation_request(data, with_changes(SSD, **changes))
        assert (request.zoning, request.reference, request.goal) == expected

    def test_controls_show_the_resolved_choices(self, data):
        assert control_values(data, with_changes(SSD, commune="93048")) == (
            "cpts", "dac", "zonage", ["93"], "93048")


class TestScenario:
    def test_bare_url_shows_the_proposal(self, data):
        request = harmonisation_request(data, SSD)
        assert proposal_moves(data, request) == (BONDY, GAGNY)
        assert scenario_moves(data, SSD, request) == (BONDY, GAGNY)
        view = view_of(data, SSD)
        assert view.scenario.index_after == pytest.approx(1.0)
        assert view.moved_text == "92\u202f908\u00a0habitants"
        assert [(row.commune, row.accepted, row.proposed) for row in view.rows] == [
            ("Bondy", True, True), ("Gagny", True, True)]
        assert dict(view.map.fates) == {"": 37, "proposed": 2}

    def test_explicit_empty_scenario_moves_nothing(self, data):
        view = view_of(data, clear_moves(SSD))
        assert view.scenario.moves == ()
        assert [row.accepted for row in view.rows] == [False, False]
        assert view.scenario.index_after == view.scenario.index_before
        assert banner_lines(data, clear_moves(SSD), view) == []

    def test_banner_says_the_draft_is_not_official(self, data):
        assert "hypothèse de travail" in banner_lines(data, SSD, view_of(data, SSD))[0]

    def test_the_page_measures_what_the_cli_computes(self, data):
        request = harmonisation_request(data, SSD)
        view = view_of(data, SSD)
        direct = evaluate(data.zonings["cpts"], data.zonings["dac"],
                          data.units[data.units["departement"] == "93"].reset_index(drop=True),
                          (BONDY, GAGNY))
        assert view.scenario.population_moved == direct.population_moved
        assert view.scenario.index_after == direct.index_after
        assert request.goal is Goal.ZONING


class TestDecisions:
    def test_reject_then_keep_again(self, data):
        rejected = toggle_move(data, SSD, move_key(GAGNY), False)
        assert rejected.harm_moves == "93010:cpts-74"
        assert round_trip(data, rejected) == rejected
        view = view_of(data, rejected)
        assert view.scenario.index_after < 1
        assert [(row.commune, row.accepted) for row in view.rows] == [("Bondy", True),
                                                                      ("Gagny", False)]
        kept = toggle_move(data, rejected, move_key(GAGNY), True)
        assert scenario_moves(data, kept, harmonisation_request(data, kept)) == (BONDY, GAGNY)

    def test_move_a_commune_by_hand_and_back(self, data):
        picked = pick_commune(data, SSD, "93048")
        assert picked.commune == "93048"
        moved = move_commune(data, picked, "93048", "cpts-69")
        assert "93048:cpts-69" in moved.harm_moves
        view = view_of(data, moved)
        added = next(row for row in view.rows if row.code == "93048")
        assert (added.proposed, added.accepted, added.source, added.target) == (
            False, True, "CPTS démo 76 — Montreuil", "CPTS démo 69 — Saint-Denis")
        assert dict(view.map.fates)["added"] == 1
        back = move_commune(data, moved, "93048", "cpts-76")
        assert "93048" not in back.harm_moves

    def test_a_commune_can_leave_the_zoning(self, data):
        state = move_commune(data, clear_moves(SSD), "93048", None)
        assert state.harm_moves == "93048:"
        choice = commune_choice(data, view_of(data, state), "93048")
        assert choice.now == "CPTS démo 76 — Montreuil → hors découpage"
        assert choice.current == "" and choice.options[-1] == ("", "hors découpage")

    def test_unknown_commune_or_territory_changes_nothing(self, data):
        assert move_commune(data, SSD, "99999", "cpts-69") == SSD
        assert move_commune(data, SSD, "93048", "nowhere") == SSD
        assert toggle_move(data, SSD, "garbage", True) == SSD
        assert pick_commune(data, SSD, "99999") == SSD

    def test_reset_goes_back_to_the_proposal(self, data):
        assert reset_moves(clear_moves(SSD)).harm_moves is None

    def test_changing_a_choice_starts_from_its_proposal(self, data):
        state = toggle_move(data, SSD, move_key(GAGNY), False)
        changed = set_control(data, state, "harm_reference", "epci")
        assert (changed.harm_reference, changed.harm_moves) == ("epci", None)
        assert set_control(data, state, "harm_goal", "n'importe quoi") == state


class TestChoice:
    def test_targets_name_their_reference_territory(self, data):
        choice = commune_choice(data, view_of(data, SSD), "93010")
        assert choice.now == "CPTS démo 73 — Bobigny → CPTS démo 74 — Livry-Gargan"
        assert choice.current == "cpts-74" and choice.in_scope
        assert ("cpts-74", "CPTS démo 74 — Livry-Gargan — dans DAC démo 93-B") in choice.options

    def test_no_commune_picked(self, data):
        assert commune_choice(data, view_of(data, SSD), None) is None


class TestMap:
    def test_figure_has_fates_outlines_and_the_picked_commune(self, data):
        view = view_of(data, with_changes(SSD, commune="93048"))
        figure = view.map.figure
        uids = [trace["uid"] for trace in figure["data"]]
        assert uids == list(TRACES)
        fates = figure["data"][0]
        assert fates["geojson"] == "communes.json" and len(fates["locations"]) == 39
        assert fates["zmax"] == len(FATES) - 0.5
        bondy = fates["locations"].tolist().index("93010")
        assert "CPTS démo 73 — Bobigny → CPTS démo 74 — Livry-Gargan" in fates["customdata"][bondy]
        assert [label for label, _ in view.map.outlines] == [
            "CPTS — projet", "DAC", "Limite de département"]

    def test_patch_sends_what_a_decision_changes(self, data):
        before = view_of(data, SSD).map
        after = view_of(data, toggle_move(data, SSD, move_key(GAGNY), False)).map
        fields, hover = after.patch(before.moving)
        assert set(fields) == {0, 4, 5}  # fates, outline around the moves, picked commune
        assert list(fields[0]["z"]) == list(after.figure["data"][0]["z"])
        codes = after.figure["data"][0]["locations"].tolist()
        assert sorted(codes[index] for index in hover) == ["93010", "93032"]
        assert "Gagny" in hover[codes.index("93032")]
        moved_by_hand = view_of(data, move_commune(data, SSD, "93048", "cpts-69")).map
        assert 3 in moved_by_hand.patch(before.moving)[0]  # more units moved: all the outline

    def test_outline_in_two_parts_is_the_whole_outline(self, data):
        units = data.units[data.units["departement"] == "93"].reset_index(drop=True)
        edges = unit_edges(units)
        view = view_of(data, SSD)
        whole = zoning_outline(view.scenario.adjusted, edges)
        parts = [trace for trace in view.map.figure["data"] if trace["uid"].startswith("project")]
        drawn = set().union(*(segments(trace["lon"], trace["lat"]) for trace in parts))
        assert drawn == segments(whole.lon, whole.lat) != set()
