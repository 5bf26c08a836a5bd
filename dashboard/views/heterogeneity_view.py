"""Heterogeneity and zones blanches pages: figures and tables, as pure functions (no Dash).

Two layers, like :mod:`dashboard.views.map_view` over :mod:`dashboard.figures`:

- builders that take frames and return plotly.js dicts or table rows, tested on small
  inputs: :func:`heatmap_figure`, :func:`status_figure`, :func:`mismatch_figure`,
  :func:`gaps_figure`, :func:`split_rows`, :func:`need_rows`…;
- views that take the loaded data and the state's choices (départements, pair, zoning),
  call :mod:`geodata.heterogeneity` on the communes of the chosen départements and cache
  the result: :func:`nesting_view`, :func:`pair_view`, :func:`gaps_view`.

Scope: every analysis runs on the communes of the chosen départements (the whole region
when none), so a territory astride a limit counts only by its part inside; the list of
territories crossing a département limit, on the contrary, looks at whole territories.

Examples
--------
>>> matrix = pd.DataFrame({"a": ["dac", "cpts"], "b": ["cpts", "dac"],
...                        "nesting_index": [0.5, 0.93], "territories": [2, 40],
...                        "split_territories": [1, 3], "outside_share": [0.0, 0.0]})
>>> figure = heatmap_figure(matrix, {"dac": "DAC", "cpts": "CPTS"})
>>> figure["data"][0]["text"]
[['', '0,50'], ['0,93', '']]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass, replace
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard import strings
from dashboard.classification import Classification, ClassificationError, classify
from dashboard.constants import FONT_FAMILY, TEXT_COLOUR, TRANSPARENT
from dashboard.figures.geojson import COORDINATE_DECIMALS, Outline, outline_coordinates
from dashboard.figures.legend import Legend, build_legend
from dashboard.figures.map import HOVER_LABEL, ZoningLayer, build_map_figure, map_layout
from dashboard.formatting import format_number, format_share, format_value
from dashboard.palettes import COLORBREWER, DEPARTEMENT_STYLE, OutlineStyle
from dashboard.views.data import AppData
from dashboard.views.map_view import (
    Selection,
    areas,
    departement_outline,
    geojson_name,
    zoning_layer,
)
from dashboard.views.state import BY_COMMUNE, ViewState
from geodata.heterogeneity import (
    NESTING_LABELS,
    Nesting,
    boundary_mismatch,
    departement_crossings,
    gaps_by_departement,
    nesting_matrix,
    overlaps,
    split_territories,
    territory_nesting,
    unit_edges,
)
from geodata.observations.indicators import Indicator
from geodata.zonings import Zoning

CACHE_SIZE = 32
#: Indicator of the "besoin" score of a zone blanche: population × poverty rate.
NEED_INDICATOR = "TP6021"
#: Sequential, colour-blind-safe ramp of the nesting matrix (ColorBrewer Blues, 9 classes,
#: used as a continuous scale): dark = well nested.
NESTING_COLORSCALE = [[index / 8, colour] for index, colour in enumerate(COLORBREWER["Blues"][9])]
NESTING_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
INDEX_DECIMALS = 2
#: Zoning labels longer than this are written on two lines in the matrix.
TICK_WIDTH = 12

#: Fill of a territory by its nesting in the other zoning (Okabe-Ito orange for a split
#: territory: it stands out for every colour vision; pale blue and grey for the others).
STATUS_COLOURS: Mapping[str, str] = {
    Nesting.NESTED.value: "#cfe0ef",
    Nesting.SPLIT.value: "#e69f00",
    Nesting.OUTSIDE.value: "#bdbdbd",
    "": "#ffffff",
}
STATUS_ORDER = tuple(STATUS_COLOURS)
STATUS_LINE = {"color": "#4d4d4d", "width": 0.8}
#: Boundaries of one zoning only (Okabe-Ito vermillion and blue, solid and dashed so that
#: they differ in grey too), over the boundaries both share.
MISMATCH_STYLES = {"a": OutlineStyle("#d55e00", "solid", 3.0),
                   "b": OutlineStyle("#0072b2", "dash", 3.0)}
COMMON_STYLE = OutlineStyle("#9a9a9a", "solid", 1.0)
#: Zones blanches map: covered communes are only a light background.
COVERED_COLOUR = "#f2f2f2"
COVERED_LINE = {"color": "#c8c8c8", "width": 0.3}
GAPS_OUTLINE_STYLE = OutlineStyle("#1a1a1a", "solid", 1.6)


# --- Scope ---------------------------------------------------------------------------------

def selection(data: AppData, departements: tuple[str, ...], colour_by: str) -> Selection:
    """Select what the main map would draw for these départements, coloured by ``colour_by``.

    Built like the main map's selection, so that the GeoJSON file names (and the
    browser's cache) are the same, and the geo routes serve them.
    """
    return Selection.of(ViewState(departements=departements, zonings=(), colour_by=colour_by),
                        data)


def scope_level(data: AppData, departements: tuple[str, ...]) -> str:
    """Geometry level of a département selection, as on the main map."""
    return selection(data, departements, BY_COMMUNE).level


@lru_cache(maxsize=CACHE_SIZE)
def scope_units(data: AppData, departements: tuple[str, ...]) -> gpd.GeoDataFrame:
    """Communes of the chosen départements (all when none), detailed geometry."""
    units = data.units
    if departements:
        units = units[units["departement"].isin(departements)]
    return units.reset_index(drop=True)


def zoning_labels(data: AppData) -> dict[str, str]:
    """Short French label of each loaded zoning, in the data's order."""
    return {key: zoning.type.label for key, zoning in data.zonings.items()}


