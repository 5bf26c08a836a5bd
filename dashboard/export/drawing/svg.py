"""SVG primitives of the printed page: numbers, escaping, shapes, paths and text.

Everything is in CSS pixels of the page (96 per inch, y downwards), written with one
decimal: a tenth of a pixel is 0.03 mm on A4, finer than any printer.

Examples
--------
>>> num(12.345)
'12.3'
>>> rect(Box(0, 0, 10, 5), fill="#fff")
'<rect x="0" y="0" width="10" height="5" fill="#fff"/>'
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import shapely


@dataclass(frozen=True)
class Box:
    """A rectangle of the page in pixels from its top-left corner."""

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

    @property
    def centre(self) -> tuple[float, float]:
        """Centre point."""
        return self.left + self.width / 2, self.top + self.height / 2

    def overlaps(self, other: Box) -> bool:
        """Tell whether the two boxes share some area (touching edges do not count)."""
        return (self.left < other.right and other.left < self.right
                and self.top < other.bottom and other.top < self.bottom)

    def contains(self, other: Box) -> bool:
        """Tell whether ``other`` lies inside this box."""
        return (self.left <= other.left and other.right <= self.right
                and self.top <= other.top and other.bottom <= self.bottom)

    def inset(self, margin: float) -> Box:
        """Return the box shrunk by ``margin`` on every side (grown if negative)."""
        return Box(self.left + margin, self.top + margin, self.width - 2 * margin,
                   self.height - 2 * margin)

    @property
    def polygon(self) -> shapely.Polygon:
        """The box as a shapely polygon (page pixels)."""
        return shapely.box(self.left, self.top, self.right, self.bottom)


def num(value: float) -> str:
    """Write a coordinate with at most one decimal, without a trailing ".0"."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def escape(text: str) -> str:
    """Escape text for an SVG element or attribute."""
    return html.escape(text, quote=True)


def attributes(**values: object) -> str:
    """Attributes from keywords (``stroke_width`` → ``stroke-width``); None is left out."""
    return "".join(f' {name.replace("_", "-")}="{escape(str(value))}"'
                   for name, value in values.items() if value is not None)


def rect(box: Box, **style: object) -> str:
    """Draw a rectangle."""
    return (f'<rect x="{num(box.left)}" y="{num(box.top)}" width="{num(box.width)}" '
            f'height="{num(box.height)}"{attributes(**style)}/>')


def line(x0: float, y0: float, x1: float, y1: float, **style: object) -> str:
    """Draw a straight line."""
    return (f'<line x1="{num(x0)}" y1="{num(y0)}" x2="{num(x1)}" y2="{num(y1)}"'
            f"{attributes(**style)}/>")


def _numbers(values: np.ndarray) -> list[str]:
    """Coordinates rounded to a tenth, written without a trailing ".0"."""
    tenths = np.rint(values * 10).astype(np.int64).tolist()
    return [str(tenth // 10) if tenth % 10 == 0 else f"{tenth / 10:.1f}" for tenth in tenths]


def _rings(coords: np.ndarray, starts: np.ndarray, closed: bool) -> str:
    """Path data of consecutive rings or lines: ``starts`` indexes their first points."""
    text = _numbers(coords.ravel())
    pairs = [f"{x} {y}" for x, y in zip(text[0::2], text[1::2], strict=True)]
    parts = []
    ends = [*starts[1:].tolist(), len(pairs)]
    for start, end in zip(starts.tolist(), ends, strict=True):
        if end - start < 2:
            continue
        parts.append("M" + pairs[start] + "L" + " ".join(pairs[start + 1:end])
                     + ("Z" if closed else ""))
    return "".join(parts)


def polygon_paths(geometries: np.ndarray) -> list[str]:
    """Path data of each polygon (or multipolygon) of ``geometries``, already in pixels.

    Holes are rings of the same path: draw with ``fill-rule="evenodd"``.
    """
    parts, part_owner = shapely.get_parts(geometries, return_index=True)
    polygons = shapely.get_type_id(parts) == shapely.GeometryType.POLYGON
    rings, ring_part = shapely.get_rings(parts[polygons], return_index=True)
    owner = part_owner[polygons][ring_part]
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    ring_starts = np.searchsorted(ring_of, np.arange(len(rings) + 1))
    first_ring = np.searchsorted(owner, np.arange(len(geometries) + 1))
    paths = []
    for first, last in zip(first_ring[:-1].tolist(), first_ring[1:].tolist(), strict=True):
        start, end = ring_starts[first], ring_starts[last]
        paths.append(_rings(coords[start:end], ring_starts[first:last] - start, closed=True)
                     if end > start else "")
    return paths


def line_path(lines: shapely.Geometry | np.ndarray) -> str:
    """Path data of lines (a MultiLineString, or an array of lines), in pixels."""
    parts = shapely.get_parts(lines)
    parts = parts[shapely.get_type_id(parts) == shapely.GeometryType.LINESTRING]
    if not len(parts):
        return ""
    coords, line_of = shapely.get_coordinates(parts, return_index=True)
    starts = np.searchsorted(line_of, np.arange(len(parts)))
    return _rings(coords, starts, closed=False)
