"""Lambert-93 in a box of the page: scale, centring, true kilometres and north."""

from __future__ import annotations

import pytest

from dashboard.export.drawing.projection import MapFrame, project_point
from dashboard.export.drawing.svg import Box

PARIS = (2.3488, 48.8534)


def test_fit_centres_the_extent_at_the_largest_scale() -> None:
    frame = MapFrame.fit((0.0, 0.0, 2000.0, 1000.0), Box(100, 50, 400, 400), padding=10)
    assert frame.scale == pytest.approx(380 / 2000)
    assert frame.point(1000.0, 500.0) == pytest.approx((300.0, 250.0))
    assert frame.point(0.0, 1000.0)[0] == pytest.approx(110.0)


def test_a_kilometre_on_the_ground_near_paris() -> None:
    x, y = project_point(*PARIS)
    frame = MapFrame.fit((x - 5000, y - 5000, x + 5000, y + 5000), Box(0, 0, 500, 500))
    # 10 km across 500 px: 50 px per projected km; Lambert-93 barely shrinks at 48.9° N.
    assert frame.pixels_per_km() == pytest.approx(50.0, rel=0.002)
    assert frame.pixels_per_km() != pytest.approx(50.0, rel=1e-6)  # the scale factor counts


@pytest.mark.parametrize(("lon", "sign"), [(1.0, 1), (3.0, 0), (6.5, -1)])
def test_north_leans_towards_the_central_meridian(lon, sign) -> None:
    x, y = project_point(lon, 48.8)
    frame = MapFrame.fit((x - 1000, y - 1000, x + 1000, y + 1000), Box(0, 0, 100, 100))
    angle = frame.north_angle()
    assert angle == pytest.approx(0.7256 * (3.0 - lon), abs=0.05)
    assert (angle > 0.1) - (angle < -0.1) == sign
