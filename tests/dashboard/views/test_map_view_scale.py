"""Level of detail of the map and serving of its geometry (no timing: see scripts/bench.py).

Île-de-France (1,285 units) stays below the commune threshold; to exercise the coarse
level without building France, the threshold is lowered and the caches emptied.
"""

from __future__ import annotations

import gzip
import inspect
import json
from collections.abc import Iterator
from dataclasses import replace

import numpy as np
import pytest
import shapely
from flask import Flask

from dashboard.figures.patches import changes, signature
from dashboard.server import geo_routes
from dashboard.server.app_factory import ASSETS_DIR
from dashboard.server.geo_routes import register_geo_routes
from dashboard.views import geo_files, map_geometry, map_view, shading
from dashboard.views.data import load_app_data
from dashboard.views.geo_files import geo_file, geojson_url
from dashboard.views.map_geometry import (
    COARSE,
    DETAIL,
    OVERVIEW,
    Selection,
    areas,
    departement_geometries,
    geojson_name,
    geojson_payload,
    territory_geometries,
)
from dashboard.views.map_view import map_figure, map_legend
from dashboard.views.state import ViewState
from dashboard.views.territories import hover_lines
from geodata.observations.aggregation import aggregate_departements

IDF_UNITS = 1285
IDF_DEPARTEMENTS = ["75", "77", "78", "91", "92", "93", "94", "95"]
#: Below Île-de-France's 1,285 units: its whole-region view becomes coarse.
LOW_THRESHOLD = 1000
REGION = ViewState(zonings=("dac",), indicator="TP6021")


def _clear_caches() -> None:
    """Empty every ``lru_cache`` of the map's modules (getattr_static: flask's proxies)."""
    for module in (map_geometry, map_view, shading, geo_files):
        for value in vars(module).values():
            if inspect.getattr_static(value, "cache_clear", None) is not None:
                value.cache_clear()


@pytest.fixture
def coarse_idf(monkeypatch) -> Iterator[None]:
    """Île-de-France treated as if it had too many communes to draw them one by one."""
    _clear_caches()
    monkeypatch.setattr(map_geometry, "MAX_COMMUNES_SHOWN", LOW_THRESHOLD)
    yield
    _clear_caches()


class TestLevel:
    def test_idf_whole_region_keeps_its_communes(self, data) -> None:
        selection = Selection.of(REGION, data)
        assert selection.unit_count == IDF_UNITS
        assert (selection.level, selection.coloured) == (OVERVIEW, "communes")
        assert geojson_name(selection) == "communes-overview-region.json"

    @pytest.mark.parametrize(("departements", "units", "level"), [
        ((), 34_784, COARSE),                    # metropolitan France
        (("62", "80", "02", "59"), 3_102, COARSE),
        ((), 3_000, OVERVIEW),                   # a large region
        (("93",), 39, DETAIL),
        (("62",), 887, DETAIL),                  # the largest département
        (("62", "80"), 1_658, OVERVIEW),         # two départements, many communes
        (("77", "78", "91"), 960, DETAIL),
        (("75", "92", "93", "94"), 142, OVERVIEW),
    ])
    def test_follows_the_communes_in_view(self, departements, units, level) -> None:
        assert Selection(departements, (), "communes", False, units).level == level

    @pytest.mark.parametrize(("colour_by", "coloured"), [
        ("communes", "departements"), ("dac", "dac"),
    ])
    def test_coarse_level_colours_departements_or_territories(self, colour_by,
                                                                coloured) -> None:
        selection = Selection((), (), colour_by, False, 34_784)
        assert selection.coloured == coloured
        assert geojson_name(selection) == f"{coloured}-coarse-region.json"

    def test_unit_count_of_departements(self, data) -> None:
        assert map_geometry.unit_count(data, ("93", "75")) == 59
        assert map_geometry.unit_count(data, ()) == IDF_UNITS


class TestHover:
    @pytest.mark.parametrize("zonings", [(), ("cpts",), ("dac", "cpts", "carsic")])
    def test_lines_built_per_zoning_equal_hover_lines(self, data, zonings) -> None:
        state = ViewState(departements=("93", "94"), zonings=zonings)
        figure = map_figure(data, state, "/geo/11/x.json")
        choropleth = figure["data"][0]
        columns = [index for index, key in enumerate(data.zonings, start=1) if key in zonings]
        expected = hover_lines(data, zonings).reindex(choropleth["locations"])
        assert ["".join(row[index] for index in columns) for row in choropleth["customdata"]] == [
            "<br>" + line if line else "" for line in expected]
        assert choropleth["hovertemplate"].count("%{customdata[") == 1 + len(zonings)


