"""The state callback, called directly: what one action writes, and nothing else."""

from __future__ import annotations

from contextvars import copy_context

import pytest
from dash import no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.callbacks.state import CONTROLS, update_state
from dashboard.layouts.pages import (
    BODY_PAGES,
    FRAMES,
    LAYOUT_CONTROLS,
    PAGE_OF_CONTROL,
    PAGES,
)
from dashboard.views.data import load_app_data
from dashboard.views.routing import ALL_FIELDS, page_view
from dashboard.views.state import ViewState, to_url
from dashboard.views.transitions import control_values

MAP = ViewState(departements=("93",), zonings=("dac",))
#: The order of :data:`dashboard.layouts.pages.PAGES`.
MAP_INDEX, PANORAMA_INDEX = 0, 1


def clicks(**given) -> dict:
    return {"commune": None, "map": None, "cell": None, "selected": None, "fiche_open": False,
            "fiche": [], "nesting": [], "close": None, **given}


def run(trigger: str | None, value, state: ViewState | None, *, controls: dict | None = None,
        url: tuple[str, str] | None = None, views: list | None = None,
        request: dict | None = None, **given) -> dict:
    """Call the callback as Dash would after ``trigger`` changed to ``value``.

    The controls of a page built at its first show are None until it is (not in the
    layout), as Dash sends an optional input missing.
    """
    shown = control_values(load_app_data(), state or ViewState())
    shown |= controls or {}
    views = views or [None] * len(PAGES)
    built = {key for key, view in zip(PAGES, views, strict=True) if view is not None}
    store = None if state is None else dict(zip(("pathname", "search"), to_url(state),
                                                strict=True))

    def call():
        triggered = [{"prop_id": trigger, "value": value}] if trigger else []
        context_value.set(AttributeDict(triggered_inputs=triggered))
        return update_state(url=url or to_url(state or ViewState()),
                            controls=[shown[control] if control in LAYOUT_CONTROLS
                                      or PAGE_OF_CONTROL[control] in built else None
                                      for control in CONTROLS],
                            clicks=clicks(**given), store=store, request=request, views=views)

    return copy_context().run(call)


def find(tree, control: str):
    """The component of ``tree`` (a component or a list of them) whose id is ``control``."""
    for node in tree if isinstance(tree, list) else [tree]:
        if getattr(node, "id", None) == control:
            return node
        children = getattr(node, "children", None)
        found = find(children if isinstance(children, list) else [children], control) \
            if children is not None else None
        if found is not None:
            return found
    return None


def drawn(state: ViewState) -> list:
    """View stores of pages whose parts are built, drawn for ``state``."""
    return [page_view(state, ALL_FIELDS) for _ in PAGES]


class TestAControl:
    def test_writes_the_url_and_store_not_the_control_that_changed(self) -> None:
        out = run("zonings.value", ["dac", "cpts"], MAP, views=drawn(MAP),
                  controls={ids.ZONINGS: ["dac", "cpts"]})

        assert "zon=dac,cpts" in out["url"][1] and "zon=dac,cpts" in out["store"]["search"]
        assert out["controls"] == [no_update] * len(LAYOUT_CONTROLS)
        assert out["stored"] == [no_update] * len(BODY_PAGES)

    def test_the_other_pages_controls_follow_when_their_page_shows(self) -> None:
        out = run("departements.value", ["75"], MAP, views=drawn(MAP),
                  controls={ids.DEPARTEMENTS: ["75"]})
        written = dict(zip(LAYOUT_CONTROLS, out["controls"], strict=True))

        assert written[ids.DEPARTEMENTS] is no_update
        # The other pages' filters show the same field: written when their page shows.
        assert out["stored"] == [no_update] * len(BODY_PAGES)
        map_75 = ViewState(departements=("75",), zonings=("dac",))
        nesting = ViewState(page="heterogeneite", departements=("75",), zonings=("dac",))
        out = run("url.pathname", "/heterogeneite", map_75, url=to_url(nesting),
                  views=drawn(MAP), controls={ids.NESTING_DEPARTEMENTS: ["93"]})
        stored = dict(zip(BODY_PAGES, out["stored"], strict=True))
        assert stored == {"heterogeneite": {ids.NESTING_DEPARTEMENTS: ["75"]},
                          "zones-blanches": no_update, "harmonisation": no_update}

    def test_fires_the_shown_page_only_with_what_changed(self) -> None:
        out = run("indicator.value", "TP6021", MAP, views=drawn(MAP),
                  controls={ids.INDICATOR: "TP6021"})

        assert out["views"][MAP_INDEX]["changed"] == ["indicator"]
        assert all(view is no_update for view in out["views"][1:])
        assert out["request"] is no_update and all(f is no_update for f in out["frames"])

    def test_leaves_pages_and_links_banner_and_meeting_alone(self) -> None:
        out = run("labels.value", True, MAP, views=drawn(MAP), controls={ids.LABELS: True})

        assert out["styles"] == [no_update] * len(PAGES)
        assert out["classes"] == [no_update] * len(PAGES)
        assert out["banner"] == (no_update, no_update) and out["meeting"] is no_update
        assert "hrefs" not in out  # the browser writes them from the state store

    def test_a_day_being_typed_stays_as_typed_with_a_message(self) -> None:
        out = run("as-of.value", "31/02/2024", MAP, views=drawn(MAP),
                  controls={ids.AS_OF: "31/02/2024"})

        assert out["controls"][LAYOUT_CONTROLS.index(ids.AS_OF)] is no_update
        assert "« 31/02/2024 » n'est pas une date" in out["day_error"]

    def test_a_day_typed_in_full_is_shown_jj_mm_aaaa(self) -> None:
        out = run("as-of.value", "1/3/2024", MAP, views=drawn(MAP),
                  controls={ids.AS_OF: "1/3/2024"})

        assert "date=2024-03-01" in out["store"]["search"] and out["day_error"] == ""
        assert out["views"][MAP_INDEX]["changed"] == ["date"]
        dated = run(None, None, None, url=to_url(ViewState(date="2024-03-01")))
        assert dated["controls"][LAYOUT_CONTROLS.index(ids.AS_OF)] == "01/03/2024"

    def test_a_rejected_value_is_written_back(self) -> None:
        out = run("indicator.value", "NOPE", MAP, views=drawn(MAP),
                  controls={ids.INDICATOR: "NOPE"})
        written = dict(zip(LAYOUT_CONTROLS, out["controls"], strict=True))

        assert written[ids.INDICATOR] == MAP.indicator
        assert out["store"] is no_update and out["url"] == (no_update, no_update)


