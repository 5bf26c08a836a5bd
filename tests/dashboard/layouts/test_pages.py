"""The pages' layout: what is there from the start, what comes with a page's first show."""

from __future__ import annotations

import gzip
import json

import pytest
from dash.development.base_component import Component
from plotly.utils import PlotlyJSONEncoder

from dashboard import ids
from dashboard.callbacks.state import CONTROLS
from dashboard.layouts.gaps import gaps_body
from dashboard.layouts.harmonisation import harmonisation_body
from dashboard.layouts.heterogeneity import nesting_body
from dashboard.layouts.main import build_layout
from dashboard.layouts.pages import (
    BODY_PAGES,
    DEFERRED_GRIDS,
    FRAMES,
    GRID,
    LAYOUT_CONTROLS,
    MAP_PATHS,
    PAGE_OF_TABLE,
    PAGES,
)
from dashboard.views.data import load_app_data
from dashboard.views.harmonisation import control_values as proposal
from dashboard.views.state import ViewState
from dashboard.views.transitions import CONTROL_FIELDS

#: Budget of the first layout, which every page loads, gzipped (about 9 kB today).
LAYOUT_BUDGET_BYTES = 12_000
#: Components whose scripts cost to load: plotly.js (0.4 MB), dash-ag-grid (0.5 MB).
HEAVY = {"Graph", "AgGrid"}


#: The pages whose whole body comes at their first show.
BODIES = ("heterogeneite", "zones-blanches", "harmonisation")


def walk(component) -> list[Component]:
    """Every component of a tree (or of a list of trees), the root first."""
    if isinstance(component, list | tuple):
        return [node for part in component for node in walk(part)]
    found = [component]
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if isinstance(child, Component):
            found += walk(child)
    return found


def by_id(tree) -> dict[str, Component]:
    return {node.id: node for node in walk(tree) if isinstance(getattr(node, "id", None), str)}


@pytest.fixture(scope="module")
def layout() -> Component:
    return build_layout({GRID: ["/grid.js"]})


class TestLayout:
    def test_holds_no_graph_nor_grid_at_first(self, layout) -> None:
        # A dcc.Graph loads plotly.js when it mounts, hidden or not; a grid its library.
        assert not [type(node).__name__ for node in walk(layout) if type(node).__name__ in HEAVY]

    def test_holds_every_page_hidden_and_every_frame(self, layout) -> None:
        by_id = {node.id: node for node in walk(layout)
                 if isinstance(getattr(node, "id", None), str)}
        for page in PAGES.values():
            assert by_id[page.container].style == {"display": "none"}
            assert page.view in by_id
        assert set(FRAMES) <= set(by_id)

    def test_every_control_of_the_state_is_on_its_page(self) -> None:
        data = load_app_data()
        for key, page in PAGES.items():
            found = set(by_id([page.build(data), *page.parts(data, ViewState(page=key)).values()]))
            assert set(page.controls) <= found
        assert set(CONTROLS) == {*CONTROL_FIELDS, ids.BREAKS}

    def test_holds_only_the_frame_of_the_pages_built_at_their_first_show(self, layout) -> None:
        # 169 components fewer for the browser to go over at each value a click writes.
        found = by_id(layout)
        for key in BODIES:
            assert PAGES[key].frames == (PAGES[key].container,)
            assert not found[PAGES[key].container].children
            assert not set(PAGES[key].controls) & set(found)
            assert PAGES[key].controls_store in found
        assert set(LAYOUT_CONTROLS) <= set(found) and BODY_PAGES == BODIES

    def test_weighs_little_on_every_first_visit(self, layout) -> None:
        # What only one page needs comes with its first show: the 1,300 communes of
        # Harmonisation's list (15 kB), the accessibility statement's text (3 kB).
        text = json.dumps(layout, cls=PlotlyJSONEncoder).encode()
        assert len(gzip.compress(text)) <= LAYOUT_BUDGET_BYTES
        assert not by_id(layout)[ids.STATEMENT_FRAME].children

    def test_gives_the_libraries_to_the_browser(self, layout) -> None:
        stores = {node.id: node for node in walk(layout) if type(node).__name__ == "Store"}
        assert stores["libraries"].data == {GRID: ["/grid.js"]}


