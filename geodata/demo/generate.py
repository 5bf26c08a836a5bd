"""Generate the demonstration zonings of a region, and store them."""

from __future__ import annotations

import zlib
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata.demo.fiches import DemoZoning, _zoning, as_zoning
from geodata.demo.graph import _adjacency, _Graph, _positions
from geodata.demo.structures import _carsic, _cpts, _dac, _perinatal
from geodata.zonings import ZoningDirError, load_zoning_dir, load_zoning_types, write_zoning
from geodata.zonings.storage import (
    COMPOSITION_HEADERS,
    COMPOSITION_SUFFIX,
    CSV_DELIMITER,
    CSV_ENCODING,
    METADATA_FILE,
)

#: The zonings of the demonstration set, in order.
DEMO_KEYS = ("dac", "cpts", "carsic", "perinatal")
#: Those that cover every unit of the region (the CPTS leave zones blanches).
PARTITIONS = ("dac", "carsic", "perinatal")


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


def refresh_demo_set(units: gpd.GeoDataFrame, aliases: pd.DataFrame, directory: Path,
                     seed: int = 2024, *, regenerate: bool = False) -> tuple[list[str], bool]:
    """Keep the stored demonstration set if it still fits the units, else generate it.

    The generator weighs units by their population: run again after a new population
    vintage, it would redraw every perimeter, and a yearly data refresh would move the
    demonstration structures under their users' eyes. So a rebuild keeps the stored
    perimeters, read through the code history (a former commune lands on its current
    commune) and written back with current codes if they held former ones. It generates
    a new set only when there is none, when a stored code is no unit any more, when a
    partition no longer covers every unit (a commune restored), or when asked
    (``regenerate``).

    Returns
    -------
    The keys of the zonings written, and whether the stored perimeters were kept.
    """
    if not regenerate and (directory / METADATA_FILE).exists():
        try:
            stored = load_zoning_dir(directory, units, aliases)
        except ZoningDirError:
            stored = {}
        codes = set(units["code"])
        if set(stored) == set(DEMO_KEYS) and all(
                set(stored[key].membership["code"]) == codes for key in PARTITIONS):
            if not _written_codes(directory) <= codes:
                for key, zoning in stored.items():
                    write_zoning(zoning, directory, key)
            return list(stored), True
    return write_demo_set(units, directory, seed), False


def _written_codes(directory: Path) -> set[str]:
    """Every commune code as written in the stored compositions."""
    return {code for path in directory.glob(f"*{COMPOSITION_SUFFIX}")
            for code in pd.read_csv(path, sep=CSV_DELIMITER, dtype=str,
                                    encoding=CSV_ENCODING)[COMPOSITION_HEADERS[-1]]}