def format_index(value: float) -> str:
    """Write a nesting index as users read it: "0,93", "n.d." when undefined."""
    if value is None or not np.isfinite(value):
        return strings.NESTING_UNDEFINED
    return format_number(float(value), INDEX_DECIMALS)


def format_km(length: float) -> str:
    """Write a length in whole kilometres: "1 918 km"."""
    return format_value(length, strings.KILOMETRES, 0)


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows for AG Grid: missing values as None (JSON null), numbers as Python numbers."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _number_format(decimals: int) -> dict:
    """AG Grid value formatter writing French numbers (``assets/dashAgGridFunctions.js``)."""
    return {"function": f"frenchNumber(params.value, {decimals})"}


def _number_column(field: str, header: str, decimals: int = 0, width: int = 130) -> dict:
    """Define a number column: sortable, French format, no filter (pages filter by département)."""
    return {"field": field, "headerName": header, "width": width, "type": "numericColumn",
            "filter": False, "valueFormatter": _number_format(decimals)}


def _text_column(field: str, header: str, **options) -> dict:
    return {"field": field, "headerName": header, **options}


# --- Nesting matrix --------------------------------------------------------------------------

@lru_cache(maxsize=CACHE_SIZE)
def nesting_view(data: AppData, departements: tuple[str, ...]) -> pd.DataFrame:
    """:func:`~geodata.heterogeneity.nesting_matrix` of the loaded zonings on the scope."""
    return nesting_matrix(data.zonings, scope_units(data, departements))


def heatmap_figure(matrix: pd.DataFrame, labels: Mapping[str, str]) -> dict:
    """Draw the nesting matrix as a heatmap: rows A (nested), columns B (containing).

    Parameters
    ----------
    matrix : pandas.DataFrame
        :func:`~geodata.heterogeneity.nesting_matrix` rows (``a``, ``b``,
        ``nesting_index``, ``territories``, ``split_territories``, ``outside_share``).
    labels : mapping of str to str
        Zoning key → French label, in the order of the rows and columns.

    Returns
    -------
    dict
        Plotly.js figure: one heatmap whose ``x`` and ``y`` are zoning keys (so that a
        click tells the pair) shown with their labels; ``z`` is the index (None on the
        diagonal), ``text`` the index written "0,93".
    """
    keys = list(labels)
    cells = matrix.set_index(["a", "b"])
    z: list[list[float | None]] = []
    text: list[list[str]] = []
    hover: list[list[str]] = []
    for a in keys:
        z_row, text_row, hover_row = [], [], []
        for b in keys:
            if a == b or (a, b) not in cells.index:
                z_row.append(None)
                text_row.append("")
                hover_row.append("")
                continue
            cell = cells.loc[(a, b)]
            value = float(cell["nesting_index"])
            z_row.append(value if np.isfinite(value) else None)
            text_row.append(format_index(value))
            hover_row.append(_cell_hover(cell, labels[a], labels[b]))
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    ticktext = [_wrapped(labels[key]) for key in keys]
    axis = {"type": "category", "tickmode": "array", "tickvals": keys, "ticktext": ticktext,
            "showgrid": False, "zeroline": False, "fixedrange": True, "ticks": "",
            "tickfont": {"size": 13}, "automargin": True}
    return {
        "data": [{
            "type": "heatmap",
            "uid": "nesting",
            "x": keys,
            "y": keys,
            "z": z,
            "zmin": 0,
            "zmax": 1,
            "colorscale": deepcopy(NESTING_COLORSCALE),
            "text": text,
            "texttemplate": "%{text}",
            "textfont": {"size": 16},
            "customdata": hover,
            "hovertemplate": "%{customdata}<extra></extra>",
            "hoverongaps": False,
            "xgap": 3,
            "ygap": 3,
            "colorbar": {
                "title": {"text": strings.NESTING_COLORBAR, "side": "top"},
                "tickmode": "array",
                "tickvals": list(NESTING_TICKS),
                "ticktext": [format_number(tick, 2).rstrip("0").rstrip(",")
                             for tick in NESTING_TICKS],
                "thickness": 14,
                "len": 0.9,
                "outlinewidth": 0,
            },
        }],
        "layout": {
            "xaxis": {**axis, "side": "top",
                      "title": {"text": strings.NESTING_AXIS_B, "standoff": 8}},
            "yaxis": {**deepcopy(axis), "autorange": "reversed",
                      "title": {"text": strings.NESTING_AXIS_A, "standoff": 8}},
            "margin": {"l": 4, "r": 4, "t": 4, "b": 4, "pad": 0},
            "paper_bgcolor": TRANSPARENT,
            "plot_bgcolor": TRANSPARENT,
            "font": {"family": FONT_FAMILY, "color": TEXT_COLOUR, "size": 13},
            "hoverlabel": deepcopy(HOVER_LABEL),
            "dragmode": False,
            "clickmode": "event",
        },
    }


