"""Hatching lines over the areas shown with a value not their own."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.geometry import box

from dashboard.figures.hatching import hatch_lines, view_spacing


def segments(outline) -> list[shapely.LineString]:
    lines, current = [], []
    for x, y in zip([*outline.lon, None], [*outline.lat, None], strict=True):
        if x is None:
            lines.append(shapely.LineString(current))
            current = []
        else:
            current.append((x, y))
    return lines


class TestHatchLines:
    def test_diagonals_clipped_to_the_areas(self) -> None:
        shapes = [box(0, 0, 1, 1), box(2, 0, 3, 1)]
        lines = segments(hatch_lines(shapes, spacing=0.25))
        assert len(lines) > 8
        union = shapely.union_all(shapes).buffer(1e-9)
        assert all(union.contains(line) for line in lines)
        slopes = {round((line.coords[-1][1] - line.coords[0][1])
                        / (line.coords[-1][0] - line.coords[0][0]), 6) for line in lines}
        assert slopes == {1.0}

    def test_every_area_gets_a_line_even_a_tiny_one(self) -> None:
        tiny = box(10.0, 10.0, 10.001, 10.001)
        lines = segments(hatch_lines([box(0, 0, 1, 1), tiny], spacing=0.25))
        assert any(tiny.buffer(1e-9).contains(line) for line in lines)

    def test_nothing_to_hatch(self) -> None:
        assert hatch_lines([], spacing=0.1) == ([], [])


@pytest.mark.parametrize(("bounds", "expected"), [
    ((2.0, 48.0, 3.0, 48.5), np.cos(np.radians(48.25)) / 100),
    ((2.0, 48.0, 2.1, 49.0), 0.01),
])
def test_spacing_follows_the_longer_side_of_the_view(bounds, expected) -> None:
    assert view_spacing(bounds) == pytest.approx(expected)
