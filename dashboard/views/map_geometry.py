"""The geometry a map view draws: its level of detail, its areas, outlines and GeoJSON files.

It depends only on the selection (départements, zonings, colouring, labels) and is
cached; :mod:`dashboard.views.map_view` colours it.

Level of detail
---------------
The geometry drawn follows the number of communes in view, so that a view costs about
the same whatever the region loaded:

* ``detail``: one to :data:`DETAIL_MAX_DEPARTEMENTS` départements holding at most
  :data:`DETAIL_MAX_COMMUNES` communes, drawn with the detailed geometry;
* ``overview``: up to :data:`MAX_COMMUNES_SHOWN` communes (a whole region such as
  Île-de-France and its 1,285 units), drawn with the simplified geometry;
* ``coarse``: more communes than that (metropolitan France has 34,784): the map colours
  the départements with the indicator aggregated over their communes (weighted as
  :mod:`geodata.observations.aggregation` defines), says so on the map, and draws every
  outline simplified further (:data:`COARSE_TOLERANCE`). Choosing a few départements
  brings the communes back.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard.figures.geojson import (
    Outline,
    feature_collection,
    label_points,
    lines_outline,
    outline_coordinates,
)
from dashboard.figures.map import ZoningLayer
from dashboard.strings import (
    HOVER_IRIS_NAME,
    MESH_BY_TERRITORY,
    MESH_CHOOSE,
    MESH_NO_IRIS,
    MESH_NOT_PUBLISHED,
)
from dashboard.views.data import AppData, load_app_data, split_ref
from dashboard.views.state import BY_COMMUNE, COMMUNE_MESH, IRIS_MESH, ViewState
from dashboard.views.territory_shapes import pieces, shared_rings, territory_shapes
from geodata.geometry import simplify_coverage

DETAIL, OVERVIEW, COARSE = "detail", "overview", "coarse"
#: At most this many départements, and :data:`DETAIL_MAX_COMMUNES` communes, are drawn
#: with the detailed geometry: the Pas-de-Calais (887 communes) weighs 123 kB gzipped
#: in detail, two large départements twice that.
DETAIL_MAX_DEPARTEMENTS = 3
DETAIL_MAX_COMMUNES = 1000
#: Most communes drawn one by one. Above, the map colours départements instead: all of
#: metropolitan France would be 1.8 MB gzipped and seconds of drawing in the browser, and
#: communes are not readable at that scale anyway. Any single region stays below.
MAX_COMMUNES_SHOWN = 3000
#: Simplification (degrees, about 2 km) of the coarse level: under two pixels on a map
#: of France; it brings its départements from 160 to 60 kB gzipped.
COARSE_TOLERANCE = 0.02
#: Decimals of the outline coordinates sent at each level, a tenth of a pixel or less
#: (0.001° is about 100 m, a tenth of a pixel on a map of France; 0.0001° a twentieth of
#: one on a map of Île-de-France): each decimal dropped is a sixth fewer bytes to encode
#: and send. The detail level keeps the 5 decimals of the geometry.
OUTLINE_DECIMALS = {OVERVIEW: 4, COARSE: 3}
#: What a GeoJSON file name says is coloured when départements stand in for communes.
DEPARTEMENT_AREAS = "departements"
#: What a GeoJSON file name says is coloured when IRIS stand in for the communes they split.
IRIS_AREAS = "iris"
CACHE_SIZE = 64
#: Separator of département codes in GeoJSON file names.
SCOPE_SEPARATOR = "-"
WHOLE_REGION = "region"
GEOJSON_SUFFIX = ".json"
#: Between territory id and commune code in the id of a piece of commune.
PIECE_SEPARATOR = "|"


@dataclass(frozen=True)
class Selection:
    """The part of the view that decides the geometry sent to the browser.

    ``unit_count`` is the number of communes in view (:meth:`of` counts them); left at
    0, the level of detail is decided by the number of départements alone. ``mesh`` is
    the mesh shown, IRIS only where :func:`iris_offered` allows it.
    """

    departements: tuple[str, ...]
    zonings: tuple[str, ...]
    colour_by: str
    labels: bool
    unit_count: int = 0
    mesh: str = COMMUNE_MESH

    @classmethod
    def of(cls, state: ViewState, data: AppData | None = None) -> Selection:
        """Select what a view of ``data`` draws (by default the region the app serves)."""
        data = load_app_data() if data is None else data
        selection = cls(state.departements, state.zonings, state.colour_by, state.labels,
                        unit_count(data, state.departements))
        if state.mesh == IRIS_MESH and iris_offered(data, selection, state.indicator) is None:
            return replace(selection, mesh=IRIS_MESH)
        return selection

    @property
    def level(self) -> str:
        """``detail``, ``overview`` or ``coarse``: see the module docstring."""
        if self.unit_count > MAX_COMMUNES_SHOWN:
            return COARSE
        detailed = (0 < len(self.departements) <= DETAIL_MAX_DEPARTEMENTS
                    and self.unit_count <= DETAIL_MAX_COMMUNES)
        return DETAIL if detailed else OVERVIEW

    @property
    def coloured(self) -> str:
        """What the areas are: ``communes``, ``iris``, ``departements`` or a zoning key."""
        if self.colour_by == BY_COMMUNE and self.level == COARSE:
            return DEPARTEMENT_AREAS
        if self.colour_by == BY_COMMUNE and self.mesh == IRIS_MESH:
            return IRIS_AREAS
        return self.colour_by

    @property
    def key(self) -> str:
        """Changes exactly when other areas are shown, and the map is fitted to them again.

        With the mesh too: IRIS or communes are other areas. Not with the zonings or names
        shown: the browser's figure holds every zoning's traces, and only their opacity
        changes (:mod:`dashboard.figures.map`).
        """
        return "|".join([",".join(self.departements), self.colour_by, self.level,
                         self.mesh])

    @property
    def areas_only(self) -> Selection:
        """The same areas, no zoning nor names shown: the key of what depends on the areas.

        Values, classes and hatching are cached under it, so that ticking a zoning or
        showing names never computes them again.
        """
        return replace(self, zonings=(), labels=False)


def iris_offered(data: AppData, selection: Selection, indicator_code: str) -> str | None:
    """Say why IRIS cannot be coloured in this view, or return None when they can.

    IRIS are drawn at the detail level (a few départements), when communes are coloured,
    where IRIS exist and for an indicator published by IRIS. The reason is French, for
    the hint beside the « Maille » control.
    """
    if not data.iris_departements:
        return MESH_NO_IRIS
    if selection.colour_by != BY_COMMUNE:
        return MESH_BY_TERRITORY
    if selection.level != DETAIL or not data.iris_departements.intersection(
            selection.departements):
        return MESH_CHOOSE.format(departements=", ".join(sorted(data.iris_departements)))
    if data.observations.iris_values(data.indicator(indicator_code)) is None:
        return MESH_NOT_PUBLISHED
    return None


@lru_cache(maxsize=CACHE_SIZE)
def unit_count(data: AppData, departements: tuple[str, ...]) -> int:
    """Count the communes (and arrondissements) of the départements, all if none."""
    shown = data.units["departement"]
    return int(shown.isin(departements).sum() if departements else len(shown))


def geojson_name(selection: Selection) -> str:
    """File name under which the browser fetches the areas of a selection."""
    scope = SCOPE_SEPARATOR.join(selection.departements) or WHOLE_REGION
    return f"{selection.coloured}-{selection.level}-{scope}{GEOJSON_SUFFIX}"


def shown_units(data: AppData, departements: tuple[str, ...], level: str) -> pd.DataFrame:
    """Return the communes of the départements (all if none) at ``level``."""
    units = data.units if level == DETAIL else data.overview
    return units[units["departement"].isin(departements)] if departements else units


@lru_cache(maxsize=CACHE_SIZE)
def iris_areas(data: AppData, departements: tuple[str, ...]) -> pd.DataFrame:
    """Return the IRIS of the shown départements that have some, the communes elsewhere.

    One département of IRIS is drawn in detail; more of them with the limits between
    IRIS simplified inside each commune (:data:`geodata.iris.build.OVERVIEW_TOLERANCE`,
    commune outlines unchanged): the same limits everywhere, 10 to 15 % fewer bytes.
    """
    with_iris = tuple(code for code in departements if code in data.iris_departements)
    iris = data.iris if len(with_iris) == 1 else data.iris_overview
    communes = shown_units(data, departements, DETAIL)
    inside = communes["departement"].isin(with_iris).to_numpy()
    iris = iris[iris["commune"].isin(communes.loc[inside, "code"])]
    others = communes[~inside]
    names = np.where(iris["type_iris"] == "Z", iris["nom"],
                     [HOVER_IRIS_NAME.format(nom=nom) for nom in iris["nom"]])
    return pd.DataFrame({
        "code": [*iris["code"], *others["code"]],
        "nom": [*names, *others["nom"]],
        "geometry": [*iris.geometry, *others.geometry],
        "commune": [*iris["commune"], *others["code"]],
    })


@lru_cache(maxsize=CACHE_SIZE)
def departement_geometries(data: AppData, level: str) -> gpd.GeoDataFrame:
    """Return the départements (code, nom, geometry) drawn at ``level``."""
    if level == DETAIL:
        return data.departements
    if level == OVERVIEW:
        return data.departements_overview
    coarse = data.departements_overview.copy()
    coarse.geometry = simplify_coverage(coarse.geometry, COARSE_TOLERANCE)
    return coarse


@lru_cache(maxsize=CACHE_SIZE)
def territory_geometries(data: AppData, zoning_key: str, level: str,
                         departements: tuple[str, ...] = ()) -> gpd.GeoSeries:
    """Return the outline of each territory of a zoning at ``level``, by territory id.

    With ``departements``, only the territories having communes there: dissolving those
    few is instant, whereas all the territories of France at the detail level take
    seconds. The coarse level simplifies the overview territories together, which keeps
    their shared borders identical; it needs territories that do not overlap (no commune
    shared between two of them), else the overview geometry is kept as is.
    """
    if departements:
        touching = territories_in(data, zoning_key, departements)
        if level == COARSE:
            territories = territory_geometries(data, zoning_key, COARSE)
            return territories[territories.index.isin(touching)]
        return _dissolved(data, zoning_key, level, touching)
    if level != COARSE:
        return data.territory_geometries(zoning_key, level)
    territories = data.territory_geometries(zoning_key, OVERVIEW)
    if (data.zonings[zoning_key].membership["code"].duplicated().any()
            or not shapely.coverage_is_valid(territories.to_numpy())):
        return territories
    return simplify_coverage(territories, COARSE_TOLERANCE)


@lru_cache(maxsize=CACHE_SIZE)
def territories_in(data: AppData, zoning_key: str,
                   departements: tuple[str, ...]) -> tuple[str, ...]:
    """Return the territories of a zoning with communes in the départements."""
    membership = data.zonings[zoning_key].membership
    codes = data.units.loc[data.units["departement"].isin(departements), "code"]
    return tuple(membership.loc[membership["code"].isin(codes), "territory_id"].unique())


@lru_cache(maxsize=CACHE_SIZE)
def _dissolved(data: AppData, zoning_key: str, level: str,
               territory_ids: tuple[str, ...]) -> gpd.GeoSeries:
    """Shapes of some territories, in the order of the zoning's membership."""
    return territory_shapes(data.zonings[zoning_key], _unit_geometry(data, level),
                            territory_ids)


