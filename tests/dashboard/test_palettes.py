from __future__ import annotations

import re

import pytest

from dashboard.palettes import (
    COLORBREWER,
    MISSING_COLOUR,
    ZONING_STYLES,
    class_colours,
    stepped_colorscale,
    svg_dasharray,
)


def colour_at(scale: list, z: float, zmin: float, zmax: float) -> str:
    """Colour plotly picks for ``z`` in a stepped colorscale (bands never interpolate)."""
    t = (z - zmin) / (zmax - zmin)
    for (start, colour), (end, _) in zip(scale[::2], scale[1::2], strict=True):
        if start <= t < end:
            return colour
    raise AssertionError(f"{z} outside the scale")


class TestClassColours:
    @pytest.mark.parametrize("k", range(1, 10))
    @pytest.mark.parametrize("direction", [1, -1, 0])
    def test_k_distinct_hex_colours(self, k: int, direction: int) -> None:
        colours = class_colours(k, direction)
        assert len(colours) == len(set(colours)) == k
        assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour in colours)
        assert MISSING_COLOUR not in colours

    def test_colorbrewer_schemes(self) -> None:
        assert class_colours(5) == ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
        assert class_colours(9) == COLORBREWER["YlOrRd"][9]

    def test_dark_means_more_precarious(self) -> None:
        # Poverty rate (+1): darkest for the highest class; median income (-1): reversed.
        assert class_colours(5, 1)[-1] == class_colours(5, -1)[0] == "#bd0026"

    def test_neutral_indicators_are_blue(self) -> None:
        assert class_colours(5, 0) == COLORBREWER["Blues"][5]

    @pytest.mark.parametrize("k", [-1, 10])
    def test_out_of_range(self, k: int) -> None:
        with pytest.raises(ValueError):
            class_colours(k)

    def test_no_class_no_colour(self) -> None:
        assert class_colours(0) == ()


class TestSteppedColorscale:
    @pytest.mark.parametrize("k", [1, 3, 5, 9])
    def test_every_class_gets_its_exact_colour(self, k: int) -> None:
        colours = class_colours(k)
        scale = stepped_colorscale(colours)
        assert scale[0][0] == 0 and scale[-1][0] == 1
        assert colour_at(scale, -1, -1.5, k - 0.5) == MISSING_COLOUR
        for index, colour in enumerate(colours):
            assert colour_at(scale, index, -1.5, k - 0.5) == colour

    def test_positions_never_decrease(self) -> None:
        positions = [position for position, _ in stepped_colorscale(class_colours(7))]
        assert positions == sorted(positions)


class TestLines:
    @pytest.mark.parametrize(("dash", "width", "expected"), [
        ("solid", 2, "none"),
        ("dot", 2, "3,3"),
        ("dash", 2, "9,9"),
        ("dashdot", 4, "12,4,4,4"),
        ("longdashdot", 1, "15,6,3,6"),
    ])
    def test_svg_dasharray_matches_plotly(self, dash: str, width: float, expected: str) -> None:
        assert svg_dasharray(dash, width) == expected

    def test_zoning_styles_differ_in_colour_and_dash(self) -> None:
        assert len({style.colour for style in ZONING_STYLES}) == len(ZONING_STYLES)
        assert len({style.dash for style in ZONING_STYLES}) == len(ZONING_STYLES)
