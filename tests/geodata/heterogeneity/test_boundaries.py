"""Limits proper to one zoning of a pair, on the grid."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geodata.heterogeneity import boundary_mismatch, unit_edges

from .support import CELL_KM, CPTS, DAC, QUAD


class TestBoundaries:
    def test_edges_are_the_grid_segments(self, edges):
        # 24 inner edges between two units, 16 on the outline; each exactly 10 km.
        assert len(edges.left) == 40
        assert (edges.right == -1).sum() == 16
        np.testing.assert_allclose(edges.length_km, CELL_KM, rtol=1e-6)

    def test_edges_reject_overlapping_units(self, units):
        with pytest.raises(ValueError, match="chevauchent"):
            unit_edges(pd.concat([units, units.iloc[:1]]))

    def test_nested_zoning_has_extra_boundaries_only(self, edges):
        mismatch = boundary_mismatch(QUAD, DAC, edges)
        assert list(mismatch["side"]) == ["a", "a"]
        assert set(zip(mismatch["territories"], mismatch["inside"], strict=True)) == {
            (("nw", "sw"), ("ouest",)), (("ne", "se"), ("est",))}
        assert mismatch["length_km"].tolist() == pytest.approx([2 * CELL_KM] * 2)
        assert mismatch.crs == "EPSG:4326"
        assert (mismatch.geom_type == "LineString").all()  # merged into one line each

    def test_gaps_and_shared_units_have_outlines(self, edges):
        mismatch = boundary_mismatch(CPTS, DAC, edges)
        lengths = {(row.side, row.territories, row.inside): row.length_km
                   for row in mismatch.itertuples()}
        # Counted by hand on the grid, in 10 km segments between units:
        # c1|gap 1|2, 3|7, 4|8; c1|c2 2|6; c2|gap 1|5, 9|13, 10|14; c3|c4+c3 11|12;
        # c3|c4 15|16; gap|c3+c4 8|12; gap|c3 7|11; c3+c4|c4 12|16. The DAC limit is a
        # CPTS limit except inside c1 (2|3). The region's outline is left out.
        expected = {
            ("a", ("c1",), ("ouest",)): 1, ("a", ("c1",), ("est",)): 2,
            ("a", ("c1", "c2"), ("ouest",)): 1, ("a", ("c2",), ("ouest",)): 3,
            ("a", ("c4",), ("est",)): 1, ("a", ("c3", "c4"), ("est",)): 2,
            ("a", ("c3",), ("est",)): 2,
            ("b", ("est", "ouest"), ("c1",)): 1,
        }
        assert lengths == pytest.approx({key: n * CELL_KM for key, n in expected.items()})
        assert list(mismatch["side"]) == ["a"] * 7 + ["b"]
        assert mismatch.loc[0, "territories"] == ("c2",)  # the longest first

    def test_same_zoning_has_no_mismatch(self, edges):
        mismatch = boundary_mismatch(CPTS, CPTS, edges)
        assert mismatch.empty
        assert list(mismatch.columns) == ["side", "territories", "inside", "length_km",
                                          "geometry"]
