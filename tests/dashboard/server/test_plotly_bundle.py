"""plotly.js as the pages load it: the geo build of the Python package's version, in French."""

from __future__ import annotations

import re

import pytest
from plotly.offline import get_plotlyjs_version

from dashboard.server.app_factory import ASSETS_DIR, create_app
from dashboard.server.plotly_bundle import BUNDLE_FILES, PLOTLY_PATH, bundle, bundled_version


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


class TestBundle:
    def test_same_version_as_the_python_package_bundles(self) -> None:
        # Figures are built for the plotly.js of the Python package (exports use it too).
        assert bundled_version() == get_plotlyjs_version()

    def test_geo_build_with_the_french_locale(self) -> None:
        text = bundle()
        assert b"plotly.js (geo - minified)" in text[:300]
        assert b'name:"fr"' in text and b"Plotly.register(locale)" in text
        assert len(text) < 1_500_000  # the full plotly.min.js is 4.8 MB

    def test_vendored_with_licence_and_pinned_version(self) -> None:
        folder = ASSETS_DIR / "vendor/plotly"
        assert {path.name for path in folder.iterdir()} == {*BUNDLE_FILES, "LICENSE"}
        assert "MIT License" in (folder / "LICENSE").read_text()
        versions = (ASSETS_DIR / "vendor/VERSIONS.txt").read_text()
        version = get_plotlyjs_version()
        assert re.search(rf"^plotly\.js-geo-dist-min@{version}\s+MIT\s", versions, re.M)
        assert re.search(rf"^plotly\.js@{version}\s+MIT\s.*plotly-locale-fr\.js", versions, re.M)


class TestServed:
    def test_at_the_url_dash_loads_plotly_from(self, client) -> None:
        response = client.get(f"/{PLOTLY_PATH}")
        assert response.status_code == 200
        assert response.mimetype == "application/javascript"
        assert response.get_data() == bundle()

    def test_revalidated_not_kept(self, client) -> None:
        response = client.get(f"/{PLOTLY_PATH}")
        assert "no-cache" in response.headers["Cache-Control"]
        again = client.get(f"/{PLOTLY_PATH}", headers={"If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304

    def test_no_page_links_plotly(self, client) -> None:
        html = client.get("/").get_data(as_text=True)
        scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
        assert scripts and not [src for src in scripts if "plotly" in src]  # loaded by dcc.Graph

    def test_kept_a_year_at_the_versioned_url_map_pages_load(self, client) -> None:
        html = client.get("/").get_data(as_text=True)
        url = re.search(r'<meta name="cartocoord-plotly" content="([^"]+)"', html).group(1)
        assert url.startswith(f"/{PLOTLY_PATH}?v=")
        response = client.get(url)
        assert response.get_data() == bundle()
        assert "max-age=31536000" in response.headers["Cache-Control"]
        assert "immutable" in response.headers["Cache-Control"]
        stale = client.get(f"/{PLOTLY_PATH}?v=0123456789abcdef")  # an older page's
        assert "no-cache" in stale.headers["Cache-Control"]
