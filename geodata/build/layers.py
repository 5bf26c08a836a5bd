"""Write the layers of a region: units, départements, EPCI and EPT, as GeoParquet (zstd).

Every layer is dissolved from the units, so that all of them share the units' edges.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geodata import base, geometry
from geodata.build.model import BuildError
from geodata.config import ALL_REGIONS

#: Simplification tolerance (degrees) of each level, per region scope.
OVERVIEW_TOLERANCE = {"region": 0.004, ALL_REGIONS: 0.01}
DETAIL_TOLERANCE = {"region": 0.0, ALL_REGIONS: 0.002}
LEVELS = ("detail", "overview")
CRS = "EPSG:4326"
COMPRESSION = "zstd"


def tolerances(region: str) -> dict[str, float]:
    """Simplification tolerance of each level for ``region``."""
    scope = ALL_REGIONS if region == ALL_REGIONS else "region"
    return {"detail": DETAIL_TOLERANCE[scope], "overview": OVERVIEW_TOLERANCE[scope]}


def check_coverage(geoms: gpd.GeoSeries, what: str) -> None:
    """Refuse to write a layer whose polygons overlap, are invalid or empty."""
    if geoms.is_empty.any():
        raise BuildError(f"La couverture « {what} » a des contours vides.")
    if not (geoms.is_valid.all() and shapely.coverage_is_valid(geoms.values)):
        raise BuildError(f"La couverture « {what} » n'est pas valide (chevauchements).")


def simplified(units: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoSeries:
    """Units' outlines simplified together (no gap nor sliver opens between them)."""
    if not tolerance:
        return units.geometry
    return geometry.simplify_coverage(units.geometry, tolerance)


def write_layers(units: gpd.GeoDataFrame, levels: dict[str, gpd.GeoSeries],
                 departement_names: pd.Series, epci: pd.DataFrame, ept_names: pd.Series,
                 out_dir: Path) -> None:
    """Write every layer of a region into ``out_dir``.

    Parameters
    ----------
    units : geopandas.GeoDataFrame
        The detailed units: code, nom, departement, epci, ept, population, area_km2.
    levels : dict
        Outline of each unit at each level of :data:`LEVELS`, in the units' order.
    departement_names, ept_names : pandas.Series
        Names by code.
    epci : pandas.DataFrame
        The geometry wheel's EPCI table: code, nom, type.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    for level, outlines in levels.items():
        check_coverage(outlines, f"communes ({level})")
        if level == "detail":
            units.set_geometry(outlines).to_parquet(out_dir / "units-detail.parquet",
                                                    compression=COMPRESSION)
        else:
            gpd.GeoDataFrame({"code": units["code"]}, geometry=outlines, crs=CRS).to_parquet(
                out_dir / f"units-{level}.parquet", compression=COMPRESSION)
        deps = geometry.dissolve(outlines, units["departement"].to_numpy())
        _layer({"code": deps.index, "nom": departement_names.loc[deps.index].to_numpy()},
               deps, out_dir / f"departements-{level}.parquet")
    detail = levels["detail"]
    grouped = units["epci"] != ""
    epci_geoms = geometry.dissolve(detail[grouped], units.loc[grouped, "epci"].to_numpy())
    info = epci.set_index("code").loc[epci_geoms.index]
    _layer({"code": epci_geoms.index, "nom": info["nom"].to_numpy(),
            "type": info["type"].to_numpy()}, epci_geoms, out_dir / "epci.parquet")
    grouped = units["ept"] != ""
    ept_geoms = geometry.dissolve(detail[grouped], units.loc[grouped, "ept"].to_numpy())
    _layer({"code": ept_geoms.index, "nom": ept_names.reindex(ept_geoms.index).to_numpy()},
           ept_geoms, out_dir / base.EPT_FILE)


def _layer(columns: dict, geoms: gpd.GeoSeries, path: Path) -> None:
    frame = gpd.GeoDataFrame({name: list(values) for name, values in columns.items()},
                             geometry=list(geoms), crs=CRS)
    frame.to_parquet(path, compression=COMPRESSION)
