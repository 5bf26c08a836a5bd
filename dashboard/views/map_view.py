"""From a view state to the map: values, classes, hover texts, the figure and its legend.

The geometry (:mod:`dashboard.views.map_geometry`) depends only on the selection and is
cached; colours depend on the indicator and classification and are cheap. The browser's
figure holds every zoning's outline and names, shown or not (:mod:`dashboard.figures.map`):
a click sends only the properties that changed (:mod:`dashboard.figures.patches`).
"""

from __future__ import annotations

import copy
import html
from dataclasses import replace
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard.classification import Classification, classify, reclassify
from dashboard.constants import FULL_COVERAGE
from dashboard.figures.geojson import Outline, feature_collection, outline_bounds, place_labels
from dashboard.figures.hatching import hatch_lines, view_spacing
from dashboard.figures.legend import Legend, LegendDetails, build_legend
from dashboard.figures.map import (
    AREA_LINE,
    PieceLayer,
    Shading,
    ZoningLayer,
    build_map_figure,
    hover_template,
    show_zonings,
)
from dashboard.figures.text import plotly_text
from dashboard.figures.zoom import label_patch_values, parse_view
from dashboard.formatting import format_number, format_share
from dashboard.palettes import OutlineStyle
from dashboard.strings import (
    HOVER_IRIS_OF,
    HOVER_PIECE,
    HOVER_PIECE_OTHERS,
    HOVER_WHOLE_COMMUNE,
    LEGEND_MESH_COMMUNE,
    LEGEND_MESH_IRIS,
    LEGEND_MESH_IRIS_AND_COMMUNES,
    LEGEND_PARTIAL_COVERAGE,
    MESH_OPTIONS,
    SOURCE_COMMUNE_VALUES,
    SOURCE_PREFIX,
)
from dashboard.views.data import AppData
from dashboard.views.map_geometry import (
    CACHE_SIZE,
    DEPARTEMENT_AREAS,
    IRIS_AREAS,
    Selection,
    areas,
    departement_outline,
    highlight_outline,
    iris_offered,
    zoning_layer,
    zoning_pieces,
)
from dashboard.views.shading import area_values, missing_reason
from dashboard.views.shares import member_share
from dashboard.views.sources import perimeter_sources
from dashboard.views.state import BY_COMMUNE, COMMUNE_MESH, IRIS_MESH, ViewState
from dashboard.views.symbols import qpv_symbols, symbols_trace
from dashboard.views.territories import hover_lines
from geodata.observations.indicators import Indicator

#: On-map note of the coarse level (French, shown to the user).
DEPARTEMENTS_NOTE = ("Valeurs agrégées par département ({communes} communes).<br>"
                     "Choisissez un ou quelques départements pour afficher les communes.")
#: Where the note sits: top left, clear of the page's legend (bottom left) and of the
#: mode bar (top right).
NOTE_ANNOTATION = {
    "x": 0.01, "y": 0.99, "xref": "paper", "yref": "paper", "xanchor": "left",
    "yanchor": "top", "showarrow": False, "align": "left",
    "bgcolor": "rgba(255,255,255,0.85)", "bordercolor": "#bbbbbb", "borderwidth": 1,
    "borderpad": 4, "font": {"size": 12},
}
#: Outline of the selected territory or commune, on top of everything.
HIGHLIGHT_STYLE = OutlineStyle("#000091", "solid", 4.0)
#: Figures kept per process: their geometry is shared with the outline caches, each
#: holds only the per-area fields (about 0.3 MB for the 1,285 units of Île-de-France).
FIGURE_CACHE_SIZE = 32


@lru_cache(maxsize=CACHE_SIZE)
def zoning_hover(data: AppData, key: str) -> pd.Series:
    """Return the hover line of one zoning for every unit ("DAC : …", or zone blanche).

    Computed once per zoning (a second for the CPTS of France), whatever the other
    zonings shown with it.
    """
    return hover_lines(data, (key,))


@lru_cache(maxsize=CACHE_SIZE)
def area_names(data: AppData, selection: Selection) -> pd.DataFrame:
    """Return code, name and commune of the areas, without geometry (cheaper to copy)."""
    shown = areas(data, selection)
    return pd.DataFrame(shown[[column for column in ("code", "nom", "commune")
                               if column in shown]])


