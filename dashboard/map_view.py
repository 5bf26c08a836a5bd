"""From a view state to the map: which areas, which outlines, which colours.

Geometry-heavy parts (GeoJSON, outlines, labels) depend only on the selection and are
cached; colours depend on the indicator and classification and are cheap, so changing
them sends a small patch instead of a new figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import shapely

from dashboard.classification import Classification, classify
from dashboard.data import AppData, split_ref
from dashboard.figures.geojson import (
    Outline,
    feature_collection,
    label_points,
    outline_coordinates,
)
from dashboard.figures.legend import Legend, build_legend
from dashboard.figures.map import ZoningLayer, build_map_figure, recolour_patch_values
from dashboard.palettes import OutlineStyle
from dashboard.state import BY_COMMUNE, ViewState
from dashboard.territories import hover_lines
from geodata.aggregation import aggregate_indicator

#: More départements than this are drawn with the simplified overview geometry.
DETAIL_MAX_DEPARTEMENTS = 3
#: Outline of the selected territory or commune, on top of everything.
HIGHLIGHT_STYLE = OutlineStyle("#000091", "solid", 4.0)
CACHE_SIZE = 64


@dataclass(frozen=True)
class Selection:
    """The part of the view that decides the geometry sent to the browser."""

    departements: tuple[str, ...]
    zonings: tuple[str, ...]
    colour_by: str
    labels: bool

    @classmethod
    def of(cls, state: ViewState) -> Selection:
        return cls(state.departements, state.zonings, state.colour_by, state.labels)

    @property
    def level(self) -> str:
        detailed = 0 < len(self.departements) <= DETAIL_MAX_DEPARTEMENTS
        return "detail" if detailed else "overview"

    @property
    def key(self) -> str:
        """Changes exactly when the figure must be rebuilt rather than recoloured."""
        return "|".join([",".join(self.departements), ",".join(self.zonings), self.colour_by,
                         str(self.labels)])


def geojson_name(selection: Selection) -> str:
    """File name under which the browser fetches the areas of a selection."""
    scope = "-".join(selection.departements) or "region"
    what = "communes" if selection.colour_by == BY_COMMUNE else selection.colour_by
    return f"{what}-{selection.level}-{scope}.json"


def shown_units(data: AppData, departements: tuple[str, ...], level: str) -> pd.DataFrame:
    units = data.units if level == "detail" else data.overview
    return units[units["departement"].isin(departements)] if departements else units


@lru_cache(maxsize=CACHE_SIZE)
def areas(data: AppData, selection: Selection) -> pd.DataFrame:
    """The coloured areas of a selection with their geometry: communes or territories."""
    units = shown_units(data, selection.departements, selection.level)
    if selection.colour_by == BY_COMMUNE:
        return units[["code", "nom", "geometry"]]
    zoning = data.zonings[selection.colour_by]
    territories = data.territory_geometries(selection.colour_by, selection.level)
    touched = zoning.membership.loc[zoning.membership["code"].isin(units["code"]),
                                    "territory_id"].unique()
    shown = territories[territories.index.isin(touched)]
    return pd.DataFrame({"code": shown.index, "nom": [zoning.fiches[tid].nom for tid in shown.index],
                         "geometry": shown.to_numpy()})


@lru_cache(maxsize=CACHE_SIZE)
def geojson_payload(data: AppData, name: str) -> dict | None:
    """The FeatureCollection behind a :func:`geojson_name`, or None if the name is unknown."""
    for selection in _selections_named(data, name):
        import geopandas as gpd
        frame = gpd.GeoDataFrame(areas(data, selection), geometry="geometry", crs="EPSG:4326")
        return feature_collection(frame)
    return None


def _selections_named(data: AppData, name: str):
    stem = name.removesuffix(".json")
    what, _, rest = stem.partition("-")
    level, _, scope = rest.partition("-")
    departements = () if scope == "region" else tuple(scope.split("-"))
    colour_by = BY_COMMUNE if what == "communes" else what
    if (set(departements) <= set(data.choices.departements)
            and (colour_by == BY_COMMUNE or colour_by in data.zonings)):
        selection = Selection(departements, (), colour_by, False)
        if selection.level == level:
            yield selection


@lru_cache(maxsize=CACHE_SIZE)
def _clip(data: AppData, departements: tuple[str, ...], level: str) -> shapely.Geometry:
    deps = data.departements if level == "detail" else data.departements_overview
    shown = deps[deps["code"].isin(departements)] if departements else deps
    return shapely.buffer(shapely.union_all(shown.geometry.to_numpy()), 1e-4)


@lru_cache(maxsize=CACHE_SIZE)
def departement_outline(data: AppData, departements: tuple[str, ...], level: str) -> Outline:
    deps = data.departements if level == "detail" else data.departements_overview
    shown = deps[deps["code"].isin(departements)] if departements else deps
    return outline_coordinates(shown.geometry)


@lru_cache(maxsize=CACHE_SIZE)
def zoning_layer(data: AppData, key: str, departements: tuple[str, ...],
                 level: str) -> ZoningLayer:
    """Outline and label points of one zoning, clipped to the shown départements."""
    zoning = data.zonings[key]
    geometries = data.territory_geometries(key, level)
    clip = _clip(data, departements, level) if departements else None
    names = [zoning.fiches[tid].nom for tid in geometries.index]
    style = zoning.type.style
    return ZoningLayer(key, zoning.type.label, outline_coordinates(geometries, clip),
                       OutlineStyle(style.color, style.dash, style.width),
                       label_points(geometries, names, clip))


@lru_cache(maxsize=CACHE_SIZE)
def _hover(data: AppData, zonings: tuple[str, ...]) -> pd.Series:
    return hover_lines(data, zonings)


def area_values(data: AppData, selection: Selection, indicator_code: str) -> np.ndarray:
    """Indicator value of each coloured area (aggregated for territories)."""
    shown = areas(data, selection)
    indicator = data.indicator(indicator_code)
    if selection.colour_by == BY_COMMUNE:
        return data.table[indicator_code].reindex(shown["code"]).to_numpy(dtype=float)
    membership = data.zonings[selection.colour_by].membership.rename(
        columns={"territory_id": "territory"})
    aggregated = aggregate_indicator(data.table, indicator, membership)
    return aggregated["value"].reindex(shown["code"]).to_numpy(dtype=float)


def classify_view(data: AppData, state: ViewState) -> tuple[np.ndarray, Classification]:
    """Values and classes of the shown areas (raises ClassificationError on bad breaks)."""
    values = area_values(data, Selection.of(state), state.indicator)
    indicator = data.indicator(state.indicator)
    classification = classify(values, state.method, state.classes, state.breaks,
                              unit=indicator.unit, decimals=indicator.decimals)
    return values, classification


def highlight_trace(data: AppData, state: ViewState) -> dict | None:
    """Thick outline of the selected territory, or else of the selected commune."""
    if state.territory:
        key, tid = split_ref(state.territory)
        geometry = data.territory_geometries(key, "detail").get(tid)
    elif state.commune:
        geometry = data.units.set_index("code").geometry.get(state.commune)
    else:
        return None
    if geometry is None:
        return None
    outline = outline_coordinates([geometry])
    return {"type": "scattergeo", "uid": "highlight", "mode": "lines", "name": "Sélection",
            "lon": outline.lon, "lat": outline.lat, "hoverinfo": "skip", "showlegend": False,
            "line": {"color": HIGHLIGHT_STYLE.colour, "width": HIGHLIGHT_STYLE.width}}


def map_figure(data: AppData, state: ViewState, geojson_url: str) -> tuple[dict, Legend]:
    """The whole map figure and its legend for a view."""
    selection = Selection.of(state)
    values, classification = classify_view(data, state)
    indicator = data.indicator(state.indicator)
    layers = [zoning_layer(data, key, selection.departements, selection.level)
              for key in selection.zonings]
    figure = build_map_figure(
        areas(data, selection)[["code", "nom"]], values, classification, indicator,
        geojson_url, departement_outline(data, selection.departements, selection.level),
        layers, by_territory=selection.colour_by != BY_COMMUNE,
        hover_lines=_hover(data, selection.zonings) if selection.colour_by == BY_COMMUNE
        else None,
        show_labels=selection.labels, show_legend=False, uirevision=selection.key)
    highlight = highlight_trace(data, state)
    if highlight is not None:
        figure["data"].append(highlight)
    return figure, build_legend(classification, indicator, layers)


def recolour(data: AppData, state: ViewState) -> tuple[dict[int, dict], Legend]:
    """Patch fields and legend when only the indicator or classification changed."""
    selection = Selection.of(state)
    values, classification = classify_view(data, state)
    indicator = data.indicator(state.indicator)
    layers = [zoning_layer(data, key, selection.departements, selection.level)
              for key in selection.zonings]
    fields = recolour_patch_values(values, classification, indicator,
                                   by_territory=selection.colour_by != BY_COMMUNE)
    return fields, build_legend(classification, indicator, layers)
