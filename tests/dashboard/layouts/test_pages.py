"""The pages' layout: what is there from the start, what comes with a page's first show."""

from __future__ import annotations

import gzip
import json

import pytest
from dash import no_update
from dash.development.base_component import Component
from plotly.utils import PlotlyJSONEncoder

from dashboard import ids
from dashboard.callbacks.state import CONTROLS
from dashboard.layouts.main import build_layout
from dashboard.layouts.pages import (
    CHOICES,
    DEFERRED_GRIDS,
    FRAMES,
    GRID,
    MAP_PATHS,
    PAGE_OF_TABLE,
    PAGES,
)
from dashboard.views.data import load_app_data
from dashboard.views.transitions import CONTROL_FIELDS

#: Budget of the first layout, which every page loads, gzipped (about 9 kB today).
LAYOUT_BUDGET_BYTES = 12_000
#: Components whose scripts cost to load: plotly.js (0.4 MB), dash-ag-grid (0.5 MB).
HEAVY = {"Graph", "AgGrid"}


def walk(component) -> list[Component]:
    """Every component of a tree, the root first."""
    found = [component]
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if isinstance(child, Component):
            found += walk(child)
    return found


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
        for page in PAGES.values():
            found = {node.id for node in walk(page.build(data))
                     if isinstance(getattr(node, "id", None), str)}
            assert set(page.controls) <= found
        assert set(CONTROLS) == {*CONTROL_FIELDS, ids.BREAKS}

    def test_weighs_little_on_every_first_visit(self, layout) -> None:
        # What only one page needs comes with its first show: the 1,300 communes of
        # Harmonisation's list (15 kB), the accessibility statement's text (3 kB).
        text = json.dumps(layout, cls=PlotlyJSONEncoder).encode()
        assert len(gzip.compress(text)) <= LAYOUT_BUDGET_BYTES
        by_id = {node.id: node for node in walk(layout)
                 if isinstance(getattr(node, "id", None), str)}
        assert all(by_id[control].options == [] for control in CHOICES)
        assert not by_id[ids.STATEMENT_FRAME].children

    def test_gives_the_libraries_to_the_browser(self, layout) -> None:
        stores = {node.id: node for node in walk(layout) if type(node).__name__ == "Store"}
        assert stores["libraries"].data == {GRID: ["/grid.js"]}


class TestParts:
    @pytest.mark.parametrize("key", list(PAGES))
    def test_fill_exactly_the_frames_of_their_page(self, key) -> None:
        page = PAGES[key]
        assert set(page.parts(load_app_data())) == set(page.frames)

    @pytest.mark.parametrize("key", list(PAGES))
    def test_pages_with_grids_load_the_grid_library_first(self, key) -> None:
        page = PAGES[key]
        kinds = {type(node).__name__ for part in page.first_parts(load_app_data()).values()
                 for node in walk(part)}
        assert ("AgGrid" in kinds) == (GRID in page.libraries)

    @pytest.mark.parametrize("key", ["heterogeneite", "zones-blanches", "harmonisation"])
    def test_pages_with_maps_show_their_grids_only_when_asked(self, key) -> None:
        # What the pair view, the zones blanches and Harmonisation load first: no grid.
        page = PAGES[key]
        assert page.tables and not page.libraries
        grids = [node.id for frame, part in page.parts(load_app_data()).items()
                 for node in walk(part) if type(node).__name__ == "AgGrid"]
        assert grids and all(grid in DEFERRED_GRIDS for grid in grids)
        assert {PAGE_OF_TABLE[frame] for frame in page.tables} == {key}


class TestChoices:
    def test_the_communes_of_harmonisation_come_with_its_page(self) -> None:
        assert CHOICES == (ids.HARM_COMMUNE,)
        options = PAGES["harmonisation"].first_choices(load_app_data())
        assert len(options[0]) == len(load_app_data().units)
        assert {"label": "Montreuil (93048)", "value": "93048"} in options[0]

    def test_other_pages_leave_them_alone(self) -> None:
        options = PAGES["carte"].first_choices(load_app_data())
        assert [option is no_update for option in options] == [True] * len(CHOICES)


def test_pages_drawing_a_map_first_start_plotly_early() -> None:
    assert MAP_PATHS == ("/", "/zones-blanches", "/harmonisation")


class TestTables:
    def test_frames_hold_their_button_and_stores_hold_every_prop_written(self, layout) -> None:
        nodes = walk(layout)
        by_id = {node.id: node for node in nodes if isinstance(getattr(node, "id", None), str)}
        for frame in PAGE_OF_TABLE:
            assert by_id[frame].children.id == {"type": ids.TABLE_OPEN, "frame": frame}
        stores = {node.id for node in nodes if type(node).__name__ == "Store"}
        assert {ids.grid_store(grid, prop) for grid, props in DEFERRED_GRIDS.items()
                for prop in props} <= stores
