"""The /export endpoints: view state in the query, options, content types, French errors."""

from __future__ import annotations

import io
import json
import struct

import pypdf
import pytest
from flask import Flask

from dashboard.export import logo as logo_module
from dashboard.export.errors import ExportTimeout
from dashboard.export.logo import LogoStore
from dashboard.export.renderer import Renderer
from dashboard.export.routes import export_url, register_export_routes
from dashboard.views.state import ViewState, parse_url

QUERY = "dep=93&zon=dac,cpts&ind=TP6021"


def client_with(data, renderer_factory):
    server = Flask(__name__)
    register_export_routes(server, lambda: data, renderer=renderer_factory)
    return server.test_client()


class HungRenderer:
    """Stands for a Chromium that never answers in time."""

    def print_pdf(self, *args, **kwargs) -> bytes:
        raise ExportTimeout("L'export a dépassé le délai de 60 secondes.")

    screenshot = print_pdf


@pytest.fixture(scope="module")
def client(data, renderer):
    return client_with(data, lambda: renderer)


@pytest.fixture(scope="module")
def client_without_chromium(data, tmp_path_factory):
    missing = Renderer(tmp_path_factory.mktemp("nochromium") / "chromium")
    return client_with(data, lambda: missing)


class TestStaticMaps:
    def test_pdf(self, client) -> None:
        response = client.get(f"/export/carte.pdf?{QUERY}&papier=a4&orientation=portrait"
                              "&titre=Pr%C3%A9carit%C3%A9%20en%20Seine-Saint-Denis")
        assert response.status_code == 200
        assert response.mimetype == "application/pdf"
        assert response.headers["Content-Disposition"] == (
            'attachment; filename="carte-taux-de-pauvrete-93.pdf"')
        page = pypdf.PdfReader(io.BytesIO(response.data)).pages[0]
        assert float(page.mediabox.width) < float(page.mediabox.height)  # portrait
        assert page.extract_text().startswith("Précarité en Seine-Saint-Denis")

    def test_png_at_300_dpi(self, client) -> None:
        response = client.get(f"/export/carte.png?{QUERY}&dpi=300&papier=a4")
        assert response.status_code == 200 and response.mimetype == "image/png"
        assert struct.unpack(">II", response.data[16:24]) == (3508, 2480)

    def test_slide_in_4k_on_a_transparent_background(self, client) -> None:
        response = client.get(f"/export/carte.png?{QUERY}&papier=diapo&resolution=2160"
                              "&fond=transparent")
        assert response.status_code == 200
        assert struct.unpack(">IIBB", response.data[16:26]) == (3840, 2160, 8, 6)  # RGBA

    def test_svg_of_the_region(self, client) -> None:
        response = client.get("/export/carte.svg?zon=dac&ind=MED21")
        assert response.status_code == 200 and response.mimetype == "image/svg+xml"
        assert response.headers["Content-Disposition"].endswith(
            'filename="carte-niveau-de-vie-median-ile-de-france.svg"')
        assert b"<path" in response.data

    @pytest.mark.parametrize("query", ["papier=a5", "orientation=biais", "dpi=72",
                                       "papier=web&resolution=300",
                                       "titre=" + "x" * 201, "meth=manuel&seuils=abc"])
    def test_bad_options_are_400_in_french(self, client, query) -> None:
        response = client.get(f"/export/carte.png?{QUERY}&{query}")
        assert response.status_code == 400
        assert response.mimetype == "text/html"
        assert "Export impossible" in response.text
        assert '<html lang="fr">' in response.text

    def test_unknown_format_is_404(self, client) -> None:
        assert client.get(f"/export/carte.tiff?{QUERY}").status_code == 404


