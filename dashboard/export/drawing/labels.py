"""Territory names on the printed map: placed without overlap, with a halo as geometry.

Names are placed one by one, in the order given (the first zoning first, each zoning's
largest territories first). For each name the placer tries, on one line and, for long
names, on two (cut at « — » or where both lines are even), candidate positions inside
the territory: the centre of its largest inscribed circle first, then points of a grid
over the territory, nearest that centre first. It keeps the closest position where the
name's box stays inside the map, clear of every name already placed (whatever its
zoning) and of the page's furniture (scale bar, insets). A name that fits nowhere is
left out and counted: the page says « n noms non affichés ».

The halo is a white stroke around the glyph outlines (:func:`glyph_run`), drawn under
the text: it exists in every format, and the name is dark on white whatever the colours
under it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from dashboard.export.drawing.fonts import (
    SEMIBOLD,
    cap_height,
    descent,
    face,
    glyph_id,
    glyph_run,
    printable,
    text_width,
)
from dashboard.export.drawing.projection import MapFrame
from dashboard.export.drawing.svg import Box, attributes, escape, num
from dashboard.export.drawing.text import wrap

#: Space kept between a name's glyphs and its box (the halo), in pixels.
PADDING = 1.5
#: Baseline-to-baseline distance of a two-line name, in font sizes.
LINE_SPACING = 1.1
#: Most candidate positions tried per territory.
MAX_CANDIDATES = 80
#: A two-line name costs as much as moving a one-line name this many pixels.
TWO_LINE_COST = 10.0
#: Share of a name's box that must lie on its territory: a name does not sit mostly on
#: its neighbours (small territories then get their name on two lines, or none).
MIN_INSIDE_SHARE = 0.5
#: Points per box (across, down) measuring that share.
SHARE_GRID = (6, 3)
#: Names longer than this (characters) may also be tried on two lines.
LONG_NAME = 16
MIN_GRID_STEP = 3.0
GRID_POINTS = 400


@dataclass(frozen=True)
class LabelStyle:
    """How the names of a set are written."""

    size: float
    colour: str
    weight: int = SEMIBOLD
    halo: str = "#ffffff"
    halo_width: float = 3.0


@dataclass(frozen=True, eq=False)
class LabelSet:
    """Names of one zoning (or of the surroundings), in placement order.

    ``counted`` is False for names that the page does not report when left out (the
    names of neighbouring départements).
    """

    key: str
    names: tuple[str, ...]
    geometries: np.ndarray
    style: LabelStyle
    counted: bool = True


@dataclass(frozen=True)
class PlacedLabel:
    """A name as written on the page."""

    key: str
    index: int
    lines: tuple[str, ...]
    box: Box
    style: LabelStyle


@dataclass
class Placement:
    """Names placed and names left out (by set key, the indexes of their territories)."""

    placed: list[PlacedLabel] = field(default_factory=list)
    dropped: dict[str, list[int]] = field(default_factory=dict)

    @property
    def boxes(self) -> list[Box]:
        """Boxes of the placed names."""
        return [label.box for label in self.placed]


def _variants(name: str, style: LabelStyle) -> list[tuple[tuple[str, ...], float, float]]:
    """Ways of writing a name: its lines, width and height (padding included)."""
    options = [(name,)]
    if " — " in name:
        head, _, tail = name.partition(" — ")
        options.append((head, tail))
    elif len(name) > LONG_NAME and " " in name:
        options.append(tuple(wrap(name, text_width(name, style.size, style.weight) / 2 + 1,
                                  style.size, style.weight, max_lines=2)))
    variants = []
    for lines in options:
        width = max(text_width(text, style.size, style.weight) for text in lines)
        height = (cap_height(style.size, style.weight) + descent(style.size, style.weight)
                  + (len(lines) - 1) * style.size * LINE_SPACING)
        variants.append((lines, width + 2 * PADDING, height + 2 * PADDING))
    return variants


def _candidates(polygon: shapely.Geometry, step: float) -> np.ndarray:
    """Points inside ``polygon``, the inscribed circle's centre first, then nearest it."""
    centre = shapely.get_coordinates(shapely.maximum_inscribed_circle(polygon, 1.5))[0]
    min_x, min_y, max_x, max_y = shapely.bounds(polygon)
    # About GRID_POINTS points over the territory's bounding box, at least a few pixels apart.
    step = max(step, MIN_GRID_STEP, np.sqrt((max_x - min_x) * (max_y - min_y) / GRID_POINTS))
    xs, ys = np.meshgrid(np.arange(min_x + step / 2, max_x, step),
                         np.arange(min_y + step / 2, max_y, step))
    xs, ys = xs.ravel(), ys.ravel()
    inside = shapely.contains_xy(polygon, xs, ys)
    grid = np.column_stack([xs[inside], ys[inside]])
    order = np.argsort(np.hypot(*(grid - centre).T), kind="stable")[:MAX_CANDIDATES - 1]
    return np.vstack([centre, grid[order]])