@lru_cache(maxsize=CACHE_SIZE)
def _unit_geometry(data: AppData, level: str) -> gpd.GeoSeries:
    """Geometry of the units at ``level`` (detail or overview), indexed by code."""
    units = data.units if level == DETAIL else data.overview
    return units.set_index("code").geometry


def areas(data: AppData, selection: Selection) -> pd.DataFrame:
    """Return the coloured areas of a selection: communes, départements or territories.

    Columns ``code`` (the GeoJSON feature id), ``nom`` (shown on hover) and ``geometry``;
    for communes and IRIS also ``commune``, the unit each area lies in.
    """
    return _areas(data, selection.areas_only)


@lru_cache(maxsize=CACHE_SIZE)
def _areas(data: AppData, selection: Selection) -> pd.DataFrame:
    if selection.coloured == DEPARTEMENT_AREAS:
        deps = departement_geometries(data, selection.level)
        shown = deps[deps["code"].isin(selection.departements)] if selection.departements \
            else deps
        return pd.DataFrame({"code": shown["code"].to_numpy(),
                             "nom": (shown["nom"] + " (" + shown["code"] + ")").to_numpy(),
                             "geometry": shown.geometry.to_numpy()})
    if selection.coloured == IRIS_AREAS:
        return iris_areas(data, selection.departements)
    if selection.colour_by == BY_COMMUNE:
        units = shown_units(data, selection.departements, selection.level)
        return units[["code", "nom", "geometry"]].assign(commune=units["code"].to_numpy())
    zoning = data.zonings[selection.colour_by]
    shown = territory_geometries(data, selection.colour_by, selection.level,
                                 selection.departements)
    return pd.DataFrame({"code": shown.index,
                         "nom": [zoning.fiches[tid].nom for tid in shown.index],
                         "geometry": shown.to_numpy()})


