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


class TestEncodings:
    @pytest.fixture
    def app_client(self, tmp_path):
        from dashboard.server.static_files import CompressedFiles, register_static_compression

        server = Flask(__name__)
        register_geo_routes(server, load_app_data)
        files = CompressedFiles(tmp_path)
        register_static_compression(server, "/", files, others=("/geo/",))
        return server.test_client(), files

    def test_gzip_made_once_for_browsers_without_zstd(self, app_client) -> None:
        client, _ = app_client
        url = geojson_url(load_app_data(), "communes-detail-93.json")
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.headers["Content-Encoding"] == "gzip"
        assert len(json.loads(gzip.decompress(response.data))["features"]) == 39

    def test_zstd_19_once_ready(self, app_client) -> None:
        from backports import zstd

        client, files = app_client
        url = geojson_url(load_app_data(), "communes-overview-region.json")
        client.get(url, headers={"Accept-Encoding": "gzip, zstd"})
        files.wait()
        response = client.get(url, headers={"Accept-Encoding": "gzip, zstd"})
        assert response.headers["Content-Encoding"] == "zstd"
        assert len(response.data) < 80_000  # 104 kB gzipped at level 9
        assert len(json.loads(zstd.decompress(response.data))["features"]) == 1285
        assert response.cache_control.max_age > 0
