"""Places on the printed map: markers in the frame only, the largest first, their legend."""

from __future__ import annotations

import numpy as np

from dashboard.export.drawing.layers import LegendSection
from dashboard.export.drawing.points import PointLayer, marker
from dashboard.export.drawing.projection import MapFrame
from dashboard.export.drawing.svg import Box

FRAME = MapFrame.fit((0.0, 0.0, 1000.0, 1000.0), Box(0, 0, 100, 100))
SECTION = LegendSection("Lieux", ())


def layer(xy, diameters) -> PointLayer:
    return PointLayer(np.array(xy, dtype=float), ("#0072B2",) * len(xy),
                      np.array(diameters, dtype=float), "circle", SECTION)


def test_only_the_places_in_the_frame_largest_first() -> None:
    svg = layer([(100, 100), (500, 500), (5000, 5000)], [4, 20, 8]).draw(FRAME)
    assert svg.count("<circle") == 2
    assert svg.index('r="10"') < svg.index('r="2"')  # the big circle under the small one
    assert layer([(100, 100)], [4]).legend(FRAME) == (SECTION,)
    assert layer([(5000, 5000)], [4]).legend(FRAME) == ()
    assert layer([(5000, 5000)], [4]).draw(FRAME) == ""


def test_each_shape_as_on_screen() -> None:
    assert marker("square", 10, 10, 4, fill="#000").startswith('<rect x="8" y="8" width="4"')
    assert marker("diamond", 10, 10, 4).startswith('<path d="M10 8L12 10L10 12L8 10Z"')
    assert marker("triangle-up", 10, 10, 4).startswith("<path")
    assert marker("circle", 10, 10, 4).startswith('<circle cx="10" cy="10" r="2"')