class TestLogo:
    def test_the_session_s_logo_is_printed(self, data, renderer, tmp_path, monkeypatch) -> None:
        store = LogoStore(tmp_path)
        key = store.save("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10" '
                                     b'height="4"><rect width="10" height="4"/></svg>')
        monkeypatch.setattr(logo_module, "logo_store", lambda: store)
        server = Flask(__name__)
        server.secret_key = "test"
        register_export_routes(server, lambda: data, renderer=lambda: renderer)
        client = server.test_client()
        assert b"<image" not in client.get(f"/export/carte.svg?{QUERY}").data
        with client.session_transaction() as session:
            session[logo_module.SESSION_KEY] = key
        assert client.get(f"/export/carte.svg?{QUERY}").data.count(b"<image") == 1

    def test_the_server_s_logo_otherwise(self, data, tmp_path, monkeypatch) -> None:
        logo = tmp_path / "service.svg"
        logo.write_text('<svg xmlns="http://www.w3.org/2000/svg"><circle r="2"/></svg>')
        monkeypatch.setenv("CARTOCOORD_LOGO", str(logo))
        logo_module.server_logo.cache_clear()
        try:
            client = client_with(data, lambda: None)
            assert client.get(f"/export/carte.svg?{QUERY}").data.count(b"<image") == 1
        finally:
            logo_module.server_logo.cache_clear()


class TestWithoutChromium:
    @pytest.mark.parametrize("fmt", ["pdf", "png"])
    def test_static_maps_are_503_with_install_hint(self, client_without_chromium, fmt) -> None:
        response = client_without_chromium.get(f"/export/carte.{fmt}?{QUERY}")
        assert response.status_code == 503
        assert "apt-get install chromium" in response.text

    def test_svg_needs_no_chromium(self, client_without_chromium) -> None:
        response = client_without_chromium.get(f"/export/carte.svg?{QUERY}")
        assert response.status_code == 200 and b"<svg" in response.data

    @pytest.mark.parametrize(("path", "mimetype", "name"), [
        ("carte.html", "text/html", "carte-interactive-taux-de-pauvrete-93.html"),
        ("communes.csv", "text/csv", "communes-taux-de-pauvrete-93.csv"),
        ("territoires.csv", "text/csv", "territoires-dac-cpts-93.csv"),
        ("territoires.geojson", "application/geo+json", "territoires-dac-cpts-93.geojson"),
    ])
    def test_other_exports_still_work(self, client_without_chromium, path, mimetype,
                                      name) -> None:
        response = client_without_chromium.get(f"/export/{path}?{QUERY}")
        assert response.status_code == 200
        assert response.mimetype == mimetype
        assert response.headers["Content-Disposition"] == f'attachment; filename="{name}"'
        assert "no-store" in response.headers["Cache-Control"]

    def test_csv_is_utf8_with_bom(self, client_without_chromium) -> None:
        response = client_without_chromium.get(f"/export/communes.csv?{QUERY}")
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert response.data.startswith(b"\xef\xbb\xbf")

    def test_geojson_is_json(self, client_without_chromium) -> None:
        response = client_without_chromium.get(f"/export/territoires.geojson?{QUERY}")
        assert json.loads(response.data)["type"] == "FeatureCollection"


def test_export_url_carries_the_view_and_the_options(data, client_without_chromium) -> None:
    state = ViewState(departements=("92", "93"), zonings=("cpts",), indicator="MED21",
                      method="manuel", breaks=("20000", "25000"), colour_by="cpts")
    url = export_url(state, "communes.csv", {"sous-titre": "Été 2026 & co"})
    assert url.startswith("/export/communes.csv?dep=92,93&zon=cpts&ind=MED21")
    assert url.endswith("&sous-titre=%C3%89t%C3%A9+2026+%26+co")
    path, _, search = url.partition("?")
    assert parse_url("/", search, data.choices, data.default_state) == state
    response = client_without_chromium.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith(
        'filename="communes-niveau-de-vie-median-92-93.csv"')


def test_timeout_is_504(data) -> None:
    response = client_with(data, HungRenderer).get(f"/export/carte.pdf?{QUERY}")
    assert response.status_code == 504
    assert "délai" in response.text
