"""Small map of a whole zoning, for checking an import before confirming it.

Every commune of the départements the zoning touches is drawn, coloured by its
territory (colours cycle: neighbours may share one), uncovered communes in grey. Hover
texts carry names that come from the uploaded file: they are HTML-escaped, because
plotly.js interprets tags such as ``<a>``, ``<b>`` or ``<br>`` in hover text.
"""

from __future__ import annotations

from copy import deepcopy

import geopandas as gpd

from dashboard.constants import PROJECTION, TRANSPARENT
from dashboard.figures.geojson import feature_collection
from dashboard.figures.text import plotly_text
from dashboard.palettes import MISSING_COLOUR
from geodata.zonings import Zoning

#: Okabe-Ito and Tableau hues, distinct enough side by side.
PREVIEW_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                   "#F0E442", "#8C564B", "#7F7F7F", "#17BECF")
UNCOVERED_LABEL = "aucun territoire"
UNIT_LINE = {"color": "#ffffff", "width": 0.4}
TERRITORY_LINE = {"color": "#1a1a1a", "width": 1.0}
HEIGHT = 380


def build_preview_figure(units: gpd.GeoDataFrame, zoning: Zoning, *,
                         shapes: gpd.GeoSeries | None = None, height: int = HEIGHT) -> dict:
    """Plotly.js figure of ``zoning`` over the communes of the départements it touches.

    With ``shapes`` (each territory's shape, for a file of polygons), the territories are
    drawn as shapes over the communes: three CPTS cutting one city show as three colours.

    Parameters
    ----------
    units : geopandas.GeoDataFrame
        Communes (``code``, ``nom``, ``departement``, geometry in WGS84); the overview
        level is enough.
    zoning : Zoning
        The zoning to show.
    shapes : geopandas.GeoSeries, optional
        Territory id → shape (WGS84), drawn coloured over the grey communes.
    height : int
        Height in pixels.

    Returns
    -------
    dict
        One choropleth trace (two with ``shapes``); ``customdata`` holds the escaped
        hover text.
    """
    covered = zoning.covered_codes()
    touched = set(units.loc[units["code"].isin(covered), "departement"])
    shown = units[units["departement"].isin(touched)] if touched else units.iloc[:0]
    rank = {tid: index for index, tid in enumerate(zoning.fiches)}
    codes = shown["code"].tolist()
    z, hover = [], []
    for code, nom in zip(codes, shown["nom"], strict=True):
        tids = zoning.territories_of(code)
        z.append(rank[tids[0]] % len(PREVIEW_COLOURS) + 1 if tids and shapes is None else 0)
        names = " / ".join(zoning.fiches[tid].nom for tid in tids) or UNCOVERED_LABEL
        hover.append(f"{plotly_text(nom)} ({code})<br>{plotly_text(names)}")
    traces = [_choropleth(feature_collection(shown), codes, z, hover)]
    if shapes is not None:
        frame = gpd.GeoDataFrame({"code": list(shapes.index)}, geometry=shapes.to_numpy())
        traces.append(_choropleth(
            feature_collection(frame), list(shapes.index),
            [rank[tid] % len(PREVIEW_COLOURS) + 1 for tid in shapes.index],
            [plotly_text(zoning.fiches[tid].nom) for tid in shapes.index], line=TERRITORY_LINE))
    return {
        "data": traces,
        "layout": {
            "geo": {"visible": False, "fitbounds": "locations",
                    "projection": deepcopy(PROJECTION), "bgcolor": TRANSPARENT},
            "height": height,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "paper_bgcolor": TRANSPARENT,
            "showlegend": False,
        },
    }


def _choropleth(geojson: dict, locations: list[str], z: list[int], hover: list[str], *,
                line: dict | None = None) -> dict:
    """One trace of the preview: areas coloured by territory rank (0: grey)."""
    bands = (MISSING_COLOUR, *PREVIEW_COLOURS)
    colorscale = []
    for index, colour in enumerate(bands):
        colorscale += [[index / len(bands), colour], [(index + 1) / len(bands), colour]]
    return {
        "type": "choropleth",
        "geojson": geojson,
        "featureidkey": "id",
        "locations": locations,
        "z": z,
        "zmin": -0.5,
        "zmax": len(bands) - 0.5,
        "colorscale": colorscale,
        "showscale": False,
        "marker": {"line": dict(line or UNIT_LINE)},
        "customdata": hover,
        "hovertemplate": "%{customdata}<extra></extra>",
    }
