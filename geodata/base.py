"""Read the built base geography of a region (the only entry to these files, cached).

The frames returned are shared between callers: treat them as read-only.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Literal

import geopandas as gpd
import pandas as pd

from geodata.config import region_dir

Level = Literal["detail", "overview"]
#: The indicator table the build joins to the units (:func:`geodata.catalog.load_indicator_table`).
INDICATORS_FILE = "indicators.parquet"


class MissingRegionError(FileNotFoundError):
    """The region has not been built on this machine."""


def _path(region: str, name: str):
    path = region_dir(region) / name
    if not path.exists():
        raise MissingRegionError(
            f"La région {region} n'est pas construite ({path} absent) : "
            f"lancez « python -m geodata build --region {region} »."
        )
    return path


@cache
def load_units(region: str, level: Level = "detail") -> gpd.GeoDataFrame:
    """Communes and arrondissements: code, nom, departement, epci, population, area_km2."""
    if level == "detail":
        return gpd.read_parquet(_path(region, "units-detail.parquet"))
    detail = load_units(region)
    overview = gpd.read_parquet(_path(region, "units-overview.parquet"))
    return detail.drop(columns="geometry").merge(overview, on="code").set_geometry("geometry")


@cache
def load_departements(region: str, level: Level = "detail") -> gpd.GeoDataFrame:
    """Départements of the region: code, nom, geometry (dissolved from the units)."""
    return gpd.read_parquet(_path(region, f"departements-{level}.parquet"))


@cache
def load_epci(region: str) -> gpd.GeoDataFrame:
    """EPCI à fiscalité propre, clipped to the region: code, nom, type, geometry."""
    return gpd.read_parquet(_path(region, "epci.parquet"))


@cache
def load_code_aliases(region: str) -> pd.DataFrame:
    """Codes that are not units (Paris 75056, former communes): alias, kind, codes, nom."""
    return pd.read_csv(_path(region, "aliases.csv"), dtype=str, keep_default_na=False)


@cache
def load_provenance(region: str) -> dict:
    """Source, vintage, licence and build parameters recorded next to the data."""
    return json.loads(_path(region, "provenance.json").read_text(encoding="utf-8"))