def _wrapped(label: str, width: int = TICK_WIDTH) -> str:
    """Put a long zoning label on two lines ("Réseaux<br>périnatalité"): the matrix stays wide."""
    if len(label) <= width or " " not in label:
        return label
    head, _, tail = label.partition(" ")
    return f"{head}<br>{tail}"


def _cell_hover(cell: pd.Series, a: str, b: str) -> str:
    lines = [
        strings.NESTING_HOVER.format(a=a, b=b, value=format_index(cell["nesting_index"])),
        strings.NESTING_HOVER_SPLIT.format(split=int(cell["split_territories"]),
                                           total=int(cell["territories"]), a=a, b=b),
    ]
    if cell["outside_share"] > 0:
        lines.append(strings.NESTING_HOVER_OUTSIDE.format(
            share=format_share(cell["outside_share"], "{share}"), b=b))
    lines.append(f"<i>{strings.NESTING_HOVER_CLICK}</i>")
    return "<br>".join(lines)


# --- Territories crossing département limits -------------------------------------------------

def crossing_columns() -> list[dict]:
    """Define the columns of the crossings table (French headers)."""
    labels = strings.CROSSINGS_COLUMNS
    return [
        _text_column("zonage", labels["zonage"], width=110),
        _text_column("territoire", labels["territoire"], minWidth=200, flex=2,
                     tooltipField="territoire"),
        _text_column("departement", labels["departement"], minWidth=165, flex=1,
                     tooltipField="departement"),
        _number_column("population", labels["population"], width=110),
        _number_column("part", labels["part"], 1, width=110),
    ]


@lru_cache(maxsize=CACHE_SIZE)
def crossing_view(data: AppData, departements: tuple[str, ...]) -> pd.DataFrame:
    """Territories of every zoning astride a département limit, population on each side.

    Whole territories are looked at (all units), and those touching the chosen
    départements kept: a limit crossed at the edge of the selection is what matters.
    """
    names = dict(zip(data.departements["code"], data.departements["nom"], strict=True))
    frames = []
    for zoning in data.zonings.values():
        pieces = departement_crossings(zoning, data.units)
        if departements:
            touching = pieces.loc[pieces["piece"].isin(departements), "territory_id"]
            pieces = pieces[pieces["territory_id"].isin(touching)]
        frames.append(crossing_rows(pieces, zoning, names))
    columns = [column["field"] for column in crossing_columns()]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def crossing_rows(pieces: pd.DataFrame, zoning: Zoning,
                  departement_names: Mapping[str, str]) -> pd.DataFrame:
    """Rows of the crossings table from :func:`~geodata.heterogeneity.departement_crossings`."""
    return pd.DataFrame({
        "zonage": zoning.type.label,
        "territoire": pieces["territory_id"].map(lambda tid: zoning.fiches[tid].nom),
        "departement": [f"{code} — {departement_names.get(code, code)}"
                        for code in pieces["piece"]],
        "population": pieces["population"].round().astype(int),
        "part": (pieces["share"] * 100).round(1),
    }, columns=[column["field"] for column in crossing_columns()])


# --- Pair of zonings ----------------------------------------------------------------------------

@dataclass(frozen=True)
class PairView:
    """Everything the pair section shows for zonings ``a`` and ``b`` on a scope."""

    a: str
    b: str
    labels: tuple[str, str]
    index: float
    reverse_index: float
    nesting_a: pd.DataFrame
    nesting_b: pd.DataFrame
    mismatch_km: Mapping[str, float]
    figures: tuple[dict, dict, dict]
    split: pd.DataFrame
    #: Whether A, and B, leave communes of the scope uncovered (blank on their map).
    has_gaps: tuple[bool, bool] = (False, False)

    @property
    def split_counts(self) -> tuple[int, int, int, int]:
        """Split and total territories of A in B, then of B in A."""
        split = Nesting.SPLIT.value
        return (int((self.nesting_a["status"] == split).sum()), len(self.nesting_a),
                int((self.nesting_b["status"] == split).sum()), len(self.nesting_b))


@lru_cache(maxsize=4)
def _edges(data: AppData, departements: tuple[str, ...]):
    return unit_edges(scope_units(data, departements))


def mismatch_lengths(mismatch: gpd.GeoDataFrame) -> dict[str, float]:
    """Total length in km of the boundaries of A only (``"a"``) and of B only (``"b"``)."""
    totals = mismatch.groupby("side")["length_km"].sum() if len(mismatch) else pd.Series()
    return {side: float(totals.get(side, 0.0)) for side in ("a", "b")}


