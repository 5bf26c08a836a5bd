"""Rendered files: PDF and SVG are vectors in Source Sans 3, PNG has the exact pixel size."""

from __future__ import annotations

import base64
import dataclasses
import io
import re
import struct
import threading
import zlib

import pypdf
import pytest

from dashboard.export.errors import ExportOptionsError, ExportTimeout, ExportUnavailable
from dashboard.export.page import PageOptions
from dashboard.export.presets import PageFormat
from dashboard.export.renderer import Renderer
from dashboard.export.static import export_map, with_resolution
from dashboard.strings import ILLUSTRATIVE_NOTICE

from .support import DATE, VIEW_93, VIEW_REGION, pdf_text, poppler

MM_PER_POINT = 25.4 / 72
NAMED_93 = dataclasses.replace(VIEW_93, labels=True)


def png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def png_dpi(png: bytes) -> float:
    position = png.index(b"pHYs")
    per_metre, _, unit = struct.unpack(">IIB", png[position + 4:position + 13])
    assert unit == 1
    return per_metre * 0.0254


def first_pixel(png: bytes) -> tuple[int, ...]:
    """Colour type and first pixel of a PNG (exact whatever the row filter: no row above)."""
    colour_type = png[25]
    data, position = b"", 8
    while position < len(png):
        length = struct.unpack(">I", png[position:position + 4])[0]
        if png[position + 4:position + 8] == b"IDAT":
            data += png[position + 8:position + 8 + length]
        position += 12 + length
    row = zlib.decompressobj().decompress(data, 16)
    channels = {2: 3, 6: 4}[colour_type]
    return (colour_type, *row[1:1 + channels])


def tiny_png() -> bytes:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


def red_logo() -> str:
    """A 40 × 20 PNG filled with pure red, as a data: URI."""
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload)))
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 40 for _ in range(20))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 20, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return "data:image/png;base64," + base64.b64encode(png).decode()


def corner_pixels(pdf_path, tmp_path) -> bytes:
    """RGB pixels of the page's top-right corner (where a logo goes), rendered at 40 dpi."""
    out = tmp_path / "corner"
    # A4 landscape at 40 dpi is 468 × 331 px; the logo's box is 150 × 54 CSS pixels in
    # the top-right margin corner, 30 px from the edges: x 392–455, y 13–35 here.
    poppler("pdftoppm", "-r", "40", "-x", "392", "-y", "13", "-W", "62", "-H", "20",
            "-singlefile", str(pdf_path), str(out))
    ppm = (tmp_path / "corner.ppm").read_bytes()
    return ppm[ppm.index(b"255\n") + 4:]


