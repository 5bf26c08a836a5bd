"""Fixtures of the heterogeneity tests: the grid of communes and its edges."""

from __future__ import annotations

import geopandas as gpd
import pytest

from geodata.heterogeneity import unit_edges

from .support import grid_units


@pytest.fixture(scope="module")
def units() -> gpd.GeoDataFrame:
    return grid_units()


@pytest.fixture(scope="module")
def edges(units):
    return unit_edges(units)
