"""Two zonings compared: how each nests in the other, their own limits, the split territories.

On the heterogeneity page, a click on the matrix opens the pair: the territories of each
zoning coloured by their nesting in the other, the limits proper to each (in km), and the
table of the territories split between several. :func:`pair_view` builds it from the
loaded data (cached); :func:`status_figure`, :func:`mismatch_figure` and
:func:`split_rows` are its builders, tested on small frames.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard import strings
from dashboard.figures.geojson import Outline, lines_outline
from dashboard.figures.map import ZoningLayer, map_layout
from dashboard.formatting import format_share, format_value
from dashboard.palettes import DEPARTEMENT_STYLE, OutlineStyle
from dashboard.views.analysis import (
    CACHE_SIZE,
    line_trace,
    number_column,
    scope_level,
    scope_units,
    selection,
    text_column,
)
from dashboard.views.data import AppData
from dashboard.views.heterogeneity import nesting_view
from dashboard.views.map_geometry import areas, departement_outline, geojson_name, zoning_layer
from geodata.heterogeneity import (
    NESTING_LABELS,
    Nesting,
    boundary_mismatch,
    split_territories,
    territory_nesting,
    unit_edges,
)

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


def format_km(length: float) -> str:
    """Write a length in whole kilometres: "1 918 km"."""
    return format_value(length, strings.KILOMETRES, 0)


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
        "colorscale": discrete_scale([STATUS_COLOURS[state] for state in STATUS_ORDER]),
        "customdata": hover,
        "hovertemplate": "%{customdata}<extra></extra>",
        "marker": {"line": dict(STATUS_LINE)},
        "showscale": False,
        "showlegend": False,
    }
    traces = [fill, line_trace("departements", "", departements, DEPARTEMENT_STYLE),
              line_trace(f"zoning-{other.key}", other.name, other.outline, other.style),
              extent_trace(bounds)]
    return {"data": traces, "layout": _pair_layout(uirevision)}


def discrete_scale(colours: Sequence[str]) -> list[list[float | str]]:
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
    traces = [line_trace("departements", "", departements, DEPARTEMENT_STYLE)]
    for index, layer in enumerate(context):
        traces.append(line_trace(f"common-{index}", strings.MISMATCH_COMMON, layer.outline,
                            COMMON_STYLE, show_legend=index == 0))
    for side, label in zip(("a", "b"), labels, strict=True):
        lines = mismatch.geometry[mismatch["side"] == side] if len(mismatch) else []
        traces.append(line_trace(f"mismatch-{side}", strings.MISMATCH_OWN.format(label=label),
                            lines_outline(lines), MISMATCH_STYLES[side], show_legend=True))
    traces.append(extent_trace(bounds))
    return {"data": traces, "layout": _pair_layout(uirevision)}


def split_columns(a_label: str, b_label: str) -> list[dict]:
    """Column definitions of the split territories table (French headers)."""
    labels = strings.SPLIT_COLUMNS
    return [
        text_column("territoire", labels["territoire"].format(a=a_label), minWidth=220,
                     flex=1, tooltipField="territoire"),
        number_column("population", labels["population"], width=125),
        number_column("part_principale", labels["part_principale"], 1, width=150),
        text_column("principal", labels["principal"].format(b=b_label), minWidth=190,
                     flex=1),
        number_column("pieces", labels["pieces"], width=100),
        number_column("hors", strings.SPLIT_OUTSIDE_COLUMN.format(b=b_label), 1, width=120),
        text_column("repartition", labels["repartition"], minWidth=280, flex=2,
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


def _index_of(matrix: pd.DataFrame, a: str, b: str) -> float:
    row = matrix[(matrix["a"] == a) & (matrix["b"] == b)]
    return float(row["nesting_index"].iloc[0]) if len(row) else float("nan")
