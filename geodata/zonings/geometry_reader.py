"""Read territory outlines (GeoJSON, GeoPackage, zipped Shapefile): the polygons are the truth.

Each territory covers the share of each commune its polygon covers
(:func:`~geodata.zonings.shares.polygon_shares`: by IRIS population where known, else by
area), so that three CPTS cutting one city stay three territories with three outlines.
The outlines themselves are kept, clipped to the communes they touch, for the maps.

Properties come as GIS tools write them: text, numbers, nulls, lists and objects (a list
of commune codes), or Python-looking text (``"['13055']"``); all are read as text.
"""

from __future__ import annotations

import ast
import json
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyproj
import shapely

from geodata.geometry import COORDINATE_GRID

from .columns import CODE, COMMUNE_NAME, NAME, PART, TERRITORY_ID, Columns
from .constants import (
    AREA_CRS,
    LAMBERT93_X,
    LAMBERT93_Y,
    OUTPUT_CRS,
    SLIVER_SHARE,
    SLIVER_WIDTH_M,
)
from .formats import Detected
from .messages import (
    CRS_NAMES,
    GEOMETRY_KINDS,
    INVALIDITY_REASONS,
    MESSAGES,
    commune_label,
    count,
    fmt_int,
    fmt_pct,
    plain_list,
    quoted_list,
)
from .model import Zoning
from .readers import Reading, ReadResult
from .report import FileProblem, IssueLog, Location
from .shares import PolygonShares, polygon_shares
from .tabular import cell_text
from .territories import TerritoryCollector
from .text import clean

POLYGONAL = frozenset({"Polygon", "MultiPolygon"})
#: Column roles of composition tables that polygons make redundant.
UNUSED_ROLES = (CODE, COMMUNE_NAME, PART)
#: Longest property text parsed as a list (``literal_eval`` of huge text is slow).
MAX_LISTED_CHARS = 10_000
GDAL_ERRORS = (
    pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError,
    pyogrio.errors.GeometryError, pyogrio.errors.FeatureError, pyogrio.errors.CRSError,
    OSError, ValueError,
)


def read_geometry(detected: Detected, units: gpd.GeoDataFrame, reading: Reading,
                  crs: str | None = None, iris: gpd.GeoDataFrame | None = None) -> ReadResult:
    """Zoning of a geographic file; ``crs`` overrides the one the file declares.

    ``iris`` (:func:`geodata.base.load_iris`) weighs the shares by population where the
    region has IRIS; without it, shares are shares of area.

    Raises
    ------
    FileProblem
        When the file cannot be read, holds no polygon, has no usable coordinate system,
        does not overlap the region, or overlaps itself massively.
    """
    log = reading.log
    frame = _read_layer(detected, log)
    columns = _name_columns(frame, reading)
    frame = _with_crs(frame, crs, units, log)
    territories = TerritoryCollector(reading.zoning_type, log)
    polygons = _outlines(frame, columns, territories, log)
    if len(polygons) > len(units):
        raise FileProblem("too_many_territories", count=fmt_int(len(polygons)),
                          units=fmt_int(len(units)))
    shapes = gpd.GeoSeries([shapely.union_all(parts) for parts in polygons.values()],
                           index=list(polygons), crs=frame.crs)
    found = polygon_shares(shapes, units, iris)
    _report_shares(found, units, territories, log)
    members = {(tid, code): territories.first_location(tid)
               for tid, code in zip(found.kept["territory"], found.kept["code"], strict=True)}
    shares = {(tid, code): share for tid, code, share in zip(
        found.kept["territory"], found.kept["code"], found.kept["share"], strict=True)
        if share < 1.0}
    outlines = _clipped(shapes.to_crs(OUTPUT_CRS), units, found.kept)
    zoning = Zoning(reading.zoning_type, territories.fiches(), tuple(members), shares=shares,
                    outlines=outlines)
    return ReadResult(zoning, members, territories.locations())


def _clipped(shapes: gpd.GeoSeries, units: gpd.GeoDataFrame,
             kept: pd.DataFrame) -> dict[str, shapely.Geometry]:
    """Each territory's polygon clipped to its communes, on the data's grid.

    A polygon drawn a little beyond a city's limit then follows that limit exactly, as its
    membership does (the slivers beyond were dropped); clipping to its own communes keeps
    the work per territory, and the outline inside the region's coverage.
    """
    geometries = units.set_index("code").geometry
    outlines = {}
    for tid, codes in kept.groupby("territory", sort=False)["code"]:
        area = shapely.coverage_union_all(geometries.loc[codes.to_numpy()].to_numpy())
        clipped = shapely.set_precision(shapely.intersection(shapes[tid], area),
                                        COORDINATE_GRID)
        parts = shapely.get_parts(shapely.make_valid(clipped))
        polygons = parts[np.isin(shapely.get_type_id(parts), (3, 6))]
        if len(polygons):
            outlines[tid] = shapely.union_all(polygons)
    return outlines


