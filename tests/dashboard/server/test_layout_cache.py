"""``/_dash-layout`` is built once per version of the data and revalidated by the browser."""

from __future__ import annotations

import pytest
from dash import Dash, html
from dash._utils import to_json

from dashboard.server.app_factory import create_app
from dashboard.server.layout_cache import serve_cached_layout


@pytest.fixture(scope="module")
def app() -> Dash:
    return create_app()


def test_the_layout_is_dash_own_with_an_etag_the_browser_revalidates(app) -> None:
    client = app.server.test_client()
    first = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "no-cache"
    etag = first.headers["ETag"]
    assert etag.startswith('W/"')  # flask-compress would rewrite a strong one
    assert client.get("/_dash-layout").get_data() == to_json(app.get_layout()).encode()

    again = client.get("/_dash-layout", headers={"If-None-Match": etag,
                                                 "Accept-Encoding": "gzip"})
    assert again.status_code == 304
    assert again.get_data() == b""
    assert client.get("/_dash-layout", headers={"If-None-Match": 'W/"other"'}).status_code == 200


def test_a_new_version_of_the_data_builds_the_layout_again() -> None:
    app = Dash(__name__)
    versions = {"data": object(), "built": 0}

    def layout():
        versions["built"] += 1
        return html.Div(str(versions["built"]))

    app.layout = layout
    serve_cached_layout(app, lambda: versions["data"])
    client = app.server.test_client()
    first = client.get("/_dash-layout")
    built = versions["built"]  # Dash calls the function when it is set, too
    assert client.get("/_dash-layout").headers["ETag"] == first.headers["ETag"]
    assert versions["built"] == built

    versions["data"] = object()  # an editor stored a new version
    second = client.get("/_dash-layout", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    assert second.headers["ETag"] != first.headers["ETag"]
    assert versions["built"] == built + 1