def lines_outline(geometries: Sequence[shapely.Geometry] | gpd.GeoSeries) -> Outline:
    """Lines (LineString, MultiLineString) as flat lon/lat lists, None between lines."""
    parts = shapely.get_parts(np.asarray(geometries, dtype=object))
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


def bounds_of(*geometries: Sequence[shapely.Geometry]) -> tuple[float, float, float, float]:
    """West, south, east, north of all the geometries given."""
    every = np.concatenate([np.asarray(group, dtype=object) for group in geometries])
    return tuple(float(value) for value in shapely.total_bounds(every))


def extent_trace(bounds: tuple[float, float, float, float]) -> dict:
    """Two invisible corners: maps that fit them show exactly the same area."""
    west, south, east, north = bounds
    return {"type": "scattergeo", "uid": "extent", "mode": "markers",
            "lon": [west, east], "lat": [south, north],
            "marker": {"size": 1, "opacity": 0}, "hoverinfo": "skip", "showlegend": False}


def _line(uid: str, name: str, outline: Outline, style: OutlineStyle,
          show_legend: bool = False) -> dict:
    return {"type": "scattergeo", "uid": uid, "name": name, "mode": "lines",
            "lon": outline.lon, "lat": outline.lat,
            "line": {"color": style.colour, "width": style.width, "dash": style.dash},
            "hoverinfo": "skip", "showlegend": show_legend}


def _pair_layout(uirevision: str) -> dict:
    layout = map_layout(uirevision, False)
    layout["margin"] = {"l": 4, "r": 4, "t": 4, "b": 4, "pad": 0}
    return layout


def status_of(territories: pd.DataFrame, nesting: pd.DataFrame) -> pd.Series:
    """Nesting status of each territory (``""`` when it has no population), by ``code``."""
    return nesting["status"].reindex(territories["code"]).fillna("").astype(str)


def status_figure(territories: pd.DataFrame, nesting: pd.DataFrame, geojson: str | dict,
                  other: ZoningLayer, departements: Outline,
                  bounds: tuple[float, float, float, float], other_label: str,
                  other_names: Mapping[str, str], uirevision: str) -> dict:
    """Territories of one zoning coloured by how they nest in the other, under its outlines.

    Parameters
    ----------
    territories : pandas.DataFrame
        ``code`` (territory id, feature id in ``geojson``) and ``nom``.
    nesting : pandas.DataFrame
        :func:`~geodata.heterogeneity.territory_nesting` of this zoning in the other.
    geojson : str or dict
        Territory polygons (URL served by :mod:`dashboard.server.geo_routes`, or inline).
    other : ZoningLayer
        Outlines of the other zoning, drawn over the fills in its own style.
    departements : Outline
        Département limits.
    bounds : tuple of float
        Area shown (:func:`extent_trace`), the same for the maps of a pair.
    other_label : str
        Label of the other zoning, for the hover.
    other_names : mapping
        Territory id → name in the other zoning, for the hover's main territory.
    uirevision : str
        Zoom and pan persist while it keeps its value.
    """
    status = status_of(territories, nesting)
    rows = nesting.reindex(territories["code"])
    hover = []
    for name, state, main, share in zip(territories["nom"], status, rows["main"],
                                        rows["main_share"], strict=True):
        lines = [f"<b>{name}</b>"]
        if state:
            lines.append(NESTING_LABELS[Nesting(state)].format(label=other_label))
            if isinstance(main, str):
                lines.append(f"{other_names.get(main, main)} : "
                             f"{format_share(share, strings.GAPS_SHARE)}")
        else:
            lines.append(strings.PAIR_NO_POPULATION)
        hover.append("<br>".join(lines))
    fill = {
        "type": "choropleth",
        "uid": "territories",
        "geojson": geojson if isinstance(geojson, str) else dict(geojson),
        "featureidkey": "id",
        "locations": territories["code"].astype(str).tolist(),
        "z": [STATUS_ORDER.index(state) for state in status],
        "zmin": -0.5,
        "zmax": len(STATUS_ORDER) - 0.5,
        "colorscale": _discrete_scale([STATUS_COLOURS[state] for state in STATUS_ORDER]),
        "customdata": hover,
        "hovertemplate": "%{customdata}<extra></extra>",
        "marker": {"line": dict(STATUS_LINE)},
        "showscale": False,
        "showlegend": False,
    }
    traces = [fill, _line("departements", "", departements, DEPARTEMENT_STYLE),
              _line(f"zoning-{other.key}", other.name, other.outline, other.style),
              extent_trace(bounds)]
    return {"data": traces, "layout": _pair_layout(uirevision)}


def _discrete_scale(colours: Sequence[str]) -> list[list[float | str]]:
    """Colorscale giving integer ``z`` = i the exact colour ``colours[i]``."""
    scale: list[list[float | str]] = []
    for index, colour in enumerate(colours):
        scale += [[index / len(colours), colour], [(index + 1) / len(colours), colour]]
    return scale


