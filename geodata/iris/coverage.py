"""IRIS sub-units that tile their communes exactly, made from approximate IRIS polygons.

The published IRIS polygons are simplified one by one: they overlap (7 km² in Paris and
the petite couronne), leave gaps (10 km²) and stray up to 250 m into the next commune.
:func:`tile_communes` turns them into a valid coverage whose union per commune is the
commune, on the app's 1e-5° grid:

1. The boundaries of every unit and of every IRIS clipped to its own commune are noded
   together in one ``union_all`` and polygonised: each face lies in one unit. The noding
   is in floating point (:data:`NODING_GRID`): nodes land exactly on the unit edges, so
   no unit moves; snap rounding on the 1e-5° grid moved edges by up to a metre and bent
   them into zigzags where IRIS edges ran along them.
2. A face covered (more than half) by one IRIS of its commune goes to it; covered by
   several (an overlap), to the candidate sharing the longest border with faces already
   given; covered by none (a gap, or commune land the IRIS missed), to the IRIS of that
   commune sharing the longest border with it. IRIS parts in another commune are dropped.
3. A detached part of an IRIS smaller than :data:`SLIVER_M2` (not its largest part) goes
   to the neighbouring IRIS of the same commune with the longest border.
4. A unit of the IRIS départements without any IRIS polygon becomes one sub-unit
   ``<code>0000`` (type Z, « commune non découpée en IRIS »).
5. Faces are dissolved per IRIS and per unit: the units are re-derived from the same
   faces, so that « union of the IRIS of a unit == the unit » holds exactly and units
   and IRIS together form a valid coverage. The units gain the nodes where IRIS limits
   meet their edges (and the caller drops the nodes no limit needs:
   :func:`drop_spare_nodes`); :attr:`Tiling.moved` says which units moved, and how far.

Every adjustment is counted, with its area, in :attr:`Tiling.adjustments`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.geometry import EQUAL_AREA_CRS, polygonal_part

#: Detached IRIS parts smaller than this (m²) join a neighbour: slivers of the repair.
SLIVER_M2 = 1_000.0
#: A face belongs to a unit or an IRIS that holds more than this share of it.
MAJORITY = 0.5
#: Overlaps and gaps below this area (m²) are noise of the noding, not reported one by one.
REPORTED_M2 = 1.0
#: Code suffix and type of the single sub-unit of a commune without IRIS.
WHOLE_COMMUNE_SUFFIX, WHOLE_COMMUNE_TYPE = "0000", "Z"
#: Metres per degree of latitude, to report distances measured in degrees.
METRES_PER_DEGREE = 111_200.0
#: Grid of the noding: None for floating point (see the module docstring).
NODING_GRID = None
#: Simplification tolerance (degrees, about a centimetre) that drops the nodes lying on a
#: straight edge (those the noding inserted where no IRIS limit meets the edge) and no
#: vertex that shapes anything.
SPARE_NODE_TOLERANCE = 1e-7


@dataclass
class Tiling:
    """The IRIS sub-units, the units re-derived from the same faces, what was adjusted.

    Attributes
    ----------
    iris : geopandas.GeoDataFrame
        ``code``, ``nom``, ``type_iris``, ``commune`` (unit code), ``geometry``, by code.
    units : numpy.ndarray
        New geometry of every unit, in the order of the units given.
    adjustments : dict
        Per kind (``clipped``, ``overlaps``, ``gaps``, ``slivers``), the list of
        ``(code, m²)`` adjusted; ``lost`` IRIS left with no land; ``whole_communes``
        units given one sub-unit; ``unknown_communes`` IRIS whose commune is no unit.
    moved : pandas.Series
        Units whose outline changed (gained the nodes where IRIS limits meet it), with
        the largest shift in metres: none with the floating-point noding.
    """

    iris: gpd.GeoDataFrame
    units: np.ndarray
    adjustments: dict = field(default_factory=dict)
    moved: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))


def area_m2(geometries: np.ndarray) -> np.ndarray:
    """Area of WGS84 polygons in m², in an equal-area projection."""
    return gpd.GeoSeries(geometries, crs="EPSG:4326").to_crs(EQUAL_AREA_CRS).area.to_numpy()


def _valid(geometries: np.ndarray) -> np.ndarray:
    """``make_valid``, keeping the polygons (four source IRIS cross themselves)."""
    return np.array([polygonal_part(shape) for shape in shapely.make_valid(geometries)],
                    dtype=object)


def _overlaps(faces: np.ndarray, polygons: np.ndarray) -> pd.DataFrame:
    """(face, polygon, share of the face inside the polygon) for the intersecting pairs."""
    face, poly = shapely.STRtree(polygons).query(faces, predicate="intersects")
    share = (shapely.area(shapely.intersection(faces[face], polygons[poly]))
             / shapely.area(faces[face]))
    return pd.DataFrame({"face": face, "poly": poly, "share": share})


def _faces(units: np.ndarray, iris: np.ndarray, iris_unit: np.ndarray):
    """Faces of the noded unit boundaries and IRIS boundaries clipped to their unit.

    Returns the faces and the index of the unit holding most of each.
    """
    clipped = shapely.intersection(shapely.boundary(iris), units[iris_unit])
    lines = shapely.union_all(np.concatenate([shapely.boundary(units), clipped]),
                              grid_size=NODING_GRID)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))
    pairs = _overlaps(faces, units)
    best = pairs.sort_values("share").groupby("face").tail(1)
    best = best[best["share"] > MAJORITY].set_index("face")["poly"].sort_index()
    return faces[best.index.to_numpy()], best.to_numpy()


def _borders(faces: np.ndarray) -> dict[int, dict[int, float]]:
    """Length of the border shared by each pair of touching faces (degrees)."""
    left, right = shapely.STRtree(faces).query(faces, predicate="touches")
    keep = left < right
    left, right = left[keep], right[keep]
    length = shapely.length(shapely.intersection(shapely.boundary(faces[left]),
                                                 shapely.boundary(faces[right])))
    border: dict[int, dict[int, float]] = defaultdict(dict)
    for a, b, size in zip(left.tolist(), right.tolist(), length.tolist(), strict=True):
        if size > 0:
            border[a][b] = border[b][a] = size
    return border


def _cover(faces: np.ndarray, face_unit: np.ndarray, iris: np.ndarray,
           iris_unit: np.ndarray, iris_m2: np.ndarray) -> list[list[int]]:
    """IRIS of the face's own unit covering more than half of each face, largest first."""
    pairs = _overlaps(faces, iris)
    pairs = pairs[(pairs["share"] > MAJORITY)
                  & (iris_unit[pairs["poly"]] == face_unit[pairs["face"]])]
    cover: list[list[int]] = [[] for _ in faces]
    for face, poly in zip(pairs["face"].tolist(), pairs["poly"].tolist(), strict=True):
        cover[face].append(poly)
    for candidates in cover:
        candidates.sort(key=lambda k: -iris_m2[k])
    return cover


