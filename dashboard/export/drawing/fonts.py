"""Source Sans 3 on the printed page: exact text widths, glyph outlines, embedded faces.

The page is laid out in Python, so it must know how wide a text will be once Chromium
draws it. Widths here are sums of the fonts' advance widths, and the page's style sheet
turns kerning and ligatures off (:data:`TEXT_STYLE`), so that Chromium puts each glyph
exactly there: titles wrap where planned and label boxes are the boxes drawn.

The same outlines draw the halo of the map's labels as geometry (:func:`glyph_run`): a
white stroke around the glyph paths, under the real text. Every PDF reader, browser and
vector editor renders it, unlike a CSS ``text-shadow``, and the text itself stays text,
once (a stroked ``<text>`` would print every name twice in the PDF's text layer).

The faces are the vendored ``@fontsource/source-sans-3`` files (latin subset, which
covers French). Characters they lack are replaced by :func:`printable` with an
equivalent they have, so that Chromium never falls back to another font.

Examples
--------
>>> round(text_width("Paris", 10), 2)
20.82
>>> printable("1\u202f234,5\u202f%")
'1\u2009234,5\u2009%'
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import cache, lru_cache

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.ttLib import TTFont

from dashboard.constants import FONT_FAMILY
from dashboard.export.constants import ASSETS_DIR

FONT_DIR = ASSETS_DIR / "vendor" / "source-sans-3" / "files"
WEIGHTS = (400, 600, 700)
REGULAR, SEMIBOLD, BOLD = WEIGHTS
#: Characters the latin subset lacks → the nearest one it has (same width or close):
#: the narrow no-break space of French numbers becomes a thin space.
SUBSTITUTES = {"\u202f": "\u2009"}
#: Glyphs placed where the advance widths say: no kerning, no ligatures, no hinting.
TEXT_STYLE = (f"font-family: {FONT_FAMILY}; font-kerning: none; "
              "font-variant-ligatures: none; text-rendering: geometricPrecision;")


def font_file(weight: int) -> str:
    """File name of a weight of the vendored face."""
    return f"source-sans-3-latin-{weight}-normal.woff2"


@dataclass(frozen=True, eq=False)
class Face:
    """One weight of the face: its metrics in font units and its glyphs."""

    weight: int
    units_per_em: int
    cap_height: int
    descender: int
    advances: dict[str, int]
    glyph_of: dict[int, str]
    font: TTFont

    def glyph(self, char: str) -> str:
        """Name of the glyph drawing ``char`` (``.notdef`` if the face lacks it)."""
        return self.glyph_of.get(ord(char), ".notdef")

    def width(self, text: str) -> int:
        """Advance width of ``text`` in font units."""
        return sum(self.advances[self.glyph(char)] for char in text)


@cache
def face(weight: int = REGULAR) -> Face:
    """Load one weight (400, 600 or 700) of Source Sans 3; read once per process."""
    font = TTFont(FONT_DIR / font_file(weight))
    metrics = font["hmtx"].metrics
    os2 = font["OS/2"]
    return Face(weight, font["head"].unitsPerEm, os2.sCapHeight, os2.sTypoDescender,
                {name: advance for name, (advance, _) in metrics.items()},
                dict(font.getBestCmap()), font)


def printable(text: str) -> str:
    """Replace the characters the face lacks by near equivalents it has."""
    for missing, substitute in SUBSTITUTES.items():
        text = text.replace(missing, substitute)
    return text


def text_width(text: str, size: float, weight: int = REGULAR) -> float:
    """Width in pixels of one line of ``text`` at font ``size`` (pixels)."""
    shown = face(weight)
    return shown.width(printable(text)) * size / shown.units_per_em


def cap_height(size: float, weight: int = REGULAR) -> float:
    """Height of capitals above the baseline, in pixels."""
    shown = face(weight)
    return shown.cap_height * size / shown.units_per_em


def descent(size: float, weight: int = REGULAR) -> float:
    """Depth of descenders (p, g) below the baseline, in pixels (positive)."""
    shown = face(weight)
    return -shown.descender * size / shown.units_per_em


@lru_cache(maxsize=2048)
def glyph_outline(weight: int, glyph: str) -> str:
    """SVG path data of one glyph, in font units, y upwards."""
    glyphs = face(weight).font.getGlyphSet()
    pen = SVGPathPen(glyphs)
    glyphs[glyph].draw(pen)
    return pen.getCommands()


def glyph_id(weight: int, glyph: str) -> str:
    """Id of a glyph's path in the page's ``<defs>``."""
    return f"g{weight}-{glyph.replace('.', '_')}"


def glyph_run(text: str, weight: int) -> list[tuple[str, int]]:
    """Glyphs of ``text`` (printable) and their x offsets in font units, from the start."""
    shown = face(weight)
    run, offset = [], 0
    for char in printable(text):
        name = shown.glyph(char)
        if char.strip():
            run.append((name, offset))
        offset += shown.advances[name]
    return run


def glyph_defs(glyphs: set[tuple[int, str]]) -> str:
    """Write the ``<path>`` of each glyph a halo uses, for the page's ``<defs>``."""
    return "".join(f'<path id="{glyph_id(weight, name)}" d="{glyph_outline(weight, name)}"/>'
                   for weight, name in sorted(glyphs))


@cache
def font_face_css() -> str:
    """``@font-face`` rules embedding the three weights as ``data:`` URIs.

    Put in the page's ``<style>``: Chromium then draws (and the PDF embeds) Source
    Sans 3 whatever fonts the machine has, and an SVG file carries its own font.
    """
    rules = []
    for weight in WEIGHTS:
        data = base64.b64encode((FONT_DIR / font_file(weight)).read_bytes()).decode("ascii")
        rules.append('@font-face{font-family:"Source Sans 3";font-style:normal;'
                     f"font-weight:{weight};font-display:block;"
                     f'src:url(data:font/woff2;base64,{data}) format("woff2");}}')
    return "".join(rules)