@lru_cache(maxsize=CACHE_SIZE)
def _area_hover(data: AppData, selection: Selection) -> dict[str, pd.Series]:
    """Return the hover lines of the shown communes (or IRIS): the area's, then by zoning key.

    Every zoning the data offers, in its order: the figure's hover template names the
    lines of the shown ones (:func:`~dashboard.figures.map.build_map_figure`). First, under
    :data:`~dashboard.figures.map.AREA_LINE`, the commune an IRIS is part of (always shown);
    an IRIS gets its commune's lines.
    """
    names = area_names(data, selection)
    communes = names["commune"]
    lines = {}
    if selection.coloured == IRIS_AREAS:
        lines[AREA_LINE] = pd.Series(iris_lines(data, names), index=names["code"].to_numpy())
    for key in data.zonings:
        lines[key] = pd.Series(zoning_hover(data, key).reindex(communes).to_numpy(),
                               index=names["code"].to_numpy())
    return lines


def iris_lines(data: AppData, names: pd.DataFrame) -> list[str]:
    """First hover line of each area of the IRIS mesh: the commune an IRIS belongs to."""
    iris = data.iris_index
    unit_names = data.unit_index["nom"]
    lines = []
    for code, commune in zip(names["code"], names["commune"], strict=True):
        if code not in iris.index:
            lines.append("")
        elif iris.at[code, "type_iris"] == "Z":
            lines.append(HOVER_WHOLE_COMMUNE)
        else:
            lines.append(HOVER_IRIS_OF.format(commune=html.escape(unit_names[commune]),
                                              code=commune))
    return lines


def classify_view(data: AppData, state: ViewState) -> tuple[np.ndarray, Classification]:
    """Return own values and classes of the shown areas (ClassificationError on bad breaks)."""
    selection = Selection.of(state, data)
    return area_values(data, selection, state.indicator).own, _classified(
        data, selection, state.indicator, state.method, state.classes, state.breaks)


def _classified(data: AppData, selection: Selection, indicator_code: str, method: str,
                classes: int, breaks: tuple[str, ...]) -> Classification:
    """Classify the areas' own values; a Classification is immutable, so one serves all."""
    return _classification(data, selection.areas_only, indicator_code, method, classes, breaks)


@lru_cache(maxsize=CACHE_SIZE)
def _classification(data: AppData, selection: Selection, indicator_code: str, method: str,
                    classes: int, breaks: tuple[str, ...]) -> Classification:
    indicator = data.indicator(indicator_code)
    return classify(area_values(data, selection, indicator_code).own, method, classes, breaks,
                    unit=indicator.unit, decimals=indicator.decimals)


def _hatch(data: AppData, selection: Selection, indicator_code: str) -> Outline:
    """Hatching of the areas shown with a stand-in value, dense for the view's extent."""
    stand_in = area_values(data, selection, indicator_code).stand_in
    return _hatch_areas(data, selection.areas_only,
                        tuple(np.flatnonzero(~np.isnan(stand_in)).tolist()))


@lru_cache(maxsize=CACHE_SIZE)
def _hatch_areas(data: AppData, selection: Selection, hatched: tuple[int, ...]) -> Outline:
    """Hatch the areas at positions ``hatched``: cached by areas, not by indicator.

    The communes Filosofi withholds are the same for its six indicators: one hatching
    serves them all.
    """
    if not hatched:
        return Outline([], [])
    geometries = areas(data, selection)["geometry"].to_numpy()
    bounds = shapely.total_bounds(geometries)
    return hatch_lines(geometries[list(hatched)], view_spacing(tuple(bounds)))


def hatch_outline(data: AppData, state: ViewState) -> Outline:
    """Hatching of the view's areas shown with a stand-in value (for the other renderings)."""
    return _hatch(data, Selection.of(state, data), state.indicator)


def _shading(data: AppData, selection: Selection, indicator_code: str,
             classification: Classification) -> Shading:
    values = area_values(data, selection, indicator_code)
    return Shading(values.texts, reclassify(classification, values.stand_in).class_of,
                   _hatch(data, selection, indicator_code))


