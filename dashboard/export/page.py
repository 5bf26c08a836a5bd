"""A publication-ready page: the map with its title, legend, sources, date and logo.

:func:`page_figure` is pure (no Dash, no browser): it lays the page out in CSS pixels,
at the size of the paper seen at 96 dpi (divided by :data:`PAPER_ZOOM` for A3, so that
text grows with the poster), and returns a plotly.js figure dict. The renderer then
scales it to the paper and resolution asked for, so the page looks the same in PNG at
150 or 300 dpi, in SVG and in PDF.

Text widths are estimated from the number of characters
(:data:`~dashboard.export.constants.GLYPH_WIDTH`) on the safe side, to wrap long titles
and source lines before they run into the logo or the page edge.

Examples
--------
>>> Paper("a4", "paysage").mm
(297.0, 210.0)
>>> Paper("a4", "portrait").pixels(150)
(1240, 1754)
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from dataclasses import dataclass, field, replace

from dashboard.constants import TEXT_COLOUR
from dashboard.export.constants import (
    BOLD_GLYPH_WIDTH,
    CLASS_COUNT,
    CLASS_COUNT_ONE,
    CSS_DPI,
    FOOTER_SIZE,
    GAP,
    GLYPH_WIDTH,
    ILLUSTRATIVE_NOTICE,
    LINE_HEIGHT,
    LOGO_FRAME,
    LOGO_SIZE,
    MADE_ON,
    MAX_TITLE_LENGTH,
    METHOD_LINE,
    MIN_SIDE_TEXT_WIDTH,
    MM_PER_INCH,
    MUTED_COLOUR,
    NOTICE_COLOUR,
    ORIENTATIONS,
    PAGE_MARGIN,
    PAPER_COLOUR,
    PAPER_MM,
    PAPER_ZOOM,
    RULE_COLOUR,
    SUBTITLE_SIZE,
    TITLE_SIZE,
)
from dashboard.export.options import check_choice, check_length
from dashboard.export.texts import default_subtitle, default_title, french_date, view_sources
from dashboard.figures.legend import Legend, legend_annotations
from dashboard.views.data import AppData
from dashboard.views.map_geometry import Selection, geojson_name, geojson_payload
from dashboard.views.map_view import map_figure, map_legend
from dashboard.views.state import ViewState


@dataclass(frozen=True)
class Paper:
    """A sheet of paper: ``size`` "a4" or "a3", ``orientation`` "paysage" or "portrait"."""

    size: str = "a4"
    orientation: str = "paysage"

    def __post_init__(self) -> None:
        check_choice("papier", self.size, tuple(PAPER_MM))
        check_choice("orientation", self.orientation, ORIENTATIONS)

    @property
    def mm(self) -> tuple[float, float]:
        """Width and height in millimetres."""
        short, long = PAPER_MM[self.size]
        return (long, short) if self.orientation == "paysage" else (short, long)

    @property
    def zoom(self) -> float:
        """How much larger than at A4 scale text and lines are printed."""
        return PAPER_ZOOM[self.size]

    @property
    def layout_size(self) -> tuple[float, float]:
        """Width and height the page is laid out in, in CSS pixels."""
        return tuple(side / MM_PER_INCH * CSS_DPI / self.zoom for side in self.mm)

    def pixels(self, dpi: int) -> tuple[int, int]:
        """Width and height of a PNG of the page at ``dpi`` (paper mm / 25.4 × dpi)."""
        return tuple(round(side / MM_PER_INCH * dpi) for side in self.mm)


@dataclass(frozen=True)
class PageOptions:
    """What the user may change on the page; the rest follows from the view.

    Attributes
    ----------
    paper : Paper
        Sheet size and orientation.
    title, subtitle : str or None
        Replace the titles pre-filled from the view (None or blank keeps them).
    logo : str or None
        Image put in the top-right corner, as a ``data:`` URI
        (:func:`dashboard.export.options.logo_data_uri`); None leaves an empty frame
        to stick a logo on.
    date : datetime.date or None
        Date printed on the page; None is today.
    """

    paper: Paper = field(default_factory=Paper)
    title: str | None = None
    subtitle: str | None = None
    logo: str | None = None
    date: dt.date | None = None

    def __post_init__(self) -> None:
        check_length("titre", self.title, MAX_TITLE_LENGTH)
        check_length("sous-titre", self.subtitle, MAX_TITLE_LENGTH)


def method_line(legend: Legend) -> str:
    """Name the method and the number of classes: "Méthode : Quantiles, 5 classes"."""
    count = len(legend.rows)
    return METHOD_LINE.format(method=legend.method,
                              classes=(CLASS_COUNT_ONE if count == 1 else CLASS_COUNT).format(
                                  count=count))


# --- Layout ---------------------------------------------------------------------------------

def wrap(text: str, width: float, size: float, glyph: float = GLYPH_WIDTH) -> list[str]:
    """Split ``text`` into lines fitting ``width`` pixels at font ``size`` (estimated)."""
    return textwrap.wrap(text, max(int(width / (glyph * size)), 10)) or [""]


def text_width(text: str, size: float, glyph: float = GLYPH_WIDTH) -> float:
    """Estimate the width in pixels of one line of text."""
    return len(text) * glyph * size


@dataclass(frozen=True)
class Box:
    """A rectangle of the page in CSS pixels from the top-left corner."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        """Right edge."""
        return self.left + self.width

    @property
    def bottom(self) -> float:
        """Bottom edge."""
        return self.top + self.height

    def overlaps(self, other: Box) -> bool:
        """Tell whether the two boxes share some area (touching edges do not count)."""
        return (self.left < other.right and other.left < self.right
                and self.top < other.bottom and other.top < self.bottom)


@dataclass(frozen=True)
class PageLayout:
    """Where each block of the page goes (tests check that none overlaps another).

    ``heading`` is the title as printed (the user's or the pre-filled one).
    """

    width: float
    height: float
    heading: str
    title: Box
    logo: Box
    map: Box
    legend: Box
    sources: Box
    date: Box

    @property
    def blocks(self) -> dict[str, Box]:
        """Every block by name."""
        return {"title": self.title, "logo": self.logo, "map": self.map,
                "legend": self.legend, "sources": self.sources, "date": self.date}


class _Page:
    """Accumulates the annotations and shapes of a page, positioned in CSS pixels."""

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        self.annotations: list[dict] = []
        self.shapes: list[dict] = []

    def x(self, left: float) -> float:
        return left / self.width

    def y(self, top: float) -> float:
        return 1 - top / self.height

    def text(self, lines: list[str], left: float, top: float, size: float, *,
             colour: str = TEXT_COLOUR, bold: bool = False, anchor: str = "left") -> float:
        """Write lines (already wrapped and escaped); return the height they take."""
        content = "<br>".join(f"<b>{line}</b>" if bold else line for line in lines)
        self.annotations.append({
            "xref": "paper", "yref": "paper", "x": self.x(left), "y": self.y(top),
            "xanchor": anchor, "yanchor": "top", "align": anchor, "showarrow": False,
            "text": content, "font": {"size": size, "color": colour},
        })
        return len(lines) * size * LINE_HEIGHT

    def rectangle(self, box: Box, line: dict) -> None:
        self.shapes.append({"type": "rect", "xref": "paper", "yref": "paper",
                            "x0": self.x(box.left), "x1": self.x(box.right),
                            "y0": self.y(box.bottom), "y1": self.y(box.top), "line": line})

    def rule(self, left: float, right: float, top: float) -> None:
        self.shapes.append({"type": "line", "xref": "paper", "yref": "paper",
                            "x0": self.x(left), "x1": self.x(right), "y0": self.y(top),
                            "y1": self.y(top), "line": {"color": RULE_COLOUR, "width": 1}})


def _escaped_lines(text: str, width: float, size: float, glyph: float) -> list[str]:
    return [html.escape(line, quote=False) for line in wrap(text, width, size, glyph)]


def page_figure(data: AppData, state: ViewState,
                options: PageOptions | None = None) -> tuple[dict, PageLayout]:
    """Compose the page of a view as a plotly.js figure, and say where its blocks are.

    Parameters
    ----------
    data : AppData
        The loaded region.
    state : ViewState
        The view to print: départements, zonings, indicator, classification…
    options : PageOptions, optional
        Paper, titles, logo and date; A4 landscape, pre-filled titles, today by default.

    Returns
    -------
    figure : dict
        ``{"data": [...], "layout": {...}}`` sized to ``options.paper.layout_size``;
        the GeoJSON is inline, so the figure renders without the app's server.
    layout : PageLayout
        The title, and the boxes of the title, logo, map, legend, sources and date.

    Raises
    ------
    dashboard.classification.ClassificationError
        When manual breaks cannot classify the values (French message).
    """
    options = options or PageOptions()
    width, height = options.paper.layout_size
    page = _Page(width, height)
    inner = width - 2 * PAGE_MARGIN
    geojson = geojson_payload(data, geojson_name(Selection.of(state)))
    figure = map_figure(data, state, geojson)
    legend = map_legend(data, state)
    legend = replace(legend, method=method_line(legend))

    # Header: title and subtitle on the left, the logo on the right, a rule below.
    logo = Box(width - PAGE_MARGIN - LOGO_SIZE[0], PAGE_MARGIN, *LOGO_SIZE)
    text_room = inner - LOGO_SIZE[0] - GAP
    title = (options.title or "").strip() or default_title(data, state)
    subtitle = (options.subtitle or "").strip() or default_subtitle(data, state)
    top = PAGE_MARGIN
    top += page.text(_escaped_lines(title, text_room, TITLE_SIZE, BOLD_GLYPH_WIDTH),
                     PAGE_MARGIN, top, TITLE_SIZE, bold=True)
    top += GAP / 3
    top += page.text(_escaped_lines(subtitle, text_room, SUBTITLE_SIZE, GLYPH_WIDTH),
                     PAGE_MARGIN, top, SUBTITLE_SIZE, colour=MUTED_COLOUR)
    title_box = Box(PAGE_MARGIN, PAGE_MARGIN, text_room, top - PAGE_MARGIN)
    header_bottom = max(top, logo.bottom)
    page.rule(PAGE_MARGIN, width - PAGE_MARGIN, header_bottom + GAP / 2)
    body_top = header_bottom + GAP

    # Sources (the illustrative notice in bold red) and the date.
    date_text = MADE_ON.format(date=french_date(options.date or dt.date.today()))
    legend_size = legend_annotations(legend)
    legend_width, legend_height = legend_size["width"], legend_size["height"]
    beside = (options.paper.orientation == "portrait"
              and inner - legend_width - GAP >= MIN_SIDE_TEXT_WIDTH)
    if beside:
        # Portrait: the legend at the bottom left, sources and date on its right.
        source_room = inner - legend_width - GAP
        lines = _source_block(data, state, source_room)
        date_line = _escaped_lines(date_text, source_room, FOOTER_SIZE, GLYPH_WIDTH)
        text_height = (len(lines) + len(date_line)) * FOOTER_SIZE * LINE_HEIGHT
        band_top = height - PAGE_MARGIN - max(legend_height, text_height)
        legend_box = Box(PAGE_MARGIN, band_top, legend_width, legend_height)
        sources = _write_sources(page, lines, legend_box.right + GAP, band_top, source_room)
        date_box = Box(sources.left, sources.bottom, source_room,
                       page.text(date_line, sources.left, sources.bottom, FOOTER_SIZE,
                                 colour=MUTED_COLOUR))
        map_box = Box(PAGE_MARGIN, body_top, inner, band_top - GAP - body_top)
    else:
        # Landscape: the legend right of the map, sources across the bottom, date right.
        date_width = text_width(date_text, FOOTER_SIZE)
        source_room = inner - date_width - GAP
        lines = _source_block(data, state, source_room)
        footer_top = height - PAGE_MARGIN - len(lines) * FOOTER_SIZE * LINE_HEIGHT
        sources = _write_sources(page, lines, PAGE_MARGIN, footer_top, source_room)
        date_top = height - PAGE_MARGIN - FOOTER_SIZE * LINE_HEIGHT
        date_box = Box(width - PAGE_MARGIN - date_width, date_top, date_width,
                       page.text([html.escape(date_text, quote=False)], width - PAGE_MARGIN,
                                 date_top, FOOTER_SIZE, colour=MUTED_COLOUR, anchor="right"))
        legend_box = Box(width - PAGE_MARGIN - legend_width, body_top, legend_width,
                         legend_height)
        map_box = Box(PAGE_MARGIN, body_top, inner - legend_width - GAP,
                      footer_top - GAP - body_top)

    drawn = legend_annotations(legend, x=page.x(legend_box.left), y=page.y(legend_box.top))
    page.annotations += drawn["annotations"]
    page.shapes += drawn["shapes"]
    images = []
    if options.logo:
        images.append({"source": options.logo, "xref": "paper", "yref": "paper",
                       "x": page.x(logo.right), "y": page.y(logo.top), "xanchor": "right",
                       "yanchor": "top", "sizex": logo.width / width,
                       "sizey": logo.height / height, "sizing": "contain", "layer": "above"})
    else:
        page.rectangle(logo, dict(LOGO_FRAME))

    layout = figure["layout"]
    layout["geo"]["domain"] = {"x": [page.x(map_box.left), page.x(map_box.right)],
                               "y": [page.y(map_box.bottom), page.y(map_box.top)]}
    layout.update(width=width, height=height, paper_bgcolor=PAPER_COLOUR,
                  annotations=page.annotations, shapes=page.shapes, images=images,
                  showlegend=False)
    for key in ("uirevision", "dragmode", "hoverlabel"):
        layout.pop(key, None)
    return figure, PageLayout(width, height, title, title_box, logo, map_box, legend_box,
                              sources, date_box)


def _source_block(data: AppData, state: ViewState, width: float) -> list[tuple[str, bool]]:
    """Wrap the source lines, each flagged True when it belongs to the illustrative notice."""
    lines = []
    for source in view_sources(data, state).lines:
        notice = source.startswith(ILLUSTRATIVE_NOTICE)
        glyph = BOLD_GLYPH_WIDTH if notice else GLYPH_WIDTH
        lines += [(line, notice) for line in _escaped_lines(source, width, FOOTER_SIZE, glyph)]
    return lines


def _write_sources(page: _Page, lines: list[tuple[str, bool]], left: float, top: float,
                   width: float) -> Box:
    """Write the source lines from ``top``; the notice in bold red."""
    start = top
    for line, notice in lines:
        top += page.text([line], left, top, FOOTER_SIZE, bold=notice,
                         colour=NOTICE_COLOUR if notice else MUTED_COLOUR)
    return Box(left, start, width, top - start)
