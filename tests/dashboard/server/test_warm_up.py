"""What is prepared before serving, and what in the background of each worker."""

from __future__ import annotations

import dataclasses

import pytest

from dashboard.callbacks.pages import fill_panorama
from dashboard.server.warm_up import first_clicks, first_clicks_in_background, first_view
from dashboard.views import geo_files, map_geometry, map_view, territories
from dashboard.views.data import AppData, load_app_data
from dashboard.views.panorama import structure_rows


@pytest.fixture
def fresh() -> AppData:
    """The loaded region as a new instance: every cache keyed on the data misses."""
    return dataclasses.replace(load_app_data())


def hits_after(function, *args) -> int:
    """Call a cached function and tell whether it was a hit (1) or computed (0)."""
    before = function.cache_info().hits
    function(*args)
    return function.cache_info().hits - before


class TestFirstView:
    def test_prepares_the_start_map(self, fresh) -> None:
        first_view(fresh)
        name = map_geometry.geojson_name(map_geometry.Selection.of(fresh.default_state, fresh))
        assert hits_after(geo_files.geo_file, fresh, name) == 1

    def test_prepares_every_zoning_the_browser_map_holds(self, fresh) -> None:
        first_view(fresh)
        selection = map_geometry.Selection.of(fresh.default_state, fresh)
        for key in fresh.zonings:  # shown or not: ticking one only changes an opacity
            assert hits_after(map_view.placed_layer, fresh, key, selection.departements,
                              selection.level) == 1

    def test_leaves_the_search_and_the_panorama_for_later(self, fresh) -> None:
        first_view(fresh)
        assert hits_after(structure_rows, fresh) == 0
        assert "search" not in vars(fresh)


class TestFirstClicks:
    def test_prepares_every_zoning_and_the_panorama(self, fresh) -> None:
        first_clicks(fresh)
        selection = map_geometry.Selection.of(fresh.default_state, fresh)
        for key in fresh.zonings:
            assert hits_after(map_geometry.zoning_layer, fresh, key, selection.departements,
                              selection.level) == 1
            assert hits_after(map_view.zoning_hover, fresh, key) == 1
        assert hits_after(structure_rows, fresh) == 1
        assert "search" in vars(fresh)

    def test_prepares_the_start_view_in_every_indicator(self, fresh) -> None:
        first_clicks(fresh)
        start = fresh.default_state
        url = geo_files.geojson_url(fresh, map_geometry.geojson_name(
            map_geometry.Selection.of(start, fresh)))
        for indicator in fresh.indicators:
            # Names and every zoning shown too: the figure they patch is the same one.
            state = dataclasses.replace(start, indicator=indicator.code, labels=True,
                                        zonings=tuple(fresh.zonings))
            before = map_view._browser_figure.cache_info().hits
            map_view.map_figure(fresh, state, url)
            assert map_view._browser_figure.cache_info().hits == before + 1, indicator.code

    def test_prepares_each_departement_alone(self, fresh) -> None:
        first_clicks(fresh)
        for code in fresh.departements["code"]:
            state = dataclasses.replace(fresh.default_state, departements=(code,))
            selection = map_geometry.Selection.of(state, fresh)
            for key in fresh.zonings:
                assert hits_after(map_view.placed_layer, fresh, key, (code,),
                                  selection.level) == 1, (code, key)

    def test_prepares_what_every_fiche_compares_with(self, fresh) -> None:
        first_clicks(fresh)
        by_iris = [indicator for indicator in territories.profile_indicators(fresh)
                   if territories._by_iris(fresh, indicator)]
        assert by_iris  # Filosofi's IRIS means: the fiche computes them from the IRIS too
        for indicator in territories.profile_indicators(fresh):
            assert hits_after(territories.reference_values, fresh, indicator) == 1
        for indicator in by_iris:
            assert hits_after(territories._iris_references, fresh, indicator) == 1

    def test_in_the_background(self, fresh) -> None:
        thread = first_clicks_in_background(fresh)
        assert thread.daemon
        thread.join(timeout=60)
        assert not thread.is_alive()
        assert hits_after(structure_rows, fresh) == 1


class TestPanorama:
    def test_filled_for_its_view(self) -> None:
        rows = fill_panorama({"pathname": "/panorama", "search": "?dep=93",
                              "changed": ["departements"]})
        assert rows
        assert all("93" in row["departements"].split(", ") for row in rows)
