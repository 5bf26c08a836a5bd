"""Views, date and PDF tools shared by the export tests."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from dashboard.export.drawing.fonts import cap_height, descent, text_width
from dashboard.export.drawing.svg import Box
from dashboard.views.state import ViewState

#: A fixed date, so that pages do not change from one day to the next.
DATE = dt.date(2026, 12, 1)
VIEW_93 = ViewState(departements=("93",), zonings=("dac", "cpts"), indicator="TP6021")
VIEW_REGION = ViewState(zonings=("dac", "cpts", "carsic", "perinatal"), indicator="TP6021")
SVG = "{http://www.w3.org/2000/svg}"
#: poppler-utils, installed by ``make test`` (scripts/install_browser.sh) when root.
POPPLER_HINT = ("poppler-utils is missing (pdffonts, pdftotext, pdftoppm): run `make test`, "
                "which installs it, or `apt-get install poppler-utils`")


def poppler(tool: str, *arguments: str) -> str:
    """Run a poppler tool and return its standard output (skip if poppler is missing)."""
    if shutil.which(tool) is None:
        pytest.skip(POPPLER_HINT)
    return subprocess.run([tool, *arguments], check=True, capture_output=True, text=True,
                          timeout=60).stdout


def pdf_text(path: Path, *pages: int) -> str:
    """Text of a PDF (``pdftotext -layout``), of pages ``first, last`` if given."""
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return poppler("pdftotext", "-layout", *span, str(path), "-")


def label_boxes(svg: str) -> list[tuple[str, Box]]:
    """Boxes of the names written on a page, measured from its SVG with the page's font.

    Each line of each ``<g class="label">`` is measured where the SVG puts it: from its
    ``x`` over its advance width, from cap height above its baseline to descent below.
    """
    root = ElementTree.fromstring(svg)
    boxes = []
    for label in root.iter(f"{SVG}g"):
        if label.get("class") != "label":
            continue
        style = next(group for group in label if group.get("class") != "halo")
        size, weight = float(style.get("font-size")), int(style.get("font-weight", 400))
        lines = list(style.iter(f"{SVG}text"))
        left = min(float(text.get("x")) for text in lines)
        right = max(float(text.get("x")) + text_width(text.text, size, weight)
                    for text in lines)
        top = min(float(text.get("y")) for text in lines) - cap_height(size, weight)
        bottom = max(float(text.get("y")) for text in lines) + descent(size, weight)
        boxes.append((" / ".join(text.text for text in lines),
                      Box(left, top, right - left, bottom - top)))
    return boxes
