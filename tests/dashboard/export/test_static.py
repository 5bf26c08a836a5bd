"""Rendered pages: PDF and SVG are vectors with real text, PNG has the exact pixel size."""

from __future__ import annotations

import io
import struct
import threading
import zlib

import pypdf
import pytest

from dashboard.export import renderer as renderer_module
from dashboard.export.constants import ILLUSTRATIVE_NOTICE
from dashboard.export.errors import ExportOptionsError, ExportTimeout, ExportUnavailable
from dashboard.export.page import PageOptions, Paper
from dashboard.export.renderer import Renderer
from dashboard.export.static import export_map, with_resolution

from .support import DATE, VIEW_93, VIEW_REGION

MM_PER_POINT = 25.4 / 72


def png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def png_dpi(png: bytes) -> float:
    position = png.index(b"pHYs")
    per_metre, _, unit = struct.unpack(">IIB", png[position + 4:position + 13])
    assert unit == 1
    return per_metre * 0.0254


def tiny_png() -> bytes:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def pdf_93(data, renderer) -> pypdf.PdfReader:
    pdf = export_map(data, VIEW_93, PageOptions(date=DATE), "pdf", renderer=renderer)
    return pypdf.PdfReader(io.BytesIO(pdf))


class TestPdf:
    def test_one_a4_landscape_page(self, pdf_93) -> None:
        assert len(pdf_93.pages) == 1
        box = pdf_93.pages[0].mediabox
        assert float(box.width) * MM_PER_POINT == pytest.approx(297, abs=0.5)
        assert float(box.height) * MM_PER_POINT == pytest.approx(210, abs=0.5)

    def test_text_has_title_legend_and_sources(self, pdf_93) -> None:
        text = pdf_93.pages[0].extract_text()
        for expected in ("Taux de pauvreté — Seine-Saint-Denis (93)", "Quantiles, 5 classes",
                         "DAC", "CPTS", "Limite de département",
                         "Source : Insee, Filosofi 2021",
                         "Code officiel géographique 2025", ILLUSTRATIVE_NOTICE,
                         "1er décembre 2026"):
            assert expected in text
        assert "34,0 – 42,0" in text  # highest class of the legend

    def test_document_title_is_the_map_title(self, pdf_93) -> None:
        assert pdf_93.metadata.title == "Taux de pauvreté — Seine-Saint-Denis (93)"

    def test_is_vector_not_a_picture(self, pdf_93) -> None:
        page = pdf_93.pages[0]
        assert "/XObject" not in page["/Resources"]
        assert "/Font" in page["/Resources"]
        assert len(page.get_contents().get_data()) > 20_000  # the map's paths

    def test_text_stays_inside_the_page(self, pdf_93) -> None:
        page = pdf_93.pages[0]
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        positions = []

        def visit(text, matrix, text_matrix, font, size) -> None:
            if text.strip():
                positions.append((matrix[4], matrix[5]))

        page.extract_text(visitor_text=visit)
        assert positions
        for x, y in positions:
            assert 0 < x < width and 0 < y < height


class TestPng:
    @pytest.mark.parametrize(("paper", "dpi"), [(Paper("a4", "paysage"), 150),
                                                (Paper("a4", "portrait"), 300)])
    def test_pixel_size_is_paper_times_dpi(self, data, renderer, paper, dpi) -> None:
        png = export_map(data, VIEW_93, PageOptions(paper=paper, date=DATE), "png", dpi,
                         renderer=renderer)
        assert png_size(png) == paper.pixels(dpi)
        assert png_dpi(png) == pytest.approx(dpi, abs=0.1)

    def test_only_150_or_300_dpi(self, data, renderer) -> None:
        with pytest.raises(ExportOptionsError, match="dpi"):
            export_map(data, VIEW_93, fmt="png", dpi=72, renderer=renderer)

    def test_resolution_chunk_is_replaced_not_repeated(self) -> None:
        png = with_resolution(with_resolution(tiny_png(), 150), 300)
        assert png.count(b"pHYs") == 1
        assert png_dpi(png) == pytest.approx(300, abs=0.1)


class TestSvg:
    def test_vector_paths_and_text_sized_in_mm(self, data, renderer) -> None:
        options = PageOptions(paper=Paper("a3", "portrait"), date=DATE)
        svg = export_map(data, VIEW_REGION, options, "svg", renderer=renderer).decode()
        assert svg.startswith("<svg")
        assert 'width="297mm" height="420mm"' in svg
        assert svg.count("<path") > 100
        assert "<text" in svg
        for expected in ("Taux de pauvreté — Île-de-France", "Réseaux périnatalité",
                         "Source : Insee, Filosofi 2021", ILLUSTRATIVE_NOTICE):
            assert expected in svg
        assert "<image" not in svg


class TestRenderer:
    def test_missing_chromium_explains_how_to_install_it(self, tmp_path) -> None:
        renderer = Renderer(tmp_path / "chromium")
        assert not renderer.available
        with pytest.raises(ExportUnavailable) as raised:
            renderer.figure({"data": [], "layout": {}}, "svg", 100, 100)
        message = str(raised.value)
        assert "make test" in message and "apt-get install chromium" in message
        assert raised.value.status == 503

    def test_chromium_that_does_not_start_is_unavailable(self, tmp_path) -> None:
        fake = tmp_path / "chromium"
        fake.write_text("#!/bin/sh\nexit 1\n")
        fake.chmod(0o755)
        with pytest.raises(ExportUnavailable, match="n'a pas pu démarrer"):
            Renderer(fake).figure({"data": [], "layout": {}}, "svg", 100, 100)

    def test_timeouts_are_french_504_and_a_hung_browser_is_replaced(
            self, chromium, monkeypatch) -> None:
        renderer = Renderer(timeout=0.001)
        try:
            # kaleido gives up the render itself: the browser stays.
            with pytest.raises(ExportTimeout, match="délai") as raised:
                renderer.figure({"data": [], "layout": {}}, "png", 100, 100)
            assert raised.value.status == 504
            assert renderer.running
            # A page that never loads: the browser is closed, the next export starts anew.
            monkeypatch.setattr(renderer_module, "TIMEOUT_GRACE_S", 0.5)
            with pytest.raises(ExportTimeout):
                renderer.print_pdf("<script>while (true) {}</script>", (210, 297))
            assert not renderer.running
            renderer.timeout = 30
            assert renderer.print_pdf("<p>Bonjour</p>", (210, 297)).startswith(b"%PDF")
        finally:
            renderer.close()

    def test_concurrent_exports_are_serialised(self, renderer) -> None:
        results: list[bytes] = []

        def render(text: str) -> None:
            figure = {"data": [], "layout": {"annotations": [{"text": text,
                                                              "showarrow": False}]}}
            results.append(renderer.figure(figure, "svg", 200, 100))

        threads = [threading.Thread(target=render, args=(f"figure-{n}",)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert len(results) == 4
        for svg in results:  # each caller got its own figure, not another's
            assert sum(f"figure-{n}".encode() in svg for n in range(4)) == 1
        assert {n for n in range(4) for svg in results if f"figure-{n}".encode() in svg} == {
            0, 1, 2, 3}
