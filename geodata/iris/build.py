"""Build step of the IRIS sub-units: read the contours, tile the communes, weigh, write.

:func:`build_iris` is the one call the region build makes. It writes
``iris-detail.parquet`` and ``iris-overview.parquet`` (read back by
:func:`geodata.base.load_iris`) and ``iris-adjustments.json`` (every IRIS adjusted, with
its area), and returns the units re-derived from the same faces as the IRIS (see
:mod:`geodata.iris.coverage`) with the ``iris`` section of ``provenance.json``.

Weights: the population of each IRIS in the 2022 census (« Insee, RP 2022 (IRIS) »).
IRIS that the census file lacks (those of a merged commune, recoded after 2022) share
the unit's missing population by area, flagged ``population_estimated``.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.geometry import area_km2
from geodata.iris.coverage import Tiling, area_m2, drop_spare_nodes, tile_communes
from geodata.observations.files import LICENCE, OBSERVATION_FILES, checked_path
from geodata.observations.iris_sources import POPULATION, missing_population, read_rp_iris

#: File names in the region directory, per level of detail.
IRIS_FILES = {"detail": "iris-detail.parquet", "overview": "iris-overview.parquet"}
ADJUSTMENTS_FILE = "iris-adjustments.json"
#: The overview level simplifies the limits between the IRIS of a commune (degrees, about
#: 20 m) and keeps the commune's outline: its IRIS still dissolve into the detailed unit.
OVERVIEW_TOLERANCE = 0.0002
ESTIMATED = "population_estimated"
COLUMNS = ["code", "nom", "type_iris", "commune", POPULATION, ESTIMATED, "area_km2", "geometry"]
#: Adjustments listed in the provenance: the largest few, the rest in ADJUSTMENTS_FILE.
LARGEST_LISTED = 5
CONTOUR_COLUMNS = {"code_iris": "code", "nom_iris": "nom", "code_insee": "commune",
                   "type_iris": "type_iris"}


class IrisBuildError(RuntimeError):
    """The IRIS sub-units do not tile their communes (French message)."""


def empty_iris() -> gpd.GeoDataFrame:
    """Return the IRIS frame of a region without IRIS polygons."""
    frame = pd.DataFrame({column: pd.Series(dtype=object) for column in COLUMNS[:-1]})
    return gpd.GeoDataFrame(frame.astype({POPULATION: float, ESTIMATED: bool,
                                          "area_km2": float}),
                            geometry=gpd.GeoSeries([], crs="EPSG:4326"))


def read_contours() -> gpd.GeoDataFrame:
    """Read the IRIS polygons as published (GDAL reports no CRS for the TopoJSON: WGS84)."""
    frame = gpd.read_file(checked_path("iris_contours"))
    if frame.crs is None:
        frame = frame.set_crs("EPSG:4326")
    return frame.rename(columns=CONTOUR_COLUMNS)[[*CONTOUR_COLUMNS.values(), "geometry"]]


def _neighbourhood(units: gpd.GeoDataFrame, departements: tuple[str, ...]) -> np.ndarray:
    """Rows of the units of the départements and of the units touching them."""
    inside = units["departement"].isin(departements).to_numpy()
    area = shapely.coverage_union_all(units.geometry.to_numpy()[inside])
    touching = shapely.intersects(units.geometry.to_numpy(), area)
    return np.flatnonzero(inside | touching)


def _populations(frame: gpd.GeoDataFrame, units: gpd.GeoDataFrame) -> dict:
    """Set the RP 2022 population of each IRIS, estimating those the census file lacks."""
    rp = read_rp_iris()[POPULATION]
    frame[POPULATION] = rp.reindex(frame["code"]).to_numpy()
    frame[ESTIMATED] = False
    gaps = missing_population(units)
    estimated = {}
    for commune, rows in frame[frame[POPULATION].isna()].groupby("commune").groups.items():
        if commune not in gaps.index:
            continue
        share = frame.loc[rows, "area_km2"] / frame.loc[rows, "area_km2"].sum()
        frame.loc[rows, POPULATION] = (share * gaps[commune]).round()
        frame.loc[rows, ESTIMATED] = True
        estimated[commune] = {"iris": sorted(frame.loc[rows, "code"]),
                              "population": round(float(gaps[commune]))}
    return estimated


def _overview(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Simplify the limits between the IRIS of each commune, its outline kept."""
    overview = frame.copy()
    geometry = overview.geometry.to_numpy().copy()
    for rows in overview.groupby("commune").indices.values():
        if len(rows) > 1:
            # Simplification only drops vertices: those kept are on the grid already.
            geometry[rows] = shapely.coverage_simplify(geometry[rows], OVERVIEW_TOLERANCE,
                                                       simplify_boundary=False)
    overview.geometry = geometry
    return overview


def _check(frame: gpd.GeoDataFrame, units: gpd.GeoDataFrame, what: str) -> int:
    """Refuse IRIS that overlap or whose union differs from their unit; count the units."""
    geometries = frame.geometry.to_numpy()
    if not (shapely.is_valid(geometries).all() and shapely.coverage_is_valid(geometries)):
        raise IrisBuildError(f"Les IRIS ({what}) ne forment pas une couverture valide.")
    unions = frame.groupby("commune").geometry.agg(
        lambda shapes: shapely.coverage_union_all(shapes.to_numpy()))
    outlines = units.set_index("code").geometry.reindex(unions.index)
    equal = shapely.equals(unions.to_numpy(), outlines.to_numpy())
    if not equal.all():
        raise IrisBuildError(f"Les IRIS ({what}) de {', '.join(unions.index[~equal][:5])} ne "
                             "recouvrent pas exactement leur commune.")
    return int(equal.sum())


