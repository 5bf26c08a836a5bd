"""SVG primitives, layers, furniture, insets and the legend column, on small shapes."""

from __future__ import annotations

import re

import numpy as np
import pytest
import shapely

from dashboard.export.drawing.colours import contrast_with_white, readable_on_white
from dashboard.export.drawing.furniture import north_arrow, scale_bar, scale_length
from dashboard.export.drawing.insets import best_corner
from dashboard.export.drawing.layers import (
    ChoroplethLayer,
    LegendEntry,
    LegendSection,
    fill_sample,
    hatch_lines,
)
from dashboard.export.drawing.legend import draw_legend
from dashboard.export.drawing.projection import MapFrame, project_point
from dashboard.export.drawing.svg import Box, line_path, num, polygon_paths

FRAME = MapFrame.fit((0.0, 0.0, 400.0, 300.0), Box(0, 0, 400, 300))


def test_paths_keep_holes_and_parts() -> None:
    ring = shapely.box(0, 0, 10, 10).difference(shapely.box(2, 2, 4, 4))
    parts = shapely.MultiPolygon([shapely.box(20, 20, 21, 22), shapely.box(-3.5, 0, 0, 1)])
    paths = polygon_paths(np.array([ring, parts, shapely.Polygon()], dtype=object))
    assert paths[0].count("M") == 2 and paths[0].count("Z") == 2
    assert paths[1].count("M") == 2 and "-3.5 " in paths[1]
    assert paths[2] == ""
    assert line_path(shapely.MultiLineString([[(0, 0), (1, 1.25)]])) == "M0 0L1 1.2"
    assert num(3.0) == "3" and num(2.25) == "2.2"


def test_missing_values_are_grey_with_hatching_clipped_to_them() -> None:
    squares = np.array([shapely.box(0, 0, 100, 100), shapely.box(100, 0, 200, 100)],
                       dtype=object)
    layer = ChoroplethLayer(squares, np.array([0, -1]), ("#ffffb2",), "#d9d9d9",
                            {"color": "#ffffff", "width": 0.3}, LegendSection(None, ()))
    svg = layer.draw(FRAME)
    assert 'fill="#ffffb2"' in svg and 'fill="#d9d9d9"' in svg
    clip = re.search(r'<clipPath id="(cc-hatch-\w+)">', svg).group(1)
    assert f'clip-path="url(#{clip})"' in svg
    assert layer.draw(FRAME) == svg  # the clip's id names its content: stable


def test_hatching_covers_its_box_only() -> None:
    box = Box(10, 20, 30, 15)
    lines = hatch_lines(box)
    assert shapely.get_num_geometries(lines) > 5
    assert shapely.within(lines, box.polygon.buffer(1e-6))


@pytest.mark.parametrize(("per_km", "longest", "km"), [(50, 130, 2), (5, 130, 20),
                                                       (0.5, 130, 200), (200, 130, 0.5),
                                                       (1000, 130, 0.1)])
def test_scale_bar_lengths_are_round(per_km, longest, km) -> None:
    assert scale_length(per_km, longest) == km


def test_scale_bar_and_north_arrow_sit_in_their_plates() -> None:
    x, y = project_point(2.35, 48.85)  # Paris: the scale factor is about 1 there
    paris = MapFrame.fit((x, y, x + 400, y + 300), Box(0, 0, 400, 300))
    svg, plate = scale_bar(paris, 10, 290, 120)
    assert plate.bottom == pytest.approx(290) and plate.left == 10
    # One projected metre per pixel: 120 px hold 0.1 km, written with its half.
    assert ">0,1\u00a0km</text>" in svg and ">0,05</text>" in svg
    arrow, arrow_plate = north_arrow(paris, plate.right + 4, 290)
    assert ">N</text>" in arrow and not arrow_plate.overlaps(plate)


def test_corner_furniture_goes_where_it_covers_least() -> None:
    shown = shapely.box(0, 0, 400, 300).difference(shapely.box(300, 200, 400, 300))
    corner = best_corner(shown, FRAME, (80, 80), 5)
    assert (corner.left, corner.top) == (315, 5)  # the empty top-right corner


def test_legend_rows_wrap_in_the_column() -> None:
    entries = tuple(LegendEntry(text, fill_sample("#bd0026")) for text in (
        "19,0 – 44,0 % (91 communes)", "Secret statistique ou non disponible (800 communes)"))
    narrow = draw_legend((LegendSection("Titre", entries),), 0, 0, 150)
    wide = draw_legend((LegendSection("Titre", entries),), 0, 0, 400)
    assert narrow.height > wide.height
    assert narrow.svg.count("<rect") == 2


def test_label_colours_are_readable_on_their_halo() -> None:
    for colour in ("#000000", "#0072b2", "#009e73", "#cc79a7", "#e69f00"):
        assert contrast_with_white(readable_on_white(colour)) >= 4.5
    assert readable_on_white("#0072b2") == "#0072b2"  # already readable: unchanged
