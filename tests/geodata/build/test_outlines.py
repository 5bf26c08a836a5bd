"""Outlines where the code vintage and the geometry vintage differ, on squares.

Cells are 0.01° squares (about 0.8 km² at 48° N) laid on a grid::

    row 0   (0,0) (1,0) (2,0) (3,0)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

from geodata.build.model import Adjustments, BuildError
from geodata.build.outlines import (
    OutlineSources,
    UnitOutlines,
    finish_coverage,
    unit_outlines,
)

CELL = 0.01
ORIGIN = (2.3, 48.8)


def cell(col: int, row: int = 0, size: float = CELL) -> shapely.Polygon:
    x, y = ORIGIN[0] + col * size, ORIGIN[1] + row * size
    return shapely.box(x, y, x + size, y + size)


def units(*rows: tuple[str, list[str] | None]) -> pd.DataFrame:
    """Units of the code vintage: code and former codes (``anciensCodes``)."""
    return pd.DataFrame({"code": [code for code, _ in rows],
                         "nom": [f"Commune {code}" for code, _ in rows],
                         "anciensCodes": [olds if olds else np.nan for _, olds in rows]})


def sources(own=None, delegated=None, old_own=None, old_delegated=None,
            delegated_of=None) -> OutlineSources:
    return OutlineSources(own or {}, delegated or {}, old_own or {}, old_delegated or {},
                          delegated_of or {})


def build(frame: pd.DataFrame, outline_sources: OutlineSources) -> tuple[dict, Adjustments]:
    """Outlines of the units after cleaning, by code, and the adjustments made."""
    adjustments = Adjustments()
    found = unit_outlines(frame, outline_sources, adjustments)
    codes = [code for code in frame["code"] if code in found.outlines]
    geoms = finish_coverage(codes, codes, found, adjustments)
    return dict(zip(codes, geoms, strict=True)), adjustments


def same_land(built: shapely.Geometry, expected: shapely.Geometry) -> bool:
    """Equal up to the 1e-5° grid the build snaps coordinates to."""
    return shapely.area(shapely.symmetric_difference(built, expected)) < 1e-6 * shapely.area(
        expected)


def kinds(adjustments: Adjustments) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(item.code, item.kind, item.parts) for item in adjustments.items]


class TestMergedSinceTheGeometry:
    def test_a_merged_commune_is_the_union_of_its_former_communes(self) -> None:
        frame = units(("01003", ["01001", "01002"]), ("01004", None))
        outlines, adjustments = build(frame, sources(
            own={"01001": cell(0), "01002": cell(1), "01004": cell(2)}))
        assert same_land(outlines["01003"], shapely.union(cell(0), cell(1)))
        assert outlines["01003"].geom_type == "Polygon"
        assert same_land(outlines["01004"], cell(2))
        assert kinds(adjustments) == [("01003", "fusion", ("01001", "01002"))]

    def test_a_commune_absorbing_another_keeps_its_own_land_too(self) -> None:
        frame = units(("01001", ["01002"]))
        outlines, _ = build(frame, sources(own={"01001": cell(0), "01002": cell(1)}))
        assert same_land(outlines["01001"], shapely.union(cell(0), cell(1)))


class TestDelegatedCommunes:
    def test_outline_completed_by_a_delegated_commune_it_lacks(self) -> None:
        frame = units(("93066", ["93059"]), ("93070", None))
        outlines, adjustments = build(frame, sources(
            own={"93066": cell(0), "93070": cell(2)},
            delegated={("93066", "93066"): cell(0), ("93059", "93066"): cell(1)},
            delegated_of={"93066": ["93066", "93059"]}))
        assert same_land(outlines["93066"], shapely.union(cell(0), cell(1)))
        assert ("93066", "deleguees", ("93059",)) in kinds(adjustments)

    def test_no_own_outline_the_union_of_the_delegated_ones(self) -> None:
        frame = units(("12218", None))
        outlines, adjustments = build(frame, sources(
            delegated={("12076", "12218"): cell(0), ("12218", "12218"): cell(1)},
            delegated_of={"12218": ["12076", "12218"]}))
        assert same_land(outlines["12218"], shapely.union(cell(0), cell(1)))
        assert kinds(adjustments) == [("12218", "deleguees", ("12076", "12218"))]


class TestRestored:
    def test_restored_commune_takes_its_delegated_outline_and_leaves_its_old_commune(
            self) -> None:
        frame = units(("15141", None), ("15031", None))
        outlines, adjustments = build(frame, sources(
            own={"15141": shapely.union(cell(0), cell(1))},
            old_delegated={("15031", "15141"): cell(1)}))
        assert same_land(outlines["15031"], cell(1))
        assert same_land(outlines["15141"], cell(0))
        assert kinds(adjustments) == [("15031", "retablie", ("15141",)),
                                      ("15141", "reduite", ("15031",))]
        assert adjustments.items[1].nom == "Commune 15141"

    def test_split_without_any_outline_is_reported_and_dropped(self) -> None:
        frame = units(("15141", None), ("15035", None))
        outlines, adjustments = build(frame, sources(own={"15141": cell(0)}))
        assert set(outlines) == {"15141"}
        assert kinds(adjustments) == [("15035", "sans_contour", ())]


class TestOlderOutlines:
    def test_absorbed_commune_from_the_older_wheel_on_free_land_only(self) -> None:
        # The older outline of 25303 spills over 25400 by half a cell: that part stays.
        frame = units(("25390", ["25303"]), ("25400", None))
        spilling = shapely.box(cell(1).bounds[0], cell(1).bounds[1],
                               cell(1).bounds[2] + CELL / 2, cell(1).bounds[3])
        outlines, adjustments = build(frame, sources(
            own={"25390": cell(0), "25400": cell(2)}, old_own={"25303": spilling}))
        assert same_land(outlines["25390"], shapely.union(cell(0), cell(1)))
        assert same_land(outlines["25400"], cell(2))
        assert kinds(adjustments) == [("25390", "fusion_ancienne", ("25303",))]


def ring(size: float) -> dict[str, shapely.Polygon]:
    """Eight cells around an empty middle one."""
    return {f"0100{i}": cell(col, row, size) for i, (col, row) in enumerate(
        (c, r) for r in range(3) for c in range(3) if (c, r) != (1, 1))}


class TestHoles:
    def test_a_sliver_goes_to_the_longest_border(self) -> None:
        own = ring(CELL)
        outlines, adjustments = build(units(*((code, None) for code in own)), sources(own=own))
        (taker,) = [item for item in adjustments.items if item.kind == "trou_comble"]
        assert shapely.contains(outlines[taker.code], cell(1, 1).centroid)
        assert shapely.coverage_union_all(list(outlines.values())).interiors.__len__() == 0

    def test_a_large_hole_nobody_claims_is_left_empty(self) -> None:
        # A 5 km cell: more than the 1 km² a sliver may be (Llívia, 12.9 km²).
        own = ring(5 * CELL)
        outlines, adjustments = build(units(*((code, None) for code in own)), sources(own=own))
        (left,) = adjustments.items
        assert left.kind == "trou_laisse" and left.code == ""
        assert set(left.parts) == set(own)
        assert not any(shapely.contains(shape, cell(1, 1, 5 * CELL).centroid)
                       for shape in outlines.values())

    def test_a_hole_next_to_a_commune_missing_a_part_is_its_own(self) -> None:
        own = ring(5 * CELL)
        delegated = {("01004", "01004"): own["01004"]}
        outlines, adjustments = build(
            units(*((code, None) for code in own)),
            sources(own=own, delegated=delegated, delegated_of={"01004": ["01004", "01099"]}))
        assert [(item.code, item.kind) for item in adjustments.items] == [("01004", "trou_comble")]
        assert shapely.contains(outlines["01004"], cell(1, 1, 5 * CELL).centroid)


class TestEmptyOutlines:
    def test_an_outline_the_cleaner_empties_stops_the_build(self) -> None:
        # Coverage cleaning gives a polygon enclosed in another to the larger one.
        inner = shapely.box(*cell(0).centroid.buffer(CELL / 10).bounds)
        found = UnitOutlines({"33131": inner, "33001": cell(0)}, {}, set())
        with pytest.raises(BuildError, match="33131"):
            finish_coverage(["33001", "33131"], ["Un", "Coirac"], found, Adjustments())