def mismatch_figure(mismatch: gpd.GeoDataFrame, labels: tuple[str, str],
                    context: Sequence[ZoningLayer], departements: Outline,
                    bounds: tuple[float, float, float, float], uirevision: str) -> dict:
    """Boundaries of A only and of B only, in two colours, over the boundaries they share.

    Parameters
    ----------
    mismatch : geopandas.GeoDataFrame
        :func:`~geodata.heterogeneity.boundary_mismatch` of A and B (WGS84).
    labels : tuple of str
        Labels of A and B, for the trace names ("Limites propres aux CPTS").
    context : sequence of ZoningLayer
        Outlines of A and B, drawn thin and grey below: where they are not covered by a
        coloured line, both zonings share the boundary.
    """
    traces = [_line("departements", "", departements, DEPARTEMENT_STYLE)]
    for index, layer in enumerate(context):
        traces.append(_line(f"common-{index}", strings.MISMATCH_COMMON, layer.outline,
                            COMMON_STYLE, show_legend=index == 0))
    for side, label in zip(("a", "b"), labels, strict=True):
        lines = mismatch.geometry[mismatch["side"] == side] if len(mismatch) else []
        traces.append(_line(f"mismatch-{side}", strings.MISMATCH_OWN.format(label=label),
                            lines_outline(lines), MISMATCH_STYLES[side], show_legend=True))
    traces.append(extent_trace(bounds))
    return {"data": traces, "layout": _pair_layout(uirevision)}


def split_columns(a_label: str, b_label: str) -> list[dict]:
    """Column definitions of the split territories table (French headers)."""
    labels = strings.SPLIT_COLUMNS
    return [
        _text_column("territoire", labels["territoire"].format(a=a_label), minWidth=220,
                     flex=1, tooltipField="territoire"),
        _number_column("population", labels["population"], width=125),
        _number_column("part_principale", labels["part_principale"], 1, width=150),
        _text_column("principal", labels["principal"].format(b=b_label), minWidth=190,
                     flex=1),
        _number_column("pieces", labels["pieces"], width=100),
        _number_column("hors", strings.SPLIT_OUTSIDE_COLUMN.format(b=b_label), 1, width=120),
        _text_column("repartition", labels["repartition"], minWidth=280, flex=2,
                     tooltipField="repartition"),
    ]


def split_rows(pieces: pd.DataFrame, nesting: pd.DataFrame,
               b_names: Mapping[str, str]) -> pd.DataFrame:
    """One row per split territory of A, its largest pieces first in « Répartition ».

    Parameters
    ----------
    pieces : pandas.DataFrame
        :func:`~geodata.heterogeneity.split_territories` (A in B).
    nesting : pandas.DataFrame
        :func:`~geodata.heterogeneity.territory_nesting` (A in B).
    b_names : mapping
        Territory id of B → name.

    Returns
    -------
    pandas.DataFrame
        Columns of :func:`split_columns`, by decreasing population.
    """
    fields = [column["field"] for column in split_columns("", "")]
    if pieces.empty:
        return pd.DataFrame(columns=fields)
    rows = []
    for tid, group in pieces.groupby("territory_id", sort=False):
        line = nesting.loc[tid]
        parts = " ; ".join(f"{name} : {format_share(share, '{share}')}"
                          for name, share in zip(group["piece_nom"], group["share"],
                                                 strict=True))
        rows.append({
            "territoire": group["nom"].iloc[0],
            "population": int(round(line["population"])),
            "part_principale": round(float(line["main_share"]) * 100, 1),
            "principal": b_names.get(line["main"], "") if isinstance(line["main"], str) else "",
            "pieces": int(line["pieces"]),
            "hors": round(float(line["outside_share"]) * 100, 1),
            "repartition": parts,
        })
    frame = pd.DataFrame(rows, columns=fields)
    return frame.sort_values("population", ascending=False, ignore_index=True)


