"""The composed page of a view as PDF, PNG or SVG.

The page is one SVG (:func:`~dashboard.export.page.compose_page`). SVG files are that
SVG with its fonts embedded (``@font-face`` with ``data:`` URIs) and its size in
millimetres for paper. PDF is the same SVG printed by Chromium on a page of the exact
size: vectors, real text, Source Sans 3 embedded. PNG is a capture of it at the exact
pixel size of the format (paper mm / 25.4 × dpi, 1920 × 1080…) and says its resolution
(pHYs chunk), so it prints, or fills a slide, at the right size.
"""

from __future__ import annotations

import html
import re
import struct
import zlib

from dashboard.export.constants import MM_PER_INCH, STATIC_FORMATS
from dashboard.export.drawing.fonts import TEXT_STYLE, font_face_css
from dashboard.export.options import check_choice
from dashboard.export.page import ComposedPage, PageOptions, compose_page
from dashboard.export.renderer import Renderer, get_renderer
from dashboard.views.data import AppData
from dashboard.views.state import ViewState

_SVG_SIZE = re.compile(r'^(<svg[^>]*?) width="[^"]*" height="[^"]*"')
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Signature (8 bytes) and IHDR chunk (4 length + 4 type + 13 data + 4 CRC).
_IHDR_END = 8 + 25


def export_map(data: AppData, state: ViewState, options: PageOptions | None = None,
               fmt: str = "pdf", resolution: str | None = None, *,
               renderer: Renderer | None = None) -> bytes:
    """Render the page of a view.

    Parameters
    ----------
    data, state : AppData, ViewState
        The region and the view to print.
    options : PageOptions, optional
        Format, titles, logo, date, transparency; A4 landscape by default.
    fmt : {"pdf", "png", "svg"}
        Output format.
    resolution : str, optional
        PNG only: "150" or "300" (dpi) for paper, "1080" or "2160" for a slide; the
        format's first by default.
    renderer : Renderer, optional
        The process-wide renderer by default.

    Raises
    ------
    ExportOptionsError, ExportUnavailable, ExportTimeout, ExportError
        With a French message.
    """
    check_choice("format", fmt, STATIC_FORMATS)
    options = options or PageOptions()
    page = compose_page(data, state, options)
    if fmt == "svg":
        return page_svg(page, options).encode("utf-8")
    renderer = renderer or get_renderer()
    document = print_document([page.svg(embed_fonts=False)], _page_mm(page, options),
                              title=page.heading, transparent=options.transparent)
    if fmt == "pdf":
        return renderer.print_pdf(document, _page_mm(page, options))
    resolution = str(resolution or options.page.default_resolution)
    pixels = options.page.png_size(resolution, (page.width, page.height))
    png = renderer.screenshot(document, (page.width, page.height), pixels,
                              transparent=options.transparent)
    return with_resolution(png, options.page.png_dpi(resolution))


def _page_mm(page: ComposedPage, options: PageOptions) -> tuple[float, float]:
    return options.page.page_mm((page.width, page.height))


def page_svg(page: ComposedPage, options: PageOptions) -> str:
    """Write the page as an SVG file: fonts embedded, sized in millimetres on paper."""
    svg = page.svg(embed_fonts=True)
    if options.page.is_paper:
        width, height = options.page.mm
        svg = _SVG_SIZE.sub(rf'\1 width="{width:g}mm" height="{height:g}mm"', svg, count=1)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg


def print_document(pages: list[str], size_mm: tuple[float, float], *, style: str = "",
                   title: str = "Cartocoord", transparent: bool = False) -> str:
    """HTML document printing each fragment on its own page of ``size_mm``, no margin.

    The fonts are embedded once, in the document's style sheet. A fragment that is an
    ``<svg>`` fills its page; any other HTML flows and may run onto further pages.
    """
    width, height = size_mm
    body = "\n".join(
        f'<section class="page{" sheet" if page.lstrip().startswith("<svg") else ""}">'
        f"{page}</section>" for page in pages)
    background = "transparent" if transparent else "#ffffff"
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
{font_face_css()}
@page {{ size: {width:g}mm {height:g}mm; margin: 0; }}
html, body {{ margin: 0; padding: 0; background: {background}; }}
body, text {{ {TEXT_STYLE} }}
.page {{ break-after: page; }}
.page:last-child {{ break-after: auto; }}
.sheet {{ width: {width:g}mm; height: {height:g}mm; overflow: hidden; }}
.sheet > svg {{ display: block; width: 100%; height: 100%; }}
{style}
</style></head>
<body>
{body}
</body></html>
"""


def with_resolution(png: bytes, dpi: float) -> bytes:
    """Add (or replace) the pHYs chunk of a PNG so that it prints at ``dpi``."""
    if not png.startswith(_PNG_SIGNATURE):
        raise ValueError("not a PNG")
    per_metre = round(dpi / MM_PER_INCH * 1000)
    payload = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)
    chunk = struct.pack(">I", 9) + payload + struct.pack(">I", zlib.crc32(payload))
    return png[:_IHDR_END] + chunk + _without_chunk(png[_IHDR_END:], b"pHYs")


def _without_chunk(chunks: bytes, kind: bytes) -> bytes:
    """PNG chunks (after IHDR) without those of type ``kind``."""
    kept, position = [], 0
    while position < len(chunks):
        length = struct.unpack(">I", chunks[position:position + 4])[0]
        end = position + 12 + length
        if chunks[position + 4:position + 8] != kind:
            kept.append(chunks[position:end])
        position = end
    return b"".join(kept)