def _summary(entries: list[tuple[str, float]]) -> dict:
    """Count, total area and largest few of one kind of adjustment."""
    largest = sorted(entries, key=lambda entry: -entry[1])[:LARGEST_LISTED]
    return {"count": len(entries), "km2": round(sum(m2 for _, m2 in entries) / 1e6, 3),
            "largest_m2": {code: round(m2) for code, m2 in largest}}


def _provenance(tiling: Tiling, frame: gpd.GeoDataFrame, estimated: dict, unknown: list[str],
                communes: int) -> dict:
    contours, rp = OBSERVATION_FILES["iris_contours"], OBSERVATION_FILES["rp_iris"]
    adjust = tiling.adjustments
    return {
        "source": {"file": contours.name, "sha256": contours.sha256, "licence": LICENCE,
                   "source_line": contours.source, "vintage": contours.vintage},
        "weights": {"file": rp.name, "sha256": rp.sha256, "source_line": rp.source,
                    "column": "P22_POP (population_2022)",
                    "estimated": estimated,
                    "estimate_method": ("population de l'unité moins la somme de ses IRIS au "
                                        "RP 2022, répartie par surface entre ses IRIS absents "
                                        "du RP")},
        "units": len(frame),
        "per_departement": frame["code"].str[:2].value_counts().sort_index().to_dict(),
        "types": frame["type_iris"].value_counts().sort_index().to_dict(),
        "communes": communes,
        "adjustments": {
            "iris_clipped_to_their_commune": _summary(adjust["clipped"]),
            "overlaps_given_to_one_iris": _summary(adjust["overlaps"]),
            "gaps_filled": _summary(adjust["gaps"]),
            "slivers_moved_to_a_neighbour": _summary(adjust["slivers"]),
            "iris_lost": adjust["lost"],
            "communes_without_iris": adjust["whole_communes"],
            "iris_of_unknown_communes": unknown,
            "units_given_iris_nodes": {
                "count": len(tiling.moved),
                "max_shift_m": round(float(tiling.moved.max()), 3) if len(tiling.moved)
                else 0.0},
            "details": ADJUSTMENTS_FILE,
        },
        "checks": {"coverage_valid": True, "units_equal_to_their_iris": communes},
        "levels": {"detail": 0.0, "overview": OVERVIEW_TOLERANCE},
    }


def build_iris(units: gpd.GeoDataFrame, out_dir: Path) -> tuple[gpd.GeoDataFrame, dict]:
    """Write the IRIS sub-units of the region's units; return the units and the provenance.

    Parameters
    ----------
    units : geopandas.GeoDataFrame
        The region's units as the build made them (``code``, ``nom``, ``departement``,
        ``population``, ``area_km2``, ``geometry``).
    out_dir : pathlib.Path
        The region directory.

    Returns
    -------
    The units, re-derived where IRIS were built (edges move by about a metre at most;
    areas recomputed), and the ``iris`` section of the provenance (None when the region
    has no IRIS polygons).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    contours = read_contours()
    known = contours["commune"].isin(units["code"])
    unknown = sorted(contours.loc[~known, "code"])
    contours = contours[known]
    if contours.empty:
        for name in IRIS_FILES.values():
            empty_iris().to_parquet(out_dir / name, compression="zstd")
        return units, None
    departements = tuple(sorted(units.loc[units["code"].isin(contours["commune"]),
                                          "departement"].unique()))
    rows = _neighbourhood(units, departements)
    tiling = tile_communes(units.iloc[rows].reset_index(drop=True), contours, departements)
    geometry = units.geometry.to_numpy().copy()
    geometry[rows] = tiling.units
    frame = tiling.iris
    with_iris = units["code"].isin(frame["commune"]).to_numpy()
    iris_geometry, geometry[~with_iris] = drop_spare_nodes(frame.geometry.to_numpy(),
                                                           geometry[~with_iris])
    frame = frame.set_geometry(iris_geometry)
    unions = frame.groupby("commune").geometry.agg(
        lambda shapes: shapely.coverage_union_all(shapes.to_numpy()))
    geometry[with_iris] = unions.reindex(units.loc[with_iris, "code"]).to_numpy()
    units = units.copy()
    units.geometry = geometry
    units["area_km2"] = area_km2(units.geometry).round(4)
    frame["area_km2"] = (area_m2(frame.geometry.to_numpy()) / 1e6).round(4)
    estimated = _populations(frame, units)
    frame = frame[COLUMNS]
    communes = _check(frame, units, "détaillés")
    overview = _overview(frame)
    _check(overview, units, "vue d'ensemble")
    others = units.geometry.to_numpy()[~units["code"].isin(frame["commune"]).to_numpy()]
    if not (shapely.coverage_is_valid(units.geometry.to_numpy())
            and shapely.coverage_is_valid(np.concatenate([frame.geometry.to_numpy(), others]))):
        raise IrisBuildError("Les communes refaites avec les IRIS, ou les IRIS avec les "
                             "communes sans IRIS, ne forment pas une couverture valide.")
    for level, layer in (("detail", frame), ("overview", overview)):
        layer.to_parquet(out_dir / IRIS_FILES[level], compression="zstd")
    details = {kind: [[code, round(m2, 1)] for code, m2 in entries]
               for kind, entries in tiling.adjustments.items()
               if kind in ("clipped", "overlaps", "gaps", "slivers")}
    details["units_given_iris_nodes"] = sorted(tiling.moved.index)
    (out_dir / ADJUSTMENTS_FILE).write_text(json.dumps(details, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
    return units, _provenance(tiling, frame, estimated, unknown, communes)