def geojson_payload(data: AppData, name: str) -> dict | None:
    """Build the FeatureCollection of a :func:`geojson_name`, None if the name is unknown.

    Not cached: :mod:`dashboard.views.geo_files` keeps the compressed file, which is what is
    served again and again, and the dict would weigh ten times more in memory.
    """
    selection = selection_named(data, name)
    if selection is None:
        return None
    # No CRS: the geometry is WGS84 already, and building one costs a quarter of a second.
    return feature_collection(gpd.GeoDataFrame(areas(data, selection), geometry="geometry"))


def selection_named(data: AppData, name: str) -> Selection | None:
    """Find the selection whose :func:`geojson_name` is exactly ``name``, if any.

    Only the names the app itself makes are accepted (known départements in the data's
    order, the right level, the ``.json`` suffix): any other spelling of the same areas
    would be one more file to compute and keep.
    """
    coloured, _, rest = name.removesuffix(GEOJSON_SUFFIX).partition("-")
    scope = rest.partition("-")[2]
    departements = () if scope == WHOLE_REGION else tuple(scope.split(SCOPE_SEPARATOR))
    if departements != tuple(code for code in data.choices.departements if code in departements):
        return None
    for colour_by, mesh in _colourings(data, coloured):
        selection = Selection(departements, (), colour_by, False,
                              unit_count(data, departements), mesh)
        if geojson_name(selection) == name:
            return selection
    return None


