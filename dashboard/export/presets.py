"""Page formats of the exports: paper (A4, A3), a 16:9 slide, a web image.

A page is laid out in CSS pixels (96 per inch), at the size of the paper seen at 96 dpi
divided by its zoom (text grows with an A3 poster), or at :data:`SLIDE_LAYOUT` for a
slide and :data:`WEB_WIDTH` wide for the web; the export then scales it to the
resolution asked for, so a page looks the same in every format and resolution.

Examples
--------
>>> PageFormat("a4", "paysage").mm
(297.0, 210.0)
>>> PageFormat("a4", "portrait").png_size("150")
(1240, 1754)
>>> PageFormat("diapo").png_size("2160")
(3840, 2160)
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from dashboard.export.constants import CSS_DPI, MM_PER_INCH, ORIENTATIONS, PAPER_MM, PAPER_ZOOM
from dashboard.export.options import check_choice

SLIDE, WEB = "diapo", "web"
KINDS = (*PAPER_MM, SLIDE, WEB)
#: A 16:9 slide is laid out at this size, then drawn at 1920 × 1080 or 3840 × 2160.
SLIDE_LAYOUT = (1280.0, 720.0)
SLIDE_PIXELS = MappingProxyType({"1080": (1920, 1080), "2160": (3840, 2160)})
#: Width of a slide in inches (PowerPoint, Impress): the PNG says its resolution so that
#: it fills the slide when inserted.
SLIDE_INCHES = 13.333
#: A web image is this many pixels wide; its height follows the map.
WEB_WIDTH = 1200.0
PAPER_DPIS = ("150", "300")
WEB_RESOLUTIONS = ("1200",)


@dataclass(frozen=True)
class PageFormat:
    """A page format: ``kind`` "a4", "a3", "diapo" or "web"; paper has an orientation."""

    kind: str = "a4"
    orientation: str = "paysage"

    def __post_init__(self) -> None:
        check_choice("format", self.kind, KINDS)
        check_choice("orientation", self.orientation, ORIENTATIONS)

    @property
    def is_paper(self) -> bool:
        """True for A4 and A3."""
        return self.kind in PAPER_MM

    @property
    def key(self) -> str:
        """Short name: "a4-paysage", "diapo", "web"."""
        return f"{self.kind}-{self.orientation}" if self.is_paper else self.kind

    @property
    def zoom(self) -> float:
        """How much larger than on A4 text and lines are printed."""
        return PAPER_ZOOM.get(self.kind, 1.0)

    @property
    def layout_width(self) -> float:
        """Width the page is laid out in, in CSS pixels."""
        return self.layout_size(0.0)[0]

    def layout_size(self, web_height: float) -> tuple[float, float]:
        """Width and height the page is laid out in (``web_height`` for the web format)."""
        if self.kind == SLIDE:
            return SLIDE_LAYOUT
        if self.kind == WEB:
            return WEB_WIDTH, web_height
        return tuple(side / MM_PER_INCH * CSS_DPI / self.zoom for side in self.mm)

    @property
    def mm(self) -> tuple[float, float]:
        """Paper width and height in millimetres (slides and web: their 96 dpi size)."""
        if not self.is_paper:
            raise ValueError("only paper has a size in millimetres")
        short, long = PAPER_MM[self.kind]
        return (long, short) if self.orientation == "paysage" else (short, long)

    def page_mm(self, layout: tuple[float, float]) -> tuple[float, float]:
        """Size of the PDF page of a page laid out at ``layout`` pixels."""
        if self.is_paper:
            return self.mm
        return tuple(side * MM_PER_INCH / CSS_DPI for side in layout)

    @property
    def resolutions(self) -> tuple[str, ...]:
        """The PNG resolutions offered: dpi for paper, height in pixels for a slide."""
        if self.is_paper:
            return PAPER_DPIS
        return tuple(SLIDE_PIXELS) if self.kind == SLIDE else WEB_RESOLUTIONS

    @property
    def default_resolution(self) -> str:
        """The first resolution offered."""
        return self.resolutions[0]

    def png_size(self, resolution: str, layout: tuple[float, float] | None = None
                 ) -> tuple[int, int]:
        """Pixel size of the PNG at ``resolution`` (the web's height from ``layout``)."""
        check_choice("résolution", str(resolution), self.resolutions)
        if self.is_paper:
            return tuple(round(side / MM_PER_INCH * int(resolution)) for side in self.mm)
        if self.kind == SLIDE:
            return SLIDE_PIXELS[str(resolution)]
        return round(WEB_WIDTH), round(layout[1])

    def png_dpi(self, resolution: str) -> float:
        """Resolution the PNG declares (so that it prints or fills a slide at its size)."""
        if self.is_paper:
            return float(resolution)
        if self.kind == SLIDE:
            return SLIDE_PIXELS[str(resolution)][0] / SLIDE_INCHES
        return float(CSS_DPI)
