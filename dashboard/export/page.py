"""The printed page of a view, composed as one SVG: title, map, insets, legend, sources.

:func:`compose_page` is pure (no browser): it lays the page out in CSS pixels
(:mod:`dashboard.export.presets`), draws the map in Lambert-93 with its surroundings,
names, scale bar, north arrow, locator and, on a regional map of Île-de-France, an inset
enlarging Paris and the petite couronne, and writes everything as SVG with real text in
Source Sans 3. :mod:`dashboard.export.static` turns it into PDF, PNG or SVG files.

Layout, A4 landscape::

    ┌───────────────────────────────────────────────────────┐
    │ Title                                           [logo] │
    │ subtitle                                               │
    ├──────────────────────────────────────────┬────────────┤
    │ [locator]                                 │ legend     │
    │                 map (≥ 70 % wide)         │ limits     │
    │                                           │ names note │
    │ [scale bar] [N]                           │ [Paris]    │
    ├──────────────────────────────────────────┴────────────┤
    │ Sources : … ; …                          date / folio  │
    │ Données illustratives — …                              │
    └───────────────────────────────────────────────────────┘

Pages narrower than :data:`LANDSCAPE_RATIO` put the legend and the inset under the map.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dashboard.classification import Classification
from dashboard.constants import TEXT_COLOUR
from dashboard.export.constants import (
    FOOTER_SIZE,
    GAP,
    LANDSCAPE_RATIO,
    LOGO_SIZE,
    MADE_ON,
    MAX_TITLE_LENGTH,
    MUTED_COLOUR,
    NOTICE_COLOUR,
    PAGE_MARGIN,
    PAPER_COLOUR,
    RULE_COLOUR,
    SIDE_MAX,
    SIDE_MIN,
    SIDE_SHARE,
    SUBTITLE_SIZE,
    TITLE_SIZE,
    WEB_MAX_RATIO,
    WEB_MIN_RATIO,
)
from dashboard.export.content import map_content
from dashboard.export.drawing.fonts import BOLD, REGULAR, TEXT_STYLE, font_face_css, glyph_defs
from dashboard.export.drawing.svg import Box, escape, line, num, rect
from dashboard.export.drawing.text import TextBlock, block
from dashboard.export.mapdraw import DrawnMap, draw_body
from dashboard.export.options import check_length
from dashboard.export.presets import WEB, PageFormat
from dashboard.export.texts import (
    default_subtitle,
    default_title,
    french_date,
    map_sources,
    view_sources,
)
from dashboard.views.data import AppData
from dashboard.views.state import ViewState
from geodata.clock import local_today
from geodata.observations.places import PlaceList


@dataclass(frozen=True)
class PageOptions:
    """What the user may change on the page; the rest follows from the view.

    Attributes
    ----------
    page : PageFormat
        Paper and orientation, slide or web.
    title, subtitle : str or None
        Replace the titles pre-filled from the view (None or blank keeps them).
    logo : str or None
        Image put in the top-right corner, as a ``data:`` URI
        (:mod:`dashboard.export.logo`); None leaves the corner to the title.
    date : datetime.date or None
        Date printed on the page; None is today.
    transparent : bool
        No paper colour behind the page (PNG and SVG keep the transparency).
    common : Classification or None
        Classes computed elsewhere (the whole region, for an atlas) to colour the map.
    folio : str or None
        Page number printed in the footer (« Page 3 / 22 »), for an atlas.
    places : tuple of PlaceList
        Lists of places drawn on the map with their legend (shared, or the user's own).
    """

    page: PageFormat = field(default_factory=PageFormat)
    title: str | None = None
    subtitle: str | None = None
    logo: str | None = None
    date: dt.date | None = None
    transparent: bool = False
    common: Classification | None = None
    folio: str | None = None
    places: tuple[PlaceList, ...] = ()

    def __post_init__(self) -> None:
        check_length("titre", self.title, MAX_TITLE_LENGTH)
        check_length("sous-titre", self.subtitle, MAX_TITLE_LENGTH)


@dataclass(frozen=True)
class ComposedPage:
    """A composed page: its SVG (fonts not embedded) and where everything went.

    ``blocks`` holds the boxes of the title, logo (if any), map, side column, sources
    and date; ``drawn`` the map's frame, names and furniture (tests check them).
    """

    width: float
    height: float
    heading: str
    body: str
    defs: str
    blocks: dict[str, Box]
    drawn: DrawnMap

    def svg(self, *, embed_fonts: bool = True) -> str:
        """Write the page as a standalone SVG document (fonts embedded unless told not to)."""
        return svg_document(self.width, self.height, self.heading, self.body, self.defs,
                            embed_fonts=embed_fonts)


def svg_document(width: float, height: float, heading: str, body: str, defs: str = "", *,
                 embed_fonts: bool = False) -> str:
    """Write an ``<svg>`` page: its title, style (fonts if asked), definitions and body."""
    fonts = font_face_css() if embed_fonts else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink" width="{num(width)}" '
            f'height="{num(height)}" viewBox="0 0 {num(width)} {num(height)}">'
            f"<title>{escape(heading)}</title>"
            f"<defs><style>{fonts}text{{{TEXT_STYLE}}}</style>{defs}</defs>{body}</svg>")


@dataclass(frozen=True)
class Sheet:
    """The frame every page shares: title, subtitle, logo, rule, sources, date or folio.

    ``body`` is the free box between the header's rule and the footer.
    """

    width: float
    height: float
    parts: tuple[str, ...]
    body: Box
    blocks: dict[str, Box]


def sheet(width: float, height: float | None, title: str, subtitle: str, sources: str,
          notice: str | None, date_line: str, *, logo: str | None = None,
          transparent: bool = False, body_height: float | None = None) -> Sheet:
    """Lay out a page's header and footer around its body.

    ``height`` None makes the page as high as a body of ``body_height`` needs (web).
    ``date_line`` may hold a second line (the folio) after a newline.
    """
    inner = width - 2 * PAGE_MARGIN
    room = inner - (LOGO_SIZE[0] + GAP if logo else 0)
    heading = block(title, room, TITLE_SIZE, BOLD, TEXT_COLOUR)
    sub = block(subtitle, room, SUBTITLE_SIZE, REGULAR, MUTED_COLOUR)
    header = [heading.svg(PAGE_MARGIN, PAGE_MARGIN),
              sub.svg(PAGE_MARGIN, PAGE_MARGIN + heading.height + 2)]
    header_bottom = PAGE_MARGIN + heading.height + 2 + sub.height
    blocks = {"title": Box(PAGE_MARGIN, PAGE_MARGIN, max(heading.width, sub.width),
                           header_bottom - PAGE_MARGIN)}
    if logo:
        box = Box(PAGE_MARGIN + inner - LOGO_SIZE[0], PAGE_MARGIN, *LOGO_SIZE)
        header.append(f'<image class="logo" x="{num(box.left)}" y="{num(box.top)}" '
                      f'width="{num(box.width)}" height="{num(box.height)}" '
                      f'preserveAspectRatio="xMaxYMin meet" href="{escape(logo)}"/>')
        blocks["logo"] = box
        header_bottom = max(header_bottom, box.bottom)
    date = TextBlock(tuple(part for part in date_line.split("\n") if part), FOOTER_SIZE,
                     REGULAR, MUTED_COLOUR)
    text_room = inner - date.width - GAP
    text = block(sources, text_room, FOOTER_SIZE, REGULAR, MUTED_COLOUR)
    warning = block(notice, text_room, FOOTER_SIZE, BOLD, NOTICE_COLOUR) if notice else None
    footer_height = max(text.height + (warning.height if warning else 0), date.height)
    body_top = header_bottom + GAP
    if height is None:
        height = body_top + body_height + GAP + footer_height + PAGE_MARGIN
    footer_top = height - PAGE_MARGIN - footer_height
    footer = [text.svg(PAGE_MARGIN, footer_top)]
    if warning:
        footer.append(warning.svg(PAGE_MARGIN, footer_top + text.height))
    date_top = height - PAGE_MARGIN - date.height
    footer.append(date.svg(width - PAGE_MARGIN, date_top, anchor="end"))
    blocks["sources"] = Box(PAGE_MARGIN, footer_top, text.width, footer_height)
    blocks["date"] = date.box(width - PAGE_MARGIN, date_top, anchor="end")
    rule_y = header_bottom + GAP / 2
    parts = ([] if transparent else [rect(Box(0, 0, width, height), fill=PAPER_COLOUR)])
    parts += [*header, line(PAGE_MARGIN, rule_y, width - PAGE_MARGIN, rule_y,
                            stroke=RULE_COLOUR, stroke_width=1), *footer]
    return Sheet(width, height, tuple(parts), Box(PAGE_MARGIN, body_top, inner,
                                                  footer_top - GAP - body_top), blocks)


def date_line(date: dt.date | None, folio: str | None = None) -> str:
    """« Réalisé avec Cartocoord le … », and the folio on a second line if given."""
    text = MADE_ON.format(date=french_date(date or local_today()))
    return f"{text}\n{folio}" if folio else text


def compose_page(data: AppData, state: ViewState,
                 options: PageOptions | None = None, *, ids: str = "cc") -> ComposedPage:
    """Compose the printed page of a view.

    Parameters
    ----------
    data : AppData
        The loaded region.
    state : ViewState
        The view: départements, zonings, indicator, classes, colouring, names.
    options : PageOptions, optional
        Format, titles, logo, date…; A4 landscape and pre-filled titles by default.
    ids : str
        Prefix of the ids of the page's clip paths: pages printed in one document (an
        atlas) need distinct ones.

    Raises
    ------
    dashboard.classification.ClassificationError
        When manual breaks cannot classify the values (French message).
    """
    options = options or PageOptions()
    page = options.page
    content = map_content(data, state, options.common, options.places)
    title = (options.title or "").strip() or default_title(data, state)
    subtitle = (options.subtitle or "").strip() or default_subtitle(data, state)
    width = page.layout_width
    if page.kind == WEB:
        landscape = True
    else:
        layout_width, layout_height = page.layout_size(0.0)
        landscape = layout_width / layout_height >= LANDSCAPE_RATIO
    inner = width - 2 * PAGE_MARGIN
    side = min(max(inner * SIDE_SHARE, SIDE_MIN), SIDE_MAX) if landscape else 0.0
    frame = sheet(width, None if page.kind == WEB else page.layout_size(0.0)[1], title,
                  subtitle, map_sources(data, state, options.places),
                  view_sources(data, state).notice,
                  date_line(options.date, options.folio), logo=options.logo,
                  transparent=options.transparent,
                  body_height=_web_map_height(content.extent, inner - side - GAP))
    drawn = draw_body(content, frame.body, side, state.labels, ids)
    return ComposedPage(frame.width, frame.height, title,
                        "".join((*frame.parts, drawn.svg)),
                        drawn.defs + glyph_defs(drawn.glyphs),
                        {**frame.blocks, **drawn.blocks}, drawn)


def _web_map_height(extent: tuple[float, float, float, float], map_width: float) -> float:
    """Height of the map of a web page ``map_width`` wide that shows the whole extent."""
    aspect = (extent[3] - extent[1]) / max(extent[2] - extent[0], 1.0)
    return min(max(map_width * aspect, map_width * WEB_MIN_RATIO), map_width * WEB_MAX_RATIO)