def highlight_trace(data: AppData, state: ViewState) -> dict:
    """Outline the selected territory, or else the selected commune, with a thick line.

    Always there, empty when nothing is selected: the figure keeps its traces, and a
    selection is a patch of this one.
    """
    outline = highlight_outline(data, state.territory, state.commune)
    return {"type": "scattergeo", "uid": "highlight", "mode": "lines", "name": "Sélection",
            "lon": outline.lon if outline else [], "lat": outline.lat if outline else [],
            "hoverinfo": "skip", "showlegend": False,
            "line": {"color": HIGHLIGHT_STYLE.colour, "width": HIGHLIGHT_STYLE.width}}


def departements_note(selection: Selection) -> dict | None:
    """Return the note saying départements stand in for communes, None for communes."""
    if selection.coloured != DEPARTEMENT_AREAS:
        return None
    return {**NOTE_ANNOTATION, "font": dict(NOTE_ANNOTATION["font"]),
            "text": DEPARTEMENTS_NOTE.format(communes=format_number(selection.unit_count, 0))}


def map_figure(data: AppData, state: ViewState, geojson_url: str | dict,
               zoom: list | None = None) -> dict:
    """Build the whole map figure of a view (its legend: :func:`map_legend`).

    ``geojson_url`` is the URL of :func:`geojson_name`'s file: the browser's figure, with
    the traces of every zoning (those not shown transparent) and of the selection, always
    in the same order, so that a click is a patch. Or it is the file's payload itself: a
    static export's figure, with the shown zonings only, their names placed together.
    Figures naming a URL are cached: the one returned is a copy whose dicts (figure,
    traces, layout) may be changed, but whose lists are shared with the cache and must
    be left alone.

    ``zoom`` is what the browser's map shows after the user zoomed or panned: ``[west,
    south, east, north, width px, height px]`` (``ids.MAP_ZOOM``); the shown zonings'
    names are then placed for that view, closer views fitting more (three CPTS in one
    city). Ignored when malformed, and by static exports.
    """
    selection = Selection.of(state, data)
    view = (state.indicator, state.method, state.classes, state.breaks)
    if isinstance(geojson_url, str):
        cached = _browser_figure(data, selection.areas_only, *view, geojson_url)
        by_commune = selection.coloured in (BY_COMMUNE, IRIS_AREAS)
        columns = (*((AREA_LINE,) if selection.coloured == IRIS_AREAS else ()),
                   *data.zonings) if by_commune else ()
        shown = show_zonings(cached, selection.zonings, selection.labels, hover_template(
            data.indicator(state.indicator), not by_commune, columns, selection.zonings))
        figure = {"data": [*(dict(trace) for trace in shown["data"]),
                           highlight_trace(data, state)],
                  "layout": copy.deepcopy(shown["layout"])}
        frame = parse_view(zoom)
        if frame is not None and selection.labels:
            zoomed = label_patch_values(figure, _layers(data, selection), *frame)
            for index, fields in zoomed.items():
                figure["data"][index].update(fields)
    else:
        figure = _figure(data, selection, *view, geojson_url)
        if state.territory or state.commune:
            figure["data"].append(highlight_trace(data, state))
    # Only when asked for, unlike the zonings' outlines: transparent circles would still
    # catch the clicks and hovers meant for the areas under them (plotly.js ignores
    # ``hoverinfo: "skip"`` on geo markers). Showing them is therefore a whole figure.
    symbols = qpv_symbols(data, selection.departements) if state.qpv else None
    if symbols is not None:
        figure["data"].append(symbols_trace(symbols))
    note = departements_note(selection)
    if note is not None:
        figure["layout"]["annotations"] = [note]
    return figure


