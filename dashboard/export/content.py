"""What a view puts on the printed map: its layers, names, extent and insets.

Geometry is the detailed one whatever the view (print shows what a screen's overview
level simplifies away), projected once to Lambert-93 and cached per region, selection or
zoning; only the classes change with the indicator. The same content draws the main map,
the Paris inset and the atlas pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import numpy as np
import shapely

from dashboard.classification import Classification, reclassify
from dashboard.export.constants import (
    CONTEXT_EDGE,
    CONTEXT_FILL,
    CONTEXT_LABEL_COLOUR,
    CONTEXT_LABEL_SIZE,
    DEPARTEMENT_BAND,
    INSET_CORES,
    LEGEND_OUTLINES_TITLE,
    MISSING_LEGEND,
    PRINT_LINE_SCALE,
    ZONING_LABEL_SIZE,
)
from dashboard.export.drawing.colours import readable_on_white
from dashboard.export.drawing.fonts import REGULAR
from dashboard.export.drawing.labels import LabelSet, LabelStyle
from dashboard.export.drawing.layers import (
    STAND_IN_STROKE,
    ChoroplethLayer,
    ContextLayer,
    LegendEntry,
    LegendSection,
    fill_sample,
    hatch_sample,
)
from dashboard.export.drawing.outlines import OutlineLayer, OutlineStack
from dashboard.export.drawing.points import PointLayer
from dashboard.export.drawing.projection import project
from dashboard.export.drawing.symbols import SymbolLayer
from dashboard.export.places import print_layers
from dashboard.export.texts import count_text, method_line
from dashboard.figures.geojson import Outline
from dashboard.figures.legend import legend_title
from dashboard.palettes import (
    DEPARTEMENT_STYLE,
    MISSING_COLOUR,
    TERRITORY_LINE,
    UNIT_LINE,
    OutlineStyle,
    class_colours,
    tint,
)
from dashboard.strings import DEPARTEMENT_OUTLINE_LABEL, ILLUSTRATIVE_SUFFIX
from dashboard.views.data import AppData
from dashboard.views.map_geometry import (
    DETAIL,
    Selection,
    areas,
    departement_geometries,
    territory_geometries,
    zoning_layer,
)
from dashboard.views.map_view import classify_view, coverage_note, mesh_label, missing_label
from dashboard.views.shading import area_values
from dashboard.views.state import BY_COMMUNE, ViewState
from dashboard.views.symbols import qpv_symbols
from geodata.context import DEPARTEMENT, REGION, load_context
from geodata.observations.places import PlaceList

#: A territory is named only if this share of it is in view (as on the app's map).
MIN_VISIBLE_SHARE = 0.25
#: Key suffix of the layer of a zoning's communes shared in unknown parts.
SHARED_RING_SUFFIX = "-partagees"
#: Zoning boundaries closer than this (metres) to the shown area's edge are left to the
#: département limit drawn there.
EDGE_M = 30.0


@dataclass(frozen=True, eq=False)
class Inset:
    """A part of the map enlarged beside it: projected extent and caption."""

    extent: tuple[float, float, float, float]
    title: str


@dataclass(frozen=True, eq=False)
class Locator:
    """Where the shown area lies: the polygons around it and the one to highlight."""

    world: np.ndarray
    highlight: shapely.Geometry


@dataclass(frozen=True, eq=False)
class MapContent:
    """Everything the printed map of a view draws, in Lambert-93 metres."""

    context: ContextLayer
    areas: ChoroplethLayer
    outlines: OutlineStack
    label_sets: tuple[LabelSet, ...]
    extent: tuple[float, float, float, float]
    shown: shapely.Geometry
    locator: Locator | None
    core: Inset | None
    symbols: SymbolLayer | None = None
    #: The lists of places shown, drawn last (:func:`dashboard.export.places.print_layers`).
    places: tuple[PointLayer, ...] = ()

    @property
    def layers(self) -> tuple:
        """Layers in drawing order.

        The page draws these, in the main map and in the inset, and stacks their legend
        sections: a new layer (hatched shared communes, points of interest) is added
        here, implementing :class:`~dashboard.export.drawing.layers.MapLayer`.
        """
        return (self.context, self.areas, self.outlines,
                *((self.symbols,) if self.symbols is not None else ()), *self.places)


def map_content(data: AppData, state: ViewState,
                common: Classification | None = None,
                places: tuple[PlaceList, ...] = ()) -> MapContent:
    """Build (or fetch from the cache) what the printed map of ``state`` draws.

    ``common`` replaces the view's own classification by classes computed elsewhere
    (the whole region's, for an atlas page): the view's values are put into them.
    ``places`` are the lists of places the view shows (shared or the user's own).
    """
    selection = Selection.of(state, data)
    values, classification = classify_view(data, state)
    if common is not None:
        classification = reclassify(common, values)
    geometry = _shown_geometry(data, selection.areas_only)
    return MapContent(
        context=_context_layer(data, selection.departements),
        areas=_choropleth(data, state, selection, geometry, classification, common),
        outlines=outline_stack(data, selection.departements, selection.zonings),
        label_sets=(*(_zoning_names(data, key, selection.departements)
                      for key in selection.zonings),
                    _context_names(data, selection.departements)),
        extent=tuple(shapely.total_bounds(geometry)),
        shown=shown_area(data, selection.departements),
        locator=_locator(data, selection.departements),
        core=_core_inset(data, selection.departements),
        symbols=_symbol_layer(data, selection.departements) if state.qpv else None,
        places=print_layers(places),
    )


def _choropleth(data: AppData, state: ViewState, selection: Selection, geometry: np.ndarray,
                classification: Classification, common: Classification | None
                ) -> ChoroplethLayer:
    """Colour the areas; name the mesh, the stand-in values and the missing ones."""
    indicator = data.indicator(state.indicator)
    colours = class_colours(classification.k, indicator.direction)
    by_commune = selection.colour_by == BY_COMMUNE
    coloured = selection.coloured
    values = area_values(data, selection, state.indicator)
    stand_in = np.where(classification.class_of < 0,
                        reclassify(classification, values.stand_in).class_of, -1)
    entries = [LegendEntry(f"{label} ({count_text(count, coloured)})", fill_sample(colour))
               for colour, label, count in zip(colours, classification.labels,
                                               classification.counts, strict=True)][::-1]
    stand_ins = int((stand_in >= 0).sum())
    if stand_ins:
        entries.append(LegendEntry(f"{values.stand_in_label} ({count_text(stand_ins, coloured)})",
                                   hatch_sample(tint(colours[-1]), STAND_IN_STROKE)))
    missing = classification.missing_count - stand_ins
    if missing:
        label = missing_label(indicator, selection) or MISSING_LEGEND
        entries.append(LegendEntry(f"{label} ({count_text(missing, coloured)})",
                                   hatch_sample(MISSING_COLOUR)))
    method = method_line(classification, data, common is not None)
    note = " ".join(filter(None, (classification.note, coverage_note(
        data, selection, indicator, values.own)))) or None
    section = LegendSection(legend_title(indicator), tuple(entries), note=note,
                            subtitle=method, mesh=mesh_label(data, selection))
    return ChoroplethLayer(geometry, classification.class_of, colours, MISSING_COLOUR,
                           dict(UNIT_LINE if by_commune else TERRITORY_LINE), section,
                           stand_in)


def _symbol_layer(data: AppData, departements: tuple[str, ...]) -> SymbolLayer | None:
    """Place the QPV circles of the view at their projected points."""
    symbols = qpv_symbols(data, departements)
    if symbols is None or not symbols.lon:
        return None
    points = project(shapely.points(symbols.lon, symbols.lat))
    return SymbolLayer(shapely.get_x(points), shapely.get_y(points),
                       np.asarray(symbols.diameters), symbols.legend)


@lru_cache(maxsize=32)
def _shown_geometry(data: AppData, selection: Selection) -> np.ndarray:
    """Projected polygons of the coloured areas, in the order of the view's values."""
    codes = areas(data, selection)["code"]
    if selection.coloured == BY_COMMUNE:
        shapes = _unit_shapes(data).reindex(codes).to_numpy()
    elif selection.coloured in data.zonings:
        shapes = territory_geometries(data, selection.colour_by, DETAIL,
                                      selection.departements).reindex(codes).to_numpy()
    else:
        shapes = areas(data, selection)["geometry"].to_numpy()
    return project(shapes)


@lru_cache(maxsize=4)
def _unit_shapes(data: AppData) -> gpd.GeoSeries:
    return data.units.set_index("code").geometry


@lru_cache(maxsize=32)
def shown_area(data: AppData, departements: tuple[str, ...]) -> shapely.Geometry:
    """Projected union of the shown départements."""
    deps = departement_geometries(data, DETAIL)
    shown = deps[deps["code"].isin(departements)] if departements else deps
    return shapely.union_all(project(shown.geometry.to_numpy()))


def outline_lines(outline: Outline) -> shapely.Geometry:
    """Turn an app outline (lon/lat lists, None between lines) into projected lines."""
    lines, current = [], []
    for lon, lat in zip(outline.lon, outline.lat, strict=True):
        if lon is None:
            lines.append(current)
            current = []
        else:
            current.append((lon, lat))
    lines.append(current)
    strings = [shapely.linestrings(line) for line in lines if len(line) > 1]
    return project(np.array([shapely.multilinestrings(strings)], dtype=object))[0]


@lru_cache(maxsize=32)
def outline_stack(data: AppData, departements: tuple[str, ...],
                   zonings: tuple[str, ...]) -> OutlineStack:
    """Département limits, then the outlines of ``zonings`` inside the shown area."""
    deps = departement_geometries(data, DETAIL)
    shown = deps[deps["code"].isin(departements)] if departements else deps
    boundaries = shapely.line_merge(shapely.union_all(shapely.boundary(
        project(shown.geometry.to_numpy()))))
    layers = [OutlineLayer("departements", DEPARTEMENT_OUTLINE_LABEL, boundaries,
                           DEPARTEMENT_STYLE, band=DEPARTEMENT_BAND)]
    # The edge of the shown area is a département limit: zonings are drawn inside it only.
    edge = shapely.buffer(shapely.boundary(shown_area(data, departements)), EDGE_M)
    illustrative = set(data.illustrative_zonings(zonings))
    rings = []
    for key in zonings:
        layer = zoning_layer(data, key, departements, DETAIL)
        label = layer.name + (ILLUSTRATIVE_SUFFIX if layer.name in illustrative else "")
        lines = shapely.difference(outline_lines(layer.outline), edge)
        layers.append(OutlineLayer(key, label, lines, _print_style(layer.style)))
        if layer.shared is not None and layer.shared.lon:
            # Under every zoning line: where a ring runs along a limit, the limit stays
            # on it and the ring is moved aside.
            rings.append(OutlineLayer(f"{key}{SHARED_RING_SUFFIX}", layer.shared_name,
                                      outline_lines(layer.shared),
                                      _print_style(layer.shared_style)))
    return OutlineStack((layers[0], *rings, *layers[1:]), LEGEND_OUTLINES_TITLE)


def _print_style(style: OutlineStyle) -> OutlineStyle:
    """Widen the app's line style for print."""
    return OutlineStyle(style.colour, style.dash, style.width * PRINT_LINE_SCALE)


@lru_cache(maxsize=32)
def _zoning_names(data: AppData, key: str, departements: tuple[str, ...]) -> LabelSet:
    """Names of a zoning's territories in view, largest visible part first."""
    zoning = data.zonings[key]
    shapes = territory_geometries(data, key, DETAIL, departements)
    projected = project(shapes.to_numpy())
    visible = shapely.intersection(projected, shown_area(data, departements))
    keep = shapely.area(visible) >= MIN_VISIBLE_SHARE * shapely.area(projected)
    order = [index for index in np.argsort(-shapely.area(visible), kind="stable")
             if keep[index]]
    names = tuple(zoning.fiches[shapes.index[index]].nom for index in order)
    style = LabelStyle(ZONING_LABEL_SIZE, readable_on_white(zoning.type.style.colour))
    return LabelSet(key, names, visible[order], style)


@lru_cache(maxsize=4)
def _context_frame(data: AppData) -> gpd.GeoDataFrame:
    """Return the region's context, projected (kind, code, nom, geometry)."""
    context = load_context(data.region)
    return context.assign(geometry=project(context.geometry.to_numpy()))


@lru_cache(maxsize=32)
def surroundings(data: AppData, departements: tuple[str, ...]) -> tuple[tuple[str, ...],
                                                                          np.ndarray]:
    """Names and projected shapes of the départements around the shown ones."""
    context = _context_frame(data)
    outside = context[context["kind"] == DEPARTEMENT]
    names, shapes = list(outside["nom"]), list(outside.geometry)
    if departements:
        deps = departement_geometries(data, DETAIL)
        others = deps[~deps["code"].isin(departements)]
        names += list(others["nom"])
        shapes += list(project(others.geometry.to_numpy()))
    return tuple(names), np.array(shapes, dtype=object)


def _context_layer(data: AppData, departements: tuple[str, ...]) -> ContextLayer:
    _, shapes = surroundings(data, departements)
    return ContextLayer(shapes, CONTEXT_FILL, CONTEXT_EDGE)


@lru_cache(maxsize=32)
def _context_names(data: AppData, departements: tuple[str, ...]) -> LabelSet:
    """Names of the surrounding départements, written outside the shown area."""
    names, shapes = surroundings(data, departements)
    outside = shapely.difference(shapes, shapely.buffer(shown_area(data, departements), 500))
    style = LabelStyle(CONTEXT_LABEL_SIZE, CONTEXT_LABEL_COLOUR, weight=REGULAR)
    return LabelSet("context", names, outside, style, counted=False)


@lru_cache(maxsize=32)
def _locator(data: AppData, departements: tuple[str, ...]) -> Locator | None:
    """France with the region, or the region with the shown départements."""
    if departements:
        world = project(data.departements_overview.geometry.to_numpy())
        return Locator(world, shown_area(data, departements))
    regions = _context_frame(data)
    regions = regions[regions["kind"] == REGION]
    own = regions[regions["code"] == data.region]
    if own.empty:
        return None
    return Locator(regions.geometry.to_numpy(), own.geometry.iloc[0])


def _core_inset(data: AppData, departements: tuple[str, ...]) -> Inset | None:
    """Return the dense core to enlarge in an inset, when the view shows it among more."""
    core = INSET_CORES.get(data.region)
    if core is None:
        return None
    codes, title = core
    shown = set(departements) or set(data.departements["code"])
    if not set(codes) <= shown or shown == set(codes):
        return None
    deps = departement_geometries(data, DETAIL)
    extent = shapely.total_bounds(project(deps[deps["code"].isin(codes)].geometry.to_numpy()))
    return Inset(tuple(extent), title)