def _outlines(frame: gpd.GeoDataFrame, columns: Columns, territories: TerritoryCollector,
              log: IssueLog) -> dict[str, list[shapely.Geometry]]:
    """Polygons of each territory; features with the same name make one territory."""
    outlines: dict[str, list[shapely.Geometry]] = {}
    attributes = frame.drop(columns=frame.geometry.name)
    rows = zip(attributes.itertuples(index=False), frame.geometry, strict=True)
    for number, (values, raw_geometry) in enumerate(rows, start=1):
        cells = tuple(property_text(value) for value in values)
        name = clean(columns.value(cells, NAME))
        where = log.at(feature=number, feature_name=name or None)
        geometry = _polygons(raw_geometry, where, log)
        if geometry is None:
            continue
        if not name:
            log.error("missing_feature_name", where)
            continue
        # The polygon says which communes: a column of codes or names is information only.
        listed = {columns.header(role): columns.value(cells, role) for role in UNUSED_ROLES
                  if role in columns.roles}
        tid = territories.add(name, columns.value(cells, TERRITORY_ID),
                              columns.fiche_values(cells), where, columns,
                              listed | columns.other_values(cells))
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


def _report_shares(found: PolygonShares, units: gpd.GeoDataFrame,
                   territories: TerritoryCollector, log: IssueLog) -> None:
    """Say which communes the polygons share, which slivers were dropped or kept."""
    names = dict(zip(units["code"], units["nom"], strict=True))
    kept = found.kept
    for code, rows in kept[kept["share"] < 1.0].groupby("code", sort=False):
        parts = ", ".join(f"« {territories.name(tid)} » {fmt_pct(share)}"
                          for tid, share in zip(rows["territory"], rows["share"], strict=True))
        rest = 1 - rows["share"].sum()
        log.info("partial_from_polygons", territories.first_location(rows["territory"].iat[0]),
                 commune=commune_label(code, names.get(code)), territories=parts,
                 method=rows["method"].iat[0],
                 rest=MESSAGES["partial_rest"].format(share=fmt_pct(rest)) if rest > 1e-6
                 else "")
    for row in kept[kept["kept_small"]].itertuples():
        log.warning("territory_kept_small", territories.first_location(row.territory),
                    name=territories.name(row.territory), share=fmt_pct(row.share),
                    commune=commune_label(row.code, names.get(row.code)))
    slivers = found.slivers.sort_values("share", ascending=False)
    if len(slivers):
        examples = plain_list(
            f"{commune_label(code, names.get(code))} dans « {territories.name(tid)} » "
            f"({fmt_pct(share)})"
            for tid, code, share in zip(slivers["territory"], slivers["code"], slivers["share"],
                                        strict=True))
        log.info("slivers_dropped", count=count(len(slivers), "piece"),
                 share=fmt_pct(SLIVER_SHARE), width=fmt_int(round(2 * SLIVER_WIDTH_M)),
                 examples=examples)


def property_text(value: object) -> str:
    """Text of a feature property of any JSON type, as a user would type it.

    Lists (and Python-looking lists such as ``"['13055']"``) become ``13055, 13201``,
    objects ``mail : a@b.fr ; tel : 01 23 45 67 89``, missing values (None, NaN) an
    empty string.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return _listed(value)
    if isinstance(value, dict):
        return " ; ".join(f"{key} : {text}" for key, text in
                          ((key, property_text(item)) for key, item in value.items()) if text)
    if isinstance(value, list | tuple | np.ndarray):
        return ", ".join(text for text in (property_text(item) for item in value) if text)
    if isinstance(value, float | np.floating) and np.isnan(value):
        return ""
    if isinstance(value, np.generic):
        value = value.item()
    return cell_text(value)


def _listed(text: str) -> str:
    """``"['13055', '13201']"`` (a list written by a script) as ``13055, 13201``."""
    stripped = text.strip()
    if len(stripped) > MAX_LISTED_CHARS or not (stripped.startswith("[")
                                                and stripped.endswith("]")):
        return text
    for parse in (json.loads, ast.literal_eval):
        try:
            items = parse(stripped)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
        if isinstance(items, list) and all(not isinstance(i, list | dict) for i in items):
            return property_text(items)
    return text