class TestPages:
    def test_first_load_builds_the_map_at_once(self) -> None:
        out = run(None, None, None, url=to_url(MAP))

        assert out["url"] == (no_update, no_update)  # the address loaded stays as it is
        assert out["styles"][MAP_INDEX] is None
        # The layout hides every page: the others are left as they are.
        assert out["styles"][1:] == [no_update] * (len(PAGES) - 1)
        assert out["classes"][1:] == [no_update] * (len(PAGES) - 1)
        frames = dict(zip(FRAMES, out["frames"], strict=True))
        assert type(frames[ids.MAP_FRAME]).__name__ == "Graph"
        assert out["views"][MAP_INDEX]["changed"] == list(ALL_FIELDS)
        assert out["request"] is no_update

    def test_a_link_to_a_page_builds_it_on_its_choices(self) -> None:
        # A commune chosen on the map page: Harmonisation waits for its first show.
        with_commune = ViewState(departements=("93",), commune="93048")
        out = run(None, None, None, url=to_url(with_commune))
        frames = dict(zip(FRAMES, out["frames"], strict=True))
        assert frames[ids.PAGE_HARMONISATION] is no_update
        # A link to Harmonisation with a commune chosen: the page comes showing it.
        harmonisation = ViewState(page="harmonisation", commune="93048")
        out = run(None, None, None, url=to_url(harmonisation))
        frames = dict(zip(FRAMES, out["frames"], strict=True))
        commune = find(frames[ids.PAGE_HARMONISATION], ids.HARM_COMMUNE)
        assert commune.value == "93048"
        assert {"label": "Montreuil (93048)", "value": "93048"} in commune.options
        assert out["stored"] == [no_update] * len(BODY_PAGES)  # nothing to write
        shown = list(PAGES).index("harmonisation")
        assert out["views"][shown]["changed"] == list(ALL_FIELDS)
        views = [page_view(harmonisation, ALL_FIELDS) if index == shown else None
                 for index in range(len(PAGES))]
        again = run("url.search", "?x", harmonisation, url=to_url(harmonisation), views=views)
        assert all(frame is no_update for frame in again["frames"])

    def test_a_page_with_grids_asks_for_its_library_first(self) -> None:
        panorama = ViewState(page="panorama")
        out = run(None, None, None, url=to_url(panorama))

        assert out["request"] == {"page": "panorama", "libraries": ["grid"]}
        assert all(frame is no_update for frame in out["frames"])
        assert all(view is no_update for view in out["views"])

    def test_asked_once_while_the_library_loads(self) -> None:
        panorama = ViewState(page="panorama")
        out = run("departements.value", ["75"], panorama, controls={ids.DEPARTEMENTS: ["75"]},
                  request={"page": "panorama", "libraries": ["grid"]})
        assert out["request"] is no_update

    def test_controls_of_a_page_wait_for_its_first_show(self) -> None:
        views = [page_view(MAP, ALL_FIELDS)] + [None] * (len(PAGES) - 1)
        out = run("departements.value", ["75"], MAP, views=views,
                  controls={ids.DEPARTEMENTS: ["75"]})
        assert out["controls"] == [no_update] * len(LAYOUT_CONTROLS)  # the others are hidden
        assert out["stored"] == [no_update] * len(BODY_PAGES)
        gaps = ViewState(page="zones-blanches", departements=("75",))
        out = run("url.pathname", "/zones-blanches", MAP, url=to_url(gaps), views=views)
        frames = dict(zip(FRAMES, out["frames"], strict=True))
        assert find(frames[ids.PAGE_GAPS], ids.GAPS_DEPARTEMENTS).value == ["75"]
        assert out["stored"] == [no_update] * len(BODY_PAGES)

    def test_a_change_of_page_writes_the_two_pages_and_links_only(self) -> None:
        panorama = ViewState(page="panorama", departements=("93",), zonings=("dac",))
        out = run("url.pathname", "/panorama", MAP, url=to_url(panorama), views=drawn(MAP))

        assert out["styles"] == [{"display": "none"}, None] + [no_update] * (len(PAGES) - 2)
        assert out["classes"] == ["cc-nav__link", "cc-nav__link cc-nav__link--active",
                                  *[no_update] * (len(PAGES) - 2)]

    def test_a_page_shown_again_follows_only_if_it_must(self) -> None:
        back = ViewState(page="carte", departements=("93",), zonings=("dac",))
        panorama = ViewState(page="panorama", departements=("93",), zonings=("dac",))
        out = run("url.pathname", "/", panorama, url=to_url(back), views=drawn(back))

        assert out["styles"][MAP_INDEX] is None
        assert out["views"] == [no_update] * len(PAGES)  # the map kept its figure

    def test_the_accessibility_statement_is_a_page_of_its_own(self) -> None:
        out = run(None, None, None, url=("/accessibilite", ""))
        statement = list(PAGES).index("accessibilite")

        assert [style is None for style in out["styles"]] == [
            index == statement for index in range(len(PAGES))]
        assert out["classes"][statement] == "cc-footer__link cc-footer__link--active"
        assert out["classes"][MAP_INDEX] is no_update

    @pytest.mark.parametrize(("meeting", "written"), [(True, "cc-page cc-page--meeting"),
                                                      (False, no_update)])
    def test_meeting_mode_switched_only_when_it_changes(self, meeting, written) -> None:
        start = ViewState(meeting=meeting)
        assert run(None, None, None, url=to_url(start))["meeting"] == written