class TestParts:
    @pytest.mark.parametrize("key", list(PAGES))
    def test_fill_exactly_the_frames_of_their_page(self, key) -> None:
        page = PAGES[key]
        assert set(page.parts(load_app_data(), ViewState(page=key))) == set(page.frames)

    @pytest.mark.parametrize("key", list(PAGES))
    def test_pages_with_grids_load_the_grid_library_first(self, key) -> None:
        page = PAGES[key]
        kinds = {type(node).__name__ for part in page.parts(load_app_data(), ViewState(
            page=key)).values() for node in walk(part)}
        assert ("AgGrid" in kinds) == (GRID in page.libraries)

    @pytest.mark.parametrize("key", BODIES)
    def test_pages_with_maps_show_their_grids_only_when_asked(self, key) -> None:
        # What the pair view, the zones blanches and Harmonisation load first: no grid.
        page = PAGES[key]
        assert page.tables and not page.libraries
        data = load_app_data()
        grids = [node.id for part in page.grids(data).values() for node in walk(part)
                 if type(node).__name__ == "AgGrid"]
        assert set(page.grids(data)) == set(page.tables)
        assert grids and all(grid in DEFERRED_GRIDS for grid in grids)
        assert {PAGE_OF_TABLE[frame] for frame in page.tables} == {key}
        body = by_id(page.parts(data, ViewState(page=key))[page.container])
        for frame in page.tables:
            assert body[frame].children.id == {"type": ids.TABLE_SLOT, "frame": frame}
            assert body[frame].children.children.id == {"type": ids.TABLE_OPEN, "frame": frame,
                                                        "library": GRID}
        stores = {store for store, node in body.items() if type(node).__name__ == "Store"}
        assert {ids.grid_store(grid, prop) for grid in grids
                for prop in DEFERRED_GRIDS[grid]} <= stores


class TestBodies:
    """The pages built at their first show: their controls show the state of that moment."""

    def test_heterogeneity_shows_the_pair_and_departements(self) -> None:
        state = ViewState(page="heterogeneite", departements=("93", "94"), pair_a="cpts",
                          pair_b="dac")
        controls = by_id(nesting_body(load_app_data(), state))
        assert controls[ids.NESTING_DEPARTEMENTS].value == ["93", "94"]
        assert (controls[ids.PAIR_A].value, controls[ids.PAIR_B].value) == ("cpts", "dac")

    def test_heterogeneity_without_a_pair_shows_none(self) -> None:
        controls = by_id(nesting_body(load_app_data(), ViewState(page="heterogeneite")))
        assert controls[ids.PAIR_A].value is None and controls[ids.PAIR_B].value is None
        assert controls[ids.NESTING_DEPARTEMENTS].value == []

    def test_zones_blanches_show_the_zoning_and_departements(self) -> None:
        state = ViewState(page="zones-blanches", departements=("75",), gaps_zoning="dac")
        controls = by_id(gaps_body(load_app_data(), state))
        assert controls[ids.GAPS_ZONING].value == "dac"
        assert controls[ids.GAPS_DEPARTEMENTS].value == ["75"]
        assert type(controls[ids.GAPS_MAP]).__name__ == "Graph"

    def test_harmonisation_shows_its_choices_resolved_and_the_commune(self) -> None:
        data = load_app_data()
        state = ViewState(page="harmonisation", departements=("93",), harm_zoning="cpts",
                          harm_reference="dac", commune="93048")
        controls = by_id(harmonisation_body(data, state))
        assert (controls[ids.HARM_ZONING].value, controls[ids.HARM_REFERENCE].value) == (
            "cpts", "dac")
        assert controls[ids.HARM_DEPARTEMENTS].value == ["93"]
        assert controls[ids.HARM_COMMUNE].value == "93048"
        assert len(controls[ids.HARM_COMMUNE].options) == len(data.units)
        assert {"label": "Montreuil (93048)", "value": "93048"} in controls[
            ids.HARM_COMMUNE].options
        # Without choices in the URL, its proposal shows, as the state callback writes it.
        bare = ViewState(page="harmonisation")
        proposed = by_id(harmonisation_body(data, bare))
        zoning, reference, goal, *_ = proposal(data, bare)
        assert zoning is not None and reference is not None
        assert (proposed[ids.HARM_ZONING].value, proposed[ids.HARM_REFERENCE].value,
                proposed[ids.HARM_GOAL].value) == (zoning, reference, goal)


def test_pages_drawing_a_map_first_start_plotly_early() -> None:
    assert MAP_PATHS == ("/", "/zones-blanches", "/harmonisation")
