"""Generate the demonstration zonings of a region, and store them."""

from __future__ import annotations

import zlib
from pathlib import Path

import geopandas as gpd
import numpy as np

from geodata.demo.fiches import DemoZoning, _zoning, as_zoning
from geodata.demo.graph import _adjacency, _Graph, _positions
from geodata.demo.structures import _carsic, _cpts, _dac, _perinatal
from geodata.zonings import load_zoning_types, write_zoning


def generate_demo_zonings(units: gpd.GeoDataFrame, seed: int = 2024) -> dict[str, DemoZoning]:
    """Generate the DAC, CPTS, CARSIC and perinatal demonstration zonings of a region.

    Parameters
    ----------
    units : geopandas.GeoDataFrame
        Units of the region (``load_units``): code, nom, departement, population, area_km2,
        geometry forming a valid coverage.
    seed : int
        Seed of every random choice: the same seed gives the same zonings.

    Returns
    -------
    dict
        ``DemoZoning`` by key, in the order dac, cpts, carsic, perinatal.
    """
    units = units.reset_index(drop=True)
    graph = _Graph(
        neighbours=_adjacency(units.geometry.values),
        weights=units["population"].to_numpy(dtype=float),
        xy=_positions(units.geometry),
    )
    departements = units["departement"].to_numpy()
    dac = _dac(graph, departements, _rng(seed, "dac"))
    generated = {
        "dac": dac,
        "cpts": _cpts(graph, departements, units, _rng(seed, "cpts")),
        "carsic": _carsic(graph, departements),
        "perinatal": _perinatal(graph, dac, units["area_km2"].to_numpy(),
                                _rng(seed, "perinatal")),
    }
    codes = units["code"].to_numpy()
    return {key: _zoning(key, territories, codes, _rng(seed, f"{key}-fiche"))
            for key, territories in generated.items()}


def _rng(seed: int, purpose: str) -> np.random.Generator:
    """Give each purpose its own random stream, so that one change does not reshuffle all."""
    return np.random.default_rng([seed, zlib.crc32(purpose.encode())])


def write_demo_set(units: gpd.GeoDataFrame, directory: Path, seed: int = 2024) -> list[str]:
    """Generate the demonstration zonings of ``units`` and store them in ``directory``."""
    types = load_zoning_types()
    keys = []
    for key, demo in generate_demo_zonings(units, seed).items():
        write_zoning(as_zoning(demo, types), directory, key)
        keys.append(key)
    return keys
