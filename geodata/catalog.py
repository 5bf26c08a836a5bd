"""The data manager: the one entry the app and the commands use to get a region's data.

Everything is read once per process and cached; returned objects are shared, read-only.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from geodata import base
from geodata.config import region_dir
from geodata.filosofi import load_filosofi
from geodata.indicators import INDICATORS
from geodata.zonings import Zoning, load_zoning_dir


def zonings_dir(region: str) -> Path:
    """Directory of the zonings shown for ``region`` (the demonstration set by default)."""
    return region_dir(region) / "zonings"


@cache
def load_indicator_table(region: str) -> pd.DataFrame:
    """Indicators per unit (Filosofi 2021, population, density) with their weights."""
    return load_filosofi(base.load_units(region), base.load_code_aliases(region))


@cache
def load_zonings(region: str) -> dict[str, Zoning]:
    """Coordination zonings of the region, keyed by zoning type (dac, cpts…)."""
    return load_zoning_dir(zonings_dir(region), base.load_units(region),
                           base.load_code_aliases(region))


def summary(region: str) -> dict:
    """What is loaded for ``region``: the payload of ``python -m geodata summary``."""
    provenance = base.load_provenance(region)
    units = base.load_units(region)
    zonings = {}
    for key, zoning in load_zonings(region).items():
        coverage = zoning.coverage(units)
        zonings[key] = {
            "territories": len(zoning.fiches),
            "units_covered": coverage.units_covered,
            "population_covered": coverage.population_covered,
            "illustrative": zoning.illustrative,
        }
    return {
        "region": region,
        "region_name": provenance["region_name"],
        "units": len(units),
        "population": int(units["population"].sum()),
        "departements": sorted(units["departement"].unique()),
        "zonings": zonings,
        "indicators": [indicator.code for indicator in INDICATORS],
    }
