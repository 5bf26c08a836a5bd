"""Share of each commune that a territory's polygon covers: the polygon is the truth.

Where the region has IRIS units with a population (:func:`geodata.base.load_iris`), the
share of a commune is the share of its population inside the polygon, each IRIS split by
area: a CPTS holding the dense half of a city holds more than half of its people.
Elsewhere it is the share of the commune's area. Areas are measured in an equal-area
projection.

Polygons drawn by hand follow commune limits only approximately: a piece covering less
than :data:`~geodata.zonings.constants.SLIVER_SHARE` of a commune, or thinner than twice
:data:`~geodata.zonings.constants.SLIVER_WIDTH_M`, is a digitising sliver, dropped and
reported; a share above 1 minus that threshold is the whole commune. A territory whose
pieces are all slivers keeps its largest one: a polygon never vanishes from the map.
Where the shares of a commune add up to more than 1 minus the threshold (neighbouring
polygons overlapping, or jointly covering it), they are scaled to sum to 1, so that its
population is counted once.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.geometry import EQUAL_AREA_CRS

from .constants import MAX_CANDIDATES_PER_UNIT, SLIVER_SHARE, SLIVER_WIDTH_M
from .messages import fmt_int
from .report import FileProblem

#: How a share was measured, as the report says it.
BY_POPULATION = "part de la population des IRIS (Insee, RP 2022)"
BY_AREA = "part de la surface"
#: Candidate pairs are first counted on bounding boxes, which overlap more than shapes.
BOX_MARGIN = 3


@dataclass(frozen=True)
class PolygonShares:
    """What :func:`polygon_shares` found.

    Attributes
    ----------
    kept : pandas.DataFrame
        ``territory``, ``code``, ``share`` (0 to 1), ``method`` (:data:`BY_POPULATION`
        or :data:`BY_AREA`), ``kept_small`` (a sliver kept because it was all its
        territory had), ``normalised`` (scaled so that the commune's shares sum to 1).
    slivers : pandas.DataFrame
        ``territory``, ``code``, ``share`` of the pieces dropped.
    candidates : numpy.ndarray
        For each territory (order of the polygons), the positions in ``units`` of the
        communes it touches: what its outline is clipped to.
    """

    kept: pd.DataFrame
    slivers: pd.DataFrame
    candidates: tuple[np.ndarray, ...]


def polygon_shares(shapes: gpd.GeoSeries, units: gpd.GeoDataFrame,
                   iris: gpd.GeoDataFrame | None = None) -> PolygonShares:
    """Share of each commune covered by each territory polygon.

    Parameters
    ----------
    shapes : geopandas.GeoSeries
        One (multi)polygon per territory, indexed by territory id, with a CRS.
    units : geopandas.GeoDataFrame
        The communes (``code``, ``population``), a valid coverage.
    iris : geopandas.GeoDataFrame, optional
        IRIS units (``code``, ``commune``, ``population``; NaN when unknown) tiling their
        communes; empty or None: area shares everywhere.

    Raises
    ------
    FileProblem
        When the polygons touch far more communes than a zoning can (polygons each
        covering the whole region): refused before any costly intersection.
    """
    unit_shapes = units.geometry.to_crs(EQUAL_AREA_CRS).to_numpy()
    territory_shapes = shapes.to_crs(EQUAL_AREA_CRS).to_numpy()
    unit_index, shape_index = _candidates(unit_shapes, territory_shapes)
    pieces = shapely.intersection(unit_shapes[unit_index], territory_shapes[shape_index])
    unit_area = shapely.area(unit_shapes)
    area_share = shapely.area(pieces) / unit_area[unit_index]
    frame = pd.DataFrame({
        "shape": shape_index, "unit": unit_index,
        "territory": shapes.index.to_numpy()[shape_index],
        "code": units["code"].to_numpy()[unit_index],
        "share": area_share, "method": BY_AREA,
    })
    frame = frame[frame["share"] > 0].reset_index(drop=True)
    pieces = pieces[area_share > 0]
    if iris is not None and len(iris):
        frame = _population_shares(frame, territory_shapes, units, iris)
    frame.loc[frame["share"] > 1 - SLIVER_SHARE, "share"] = 1.0
    partial = frame["share"].to_numpy() < 1.0
    thin = np.zeros(len(frame), dtype=bool)
    thin[partial] = shapely.is_empty(shapely.buffer(pieces[partial], -SLIVER_WIDTH_M))
    keep = (frame["share"].to_numpy() >= SLIVER_SHARE) & ~thin
    kept_small = _largest_of_lost(frame, keep)
    keep |= kept_small
    frame["kept_small"] = kept_small
    kept = _normalised(frame[keep].copy())
    candidates = tuple(np.sort(unit_index[shape_index == position])
                       for position in range(len(territory_shapes)))
    columns = ["territory", "code", "share", "method", "kept_small", "normalised"]
    return PolygonShares(kept[columns].reset_index(drop=True),
                         frame.loc[~keep, ["territory", "code", "share"]].reset_index(drop=True),
                         candidates)


def _candidates(unit_shapes: np.ndarray, territory_shapes: np.ndarray) -> tuple[np.ndarray,
                                                                                np.ndarray]:
    """Pairs (unit, territory) whose shapes intersect, refused when far too many."""
    limit = MAX_CANDIDATES_PER_UNIT * len(unit_shapes)
    tree = shapely.STRtree(territory_shapes)
    boxes = tree.query(unit_shapes)
    if boxes.shape[1] > BOX_MARGIN * limit:
        raise _overlap(boxes.shape[1], len(unit_shapes))
    hits = shapely.intersects(unit_shapes[boxes[0]], territory_shapes[boxes[1]])
    unit_index, shape_index = boxes[0][hits], boxes[1][hits]
    if len(unit_index) > limit:
        raise _overlap(len(unit_index), len(unit_shapes))
    if not len(unit_index):
        raise FileProblem("outside_region")
    return unit_index, shape_index


def _overlap(pairs: int, units: int) -> FileProblem:
    return FileProblem("polygons_overlap", pairs=fmt_int(pairs), ratio=MAX_CANDIDATES_PER_UNIT,
                       units=fmt_int(units))


def _population_shares(frame: pd.DataFrame, territory_shapes: np.ndarray,
                       units: gpd.GeoDataFrame, iris: gpd.GeoDataFrame) -> pd.DataFrame:
    """Replace the area share by the population share where the commune has IRIS.

    An IRIS whose population is unknown (absent from the census table) gets the
    commune's population that the known IRIS do not hold, spread by area.
    """
    iris = iris[iris["commune"].isin(frame["code"].unique())]
    if not len(iris):
        return frame
    iris_shapes = iris.geometry.to_crs(EQUAL_AREA_CRS).to_numpy()
    area = shapely.area(iris_shapes)
    population = iris["population"].to_numpy(dtype=float)
    commune = iris["commune"].to_numpy()
    unknown = np.isnan(population)
    unit_population = units.set_index("code")["population"].astype(float)
    known_total = pd.Series(np.where(unknown, 0.0, population)).groupby(commune).sum()
    left = (unit_population.reindex(known_total.index) - known_total).clip(lower=0)
    unknown_area = pd.Series(np.where(unknown, area, 0.0)).groupby(commune).sum()
    estimate = (left.reindex(commune).to_numpy() * area
                / unknown_area.reindex(commune).replace(0, np.nan).to_numpy())
    population = np.where(unknown, np.nan_to_num(estimate), population)
    totals = pd.Series(population).groupby(commune).sum()
    weighted = totals[totals > 0].index
    rows = frame.index[frame["code"].isin(weighted)]
    if not len(rows):
        return frame
    by_commune = pd.Series(np.arange(len(iris))).groupby(commune).apply(np.asarray)
    shape_of, iris_of, piece_of = [], [], []
    for row in rows:
        members = by_commune[frame.at[row, "code"]]
        shape_of += [frame.at[row, "shape"]] * len(members)
        iris_of += members.tolist()
        piece_of += [row] * len(members)
    iris_of = np.asarray(iris_of, dtype=np.intp)
    covered = shapely.area(shapely.intersection(territory_shapes[np.asarray(shape_of)],
                                                iris_shapes[iris_of])) / area[iris_of]
    people = pd.Series(population[iris_of] * covered).groupby(np.asarray(piece_of)).sum()
    share = people / totals.reindex(frame.loc[people.index, "code"]).to_numpy()
    frame.loc[people.index, "share"] = share.clip(upper=1.0)
    frame.loc[people.index, "method"] = BY_POPULATION
    return frame


def _largest_of_lost(frame: pd.DataFrame, keep: np.ndarray) -> np.ndarray:
    """Mark, for each territory left without any piece, its largest piece."""
    lost = ~frame.assign(keep=keep).groupby("territory")["keep"].transform("any").to_numpy()
    marked = np.zeros(len(frame), dtype=bool)
    if lost.any():
        largest = frame[lost].groupby("territory")["share"].idxmax().to_numpy()
        marked[largest] = True
    return marked


def _normalised(kept: pd.DataFrame) -> pd.DataFrame:
    """Scale the shares of a commune to sum to 1 when they (nearly) cover it all."""
    total = kept.groupby("code")["share"].transform("sum")
    scale = (total >= 1 - SLIVER_SHARE) & ((total - 1).abs() > 1e-12)
    kept["normalised"] = scale.to_numpy() & (total > 1 + 1e-9).to_numpy()
    kept.loc[scale, "share"] = kept.loc[scale, "share"] / total[scale]
    return kept