class TestCoarseMap:
    @pytest.mark.usefixtures("coarse_idf")
    def test_areas_are_the_departements(self, data) -> None:
        selection = Selection.of(REGION, data)
        assert (selection.level, selection.coloured) == (COARSE, "departements")
        shown = areas(data, selection)
        assert shown["code"].tolist() == IDF_DEPARTEMENTS
        assert "Seine-Saint-Denis (93)" in shown["nom"].tolist()

    @pytest.mark.usefixtures("coarse_idf")
    def test_served_file_has_one_feature_per_departement(self, data) -> None:
        name = geojson_name(Selection.of(REGION, data))
        assert name == "departements-coarse-region.json"
        payload = geojson_payload(data, name)
        assert [feature["id"] for feature in payload["features"]] == IDF_DEPARTEMENTS

    @pytest.mark.usefixtures("coarse_idf")
    def test_values_are_aggregated_as_geodata_defines(self, data) -> None:
        choropleth = map_figure(data, REGION, "/geo/11/x.json")["data"][0]
        assert choropleth["locations"] == IDF_DEPARTEMENTS
        expected = aggregate_departements(data.table, data.indicator("TP6021"), data.units)
        values = shading.area_values(data, Selection.of(REGION, data), "TP6021").own
        np.testing.assert_allclose(values, expected["value"].reindex(IDF_DEPARTEMENTS))
        assert map_legend(data, REGION).count == len(IDF_DEPARTEMENTS)

    @pytest.mark.usefixtures("coarse_idf")
    def test_map_says_departements_stand_in_for_communes(self, data) -> None:
        figure = map_figure(data, REGION, "/geo/11/x.json")
        [note] = figure["layout"]["annotations"]
        assert "par département" in note["text"]
        assert "1\u202f285 communes" in note["text"]

    @pytest.mark.usefixtures("coarse_idf")
    def test_outlines_are_rounded_to_the_coarse_precision(self, data) -> None:
        figure = map_figure(data, REGION, "/geo/11/x.json")
        assert figure["data"][1]["uid"] == "hatch" and not figure["data"][1]["lon"]
        for trace in figure["data"][2:4]:  # départements, then the DAC
            coordinates = [value for value in trace["lon"] + trace["lat"] if value is not None]
            assert coordinates
            assert coordinates == [round(value, map_geometry.OUTLINE_DECIMALS[COARSE])
                                   for value in coordinates]

    @pytest.mark.usefixtures("coarse_idf")
    def test_choosing_a_departement_brings_the_communes_back(self, data) -> None:
        state = replace(REGION, departements=("93",))
        figure = map_figure(data, state, "/geo/11/x.json")
        assert len(figure["data"][0]["locations"]) == 39
        assert "annotations" not in figure["layout"]

    @pytest.mark.usefixtures("coarse_idf")
    def test_a_new_indicator_is_a_small_patch(self, data) -> None:
        after = replace(REGION, indicator="MED21", method="jenks")
        figure = map_figure(data, REGION, "/geo/11/x.json")
        found, _ = changes(signature(figure), map_figure(data, after, "/geo/11/x.json"))
        assert {index for index, _, _ in found} == {0}
        assert len(json.dumps([value for _, _, value in found])) < 20_000

    def test_coarse_geometry_is_simpler_and_still_a_coverage(self, data) -> None:
        def vertices(geometries) -> int:
            return int(shapely.get_num_coordinates(np.asarray(geometries)).sum())

        overview = departement_geometries(data, OVERVIEW).geometry
        coarse = departement_geometries(data, COARSE).geometry
        assert vertices(coarse) < vertices(overview)
        assert shapely.coverage_is_valid(coarse.to_numpy())
        territories = territory_geometries(data, "dac", COARSE)
        assert vertices(territories) < vertices(territory_geometries(data, "dac", OVERVIEW))
        assert shapely.coverage_is_valid(territories.to_numpy())


class TestGeoFiles:
    @pytest.fixture(scope="class")
    @staticmethod
    def client():
        server = Flask(__name__, static_folder=str(ASSETS_DIR),
                       static_url_path=geo_routes.ASSETS_PREFIX.rstrip("/"))
        register_geo_routes(server, load_app_data)
        return server.test_client()

    def test_url_names_the_content(self, data) -> None:
        name = "communes-detail-93.json"
        assert geojson_url(data, name) == f"/geo/11/{name}?v={geo_file(data, name).digest}"

    def test_versioned_file_is_gzipped_and_kept_for_good(self, client, data) -> None:
        response = client.get(geojson_url(data, "communes-detail-93.json"),
                              headers={"Accept-Encoding": "gzip"})
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.cache_control.immutable
        assert len(json.loads(gzip.decompress(response.data))["features"]) == 39

    def test_unversioned_file_is_revalidated(self, client) -> None:
        response = client.get("/geo/11/communes-detail-93.json")
        assert response.cache_control.no_cache
        assert "Content-Encoding" not in response.headers
        again = client.get("/geo/11/communes-detail-93.json",
                           headers={"If-None-Match": response.get_etag()[0]})
        assert again.status_code == 304

    @pytest.mark.parametrize("name", [
        "communes-detail-93-93.json", "communes-detail-93-75.json", "communes-detail-93",
        "communes-overview-93.json", "departements-coarse-region.json",
    ])
    def test_only_names_the_app_makes_are_served(self, client, name) -> None:
        assert client.get(f"/geo/11/{name}").status_code == 404

    @pytest.mark.parametrize(("url", "max_age"), [
        ("/assets/topojson/world_110m.json", geo_routes.ASSET_MAX_AGE_SECONDS),
        ("/assets/topojson/world_110m.json?m=12345", geo_routes.IMMUTABLE_MAX_AGE_SECONDS),
    ])
    def test_assets_have_a_cache_lifetime(self, client, url, max_age) -> None:
        response = client.get(url)
        assert response.status_code == 200
        assert response.cache_control.max_age == max_age
        response.close()
