"""Proportional circles on a printed map (the QPV), and their legend.

Circles keep the pixel sizes of the app's map at A4 scale, in the main map and in an
inset alike: a size means one count on the page as on screen. The largest are drawn
first, so that a small circle is never hidden under a big one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dashboard.export.drawing.layers import LegendEntry, LegendSection
from dashboard.export.drawing.projection import MapFrame
from dashboard.export.drawing.svg import Box, attributes, num
from dashboard.figures.legend import SymbolLegend


def _circle(x: float, y: float, diameter: float, legend: SymbolLegend) -> str:
    style = legend.style
    paint = attributes(fill=style.fill, fill_opacity=style.opacity, stroke=style.edge,
                       stroke_width=style.edge_width)
    return f'<circle cx="{num(x)}" cy="{num(y)}" r="{diameter / 2:.2f}"{paint}/>'


def circle_sample(diameter: float, legend: SymbolLegend):
    """Draw a circle of the map's size, centred on the sample box."""
    def draw(box: Box) -> str:
        return _circle(box.left + box.width / 2, box.top + box.height / 2, diameter, legend)
    return draw


@dataclass(frozen=True, eq=False)
class SymbolLayer:
    """Circles at projected points (Lambert-93 metres), with their diameters in pixels."""

    x: np.ndarray
    y: np.ndarray
    diameters: np.ndarray
    legend_of: SymbolLegend

    def draw(self, frame: MapFrame) -> str:
        """Draw the circles whose centre is in the frame, largest first."""
        circles = []
        for index in np.argsort(-self.diameters, kind="stable"):
            x, y = frame.point(float(self.x[index]), float(self.y[index]))
            if frame.box.left <= x <= frame.box.right and frame.box.top <= y <= frame.box.bottom:
                circles.append(_circle(x, y, float(self.diameters[index]), self.legend_of))
        return f'<g class="symbols">{"".join(circles)}</g>' if circles else ""

    def legend(self, frame: MapFrame) -> tuple[LegendSection, ...]:
        """Show sample circles; nothing when no circle is in the frame.

        The source goes on the page's sources line, with the others.
        """
        if not self.draw(frame):
            return ()
        legend = self.legend_of
        entries = tuple(LegendEntry(text, circle_sample(size, legend), height=size)
                        for text, size in legend.rows)
        return (LegendSection(legend.title, entries, note=legend.note),)
