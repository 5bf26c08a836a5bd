from __future__ import annotations

import numpy as np
import shapely
from geopandas import GeoSeries

from geodata.geometry import dissolve, simplify_coverage


def squares(count: int) -> GeoSeries:
    """A row of unit squares sharing their sides: a valid coverage."""
    return GeoSeries([shapely.box(i, 0, i + 1, 1) for i in range(count)], crs="EPSG:4326")


class TestDissolve:
    def test_unions_each_key_in_order_of_first_appearance(self) -> None:
        keys = np.array(["b", "a", "b", "a", "c", "c"])
        grid = squares(6)[[0, 2, 1, 3, 4, 5]].reset_index(drop=True)
        result = dissolve(grid, keys)
        assert list(result.index) == ["b", "a", "c"]
        assert result["b"].equals(shapely.box(0, 0, 2, 1))
        assert result["a"].equals(shapely.box(2, 0, 4, 1))
        assert result["c"].equals(shapely.box(4, 0, 6, 1))
        assert result.crs == grid.crs

    def test_a_key_with_parts_apart_keeps_them(self) -> None:
        result = dissolve(squares(3), np.array(["x", "y", "x"]))
        assert shapely.get_num_geometries(result["x"]) == 2
        assert result["x"].area == 2

    def test_many_keys_match_a_plain_union(self) -> None:
        grid = squares(200)
        keys = np.random.default_rng(0).integers(0, 37, 200).astype(str)
        result = dissolve(grid, keys)
        assert len(result) == len(set(keys))
        for key in result.index:
            expected = shapely.union_all(grid.to_numpy()[keys == key])
            assert shapely.equals(result[key], expected)


class TestSimplifyCoverage:
    def test_shared_edges_stay_shared(self) -> None:
        wiggly = shapely.Polygon([(0, 0), (1, 0), (1, 0.5), (1.001, 0.6), (1, 1), (0, 1)])
        right = shapely.difference(shapely.box(0, 0, 2, 1), wiggly)
        simplified = simplify_coverage(GeoSeries([wiggly, right]), 0.01)
        assert shapely.coverage_is_valid(simplified.to_numpy())
        assert simplified.union_all().area == 2