def map_legend(data: AppData, state: ViewState) -> Legend:
    """Build the legend of a view's map: its classes, mesh, hatching and outlines drawn."""
    selection = Selection.of(state, data)
    classification = _classified(data, selection, state.indicator, state.method,
                                 state.classes, state.breaks)
    indicator = data.indicator(state.indicator)
    values = area_values(data, selection, state.indicator)
    stand_ins = int(np.isfinite(values.stand_in).sum())
    symbols = qpv_symbols(data, selection.departements) if state.qpv else None
    legend = build_legend(classification, indicator, _layers(data, selection),
                        illustrative=data.illustrative_zonings(selection.zonings),
                        details=LegendDetails(
                            mesh=mesh_label(data, selection),
                            stand_in=(values.stand_in_label, stand_ins) if stand_ins else None,
                            missing=missing_label(indicator, selection),
                            sources=view_source_lines(data, state),
                            perimeters=perimeter_sources(data, selection.zonings)))
    coverage = coverage_note(data, selection, indicator, values.own)
    if coverage:
        legend = replace(legend, note=" ".join(filter(None, (legend.note, coverage))))
    return replace(legend, symbols=symbols.legend) if symbols is not None else legend


def coverage_note(data: AppData, selection: Selection, indicator: Indicator,
                  own: np.ndarray) -> str | None:
    """Say how much of the population shown has a value, when a source leaves units out.

    Only for indicators whose missing values have a reason of their own (QPV of Paris
    not given by arrondissement, CAF only for large communes, a user's file): a map of
    communes with a fifth of its population grey says so, and why, in its legend.
    """
    reason = missing_reason(indicator, selection.coloured)
    if (reason is None or selection.colour_by != BY_COMMUNE
            or selection.coloured in (DEPARTEMENT_AREAS, IRIS_AREAS)):
        return None
    codes = areas(data, selection)["code"]
    population = data.unit_index["population"].reindex(codes).to_numpy(dtype=float)
    total = population.sum()
    share = float(population[np.isfinite(own)].sum() / total) if total else 1.0
    if share >= FULL_COVERAGE:
        return None
    return LEGEND_PARTIAL_COVERAGE.format(share=format_share(share, "{share}"),
                                          reason=reason)


def mesh_choice(data: AppData, state: ViewState) -> tuple[list[dict], str]:
    """Options of the « Maille » control (IRIS disabled where not offered) and its hint."""
    selection = Selection.of(replace(state, mesh=COMMUNE_MESH), data)
    reason = iris_offered(data, selection, state.indicator)
    options = [{"label": label, "value": value, "disabled": value == IRIS_MESH and bool(reason)}
               for value, label in MESH_OPTIONS.items()]
    return options, reason or ""


def mesh_label(data: AppData, selection: Selection) -> str | None:
    """Legend line naming the mesh, for communes and IRIS (None for territories)."""
    if selection.colour_by != BY_COMMUNE or selection.coloured == DEPARTEMENT_AREAS:
        return None
    if selection.coloured != IRIS_AREAS:
        return LEGEND_MESH_COMMUNE
    with_iris = [code for code in selection.departements if code in data.iris_departements]
    template = (LEGEND_MESH_IRIS if len(with_iris) == len(selection.departements)
                else LEGEND_MESH_IRIS_AND_COMMUNES)
    return template.format(departements=", ".join(with_iris))


def missing_label(indicator: Indicator, selection: Selection) -> str | None:
    """Legend label of missing values when it is not the secret statistique (else None).

    The hover says the same words (:func:`dashboard.views.shading.missing_reason`).
    """
    return missing_reason(indicator, selection.coloured)


def view_source_lines(data: AppData, state: ViewState) -> tuple[str, ...]:
    """Source lines of the values a view's map shows: IRIS values, then commune values.

    At the IRIS mesh the communes shown beside the IRIS, and the commune values that
    unpublished IRIS are shown with, come from the commune source.
    """
    indicator = data.indicator(state.indicator)
    if Selection.of(state, data).coloured != IRIS_AREAS:
        return (indicator.source,)
    return (indicator.iris_source, SOURCE_COMMUNE_VALUES.format(
        source=indicator.source.removeprefix(SOURCE_PREFIX)))