def _inside_share(boxes: np.ndarray, shape: shapely.Geometry) -> np.ndarray:
    """Share of each box (n×4) lying on ``shape``, from a grid of points in the box."""
    steps = (np.arange(SHARE_GRID[0]) + 0.5) / SHARE_GRID[0], \
        (np.arange(SHARE_GRID[1]) + 0.5) / SHARE_GRID[1]
    fx, fy = (grid.ravel() for grid in np.meshgrid(*steps))
    xs = boxes[:, [0]] + (boxes[:, [2]] - boxes[:, [0]]) * fx
    ys = boxes[:, [1]] + (boxes[:, [3]] - boxes[:, [1]]) * fy
    return shapely.contains_xy(shape, xs.ravel(), ys.ravel()).reshape(xs.shape).mean(axis=1)


def polygonal(shapes: np.ndarray) -> np.ndarray:
    """Each shape reduced to its polygons (a cut may leave lines or points beside them)."""
    parts, owner = shapely.get_parts(shapes, return_index=True)
    keep = np.isin(shapely.get_type_id(parts), [shapely.GeometryType.POLYGON,
                                                shapely.GeometryType.MULTIPOLYGON])
    result = np.full(len(shapes), shapely.Polygon(), dtype=object)
    for index in np.unique(owner[keep]):
        result[index] = shapely.union_all(parts[keep & (owner == index)])
    return result


def _free(boxes: np.ndarray, taken: np.ndarray) -> np.ndarray:
    """Which of ``boxes`` (n×4: left, top, right, bottom) overlap none of ``taken``."""
    if not len(taken):
        return np.ones(len(boxes), dtype=bool)
    overlap = ((boxes[:, None, 0] < taken[None, :, 2]) & (taken[None, :, 0] < boxes[:, None, 2])
               & (boxes[:, None, 1] < taken[None, :, 3]) & (taken[None, :, 1] < boxes[:, None, 3]))
    return ~overlap.any(axis=1)


def place_labels(sets: list[LabelSet], frame: MapFrame, obstacles: list[Box] = (),
                 only: dict[str, set[int]] | None = None) -> Placement:
    """Place the names of ``sets`` in ``frame``, clear of each other and of ``obstacles``.

    Parameters
    ----------
    sets : list of LabelSet
        Names in placement order.
    frame : MapFrame
        Where the map is drawn; names stay inside its box.
    obstacles : list of Box
        Parts of the map that names must not cover (insets, scale bar, north arrow).
    only : dict, optional
        By set key, the indexes of the names to place (the others are ignored): the
        Paris inset places only the names the main map left out.
    """
    area = frame.box.inset(2)
    taken = np.array([[b.left, b.top, b.right, b.bottom] for b in obstacles], dtype=float
                     ).reshape(-1, 4)
    placement = Placement()
    for labels in sets:
        shapes = polygonal(shapely.clip_by_rect(frame.to_page(labels.geometries), area.left,
                                                area.top, area.right, area.bottom))
        wanted = only.get(labels.key, set()) if only is not None else None
        for index, (name, shape) in enumerate(zip(labels.names, shapes, strict=True)):
            if (wanted is not None and index not in wanted) or shapely.is_empty(shape) \
                    or shapely.area(shape) < 1:
                continue
            best = _best_position(name, shape, labels.style, area, taken)
            if best is None:
                if labels.counted:
                    placement.dropped.setdefault(labels.key, []).append(index)
                continue
            placement.placed.append(PlacedLabel(labels.key, index, *best, labels.style))
            box = best[1]
            taken = np.vstack([taken, [box.left, box.top, box.right, box.bottom]])
    return placement