def _assign(cover: list[list[int]], border: dict, face_unit: np.ndarray,
            iris_unit: np.ndarray) -> np.ndarray:
    """Owner IRIS of every face, -1 for faces of units without IRIS.

    Faces covered by one IRIS are its own; the others go, round after round, to the
    candidate (or, in a gap, any IRIS of the same unit) with the longest border with the
    faces already given to it.
    """
    owner = np.array([c[0] if len(c) == 1 else -1 for c in cover])
    pending = [f for f in range(len(cover)) if owner[f] < 0]
    while pending:
        left = []
        for face in pending:
            lengths: dict[int, float] = defaultdict(float)
            for other, size in border.get(face, {}).items():
                k = owner[other]
                if k >= 0 and iris_unit[k] == face_unit[face] and (not cover[face]
                                                                    or k in cover[face]):
                    lengths[k] += size
            if lengths:
                owner[face] = max(lengths, key=lengths.get)
            else:
                left.append(face)
        if len(left) == len(pending):  # overlap faces touching none of their candidates
            for face in left:
                if cover[face]:
                    owner[face] = cover[face][0]
            left = [face for face in left if owner[face] < 0]
            if len(left) == len(pending):
                break  # land of a unit without IRIS
        pending = left
    return owner


def _parts(members: np.ndarray, border: dict) -> list[list[int]]:
    """Split faces into connected groups (touching along a border)."""
    todo = set(members.tolist())
    groups = []
    while todo:
        stack = [todo.pop()]
        group = []
        while stack:
            face = stack.pop()
            group.append(face)
            for other in border.get(face, {}):
                if other in todo:
                    todo.remove(other)
                    stack.append(other)
        groups.append(group)
    return groups


def _merge_slivers(owner: np.ndarray, border: dict, face_m2: np.ndarray,
                   iris_unit: np.ndarray) -> list[tuple[int, int, float]]:
    """Give the small detached parts of each IRIS to a neighbour; return (from, to, m²)."""
    moved = []
    for k in np.unique(owner[owner >= 0]).tolist():
        groups = _parts(np.flatnonzero(owner == k), border)
        if len(groups) == 1:
            continue
        sizes = [float(face_m2[group].sum()) for group in groups]
        largest = int(np.argmax(sizes))
        for index, group in enumerate(groups):
            if index == largest or sizes[index] >= SLIVER_M2:
                continue
            lengths: dict[int, float] = defaultdict(float)
            for face in group:
                for other, size in border.get(face, {}).items():
                    target = owner[other]
                    if target >= 0 and target != k and iris_unit[target] == iris_unit[k]:
                        lengths[target] += size
            if lengths:
                target = max(lengths, key=lengths.get)
                owner[group] = target
                moved.append((k, target, sizes[index]))
    return moved


