"""Geometry → the compact JSON plotly.js draws: GeoJSON for fills, flat lists for lines.

Everything here is pure and deterministic: compute it once per region, département
selection or zoning (``functools.cache`` or files under ``assets/``) and reuse it in every
figure. Coordinates are rounded to 5 decimals (about 1 m), which halves the JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from dashboard.constants import LABEL_FONT_SIZE

#: Decimals of longitudes and latitudes: 1e-5 degree is about 1 m.
COORDINATE_DECIMALS = 5
_LINE_TYPES = [shapely.GeometryType.LINESTRING, shapely.GeometryType.LINEARRING]
_POLYGON_TYPES = [shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON]
#: A territory is labelled only if at least this share of its area is visible: the name
#: of a territory barely entering the shown départements would sit on a sliver.
MIN_VISIBLE_SHARE = 0.25
#: The shown area spans about this many pixels along its longer side on a laptop screen
#: (map page at 1600 × 900: France 510 px high, Île-de-France 630 px wide): the scale
#: at which names must not overlap.
MAP_SPAN_PX = 520
#: Average width of a character of the label font, and the height of a line, in font
#: sizes: Source Sans 3 semibold on screen, the wider Arial-like face of static exports.
CHAR_WIDTH_EM, LINE_HEIGHT_EM = 0.6, 1.3


class Outline(NamedTuple):
    """Lines for a ``go.Scattergeo(mode="lines")`` trace: None separates two lines."""

    lon: list[float | None]
    lat: list[float | None]


class LabelPoints(NamedTuple):
    """Where to write the name of each territory, for a ``mode="text"`` trace.

    ``alternatives`` gives, per name, other points inside its territory where it may go
    when its first place is taken (:func:`place_labels`).
    """

    lon: list[float]
    lat: list[float]
    text: list[str]
    alternatives: tuple[tuple[tuple[float, float], ...], ...] = ()


def _geometries(geometries: gpd.GeoSeries | Sequence[BaseGeometry]) -> np.ndarray:
    return np.asarray(geometries, dtype=object)


def _rounded(geometries: np.ndarray) -> np.ndarray:
    return shapely.transform(geometries, lambda xy: np.round(xy, COORDINATE_DECIMALS))


def _polygonal(shapes: np.ndarray) -> np.ndarray:
    """Polygon parts of each geometry (an intersection may add lines and points)."""
    parts, owner = shapely.get_parts(shapes, return_index=True)
    polygonal = np.isin(shapely.get_type_id(parts), _POLYGON_TYPES)
    merged = np.full(len(shapes), shapely.Polygon(), dtype=object)
    for index in np.unique(owner[polygonal]):
        merged[index] = shapely.union_all(parts[polygonal & (owner == index)])
    return merged


def feature_collection(frame: gpd.GeoDataFrame, id_column: str = "code") -> dict:
    """GeoJSON FeatureCollection for ``go.Choropleth(geojson=..., featureidkey="id")``.

    Features carry only an ``id`` and their geometry: names and values travel with the
    trace (``locations``, ``customdata``), so one file serves every indicator and can be
    served once from ``assets/`` and cached by the browser. Exterior rings are made
    clockwise, the winding d3-geo (hence plotly.js) expects: counter-clockwise polygons,
    as RFC 7946 wants them, are filled inside-out over the whole globe.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        Polygons in WGS84 (EPSG:4326) and an identifier column.
    id_column : str
        Column whose values become the feature ids (the trace's ``locations``).

    Returns
    -------
    dict
        ``{"type": "FeatureCollection", "features": [{"type": "Feature", "id": ...,
        "geometry": {...}}, ...]}``; serialise it with ``separators=(",", ":")``.
    """
    shapes = shapely.orient_polygons(_rounded(_geometries(frame.geometry)), exterior_cw=True)
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": str(code), "geometry": shape.__geo_interface__}
            for code, shape in zip(frame[id_column], shapes, strict=True)
        ],
    }


def outline_coordinates(geometries: gpd.GeoSeries | Sequence[BaseGeometry],
                        clip: BaseGeometry | None = None) -> Outline:
    """Boundaries of polygons as flat lon/lat lists, each shared edge drawn once.

    A border between two territories is one line, not two superimposed ones: it halves
    the coordinates sent, and two copies of a dashed line, starting at different ends,
    would mix their dashes into a blur. Boundaries are merged into the longest possible
    lines so that dash patterns run on.

    Parameters
    ----------
    geometries : GeoSeries or sequence of polygons
        Territories in WGS84 (holes and islands included).
    clip : shapely geometry, optional
        Keep only the boundaries inside this area, e.g. the shown départements, so that
        the map fits them and no line dangles outside the coloured area.

    Returns
    -------
    Outline
        ``(lon, lat)`` lists, None between two lines.
    """
    network = shapely.union_all(shapely.boundary(_geometries(geometries)))
    if clip is not None:
        network = shapely.intersection(network, clip)
    parts = shapely.get_parts(network)
    segments = shapely.multilinestrings(parts[np.isin(shapely.get_type_id(parts), _LINE_TYPES)])
    lines = shapely.get_parts(shapely.line_merge(segments))
    coords, line_of = shapely.get_coordinates(lines, return_index=True)
    coords = np.round(coords, COORDINATE_DECIMALS)
    # One empty slot after every line but the last, left as None.
    slots = np.arange(len(coords)) + line_of
    size = len(coords) + max(len(lines) - 1, 0)
    lon: list[float | None] = [None] * size
    lat: list[float | None] = [None] * size
    for slot, (x, y) in zip(slots.tolist(), coords.tolist(), strict=True):
        lon[slot], lat[slot] = x, y
    return Outline(lon, lat)


def lines_outline(geometries: Sequence[shapely.Geometry] | gpd.GeoSeries) -> Outline:
    """Lines (LineString, MultiLineString) as flat lon/lat lists, None between lines."""
    parts = shapely.get_parts(_geometries(geometries))
    coords, line_of = shapely.get_coordinates(parts, return_index=True)
    coords = np.round(coords, COORDINATE_DECIMALS)
    lon: list[float | None] = []
    lat: list[float | None] = []
    previous = None
    for (x, y), line in zip(coords.tolist(), line_of.tolist(), strict=True):
        if previous is not None and line != previous:
            lon.append(None)
            lat.append(None)
        lon.append(x)
        lat.append(y)
        previous = line
    return Outline(lon, lat)


def join_outlines(*outlines: Outline) -> Outline:
    """One outline made of several (e.g. one per shown département), None between them."""
    lon: list[float | None] = []
    lat: list[float | None] = []
    for outline in outlines:
        if not outline.lon:
            continue
        if lon:
            lon.append(None)
            lat.append(None)
        lon += outline.lon
        lat += outline.lat
    return Outline(lon, lat)


def label_points(geometries: gpd.GeoSeries | Sequence[BaseGeometry], texts: Sequence[str],
                 clip: BaseGeometry | None = None) -> LabelPoints:
    """Centre of the largest inscribed circle of each territory, to write its name there.

    Unlike the centroid, this point is always inside the territory, and well inside:
    the name of a crescent-shaped territory does not land on its neighbour. Names come
    largest territory first: the order in which :func:`place_labels` gives them room.

    Parameters
    ----------
    geometries : GeoSeries or sequence of polygons
        Territories in WGS84.
    texts : sequence of str
        Name to write for each territory, in the same order.
    clip : shapely geometry, optional
        Label only the visible part of each territory; territories outside are skipped.
    """
    shapes = _geometries(geometries)
    keep = np.ones(len(shapes), dtype=bool)
    if clip is not None:
        visible = _polygonal(shapely.intersection(shapes, clip))
        keep = shapely.area(visible) >= MIN_VISIBLE_SHARE * shapely.area(shapes)
        shapes = visible
    order = np.argsort(-shapely.area(shapes[keep]), kind="stable")
    ordered = shapes[keep][order]
    centres = shapely.get_point(shapely.maximum_inscribed_circle(ordered), 0)
    coords = np.round(shapely.get_coordinates(centres), COORDINATE_DECIMALS)
    names = [str(text) for text, kept in zip(texts, keep, strict=True) if kept]
    return LabelPoints(coords[:, 0].tolist(), coords[:, 1].tolist(),
                       [names[index] for index in order], _alternatives(ordered))


def _alternatives(shapes: np.ndarray) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Points inside the north, south, west and east halves of each shape (when substantial).

    Where the best point of a small territory is taken by a neighbour's name (three CPTS
    in one city), one of these often is free.
    """
    if not len(shapes):
        return ()
    west, south, east, north = shapely.bounds(shapes).T
    middle_x, middle_y = (west + east) / 2, (south + north) / 2
    halves = np.stack([shapely.box(west, middle_y, east, north),
                       shapely.box(west, south, east, middle_y),
                       shapely.box(west, south, middle_x, north),
                       shapely.box(middle_x, south, east, north)], axis=1)
    parts = shapely.intersection(shapes[:, None], halves)
    large = shapely.area(parts) >= MIN_VISIBLE_SHARE * shapely.area(shapes)[:, None]
    points = np.round(shapely.get_coordinates(shapely.point_on_surface(parts.ravel())),
                      COORDINATE_DECIMALS).reshape(len(shapes), 4, 2)
    return tuple(tuple((float(x), float(y)) for (x, y), ok in zip(row, oks, strict=True) if ok)
                 for row, oks in zip(points, large, strict=True))


def place_labels(label_sets: Sequence[LabelPoints], view_bounds: tuple[float, float, float, float],
                 font_size: float = LABEL_FONT_SIZE,
                 frame_px: tuple[float, float] | None = None) -> list[LabelPoints]:
    """Keep the names that can be written without covering one another.

    Names are placed in the order given (the first set first, each set largest territory
    first); a name that would cover one already placed, or stick out of the view (where
    the map cuts it), moves to one of its ``alternatives``, or is left out when none is
    free (the map's hover still names every territory). Boxes
    are measured at the scale of ``view_bounds`` (min lon, min lat, max lon, max lat), in
    degrees of latitude, longitudes shrunk by the cosine of the middle latitude: close
    enough to the map's conic projection. ``frame_px`` (width, height) is the map's size
    on screen when the browser told it, else the longer side is :data:`MAP_SPAN_PX`.
    """
    min_lon, min_lat, max_lon, max_lat = view_bounds
    shrink = np.cos(np.radians((min_lat + max_lat) / 2))
    if frame_px is None:
        degrees_per_px = max((max_lon - min_lon) * shrink, max_lat - min_lat) / MAP_SPAN_PX
    else:
        degrees_per_px = max((max_lon - min_lon) * shrink / frame_px[0],
                             (max_lat - min_lat) / frame_px[1])
    lon = np.array([value for labels in label_sets for value in labels.lon], dtype=float)
    lat = np.array([value for labels in label_sets for value in labels.lat], dtype=float)
    texts = [text for labels in label_sets for text in labels.text]
    half_width = (np.array([len(text) for text in texts], dtype=float) * CHAR_WIDTH_EM
                  * font_size / 2 * degrees_per_px)
    half_height = LINE_HEIGHT_EM * font_size / 2 * degrees_per_px
    alternatives = [others for labels in label_sets
                    for others in (labels.alternatives or ((),) * len(labels.text))]
    x = lon * shrink
    placed = np.zeros(len(texts), dtype=bool)
    for index in range(len(texts)):
        for lon_at, lat_at in ((lon[index], lat[index]), *alternatives[index]):
            x_at = lon_at * shrink
            inside = (x_at - half_width[index] >= min_lon * shrink
                      and x_at + half_width[index] <= max_lon * shrink)
            covers = (placed & (np.abs(x - x_at) < half_width + half_width[index])
                      & (np.abs(lat - lat_at) < 2 * half_height))
            if inside and not covers.any():
                lon[index], lat[index], x[index] = lon_at, lat_at, x_at
                placed[index] = True
                break
    sizes = [len(labels.text) for labels in label_sets]
    ends = np.cumsum(sizes, dtype=int)
    return [LabelPoints(lon[start:end][placed[start:end]].tolist(),
                        lat[start:end][placed[start:end]].tolist(),
                        [text for text, kept in zip(texts[start:end], placed[start:end],
                                                    strict=True) if kept])
            for start, end in zip(ends - sizes, ends, strict=True)]


def outline_bounds(outline: Outline) -> tuple[float, float, float, float]:
    """Smallest and largest longitude and latitude of the lines of an outline."""
    lon = [value for value in outline.lon if value is not None]
    lat = [value for value in outline.lat if value is not None]
    return min(lon), min(lat), max(lon), max(lat)