@lru_cache(maxsize=CACHE_SIZE)
def pair_view(data: AppData, a: str, b: str, departements: tuple[str, ...],
              urls: tuple[str, str]) -> PairView:
    """Build the two status maps, the overlay of mismatched boundaries and the split table.

    ``urls`` are the GeoJSON URLs of the territories of A and of B (the callback knows
    the server's routes); :func:`territory_geojson_names` gives their file names.
    """
    units = scope_units(data, departements)
    zoning_a, zoning_b = data.zonings[a], data.zonings[b]
    labels = (zoning_a.type.label, zoning_b.type.label)
    level = scope_level(data, departements)
    nesting_a = territory_nesting(zoning_a, zoning_b, units)
    nesting_b = territory_nesting(zoning_b, zoning_a, units)
    areas_a = areas(data, selection(data, departements, a))
    areas_b = areas(data, selection(data, departements, b))
    bounds = bounds_of(areas_a.geometry, areas_b.geometry)
    layer_a = zoning_layer(data, a, departements, level)
    layer_b = zoning_layer(data, b, departements, level)
    deps = departement_outline(data, departements, level)
    names_a = {tid: fiche.nom for tid, fiche in zoning_a.fiches.items()}
    names_b = {tid: fiche.nom for tid, fiche in zoning_b.fiches.items()}
    uirevision = f"paire|{a}|{b}|{','.join(departements)}"
    mismatch = boundary_mismatch(zoning_a, zoning_b, _edges(data, departements))
    figures = (
        status_figure(areas_a[["code", "nom"]], nesting_a, urls[0], layer_b, deps, bounds,
                      labels[1], names_b, uirevision),
        status_figure(areas_b[["code", "nom"]], nesting_b, urls[1], layer_a, deps, bounds,
                      labels[0], names_a, uirevision),
        mismatch_figure(mismatch, labels, (layer_a, layer_b), deps, bounds, uirevision),
    )
    return PairView(
        a=a, b=b, labels=labels,
        index=_index_of(nesting_view(data, departements), a, b),
        reverse_index=_index_of(nesting_view(data, departements), b, a),
        nesting_a=nesting_a, nesting_b=nesting_b,
        mismatch_km=mismatch_lengths(mismatch), figures=figures,
        split=split_rows(split_territories(zoning_a, zoning_b, units), nesting_a, names_b),
        has_gaps=tuple(bool((~zoning.covers(units["code"])).any())
                       for zoning in (zoning_a, zoning_b)),
    )


def territory_geojson_names(data: AppData, a: str, b: str,
                            departements: tuple[str, ...]) -> tuple[str, str]:
    """File names under which the geo routes serve the territories of A and of B."""
    return (geojson_name(selection(data, departements, a)),
            geojson_name(selection(data, departements, b)))


def communes_geojson_name(data: AppData, departements: tuple[str, ...]) -> str:
    """File name of the communes of the scope: the main map's own file."""
    return geojson_name(selection(data, departements, BY_COMMUNE))


def _index_of(matrix: pd.DataFrame, a: str, b: str) -> float:
    row = matrix[(matrix["a"] == a) & (matrix["b"] == b)]
    return float(row["nesting_index"].iloc[0]) if len(row) else float("nan")


# --- Zones blanches --------------------------------------------------------------------------

def gaps_zoning_key(data: AppData, wanted: str) -> str | None:
    """Choose the zoning whose gaps are shown: ``wanted`` if loaded, else the first with gaps."""
    if wanted in data.zonings:
        return wanted
    for key, zoning in data.zonings.items():
        if not zoning.covers(data.units["code"]).all():
            return key
    return next(iter(data.zonings), None)


@lru_cache(maxsize=CACHE_SIZE)
def uncovered_counts(data: AppData) -> dict[str, int]:
    """Communes of the region outside every territory, per zoning (for the menu)."""
    return {key: int(gaps_by_departement(zoning, data.units)["uncovered_units"].sum())
            for key, zoning in data.zonings.items()}


def need_scores(population: pd.Series, poverty_rate: pd.Series) -> pd.Series:
    """Besoin of a commune: population × poverty rate (in %) / 100.

    It estimates the number of inhabitants below the poverty line: a large commune with a
    moderate rate can need more than a small, very poor one. NaN when the rate is
    withheld (secret statistique).
    """
    return population.astype(float) * poverty_rate.astype(float) / 100


def need_columns() -> list[dict]:
    """Define the columns of the list of zones blanches (French headers)."""
    labels = strings.GAPS_COLUMNS
    return [
        _number_column("rang", labels["rang"], width=80),
        _text_column("commune", labels["commune"], minWidth=150, flex=2,
                     tooltipField="commune"),
        # In the CSV (``allColumns``), not on screen: the name is enough to read the list.
        _text_column("code", labels["code"], width=90, hide=True),
        _text_column("departement", labels["departement"], width=125, filter=False),
        _number_column("population", labels["population"], width=115),
        _number_column("taux_pauvrete", labels["taux_pauvrete"], 1, width=115),
        _number_column("besoin", labels["besoin"], 0, width=130),
    ]


def need_rows(uncovered: pd.DataFrame, poverty_rate: pd.Series) -> pd.DataFrame:
    """Uncovered communes where the need is highest first.

    Sorted by decreasing :func:`need_scores`; communes whose rate is withheld come after,
    by decreasing population; ties by code, so that the order is stable.

    Parameters
    ----------
    uncovered : pandas.DataFrame
        ``code``, ``nom``, ``departement``, ``population`` of the zones blanches.
    poverty_rate : pandas.Series
        Poverty rate (%) indexed by commune code.
    """
    fields = [column["field"] for column in need_columns()]
    rate = poverty_rate.reindex(uncovered["code"]).to_numpy(dtype=float)
    frame = pd.DataFrame({
        "commune": uncovered["nom"].to_numpy(),
        "code": uncovered["code"].to_numpy(),
        "departement": uncovered["departement"].to_numpy(),
        "population": uncovered["population"].to_numpy(dtype=int),
        "taux_pauvrete": rate,
    })
    frame["besoin"] = need_scores(frame["population"], frame["taux_pauvrete"]).round()
    frame = frame.sort_values(["besoin", "population", "code"], ascending=[False, False, True],
                              na_position="last", ignore_index=True)
    frame["rang"] = np.arange(1, len(frame) + 1)
    return frame[fields]