def _figure(data: AppData, selection: Selection, indicator_code: str, method: str,
            classes: int, breaks: tuple[str, ...], geojson: str | dict) -> dict:
    """Build the figure of a selection, without highlight nor note (see :func:`map_figure`).

    For the browser (``geojson`` a URL), every zoning the data offers, its names placed
    on its own (:func:`placed_layer`), none shown: :func:`map_figure` shows some.
    """
    values = area_values(data, selection, indicator_code).own
    classification = _classified(data, selection, indicator_code, method, classes, breaks)
    by_commune = selection.coloured in (BY_COMMUNE, IRIS_AREAS)
    browser = isinstance(geojson, str)
    if browser:
        layers = [placed_layer(data, key, selection.departements, selection.level)
                  for key in data.zonings]
    else:
        layers = _layers(data, selection)
    hover = _area_hover(data, selection) if by_commune else {}
    return build_map_figure(
        area_names(data, selection), values, classification, data.indicator(indicator_code),
        geojson, departement_outline(data, selection.departements, selection.level),
        layers, by_territory=not by_commune,
        hover_lines={key: hover[key] for key in (AREA_LINE, *(layer.key for layer in layers))
                     if key in hover},
        show_labels=selection.labels, show_legend=False, uirevision=selection.key,
        shading=_shading(data, selection, indicator_code, classification),
        pieces=piece_layers(data, selection, tuple(layer.key for layer in layers)),
        shown=selection.zonings if browser else None)


_browser_figure = lru_cache(maxsize=FIGURE_CACHE_SIZE)(_figure)


@lru_cache(maxsize=CACHE_SIZE)
def placed_layer(data: AppData, key: str, departements: tuple[str, ...],
                 level: str) -> ZoningLayer:
    """Return a zoning's layer with the names that fit, placed without the other zonings'.

    The browser's figure toggles each zoning's names on its own, so their places cannot
    depend on which other zonings are shown (:mod:`dashboard.figures.map`); static
    exports place the shown zonings' names together instead.
    """
    layer = zoning_layer(data, key, departements, level)
    bounds = outline_bounds(departement_outline(data, departements, level))
    return replace(layer, labels=place_labels([layer.labels], bounds)[0])


@lru_cache(maxsize=CACHE_SIZE)
def piece_layers(data: AppData, selection: Selection,
                 keys: tuple[str, ...]) -> tuple[PieceLayer, ...]:
    """Parts of the shown communes cut by the polygons of the zonings ``keys``.

    Only when communes are coloured: each piece names the territory covering it, with
    the commune's value and the other zonings' lines, as the commune's own hover does:
    one line per zoning of ``keys``, the hover columns of the figure, whose template
    names those of the shown zonings (:func:`~dashboard.figures.map.show_zonings`).
    """
    if selection.coloured != BY_COMMUNE:
        return ()
    codes = area_names(data, selection)["code"]
    position = pd.Series(range(len(codes)), index=codes.to_numpy())
    names = data.unit_index["nom"]
    layers = []
    for key in keys:
        cut = zoning_pieces(data, key, selection.departements, selection.level)
        cut = cut[cut["code"].isin(position.index)]
        if not len(cut):
            continue
        zoning = data.zonings[key]
        lines = []
        for tid, code in zip(cut["territory_id"], cut["code"], strict=True):
            others = [zoning.fiches[other].nom for other in zoning.territories_of(code)
                      if other != tid]
            own = HOVER_PIECE.format(
                label=plotly_text(zoning.type.label), name=plotly_text(zoning.fiches[tid].nom),
                share=member_share(zoning, tid, code), others=HOVER_PIECE_OTHERS.format(
                    names=plotly_text(", ".join(others))) if others else "")
            lines.append(tuple(own if other == key else zoning_hover(data, other)[code]
                               for other in keys))
        frame = gpd.GeoDataFrame({"id": cut["id"].to_numpy()}, geometry=cut["geometry"].to_numpy())
        layers.append(PieceLayer(
            key=key, geojson=feature_collection(frame, "id"), ids=tuple(cut["id"]),
            names=tuple(f"{names[code]} ({code})" for code in cut["code"]),
            lines=tuple(lines), positions=tuple(position[cut["code"]].tolist())))
    return tuple(layers)


def _layers(data: AppData, selection: Selection) -> list[ZoningLayer]:
    return [zoning_layer(data, key, selection.departements, selection.level)
            for key in selection.zonings]
