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
from geodata.iris.build import IRIS_FILES, empty_iris
from geodata.sources import check_provenance

Level = Literal["detail", "overview"]
#: The indicator table the build joins to the units (:func:`geodata.catalog.load_indicator_table`).
INDICATORS_FILE = "indicators.parquet"
#: Établissements publics territoriaux of the Métropole du Grand Paris.
EPT_FILE = "ept.parquet"


class MissingRegionError(FileNotFoundError):
    """The region has not been built on this machine."""


class StaleRegionError(MissingRegionError):
    """The region was built from other sources than the pinned ones: rebuild it."""


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
    """Communes and arrondissements: code, nom, departement, epci, ept, population, area_km2.

    ``population`` is the population municipale of the vintage the provenance states
    (:data:`geodata.sources.POPULATION_VINTAGE`); ``ept`` the établissement public
    territorial of the Métropole du Grand Paris, "" outside (:func:`load_ept`).
    """
    if level == "detail":
        return gpd.read_parquet(_path(region, "units-detail.parquet"))
    detail = load_units(region)
    overview = gpd.read_parquet(_path(region, "units-overview.parquet"))
    return detail.drop(columns="geometry").merge(overview, on="code").set_geometry("geometry")


@cache
def load_iris(region: str, level: Level = "detail") -> gpd.GeoDataFrame:
    """IRIS sub-units of the units, where IRIS polygons exist; empty where there are none.

    Columns: ``code`` (9 characters), ``nom``, ``type_iris`` (H habitat, A activité,
    D divers, Z commune non découpée), ``commune`` (the unit it lies in: an
    arrondissement code for Paris), ``population`` (Insee RP 2022, the weight of IRIS
    values and of the shares of communes cut by polygons; ``population_estimated``
    where the census file lacks the IRIS),
    ``area_km2``, ``geometry``. The IRIS of a unit tile it exactly, and IRIS and units
    without IRIS form one valid coverage. A region built before IRIS existed has none.
    """
    path = region_dir(region) / IRIS_FILES[level]
    if not path.exists():
        _path(region, "units-detail.parquet")  # an unbuilt region still says so
        return empty_iris()
    return gpd.read_parquet(path)


@cache
def load_departements(region: str, level: Level = "detail") -> gpd.GeoDataFrame:
    """Départements of the region: code, nom, geometry (dissolved from the units)."""
    return gpd.read_parquet(_path(region, f"departements-{level}.parquet"))


@cache
def load_epci(region: str) -> gpd.GeoDataFrame:
    """EPCI à fiscalité propre, clipped to the region: code, nom, type, geometry."""
    return gpd.read_parquet(_path(region, "epci.parquet"))


@cache
def load_ept(region: str) -> gpd.GeoDataFrame:
    """Établissements publics territoriaux of the Métropole du Grand Paris: code, nom, geometry.

    ``code`` is the EPT's SIREN; the geometry is dissolved from its units. Empty outside
    Île-de-France. Paris is in none: the Métropole du Grand Paris is its 11 EPT plus
    Paris, a territory on its own (T1 in the usual numbering, not an EPT).
    """
    return gpd.read_parquet(_path(region, EPT_FILE))


@cache
def load_code_aliases(region: str) -> pd.DataFrame:
    """Codes that are not units (Paris 75056, former communes): alias, kind, codes, nom."""
    return pd.read_csv(_path(region, "aliases.csv"), dtype=str, keep_default_na=False)


@cache
def load_provenance(region: str) -> dict:
    """Source, vintage, licence and build parameters recorded next to the data.

    Raises
    ------
    StaleRegionError
        When the region was built from other packages or vintages than the pinned ones
        (:func:`geodata.sources.check_provenance`): its populations would be shown under
        the wrong vintage.
    """
    provenance = json.loads(_path(region, "provenance.json").read_text(encoding="utf-8"))
    problem = check_provenance(provenance)
    if problem:
        raise StaleRegionError(problem)
    return provenance