def drop_spare_nodes(iris: np.ndarray, others: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop the vertices lying on straight edges from IRIS and the other units together.

    ``others`` are the units without IRIS (the whole region, so that every shared edge
    is simplified the same way on both sides): the coverage simplifier keeps the nodes
    where three polygons meet and every vertex that bends an edge by more than
    :data:`SPARE_NODE_TOLERANCE`. Returns both sets, still one valid coverage.
    """
    simplified = shapely.coverage_simplify(np.concatenate([iris, others]),
                                           SPARE_NODE_TOLERANCE)
    return simplified[:len(iris)], simplified[len(iris):]


def tile_communes(units: gpd.GeoDataFrame, iris: gpd.GeoDataFrame,
                  departements: tuple[str, ...]) -> Tiling:
    """Build the IRIS sub-units of ``departements`` and re-derive every unit.

    Parameters
    ----------
    units : geopandas.GeoDataFrame
        Every unit of the region: ``code``, ``nom``, ``departement``, ``geometry`` (a valid
        coverage on the 1e-5° grid).
    iris : geopandas.GeoDataFrame
        IRIS polygons (WGS84): ``code``, ``nom``, ``type_iris``, ``commune`` (a unit
        code, resolved by the caller).
    departements : tuple of str
        Départements the IRIS polygons describe: their units without any IRIS become one
        sub-unit each.
    """
    unit_geoms = units.geometry.to_numpy()
    unit_codes = units["code"].to_numpy()
    row_of_unit = {code: row for row, code in enumerate(unit_codes.tolist())}
    geoms = _valid(iris.geometry.to_numpy())
    iris_unit = np.array([row_of_unit[code] for code in iris["commune"]], dtype=int)
    iris_m2 = area_m2(geoms)
    outside = area_m2(shapely.difference(geoms, unit_geoms[iris_unit]))
    faces, face_unit = _faces(unit_geoms, geoms, iris_unit)
    face_m2 = area_m2(faces)
    cover = _cover(faces, face_unit, geoms, iris_unit, iris_m2)
    has_iris = np.isin(face_unit, iris_unit)
    codes = iris["code"].to_numpy()
    adjustments: dict = {
        "clipped": [(code, m2) for code, m2 in zip(codes, outside.tolist(), strict=True)
                    if m2 > REPORTED_M2],
        "overlaps": [(unit_codes[face_unit[f]], float(face_m2[f]))
                     for f, c in enumerate(cover) if len(c) > 1 and face_m2[f] > REPORTED_M2],
        "gaps": [(unit_codes[face_unit[f]], float(face_m2[f]))
                 for f, c in enumerate(cover)
                 if not c and has_iris[f] and face_m2[f] > REPORTED_M2],
    }
    border = _borders(faces)
    owner = _assign(cover, border, face_unit, iris_unit)
    owner[~has_iris] = -1
    adjustments["slivers"] = [(codes[k], float(m2)) for k, _, m2 in
                              _merge_slivers(owner, border, face_m2, iris_unit)]
    faces_of_unit = pd.Series(np.arange(len(faces))).groupby(face_unit).indices
    new_units = np.array([polygonal_part(shapely.coverage_union_all(faces[faces_of_unit[row]]))
                          for row in range(len(units))], dtype=object)
    faces_of_iris = pd.Series(np.arange(len(faces))).groupby(owner).indices
    rows, lost = [], []
    for k, row in enumerate(iris.itertuples(index=False)):
        mine = faces_of_iris.get(k)
        if mine is None:
            lost.append(row.code)
            continue
        rows.append((row.code, row.nom, row.type_iris, row.commune,
                     polygonal_part(shapely.coverage_union_all(faces[mine]))))
    wanted = units["departement"].isin(departements).to_numpy()
    with_iris = set(unit_codes[iris_unit].tolist())
    whole = [code for code in unit_codes[wanted].tolist() if code not in with_iris]
    names = dict(zip(unit_codes.tolist(), units["nom"].tolist(), strict=True))
    rows += [(code + WHOLE_COMMUNE_SUFFIX, names[code], WHOLE_COMMUNE_TYPE, code,
              new_units[row_of_unit[code]]) for code in whole]
    adjustments["lost"] = lost
    adjustments["whole_communes"] = whole
    frame = gpd.GeoDataFrame(pd.DataFrame(rows, columns=["code", "nom", "type_iris", "commune",
                                                         "geometry"]),
                             geometry="geometry", crs=units.crs)
    frame = frame.sort_values("code", ignore_index=True)
    changed = ~shapely.equals(new_units, unit_geoms)
    shift = shapely.hausdorff_distance(new_units[changed], unit_geoms[changed])
    moved = pd.Series(shift * METRES_PER_DEGREE, index=unit_codes[changed], name="metres")
    return Tiling(frame, new_units, adjustments, moved)
