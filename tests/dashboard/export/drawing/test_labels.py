"""Placing names: inside their territory, clear of each other and of furniture, or counted."""

from __future__ import annotations

import itertools

import numpy as np
import shapely

from dashboard.export.drawing.labels import LabelSet, LabelStyle, labels_svg, place_labels
from dashboard.export.drawing.projection import MapFrame
from dashboard.export.drawing.svg import Box

#: One projected metre per page pixel: geometry below is drawn where it is written.
FRAME = MapFrame.fit((0.0, 0.0, 400.0, 300.0), Box(0, 0, 400, 300))
STYLE = LabelStyle(10.0, "#000000")


def square(left: float, bottom: float, side: float) -> shapely.Polygon:
    return shapely.box(left, bottom, left + side, bottom + side)


def labels(key: str, names: list[str], shapes: list, counted: bool = True) -> LabelSet:
    return LabelSet(key, tuple(names), np.array(shapes, dtype=object), STYLE, counted)


def page_box(shape: shapely.Polygon) -> Box:
    left, top = FRAME.point(shape.bounds[0], shape.bounds[3])
    right, bottom = FRAME.point(shape.bounds[2], shape.bounds[1])
    return Box(left, top, right - left, bottom - top)


def test_names_of_several_zonings_never_overlap() -> None:
    big = square(50, 50, 200)
    sets = [labels("dac", ["DAC démo 93-A"], [big]),
            labels("cpts", ["CPTS démo 70 — Aulnay-sous-Bois", "CPTS démo 71 — Sevran"],
                   [square(60, 60, 180), square(100, 100, 120)])]
    placement = place_labels(sets, FRAME)
    assert len(placement.placed) == 3
    for first, second in itertools.combinations(placement.boxes, 2):
        assert not first.overlaps(second)
    for label in placement.placed:
        assert page_box(big).contains(label.box)


def test_a_name_moves_inside_its_territory_before_being_left_out() -> None:
    territory = shapely.box(20, 100, 380, 140)  # a long strip
    centre = FRAME.point(200, 120)
    blocker = Box(centre[0] - 30, centre[1] - 15, 60, 30)
    placement = place_labels([labels("cpts", ["Plaine Commune"], [territory])], FRAME,
                             [blocker])
    (label,) = placement.placed
    assert not label.box.overlaps(blocker)
    assert shapely.contains_xy(territory, label.box.centre[0], 300 - label.box.centre[1])
    assert label.box.centre != centre


def test_a_name_that_fits_nowhere_is_counted() -> None:
    tiny = square(200, 200, 3)
    placement = place_labels([labels("cpts", ["CPTS démo 1 — Paris 1er Arrondissement"],
                                     [tiny]),
                              labels("context", ["Oise"], [square(0, 290, 4)], counted=False)],
                             FRAME)
    assert placement.placed == []
    assert placement.dropped == {"cpts": [0]}


def test_long_names_may_take_two_lines() -> None:
    narrow = shapely.box(170, 50, 230, 250)
    (label,) = place_labels([labels("cpts", ["CPTS démo 70 — Aulnay-sous-Bois"], [narrow])],
                            FRAME).placed
    assert label.lines == ("CPTS démo 70", "Aulnay-sous-Bois")


def test_only_the_names_asked_for() -> None:
    sets = [labels("cpts", ["A", "B"], [square(10, 10, 100), square(200, 10, 100)])]
    placement = place_labels(sets, FRAME, only={"cpts": {1}})
    assert [label.index for label in placement.placed] == [1]


def test_halo_is_stroked_glyph_outlines_under_the_text() -> None:
    placement = place_labels([labels("dac", ["DAC"], [square(10, 10, 200)])], FRAME)
    svg, glyphs = labels_svg(placement)
    assert glyphs == {(600, "D"), (600, "A"), (600, "C")}
    halo, text = svg.index('class="halo"'), svg.index("<text")
    assert halo < text and svg.count("<use ") == 3 and ">DAC</text>" in svg
