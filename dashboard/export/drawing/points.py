"""Places on the printed map: one marker per place, its legend with counts and source.

The markers are those of the screen (:mod:`dashboard.figures.points`): the list's shape,
its categories' colours with a white edge, proportional circles when the list has
values (the largest drawn first, so that the small ones stay visible). Only the places
inside the frame are drawn, and a frame with none of them gives no legend section.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dashboard.export.drawing.layers import LegendSection
from dashboard.export.drawing.projection import MapFrame
from dashboard.export.drawing.svg import Box, attributes, num

#: White edge of every marker (page pixels).
EDGE = {"stroke": "#ffffff", "stroke_width": 0.8}


def marker(shape: str, x: float, y: float, diameter: float, **style: object) -> str:
    """Draw one marker of a plotly shape (circle, square, diamond, triangle-up) at (x, y)."""
    r = diameter / 2
    if shape == "square":
        return (f'<rect x="{num(x - r)}" y="{num(y - r)}" width="{num(2 * r)}" '
                f'height="{num(2 * r)}"{attributes(**style)}/>')
    if shape == "diamond":
        return (f'<path d="M{num(x)} {num(y - r)}L{num(x + r)} {num(y)}L{num(x)} '
                f'{num(y + r)}L{num(x - r)} {num(y)}Z"{attributes(**style)}/>')
    if shape == "triangle-up":
        return (f'<path d="M{num(x)} {num(y - r)}L{num(x + r)} {num(y + r * 0.8)}L'
                f'{num(x - r)} {num(y + r * 0.8)}Z"{attributes(**style)}/>')
    return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}"{attributes(**style)}/>'


def marker_sample(shape: str, colour: str, diameter: float = 9.0):
    """Draw one marker centred on the legend's sample box (it may overflow the box)."""
    def draw(box: Box) -> str:
        x, y = box.left + box.width / 2, box.top + box.height / 2
        return marker(shape, x, y, diameter, fill=colour, **EDGE)
    return draw


@dataclass(frozen=True, eq=False)
class PointLayer:
    """One list of places on the printed map.

    Attributes
    ----------
    xy : numpy.ndarray
        Projected coordinates (Lambert-93 metres), one row per place.
    colours : tuple of str
        Fill of each place (its category's colour).
    diameters : numpy.ndarray
        Diameter of each marker, page pixels.
    shape : str
        Marker shape of the list.
    section : LegendSection
        Its legend: categories with counts, circle sizes, places at a commune's centre,
        source.
    opacity : float
        Fill opacity (proportional circles overlap).
    """

    xy: np.ndarray
    colours: tuple[str, ...]
    diameters: np.ndarray
    shape: str
    section: LegendSection
    opacity: float = 1.0

    def _inside(self, frame: MapFrame) -> np.ndarray:
        min_x, min_y, max_x, max_y = frame.extent
        x, y = self.xy[:, 0], self.xy[:, 1]
        return (x >= min_x) & (x <= max_x) & (y >= min_y) & (y <= max_y)

    def draw(self, frame: MapFrame) -> str:
        """Markers of the places in the frame, the largest first."""
        inside = np.flatnonzero(self._inside(frame))
        if not len(inside):
            return ""
        order = inside[np.argsort(-self.diameters[inside], kind="stable")]
        parts = []
        for index in order.tolist():
            x, y = frame.point(*self.xy[index])
            parts.append(marker(self.shape, x, y, float(self.diameters[index]),
                                fill=self.colours[index]))
        style = attributes(fill_opacity=None if self.opacity == 1.0 else self.opacity, **EDGE)
        return f'<g class="places"{style}>' + "".join(parts) + "</g>"

    def legend(self, frame: MapFrame) -> tuple[LegendSection, ...]:
        """Return the list's section, when some of its places are in the frame."""
        return (self.section,) if self._inside(frame).any() else ()