def gaps_departement_columns() -> list[dict]:
    """Define the columns of the per-département table (French headers)."""
    labels = strings.GAPS_DEPARTEMENT_COLUMNS
    return [
        _text_column("departement", labels["departement"], minWidth=190, flex=2,
                     filter=False),
        _number_column("communes", labels["communes"], width=110),
        _number_column("communes_non_couvertes", labels["communes_non_couvertes"], width=120),
        _number_column("population", labels["population"], width=120),
        _number_column("population_non_couverte", labels["population_non_couverte"],
                       width=130),
        _number_column("part_non_couverte", labels["part_non_couverte"], 1, width=125),
    ]


def gaps_departement_rows(summary: pd.DataFrame,
                          departement_names: Mapping[str, str]) -> pd.DataFrame:
    """Rows of the per-département table from :func:`~geodata.heterogeneity.gaps_by_departement`."""
    return pd.DataFrame({
        "departement": [f"{code} — {departement_names.get(code, code)}"
                        for code in summary.index],
        "communes": summary["units"].to_numpy(dtype=int),
        "communes_non_couvertes": summary["uncovered_units"].to_numpy(dtype=int),
        "population": summary["population"].to_numpy(dtype=int),
        "population_non_couverte": summary["uncovered_population"].to_numpy(dtype=int),
        "part_non_couverte": (summary["uncovered_share"] * 100).round(1).to_numpy(),
    }, columns=[column["field"] for column in gaps_departement_columns()])


def overlap_columns() -> list[dict]:
    """Define the columns of the shared communes table (French headers)."""
    labels = strings.OVERLAPS_COLUMNS
    return [
        _text_column("commune", labels["commune"], minWidth=150, flex=1),
        _text_column("code", labels["code"], width=90, hide=True),
        _text_column("departement", labels["departement"], width=125, filter=False),
        _number_column("population", labels["population"], width=115),
        _text_column("territoires", labels["territoires"], minWidth=200, flex=2,
                     tooltipField="territoires"),
    ]


def overlap_rows(shared: pd.DataFrame, zoning: Zoning) -> pd.DataFrame:
    """Rows of the table of communes claimed by several territories (:func:`overlaps`)."""
    return pd.DataFrame({
        "commune": shared["nom"].to_numpy(),
        "code": shared["code"].to_numpy(),
        "departement": shared["departement"].to_numpy(),
        "population": shared["population"].to_numpy(dtype=int),
        "territoires": [" / ".join(zoning.fiches[tid].nom for tid in tids)
                        for tids in shared["territories"]],
    }, columns=[column["field"] for column in overlap_columns()])


def subset_classification(classification: Classification, mask: np.ndarray) -> Classification:
    """Restrict classes to some values: bounds kept, counts of those values only."""
    class_of = classification.class_of[mask]
    counts = tuple(int((class_of == index).sum()) for index in range(classification.k))
    return replace(classification, class_of=class_of, counts=counts,
                   missing_count=int((class_of < 0).sum()))


def gaps_figure(communes: pd.DataFrame, uncovered: np.ndarray, values: np.ndarray,
                classification: Classification, indicator: Indicator, geojson: str | dict,
                departements: Outline, zoning: ZoningLayer, gaps_outline: Outline,
                covered_hover: Sequence[str], uirevision: str) -> dict:
    """Zones blanches coloured by the indicator over the covered communes in light grey.

    Parameters
    ----------
    communes : pandas.DataFrame
        ``code`` and ``nom`` of the shown communes.
    uncovered : numpy.ndarray of bool
        Which of them no territory of the zoning covers.
    values : numpy.ndarray
        Indicator value of every shown commune.
    classification : Classification
        Classes of ``values`` over all shown communes, as on the main map (colours mean
        the same on both pages).
    covered_hover : sequence of str
        Hover line of each covered commune (its territories).

    Returns
    -------
    dict
        Traces: covered communes (uniform light fill), uncovered communes
        (:func:`~dashboard.figures.map.build_map_figure`'s choropleth), départements,
        zoning outline, outline of the zones blanches.
    """
    gaps = communes[uncovered]
    figure = build_map_figure(
        gaps[["code", "nom"]], values[uncovered],
        subset_classification(classification, uncovered), indicator, geojson, departements,
        [zoning], hover_lines=pd.Series(strings.GAPS_HOVER.format(label=zoning.name),
                                        index=gaps["code"].to_numpy()),
        show_legend=False, uirevision=uirevision)
    covered = communes[~uncovered]
    figure["data"][0]["uid"] = "gaps"
    figure["data"].insert(0, {
        "type": "choropleth",
        "uid": "covered",
        "geojson": geojson if isinstance(geojson, str) else dict(geojson),
        "featureidkey": "id",
        "locations": covered["code"].astype(str).tolist(),
        "z": [0] * len(covered),
        "zmin": 0,
        "zmax": 1,
        "colorscale": [[0, COVERED_COLOUR], [1, COVERED_COLOUR]],
        "customdata": [[name, line] for name, line in zip(covered["nom"], covered_hover,
                                                           strict=True)],
        "hovertemplate": "<b>%{customdata[0]}</b> (%{location})<br>%{customdata[1]}"
                         "<extra></extra>",
        "marker": {"line": dict(COVERED_LINE)},
        "showscale": False,
        "showlegend": False,
    })
    figure["data"].append(_line("gaps-outline", strings.GAPS_OUTLINE, gaps_outline,
                                GAPS_OUTLINE_STYLE))
    return figure


