"""Text widths computed in Python are where Chromium puts the glyphs in the PDF."""

from __future__ import annotations

import re

import pytest

from dashboard.export.drawing.fonts import (
    BOLD,
    REGULAR,
    SEMIBOLD,
    TEXT_STYLE,
    font_face_css,
    glyph_run,
    printable,
    text_width,
)
from dashboard.export.static import print_document

from ..support import poppler

SAMPLES = ("Taux de pauvreté — Seine-Saint-Denis\u00a0(93)",
           "CPTS démo 70 — Aulnay-sous-Bois",
           "Sources : Insee, Filosofi 2021 ; « Œuvre » 1\u202f234,5\u202f% fi ff")
SIZE = 20.0
LEFT = 10.0
CSS_PER_POINT = 96 / 72


def test_every_character_of_french_text_is_in_the_face() -> None:
    french = "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÖÙÛÜŒÆ«»—–’…€°"  # no capital Ÿ in French names
    assert all(name != ".notdef" for name, _ in glyph_run(french + "\u202f", REGULAR))
    assert printable("1\u202f234") == "1\u2009234"


def test_widths_add_up_and_grow_with_size_and_weight() -> None:
    assert text_width("Paris Nord", 10) == pytest.approx(
        text_width("Paris", 10) + text_width(" ", 10) + text_width("Nord", 10))
    assert text_width("Paris", 20) == pytest.approx(2 * text_width("Paris", 10))
    assert text_width("Paris", 10) < text_width("Paris", 10, BOLD)


def test_chromium_draws_text_exactly_as_wide(renderer, tmp_path) -> None:
    rows = [(text, weight) for text in SAMPLES for weight in (REGULAR, SEMIBOLD, BOLD)]
    texts = "".join(
        f'<text x="{LEFT}" y="{40 + 36 * index}" font-size="{SIZE}" font-weight="{weight}">'
        f"{printable(text)}</text>" for index, (text, weight) in enumerate(rows))
    height = 60 + 36 * len(rows)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="{height}" '
           f'viewBox="0 0 1000 {height}"><style>text{{{TEXT_STYLE}}}</style>{texts}</svg>')
    size_mm = (1000 * 25.4 / 96, height * 25.4 / 96)
    pdf = tmp_path / "widths.pdf"
    pdf.write_bytes(renderer.print_pdf(print_document([svg], size_mm), size_mm))
    assert "SourceSans3" in poppler("pdffonts", str(pdf))
    assert font_face_css().count("@font-face") == 3
    boxes = poppler("pdftotext", "-bbox-layout", str(pdf), "-")
    lines = re.findall(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', boxes)
    assert len(lines) == len(rows)
    for (text, weight), (x_min, x_max) in zip(rows, lines, strict=True):
        assert float(x_min) * CSS_PER_POINT == pytest.approx(LEFT, abs=1.0)
        right = float(x_max) * CSS_PER_POINT
        assert right == pytest.approx(LEFT + text_width(text, SIZE, weight), abs=1.0), text
