"""The composed page of a view as PNG, SVG or PDF.

PNG is rendered at exactly paper mm / 25.4 × dpi pixels and says its resolution (pHYs
chunk), so it prints at the right size. SVG and PDF are vectors: the SVG declares its
size in millimetres; the PDF is the SVG printed on a page of the exact paper size.
"""

from __future__ import annotations

import html
import re
import struct
import zlib

from dashboard.export.constants import (
    CSS_DPI,
    MM_PER_INCH,
    PIXEL_ROUNDING_SLACK,
    STATIC_FORMATS,
)
from dashboard.export.options import check_choice, parse_dpi
from dashboard.export.page import PageOptions, page_figure
from dashboard.export.renderer import Renderer, get_renderer
from dashboard.views.data import AppData
from dashboard.views.state import ViewState

_SVG_SIZE = re.compile(r'^(<svg[^>]*?) width="[^"]*" height="[^"]*"')
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Signature (8 bytes) and IHDR chunk (4 length + 4 type + 13 data + 4 CRC).
_IHDR_END = 8 + 25


def export_map(data: AppData, state: ViewState, options: PageOptions | None = None,
               fmt: str = "pdf", dpi: int = 150, *, renderer: Renderer | None = None) -> bytes:
    """Render the page of a view (:func:`~dashboard.export.page.page_figure`).

    Parameters
    ----------
    data, state : AppData, ViewState
        The region and the view to print.
    options : PageOptions, optional
        Paper, titles, logo, date; A4 landscape and pre-filled titles by default.
    fmt : {"pdf", "png", "svg"}
        Output format.
    dpi : {150, 300}
        Resolution of a PNG (ignored by the vector formats).
    renderer : Renderer, optional
        The process-wide renderer by default.

    Raises
    ------
    ExportOptionsError, ExportUnavailable, ExportTimeout, ExportError
        With a French message.
    """
    check_choice("format", fmt, STATIC_FORMATS)
    renderer = renderer or get_renderer()
    options = options or PageOptions()
    figure, layout = page_figure(data, state, options)
    paper = options.paper
    width, height = paper.layout_size
    if fmt == "png":
        dpi = parse_dpi(dpi)
        scale = dpi / CSS_DPI * paper.zoom
        pixels = paper.pixels(dpi)
        image = renderer.figure(figure, "png", (pixels[0] + PIXEL_ROUNDING_SLACK) / scale,
                                (pixels[1] + PIXEL_ROUNDING_SLACK) / scale, scale)
        return with_resolution(image, dpi)
    svg = with_size_mm(renderer.figure(figure, "svg", width, height).decode("utf-8"),
                       paper.mm)
    if fmt == "svg":
        return svg.encode("utf-8")
    return renderer.print_pdf(print_document([svg], paper.mm, title=layout.heading), paper.mm)


def with_size_mm(svg: str, size_mm: tuple[float, float]) -> str:
    """Give the root ``<svg>`` its size in millimetres (its viewBox keeps the drawing)."""
    return _SVG_SIZE.sub(rf'\1 width="{size_mm[0]:g}mm" height="{size_mm[1]:g}mm"', svg,
                         count=1)


def print_document(pages: list[str], size_mm: tuple[float, float], *, style: str = "",
                   title: str = "Cartocoord") -> str:
    """HTML document printing each fragment on its own page of ``size_mm``, no margin.

    A fragment that is an ``<svg>`` fills its page; any other HTML flows and may run
    onto further pages (long tables).
    """
    width, height = size_mm
    body = "\n".join(
        f'<section class="page{" sheet" if page.lstrip().startswith("<svg") else ""}">'
        f"{page}</section>" for page in pages)
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
@page {{ size: {width:g}mm {height:g}mm; margin: 0; }}
html, body {{ margin: 0; padding: 0; }}
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


def with_resolution(png: bytes, dpi: int) -> bytes:
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