@pytest.fixture(scope="module")
def pdf_93(data, renderer, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "carte-93.pdf"
    path.write_bytes(export_map(data, NAMED_93, PageOptions(date=DATE), "pdf",
                                renderer=renderer))
    return path


class TestPdf:
    def test_one_a4_landscape_page(self, pdf_93) -> None:
        reader = pypdf.PdfReader(pdf_93)
        assert len(reader.pages) == 1
        box = reader.pages[0].mediabox
        assert float(box.width) * MM_PER_POINT == pytest.approx(297, abs=0.5)
        assert float(box.height) * MM_PER_POINT == pytest.approx(210, abs=0.5)
        assert reader.metadata.title == "Taux de pauvreté — Seine-Saint-Denis\u00a0(93)"

    def test_source_sans_3_is_embedded_and_the_only_font(self, pdf_93) -> None:
        rows = poppler("pdffonts", str(pdf_93)).splitlines()[2:]
        assert len(rows) >= 2  # regular, semibold (names), bold (titles)
        for row in rows:
            name, *_, emb, _sub, _uni, _obj, _gen = row.split()
            assert "SourceSans3" in name, row
            assert emb == "yes", row
            assert "Type 3" not in row

    def test_text_says_everything_once(self, pdf_93) -> None:
        text = pdf_text(pdf_93)
        assert text.count("Sources :") == 1
        assert "Source :" not in text
        assert re.search(r"34,0 – 42,0\s*% \(7\s+communes\)", text)
        for expected in ("Taux de pauvreté — Seine-Saint-Denis", "Limite de département",
                         "Code officiel géographique 2026", "populations légales 2023",
                         ILLUSTRATIVE_NOTICE,
                         "1er décembre 2026", "CPTS démo 73 — Bobigny", "5 km"):
            assert expected in text
        assert text.count("CPTS démo 73 — Bobigny") == 1  # the halo is not text

    def test_is_vector_not_a_picture(self, pdf_93) -> None:
        page = pypdf.PdfReader(pdf_93).pages[0]
        assert "/XObject" not in page["/Resources"] or not any(
            obj.get_object()["/Subtype"] == "/Image"
            for obj in page["/Resources"]["/XObject"].values())
        assert len(page.get_contents().get_data()) > 20_000  # the map's paths

    def test_no_empty_frame_without_logo_and_the_logo_when_given(self, data, renderer,
                                                                 pdf_93, tmp_path) -> None:
        corner = corner_pixels(pdf_93, tmp_path)
        assert set(corner) == {255}  # white: no dashed frame waiting for a logo
        with_logo = tmp_path / "logo.pdf"
        with_logo.write_bytes(export_map(data, VIEW_93, PageOptions(date=DATE, logo=red_logo()),
                                         "pdf", renderer=renderer))
        pixels = corner_pixels(with_logo, tmp_path)
        reds = sum(1 for index in range(0, len(pixels), 3)
                   if pixels[index] > 200 and pixels[index + 1] < 80)
        assert reds > 50


class TestPng:
    @pytest.mark.parametrize(("page", "resolution", "pixels", "dpi"), [
        (PageFormat("a4", "paysage"), "150", (1754, 1240), 150),
        (PageFormat("a4", "portrait"), "300", (2480, 3508), 300),
        (PageFormat("diapo"), "1080", (1920, 1080), 144),
        (PageFormat("diapo"), "2160", (3840, 2160), 288),
    ], ids=["a4-150", "a4-portrait-300", "slide-1080", "slide-2160"])
    def test_pixel_size_of_each_format(self, data, renderer, page, resolution, pixels,
                                       dpi) -> None:
        png = export_map(data, VIEW_93, PageOptions(page=page, date=DATE), "png", resolution,
                         renderer=renderer)
        assert png_size(png) == pixels
        assert png_dpi(png) == pytest.approx(dpi, abs=0.2)
        assert first_pixel(png)[0] == 2 or first_pixel(png)[-1] == 255  # opaque

    def test_web_image_is_1200_pixels_wide(self, data, renderer) -> None:
        png = export_map(data, VIEW_REGION, PageOptions(page=PageFormat("web"), date=DATE),
                         "png", renderer=renderer)
        width, height = png_size(png)
        assert width == 1200 and 700 < height < 1400

    def test_transparent_background(self, data, renderer) -> None:
        png = export_map(data, VIEW_93, PageOptions(date=DATE, transparent=True), "png",
                         renderer=renderer)
        colour_type, *_, alpha = first_pixel(png)
        assert colour_type == 6 and alpha == 0

    def test_only_the_format_s_resolutions(self, data, renderer) -> None:
        with pytest.raises(ExportOptionsError, match="résolution"):
            export_map(data, VIEW_93, fmt="png", resolution="72", renderer=renderer)
        with pytest.raises(ExportOptionsError, match="résolution"):
            export_map(data, VIEW_93, PageOptions(page=PageFormat("diapo")), "png", "300",
                       renderer=renderer)

    def test_resolution_chunk_is_replaced_not_repeated(self) -> None:
        png = with_resolution(with_resolution(tiny_png(), 150), 300)
        assert png.count(b"pHYs") == 1
        assert png_dpi(png) == pytest.approx(300, abs=0.1)


class TestSvg:
    def test_vector_text_and_embedded_fonts_sized_in_mm(self, data) -> None:
        options = PageOptions(page=PageFormat("a3", "portrait"), date=DATE)
        svg = export_map(data, VIEW_REGION, options, "svg").decode()
        assert svg.startswith("<?xml") and "<svg" in svg
        assert 'width="297mm" height="420mm"' in svg
        assert svg.count("<path") > 100 and "<text" in svg
        assert svg.count("@font-face") == 3 and "data:font/woff2;base64," in svg
        for expected in ("Taux de pauvreté — Île-de-France", "Réseaux périnatalité",
                         "Sources : Insee, Filosofi 2021", ILLUSTRATIVE_NOTICE):
            assert expected in svg
        assert "<image" not in svg

    def test_needs_no_chromium(self, data, tmp_path) -> None:
        missing = Renderer(tmp_path / "chromium")
        assert export_map(data, VIEW_93, fmt="svg", renderer=missing).startswith(b"<?xml")


class TestRenderer:
    def test_missing_chromium_explains_how_to_install_it(self, tmp_path) -> None:
        renderer = Renderer(tmp_path / "chromium")
        assert not renderer.available
        with pytest.raises(ExportUnavailable) as raised:
            renderer.print_pdf("<p>Bonjour</p>", (210, 297))
        message = str(raised.value)
        assert "make test" in message and "apt-get install chromium" in message
        assert raised.value.status == 503

    def test_chromium_that_does_not_start_is_unavailable(self, tmp_path) -> None:
        fake = tmp_path / "chromium"
        fake.write_text("#!/bin/sh\nexit 1\n")
        fake.chmod(0o755)
        with pytest.raises(ExportUnavailable, match="n'a pas pu démarrer"):
            Renderer(fake).print_pdf("<p>Bonjour</p>", (210, 297))

    def test_a_hung_page_times_out_in_french_and_the_browser_is_replaced(self,
                                                                         chromium) -> None:
        renderer = Renderer(timeout=2)
        try:
            with pytest.raises(ExportTimeout, match="délai") as raised:
                renderer.print_pdf("<script>while (true) {}</script>", (210, 297))
            assert raised.value.status == 504
            assert not renderer.running
            renderer.timeout = 30
            assert renderer.print_pdf("<p>Bonjour</p>", (210, 297)).startswith(b"%PDF")
        finally:
            renderer.close()

    def test_profile_folder_is_removed_on_close(self, chromium) -> None:
        renderer = Renderer()
        renderer.print_pdf("<p>Bonjour</p>", (210, 297))
        profile = renderer._profile
        assert profile.exists()
        renderer.close()
        assert not profile.exists()

    def test_concurrent_exports_are_serialised(self, renderer) -> None:
        results: list[bytes] = []

        def render(text: str) -> None:
            results.append(renderer.print_pdf(f"<p>{text}</p>", (100, 50)))

        threads = [threading.Thread(target=render, args=(f"document-{n}",)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        texts = [pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text() for pdf in results]
        assert sorted(texts) == [f"document-{n}" for n in range(4)]
