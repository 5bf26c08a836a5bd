from __future__ import annotations

import gzip
import json

import pytest
from flask import Flask

from dashboard.server.geo_routes import register_geo_routes
from dashboard.views.data import load_app_data
from dashboard.views.geo_files import geojson_url


@pytest.fixture(scope="module")
def client():
    server = Flask(__name__)
    register_geo_routes(server, load_app_data)
    return server.test_client()


class TestGeoRoutes:
    def test_serves_the_communes_of_a_departement_with_caching(self, client) -> None:
        response = client.get(geojson_url(load_app_data(), "communes-detail-93.json"))
        assert response.status_code == 200
        assert response.mimetype == "application/json"
        assert response.cache_control.max_age > 0
        features = json.loads(response.data)["features"]
        assert len(features) == 39
        assert {feature["id"] for feature in features} >= {"93066", "93008"}

    def test_region_overview_is_small_enough_gzipped(self, client) -> None:
        response = client.get(geojson_url(load_app_data(), "communes-overview-region.json"))
        assert len(json.loads(response.data)["features"]) == 1285
        assert len(gzip.compress(response.data)) < 300_000

    @pytest.mark.parametrize("name", [
        "communes-detail-99.json", "../../etc/passwd", "communes-detail-93-75.json.bak",
        "nope.json", "communes-overview-93.json",
    ])
    def test_unknown_names_are_404(self, client, name: str) -> None:
        assert client.get(f"/geo/11/{name}").status_code == 404

    def test_other_region_is_404(self, client) -> None:
        assert client.get("/geo/93/communes-detail-13.json").status_code == 404