class TestClicks:
    def test_a_cell_of_the_matrix_opens_the_pair(self) -> None:
        page = ViewState(page="heterogeneite")
        out = run('{"a":"cpts","b":"dac","type":"nesting-cell"}.n_clicks', 1, page,
                  views=drawn(page))
        assert "a=cpts" in out["store"]["search"] and "b=dac" in out["store"]["search"]
        nesting = list(PAGES).index("heterogeneite")
        assert out["views"][nesting]["changed"] == ["pair_a", "pair_b"]
        # Its choices show the pair, through the page's store (built with the page).
        assert out["stored"][BODY_PAGES.index("heterogeneite")] == {
            ids.PAIR_A: "cpts", ids.PAIR_B: "dac"}

    def test_a_row_of_the_panorama_opens_the_fiche_on_the_map(self) -> None:
        panorama = ViewState(page="panorama")
        out = run("panorama-grid.cellClicked", {"rowId": "cpts:cpts-69"}, panorama,
                  views=drawn(panorama), cell={"rowId": "cpts:cpts-69"})
        assert out["url"][0] == "/" and "terr=cpts:cpts-69" in out["url"][1]
        assert out["styles"][MAP_INDEX] is None and out["styles"][PANORAMA_INDEX] == {
            "display": "none"}

    def test_a_row_selected_with_the_keyboard_opens_the_fiche(self) -> None:
        panorama = ViewState(page="panorama")
        out = run("panorama-grid.selectedRows", [{"id": "cpts:cpts-69"}], panorama,
                  views=drawn(panorama), selected=[{"id": "cpts:cpts-69"}])
        assert out["url"][0] == "/" and "terr=cpts:cpts-69" in out["url"][1]

    def test_a_selection_emptied_changes_nothing(self) -> None:
        panorama = ViewState(page="panorama")
        with pytest.raises(PreventUpdate):
            run("panorama-grid.selectedRows", [], panorama, views=drawn(panorama), selected=[])