def _colourings(data: AppData, coloured: str) -> Iterator[tuple[str, str]]:
    """Yield the ``colour_by`` and mesh that colour the areas a file name calls ``coloured``."""
    if coloured in (BY_COMMUNE, DEPARTEMENT_AREAS):
        yield BY_COMMUNE, COMMUNE_MESH
    elif coloured == IRIS_AREAS:
        yield BY_COMMUNE, IRIS_MESH
    elif coloured in data.zonings:
        yield coloured, COMMUNE_MESH


@lru_cache(maxsize=CACHE_SIZE)
def _clip(data: AppData, departements: tuple[str, ...], level: str) -> shapely.Geometry:
    deps = departement_geometries(data, level)
    shown = deps[deps["code"].isin(departements)] if departements else deps
    return shapely.buffer(shapely.union_all(shown.geometry.to_numpy()), 1e-4)


@lru_cache(maxsize=CACHE_SIZE)
def departement_outline(data: AppData, departements: tuple[str, ...], level: str) -> Outline:
    """Return the limits of the shown départements (all if none) at ``level``."""
    deps = departement_geometries(data, level)
    shown = deps[deps["code"].isin(departements)] if departements else deps
    return _rounded(outline_coordinates(shown.geometry), level)


@lru_cache(maxsize=CACHE_SIZE)
def zoning_layer(data: AppData, key: str, departements: tuple[str, ...],
                 level: str) -> ZoningLayer:
    """Return the outline and label points of a zoning, clipped to the shown départements.

    Communes shared in unknown parts get a dotted inner ring (``shared``).
    """
    zoning = data.zonings[key]
    geometries = territory_geometries(data, key, level, departements)
    clip = _clip(data, departements, level) if departements else None
    names = [zoning.fiches[tid].nom for tid in geometries.index]
    shown = pd.Index(shown_units(data, departements, level)["code"])
    rings = shared_rings(zoning, _unit_geometry(data, level), level, shown)
    return ZoningLayer(key, zoning.type.label,
                       _rounded(outline_coordinates(geometries, clip), level),
                       zoning.type.style, label_points(geometries, names, clip),
                       shared=_rounded(lines_outline(rings), level) if len(rings) else None)


@lru_cache(maxsize=CACHE_SIZE)
def zoning_pieces(data: AppData, key: str, departements: tuple[str, ...],
                  level: str) -> pd.DataFrame:
    """Parts of the shown communes cut by the zoning's polygons, hovered one by one.

    Columns ``id`` (``<territory>|<code>``), ``territory_id``, ``code``, ``geometry``;
    empty for a zoning without polygons.
    """
    zoning = data.zonings[key]
    if not zoning.shares or not zoning.outlines:
        return pd.DataFrame(columns=["id", "territory_id", "code", "geometry"])
    shown = shown_units(data, departements, level)
    cut = pieces(zoning, _unit_geometry(data, level).loc[shown["code"]])
    cut = cut[cut["partial"].to_numpy() & ~shapely.is_empty(cut["geometry"].to_numpy())]
    return pd.DataFrame({"id": (cut["territory_id"] + PIECE_SEPARATOR + cut["code"]).to_numpy(),
                         "territory_id": cut["territory_id"].to_numpy(),
                         "code": cut["code"].to_numpy(), "geometry": cut["geometry"].to_numpy()})


def _rounded(outline: Outline, level: str) -> Outline:
    """Round the lines to the :data:`OUTLINE_DECIMALS` of their level."""
    if level not in OUTLINE_DECIMALS:
        return outline
    decimals = OUTLINE_DECIMALS[level]
    return Outline(*([None if value is None else round(value, decimals) for value in values]
                     for values in outline))


@lru_cache(maxsize=CACHE_SIZE)
def highlight_outline(data: AppData, territory: str | None,
                      commune: str | None) -> Outline | None:
    """Return the outline of the selected territory, or else commune (None: nothing)."""
    if territory:
        key, tid = split_ref(territory)
        geometry = _dissolved(data, key, DETAIL, (tid,)).get(tid)
    elif commune:
        geometry = _unit_geometry(data, DETAIL).get(commune)
    else:
        return None
    return None if geometry is None else outline_coordinates([geometry])