def _best_position(name: str, shape: shapely.Geometry, style: LabelStyle, area: Box,
                   taken: np.ndarray) -> tuple[tuple[str, ...], Box] | None:
    """Find the cheapest free position of a name in its territory (None: no room)."""
    variants = _variants(name, style)
    shapely.prepare(shape)
    points = _candidates(shape, min(height for _, _, height in variants))
    centre = points[0]
    best, best_cost = None, np.inf
    for rank, (lines, width, height) in enumerate(variants):
        boxes = np.column_stack([points[:, 0] - width / 2, points[:, 1] - height / 2,
                                 points[:, 0] + width / 2, points[:, 1] + height / 2])
        fits = ((boxes[:, 0] >= area.left) & (boxes[:, 2] <= area.right)
                & (boxes[:, 1] >= area.top) & (boxes[:, 3] <= area.bottom))
        fits[fits] = _free(boxes[fits], taken)
        if fits.any():
            candidates = np.flatnonzero(fits)
            fits[candidates[_inside_share(boxes[candidates], shape) < MIN_INSIDE_SHARE]] = False
        if not fits.any():
            continue
        costs = np.hypot(*(points - centre).T) + rank * TWO_LINE_COST
        costs[~fits] = np.inf
        chosen = int(np.argmin(costs))
        if costs[chosen] < best_cost:
            left, top, right, bottom = boxes[chosen]
            best, best_cost = (lines, Box(left, top, right - left, bottom - top)), costs[chosen]
    return best


def labels_svg(placement: Placement) -> tuple[str, set[tuple[int, str]]]:
    """Write the placed names (halo then text); return them and the glyphs used."""
    glyphs: set[tuple[int, str]] = set()
    parts = []
    for label in placement.placed:
        style = label.style
        scale = style.size / face(style.weight).units_per_em
        top = label.box.top + PADDING + cap_height(style.size, style.weight)
        halos, texts = [], []
        for number, text in enumerate(label.lines):
            width = text_width(text, style.size, style.weight)
            left = label.box.left + (label.box.width - width) / 2
            baseline = top + number * style.size * LINE_SPACING
            run = glyph_run(text, style.weight)
            glyphs.update((style.weight, glyph) for glyph, _ in run)
            uses = "".join(f'<use href="#{glyph_id(style.weight, glyph)}" x="{offset}"/>'
                           for glyph, offset in run)
            halos.append(f'<g transform="translate({num(left)} {num(baseline)}) '
                         f'scale({scale:.5f} {-scale:.5f})" stroke-width="'
                         f'{style.halo_width / scale:.0f}">{uses}</g>')
            texts.append(f'<text x="{num(left)}" y="{num(baseline)}">{escape(printable(text))}'
                         "</text>")
        halo_style = attributes(fill="none", stroke=style.halo, stroke_linejoin="round",
                                stroke_linecap="round")
        text_style = attributes(font_size=num(style.size), font_weight=style.weight,
                                fill=style.colour)
        parts.append(f'<g class="label" data-key="{escape(label.key)}">'
                     f'<g class="halo"{halo_style}>{"".join(halos)}</g>'
                     f'<g{text_style}>{"".join(texts)}</g></g>')
    return "".join(parts), glyphs
