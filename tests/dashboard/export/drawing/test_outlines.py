"""Boundaries that coincide are drawn side by side; legend lines only for what is drawn."""

from __future__ import annotations

import re

import numpy as np
import shapely

from dashboard.export.drawing.outlines import OFFSET_PX, OutlineLayer, OutlineStack
from dashboard.export.drawing.projection import MapFrame
from dashboard.export.drawing.svg import Box
from dashboard.palettes import OutlineStyle

FRAME = MapFrame.fit((0.0, 0.0, 400.0, 300.0), Box(0, 0, 400, 300))
SHARED = shapely.LineString([(50, 150), (350, 150)])
DAC = OutlineStyle("#000000", "solid", 2.0)
CPTS = OutlineStyle("#0072b2", "dash", 1.5)


def paths_of(svg: str, colour: str) -> list[np.ndarray]:
    """Points of the paths stroked in ``colour``."""
    found = []
    for data in re.findall(rf'<path d="([^"]+)"[^>]*stroke="{colour}"', svg):
        numbers = [float(value) for value in re.findall(r"-?[\d.]+", data)]
        found.append(np.array(numbers).reshape(-1, 2))
    return found


def test_a_shared_boundary_is_drawn_twice_side_by_side() -> None:
    stack = OutlineStack((OutlineLayer("dac", "DAC", shapely.MultiLineString([SHARED]), DAC),
                          OutlineLayer("cpts", "CPTS", shapely.MultiLineString(
                              [SHARED, shapely.LineString([(200, 150), (200, 290)])]), CPTS)),
                         "Limites")
    svg = stack.draw(FRAME)
    dac = np.vstack(paths_of(svg, "#000000"))
    cpts = np.vstack(paths_of(svg, "#0072b2"))
    # The top layer (CPTS) stays on the boundary (y = 150 on the page), the DAC beside it.
    assert np.any(np.isclose(cpts[:, 1], 150.0))
    inner = dac[(dac[:, 0] > 60) & (dac[:, 0] < 340)]
    assert np.allclose(np.abs(inner[:, 1] - 150.0), OFFSET_PX, atol=0.11)


def test_each_zoning_line_is_cased_and_the_departements_banded() -> None:
    departements = OutlineLayer("departements", "Limite de département",
                                shapely.MultiLineString([SHARED]),
                                OutlineStyle("#3a3a3a", "solid", 1.0), band=("#b0b0b0", 6, 0.6))
    stack = OutlineStack((departements, OutlineLayer("dac", "DAC", shapely.MultiLineString(
        [SHARED]), DAC)), "Limites")
    svg = stack.draw(FRAME)
    assert 'stroke="#b0b0b0" stroke-width="6"' in svg
    assert 'stroke="#ffffff" stroke-width="3.2"' in svg  # the DAC's light casing
    assert svg.index("#b0b0b0") < svg.index("#000000")  # the band lies under the zoning


def test_legend_lists_only_the_layers_drawn_in_the_frame() -> None:
    outside = shapely.MultiLineString([[(1000, 1000), (1200, 1000)]])
    stack = OutlineStack((OutlineLayer("dac", "DAC", shapely.MultiLineString([SHARED]), DAC),
                          OutlineLayer("cpts", "CPTS", outside, CPTS)), "Limites")
    (section,) = stack.legend(FRAME)
    assert [entry.text for entry in section.entries] == ["DAC"]
    assert "#0072b2" not in stack.draw(FRAME)
    empty = OutlineStack((OutlineLayer("cpts", "CPTS", outside, CPTS),), "Limites")
    assert empty.legend(FRAME) == () and empty.draw(FRAME) == ""
