"""Component libraries the pages with grids load themselves, not every page."""

from __future__ import annotations

import re

import dash_ag_grid
import pytest

from dashboard.server.app_factory import create_app
from dashboard.server.libraries import DEFERRED, defer_libraries


@pytest.fixture(scope="module")
def app():
    return create_app()


def test_grid_and_unused_bundles_are_not_in_the_pages(app) -> None:
    html = app.server.test_client().get("/").get_data(as_text=True)
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert scripts and not [src for src in scripts if "dash_ag_grid" in src]
    assert not [src for src in scripts if "dash_table" in src]  # the app has no DataTable


def test_its_fingerprinted_url_is_served_and_kept_a_year(app) -> None:
    [url] = defer_libraries(app)["grid"]
    version = dash_ag_grid.__version__.replace(".", "_")
    assert re.search(rf"/dash_ag_grid/dash_ag_grid\.v{version}m\d+\.min\.js$", url)
    client = app.server.test_client()
    client.get("/")  # Dash registers the paths it serves when it writes a page
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype.endswith("/javascript")
    assert len(response.get_data()) > 1_000_000
    assert response.cache_control.max_age == 365 * 24 * 3600


def test_every_deferred_library_names_its_main_bundle() -> None:
    for package, path in DEFERRED.values():
        assert path in [entry["relative_package_path"]
                        for entry in __import__(package)._js_dist]
