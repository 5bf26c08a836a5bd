"""The Dash application as served, checked through Flask's test client (no browser)."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from dash import Dash

from dashboard.server.app_factory import (
    ASSETS_DIR,
    RESPONSE_GZIP_LEVEL,
    VENDOR_STYLESHEETS,
    create_app,
)


@pytest.fixture
def app() -> Dash:
    return create_app()


@pytest.fixture
def client(app):
    return app.server.test_client()


@pytest.fixture
def index_html(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _stylesheets(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


class TestCreateApp:
    def test_returns_a_configured_dash_app(self, app):
        assert isinstance(app, Dash)
        assert app.title == "Cartocoord"
        assert app.config.suppress_callback_exceptions is True
        assert app.config.serve_locally is True
        assert app.config.compress is True
        assert app.server.config["COMPRESS_LEVEL"] == RESPONSE_GZIP_LEVEL

    def test_layout_shows_the_app_name(self, app):
        layout = app.layout() if callable(app.layout) else app.layout
        assert "Cartocoord" in json.dumps(layout.to_plotly_json(), default=str)


class TestIndexPage:
    def test_declares_french(self, index_html):
        assert '<html lang="fr">' in index_html

    def test_loads_bootstrap_then_font_then_theme(self, index_html):
        sheets = [href.split("?")[0] for href in _stylesheets(index_html)]
        assert sheets == [
            "/assets/vendor/bootstrap/bootstrap.min.css",
            "/assets/vendor/source-sans-3/source-sans-3.css",
            "/assets/harmonisation.css",
            "/assets/style.css",
        ]

    def test_links_only_local_urls(self, index_html):
        urls = re.findall(r'(?:href|src)="([^"]+)"', index_html)
        assert urls
        assert [url for url in urls if not url.startswith("/")] == []

    def test_is_gzipped_on_request(self, client):
        response = client.get("/", headers={"Accept-Encoding": "gzip"})
        assert response.headers["Content-Encoding"] == "gzip"
        assert b'lang="fr"' in gzip.decompress(response.data)


class TestAssets:
    @pytest.mark.parametrize("path", VENDOR_STYLESHEETS)
    def test_vendored_style_sheets_are_served(self, client, path):
        response = client.get(f"/assets/{path}")
        assert response.status_code == 200
        assert response.data

    def test_font_faces_point_to_committed_files(self, client):
        css = (ASSETS_DIR / "vendor/source-sans-3/source-sans-3.css").read_text()
        files = re.findall(r'url\("([^"]+)"\)', css)
        assert len(files) == 3
        for file in files:
            response = client.get(f"/assets/vendor/source-sans-3/{file}")
            assert response.status_code == 200
            assert response.data[:4] == b"wOF2"

    def test_style_sheets_fetch_nothing_external(self):
        for path in ASSETS_DIR.rglob("*.css"):
            urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", path.read_text())
            external = [url for url in urls if re.match(r"(https?:)?//", url)]
            assert external == [], path

    def test_versions_and_licences_are_recorded(self):
        versions = (ASSETS_DIR / "vendor/VERSIONS.txt").read_text()
        assert re.search(r"^bootstrap@5\.3\.\d+\s+MIT\s", versions, re.M)
        assert re.search(r"^@fontsource/source-sans-3@\S+\s+OFL-1\.1\s", versions, re.M)
        assert (ASSETS_DIR / "vendor/bootstrap/LICENSE").is_file()
        assert (ASSETS_DIR / "vendor/source-sans-3/LICENSE").is_file()

    def test_topojson_stub_is_served_for_plotly(self, client):
        response = client.get("/assets/topojson/world_110m.json")
        assert response.status_code == 200
        assert response.get_json() == {"type": "Topology", "objects": {}, "arcs": []}
