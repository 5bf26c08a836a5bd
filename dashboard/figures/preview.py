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
HEIGHT = 380


def build_preview_figure(units: gpd.GeoDataFrame, zoning: Zoning, *,
                         height: int = HEIGHT) -> dict:
    """Plotly.js figure of ``zoning`` over the communes of the départements it touches.

    Parameters
    ----------
    units : geopandas.GeoDataFrame
        Communes (``code``, ``nom``, ``departement``, geometry in WGS84); the overview
        level is enough.
    zoning : Zoning
        The zoning to show.
    height : int
        Height in pixels.

    Returns
    -------
    dict
        One choropleth trace; ``customdata`` holds the escaped hover text.
    """
    covered = zoning.covered_codes()
    touched = set(units.loc[units["code"].isin(covered), "departement"])
    shown = units[units["departement"].isin(touched)] if touched else units.iloc[:0]
    rank = {tid: index for index, tid in enumerate(zoning.fiches)}
    codes = shown["code"].tolist()
    z, hover = [], []
    for code, nom in zip(codes, shown["nom"], strict=True):
        tids = zoning.territories_of(code)
        z.append(rank[tids[0]] % len(PREVIEW_COLOURS) + 1 if tids else 0)
        names = " / ".join(zoning.fiches[tid].nom for tid in tids) or UNCOVERED_LABEL
        hover.append(f"{plotly_text(nom)} ({code})<br>{plotly_text(names)}")
    bands = (MISSING_COLOUR, *PREVIEW_COLOURS)
    colorscale = []
    for index, colour in enumerate(bands):
        colorscale += [[index / len(bands), colour], [(index + 1) / len(bands), colour]]
    return {
        "data": [{
            "type": "choropleth",
            "geojson": feature_collection(shown),
            "featureidkey": "id",
            "locations": codes,
            "z": z,
            "zmin": -0.5,
            "zmax": len(bands) - 0.5,
            "colorscale": colorscale,
            "showscale": False,
            "marker": {"line": {"color": "#ffffff", "width": 0.4}},
            "customdata": hover,
            "hovertemplate": "%{customdata}<extra></extra>",
        }],
        "layout": {
            "geo": {"visible": False, "fitbounds": "locations",
                    "projection": deepcopy(PROJECTION), "bgcolor": TRANSPARENT},
            "height": height,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "paper_bgcolor": TRANSPARENT,
            "showlegend": False,
        },
    }
