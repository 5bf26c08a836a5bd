"""Read territory outlines (GeoJSON, GeoPackage, zipped Shapefile) and assign communes to them.

Outlines drawn by agencies follow commune limits only approximately: each unit goes to
the territory holding the largest share of its area (computed in Lambert-93), and units
whose largest share is small are reported as doubtful.
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyproj
import shapely

from .columns import NAME, TERRITORY_ID, Columns
from .constants import (
    AREA_CRS,
    DOUBTFUL_SHARE,
    LAMBERT93_X,
    LAMBERT93_Y,
    MIN_ASSIGNED_SHARE,
    MIN_REPORTED_SHARE,
    OUTPUT_CRS,
)
from .formats import Detected
from .messages import (
    CRS_NAMES,
    GEOMETRY_KINDS,
    INVALIDITY_REASONS,
    MESSAGES,
    commune_label,
    fmt_int,
    fmt_pct,
    plain_list,
    quoted_list,
)
from .model import Zoning
from .readers import Reading, ReadResult
from .report import FileProblem, IssueLog, Location
from .tabular import cell_text
from .territories import TerritoryCollector
from .text import clean

POLYGONAL = frozenset({"Polygon", "MultiPolygon"})
GDAL_ERRORS = (
    pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError,
    pyogrio.errors.GeometryError, pyogrio.errors.FeatureError, pyogrio.errors.CRSError,
    OSError, ValueError,
)


def read_geometry(detected: Detected, units: gpd.GeoDataFrame, reading: Reading,
                  crs: str | None = None) -> ReadResult:
    """Zoning of a geographic file; ``crs`` overrides the one the file declares.

    Raises
    ------
    FileProblem
        When the file cannot be read, holds no polygon, has no usable coordinate system
        or does not overlap the region.
    """
    log = reading.log
    frame = _read_layer(detected, log)
    columns = _name_columns(frame, reading)
    frame = _with_crs(frame, crs, units, log)
    territories = TerritoryCollector(reading.zoning_type, log)
    outlines = _outlines(frame, columns, territories, log)
    shapes = gpd.GeoSeries(
        [shapely.union_all(parts) for parts in outlines.values()], index=list(outlines),
        crs=frame.crs,
    ).to_crs(AREA_CRS)
    members = _assign(units, shapes, territories, log)
    zoning = Zoning(reading.zoning_type, territories.fiches(), tuple(members))
    return ReadResult(zoning, members, territories.locations())


def _outlines(frame: gpd.GeoDataFrame, columns: Columns, territories: TerritoryCollector,
              log: IssueLog) -> dict[str, list[shapely.Geometry]]:
    """Polygons of each territory; features with the same name make one territory."""
    outlines: dict[str, list[shapely.Geometry]] = {}
    attributes = frame.drop(columns=frame.geometry.name)
    rows = zip(attributes.itertuples(index=False), frame.geometry, strict=True)
    for number, (values, raw_geometry) in enumerate(rows, start=1):
        cells = tuple("" if pd.isna(value) else cell_text(value) for value in values)
        name = clean(columns.value(cells, NAME))
        where = log.at(feature=number, feature_name=name or None)
        geometry = _polygons(raw_geometry, where, log)
        if geometry is None:
            continue
        if not name:
            log.error("missing_feature_name", where)
            continue
        tid = territories.add(name, columns.value(cells, TERRITORY_ID),
                              columns.fiche_values(cells), where, columns)
        outlines.setdefault(tid, []).append(geometry)
    if not outlines:
        raise FileProblem("no_features")
    return outlines


def _read_layer(detected: Detected, log: IssueLog) -> gpd.GeoDataFrame:
    path = detected.gdal_path
    if detected.layers:
        log.info("several_layers", layers=quoted_list(detected.layers),
                 chosen=detected.layers[0])
    try:
        layers = pyogrio.list_layers(path)
        polygon_layers = [name for name, kind in layers if kind and "Polygon" in kind]
        layer = (polygon_layers or [layers[0][0]])[0]
        if len(layers) > 1:
            log.info("several_layers", layers=quoted_list(name for name, _ in layers),
                     chosen=layer)
        with warnings.catch_warnings():
            # GDAL's own remarks (unclosed rings…) are checked and reported in French below.
            warnings.simplefilter("ignore")
            frame = pyogrio.read_dataframe(path, layer=layer)
    except GDAL_ERRORS as exc:
        raise FileProblem("gis_unreadable", detail=str(exc).replace(path, "…")) from None
    if (frame.geometry.isna() | frame.geometry.is_empty).all():
        raise FileProblem("no_features")
    kinds = set(frame.geometry.dropna().geom_type) - POLYGONAL - {"GeometryCollection"}
    if kinds:
        raise FileProblem("not_polygons",
                          kinds=plain_list(GEOMETRY_KINDS.get(k, k) for k in sorted(kinds)))
    return frame.reset_index(drop=True)


def _name_columns(frame: gpd.GeoDataFrame, reading: Reading) -> Columns:
    headers = tuple(str(column) for column in frame.columns if column != frame.geometry.name)
    columns = reading.columns(headers)
    for role in (*reading.mapping, NAME):
        if role not in columns.roles:
            raise reading.missing_column(role, headers)
    reading.log.info("columns_used", columns=columns.describe())
    return columns


def _with_crs(frame: gpd.GeoDataFrame, crs: str | None, units: gpd.GeoDataFrame,
              log: IssueLog) -> gpd.GeoDataFrame:
    """Give the frame a coordinate system consistent with its coordinates.

    Without a declared system, coordinates in degrees are taken as WGS84; projected ones
    are matched against the region to name the system the user should declare.
    """
    extent = frame.total_bounds
    xmin, ymin, xmax, ymax = extent
    in_degrees = -180 <= xmin <= xmax <= 180 and -90 <= ymin <= ymax <= 90
    guess = None if in_degrees else _guess_crs(extent, units)
    bounds = {"xmin": _coordinate(xmin), "xmax": _coordinate(xmax),
              "ymin": _coordinate(ymin), "ymax": _coordinate(ymax)}
    if crs is not None:
        try:
            declared = pyproj.CRS.from_user_input(crs)
        except pyproj.exceptions.CRSError:
            raise FileProblem("bad_crs", crs=crs) from None
        log.info("crs_overridden", crs=declared.to_string())
        frame = frame.set_crs(declared, allow_override=True)
    elif frame.crs is None:
        if guess == AREA_CRS:
            raise FileProblem("missing_crs_lambert93")
        if guess is not None:
            raise FileProblem("missing_crs_guess", name=CRS_NAMES[guess], crs=guess)
        if not in_degrees:
            raise FileProblem("missing_crs_unknown", **bounds)
        log.warning("missing_crs_degrees")
        frame = frame.set_crs(OUTPUT_CRS)
    if frame.crs.is_geographic != in_degrees:
        hint = "" if guess is None else MESSAGES["crs_mismatch_hint"].format(
            name=CRS_NAMES[guess], crs=guess)
        raise FileProblem("crs_mismatch", crs=frame.crs.to_string(), hint=hint, **bounds)
    return frame


def _guess_crs(extent: np.ndarray, units: gpd.GeoDataFrame) -> str | None:
    """Guess the projected system these coordinates are in, if any.

    First a system in which they fall on the region: in Île-de-France, Web Mercator
    coordinates lie within the Lambert-93 ranges of metropolitan France, so only the
    region's own extent tells them apart. Then Lambert-93 by those ranges.
    """
    region = gpd.GeoSeries([shapely.box(*units.total_bounds)], crs=units.crs)
    for candidate in CRS_NAMES:
        if shapely.box(*region.to_crs(candidate).total_bounds).intersects(shapely.box(*extent)):
            return candidate
    xmin, ymin, xmax, ymax = extent
    in_lambert93 = (LAMBERT93_X[0] <= xmin <= xmax <= LAMBERT93_X[1]
                    and LAMBERT93_Y[0] <= ymin <= ymax <= LAMBERT93_Y[1])
    return AREA_CRS if in_lambert93 else None


def _coordinate(value: float) -> str:
    return f"{value:.4f}" if abs(value) < 1000 else fmt_int(round(value))


def _polygons(geometry: shapely.Geometry | None, where: Location,
              log: IssueLog) -> shapely.Geometry | None:
    """Polygonal part of a feature, repaired if invalid; None (and a warning) when empty."""
    if geometry is None or geometry.is_empty:
        log.warning("missing_geometry", where)
        return None
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry).split("[")[0]
        log.warning("geometry_repaired", where, reason=INVALIDITY_REASONS.get(reason, reason))
        geometry = shapely.make_valid(geometry)
    parts = [part for part in shapely.get_parts(geometry) if part.geom_type in POLYGONAL]
    if not parts:
        log.warning("missing_geometry", where)
        return None
    return shapely.union_all(parts)


def _assign(units: gpd.GeoDataFrame, shapes: gpd.GeoSeries, territories: TerritoryCollector,
            log: IssueLog) -> dict[tuple[str, str], Location]:
    """Each unit to the territory holding the largest share of its area, if large enough."""
    unit_shapes = units.geometry.to_crs(AREA_CRS).to_numpy()
    unit_index, shape_index = shapes.sindex.query(unit_shapes, predicate="intersects")
    if not len(unit_index):
        raise FileProblem("outside_region")
    overlap = shapely.area(shapely.intersection(
        unit_shapes[unit_index], shapes.to_numpy()[shape_index]))
    shares = pd.DataFrame({
        "unit": unit_index, "tid": shapes.index.to_numpy()[shape_index],
        "share": overlap / shapely.area(unit_shapes)[unit_index],
    }).sort_values(["unit", "share"], ascending=[True, False])
    codes, names = units["code"].to_numpy(), units["nom"].to_numpy()
    members: dict[tuple[str, str], Location] = {}
    for unit, candidates in shares.groupby("unit", sort=False):
        best = candidates.iloc[0]
        if best.share < MIN_ASSIGNED_SHARE:
            continue
        where = territories.first_location(best.tid)
        members[best.tid, codes[unit]] = where
        if best.share < DOUBTFUL_SHARE:
            others = candidates.iloc[1:]
            others = others[others.share >= MIN_REPORTED_SHARE]
            others_text = ", ".join(
                f"« {territories.name(tid)} » {fmt_pct(share)}"
                for tid, share in zip(others.tid, others.share, strict=True))
            log.warning(
                "doubtful_unit", where, commune=commune_label(codes[unit], names[unit]),
                territory=territories.name(best.tid), share=fmt_pct(best.share),
                others=MESSAGES["doubtful_others"].format(shares=others_text) if len(others)
                else "")
    return members

