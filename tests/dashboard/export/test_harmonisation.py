"""Exports of a harmonisation scenario: moves as CSV, maps before / after as a PDF page."""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import replace

import pypdf
import pytest
from flask import Flask

from dashboard.export.harmonisation import before_after_page, moves_csv, scenario_view
from dashboard.export.routes import register_export_routes
from dashboard.views.state import ViewState

SSD = ViewState(page="harmonisation", departements=("93",))
QUERY = "dep=93&hz=cpts&hr=dac&hm=93010:cpts-74,93048:cpts-69"


def read_csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM only
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


class TestCsv:
    def test_one_row_per_move_with_its_population_and_status(self, data) -> None:
        rows = read_csv(moves_csv(data, SSD))
        header, body = rows[0], rows[1:]
        assert header[:8] == ["Code commune", "Commune", "Part de la commune",
                              "Population déplacée", "Territoire quitté", "Territoire rejoint",
                              "Territoire DAC", "Origine"]
        assert [(row[0], row[1], row[3], row[7]) for row in body] == [
            ("93010", "Bondy", "50595", "proposé"), ("93032", "Gagny", "42313", "proposé")]
        assert all(row[2] == "entière" for row in body)
        assert all(row[8] == "Projet de découpage — scénario non officiel" for row in body)
        assert all("illustratives" in row[9] and row[10].startswith("Source : Insee")
                   for row in body)

    def test_cells_that_a_spreadsheet_would_run_are_text(self, data) -> None:
        hostile = '=HYPERLINK("http://example.invalid","x")'
        cpts = data.zonings["cpts"]
        fiches = dict(cpts.fiches)
        fiches["cpts-74"] = replace(fiches["cpts-74"], nom=hostile)
        changed = replace(data, zonings={**data.zonings,
                                          "cpts": replace(cpts, fiches=fiches)})
        body = read_csv(moves_csv(changed, SSD))[1:]
        assert body[0][5] == "'" + hostile and body[1][4] == "'" + hostile


def svg_text(svg: str) -> str:
    """The words of an SVG page, its wrapped lines joined by spaces (thin ones too)."""
    text = html.unescape(" ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg)))
    return re.sub("[\u2009\u202f\u00a0]", " ", text)


class TestPage:
    def test_page_names_the_draft_and_the_population_moved(self, data) -> None:
        view = scenario_view(data, SSD)
        text = svg_text(before_after_page(data, SSD, view))
        assert "Actuel" in text and "Projet" in text
        assert "Population déplacée : 92 908 habitants" in text
        assert "0,92 → 1,00" in text
        assert "non officiel" in text and "Données illustratives" in text
        assert "CPTS (illustratif) — projet" in text


@pytest.fixture(scope="module")
def client(data, renderer):
    server = Flask(__name__)
    register_export_routes(server, lambda: data, renderer=lambda: renderer)
    return server.test_client()


class TestRoutes:
    def test_csv_of_the_url_scenario(self, client) -> None:
        response = client.get(f"/export/harmonisation.csv?{QUERY}")
        assert response.status_code == 200
        assert response.headers["Content-Disposition"] == (
            'attachment; filename="harmonisation-cpts-dac-93.csv"')
        codes = [row[0] for row in read_csv(response.data)[1:]]
        assert codes == ["93010", "93048"]
        assert read_csv(response.data)[2][7] == "ajouté"

    def test_pdf_before_and_after(self, client) -> None:
        response = client.get(f"/export/harmonisation.pdf?{QUERY}")
        assert response.status_code == 200
        assert response.mimetype == "application/pdf"
        reader = pypdf.PdfReader(io.BytesIO(response.data))
        assert len(reader.pages) == 1
        page = reader.pages[0]
        assert float(page.mediabox.width) > float(page.mediabox.height)  # A4 landscape
        text = page.extract_text()
        assert "Projet" in text and "Actuel" in text
        assert "162" in text and "529" in text  # 50 595 (Bondy) + 111 934 (Montreuil)