@dataclass(frozen=True)
class GapsView:
    """Everything the zones blanches page shows for one zoning on a scope."""

    zoning: str
    label: str
    figure: dict
    legend: Legend
    needs: pd.DataFrame
    by_departement: pd.DataFrame
    overlaps: pd.DataFrame
    uncovered_units: int
    uncovered_population: int
    population: int


def _classify(values: np.ndarray, state: ViewState, indicator: Indicator) -> Classification:
    """Classes as on the main map; unusable manual breaks fall back to quantiles."""
    try:
        return classify(values, state.method, state.classes, state.breaks,
                        unit=indicator.unit, decimals=indicator.decimals)
    except ClassificationError:
        return classify(values, "quantiles", state.classes, unit=indicator.unit,
                        decimals=indicator.decimals)


@lru_cache(maxsize=CACHE_SIZE)
def _covered_hover(data: AppData, key: str) -> pd.Series:
    zoning = data.zonings[key]
    names = {tid: fiche.nom for tid, fiche in zoning.fiches.items()}
    membership = zoning.membership
    joined = (membership.assign(nom=membership["territory_id"].map(names))
              .groupby("code")["nom"].agg(" / ".join))
    return joined.map(lambda text: strings.GAPS_HOVER_COVERED.format(
        label=zoning.type.label, names=text))


@lru_cache(maxsize=CACHE_SIZE)
def _gaps_outline(data: AppData, key: str, departements: tuple[str, ...]) -> Outline:
    units = scope_units(data, departements)
    uncovered = ~data.zonings[key].covers(units["code"])
    return outline_coordinates(units.geometry[uncovered])


def gaps_view(data: AppData, state: ViewState, geojson: str) -> GapsView | None:
    """Build the zones blanches view of the state's zoning and départements (None: no zoning).

    ``geojson`` is the URL of the communes of the scope (the main map's file).
    """
    key = gaps_zoning_key(data, state.gaps_zoning)
    if key is None:
        return None
    return _gaps_view(data, key, state.departements, state.indicator, state.method,
                      state.classes, state.breaks, geojson)


@lru_cache(maxsize=CACHE_SIZE)
def _gaps_view(data: AppData, key: str, departements: tuple[str, ...], indicator_code: str,
               method: str, classes: int, breaks: tuple[str, ...], geojson: str) -> GapsView:
    zoning = data.zonings[key]
    label = zoning.type.label
    level = scope_level(data, departements)
    communes = areas(data, selection(data, departements, BY_COMMUNE))
    uncovered = ~zoning.covers(communes["code"])
    indicator = data.indicator(indicator_code)
    values = data.table[indicator_code].reindex(communes["code"]).to_numpy(dtype=float)
    state = ViewState(indicator=indicator_code, method=method, classes=classes, breaks=breaks)
    classification = _classify(values, state, indicator)
    layer = zoning_layer(data, key, departements, level)
    hover = _covered_hover(data, key).reindex(communes["code"][~uncovered]).fillna("")
    figure = gaps_figure(
        communes[["code", "nom"]], uncovered, values, classification, indicator, geojson,
        departement_outline(data, departements, level), layer,
        _gaps_outline(data, key, departements), hover.tolist(),
        uirevision=f"zones-blanches|{','.join(departements)}")
    units = scope_units(data, departements)
    summary = gaps_by_departement(zoning, units)
    names = dict(zip(data.departements["code"], data.departements["nom"], strict=True))
    gap_units = units[~zoning.covers(units["code"])]
    return GapsView(
        zoning=key, label=label, figure=figure,
        legend=build_legend(subset_classification(classification, uncovered), indicator,
                            [layer], illustrative=data.illustrative_zonings((key,))),
        needs=need_rows(gap_units, data.table[NEED_INDICATOR]),
        by_departement=gaps_departement_rows(summary, names),
        overlaps=overlap_rows(overlaps(zoning, units), zoning),
        uncovered_units=int(summary["uncovered_units"].sum()),
        uncovered_population=int(summary["uncovered_population"].sum()),
        population=int(summary["population"].sum()),
    )
