"""Thumbnail of a territory for its fiche: its communes highlighted among their neighbours.

The figure is small and static (the caller sets ``config={"staticPlot": True}``): its
GeoJSON is inline but cut to the territory's bounding box, a few dozen communes at most.
"""

from __future__ import annotations

from collections.abc import Collection
from copy import deepcopy

import geopandas as gpd
import numpy as np
import shapely

from dashboard.constants import PROJECTION, TRANSPARENT
from dashboard.figures.geojson import feature_collection, outline_coordinates
from dashboard.palettes import (
    THUMBNAIL_MEMBER_COLOUR,
    THUMBNAIL_NEIGHBOUR_COLOUR,
    THUMBNAIL_OUTLINE,
    THUMBNAIL_UNIT_LINE,
)

#: Feature id of a territory drawn from its own polygon, after (above) the communes.
TERRITORY_FEATURE = "territoire"
#: Context around the territory, as a share of its larger side.
MARGIN = 0.15
WIDTH, HEIGHT = 320, 240


def build_thumbnail_figure(units: gpd.GeoDataFrame, members: Collection[str], *,
                           outline: shapely.Geometry | None = None, margin: float = MARGIN,
                           width: int = WIDTH, height: int = HEIGHT) -> dict:
    """Draw one territory, its communes filled, over the communes around it.

    A territory drawn from a polygon (``outline``, e.g. a CPTS covering the north of a
    city) is filled as drawn, over its communes left unfilled.

    Parameters
    ----------
    units : geopandas.GeoDataFrame
        Communes of the region (``code``, geometry in WGS84); the overview level is enough.
    members : collection of str
        Codes of the communes of the territory.
    outline : shapely geometry, optional
        The territory's own polygon (WGS84), when its file had one.
    margin : float
        Context shown around the territory, as a share of its larger side.
    width, height : int
        Size of the figure in pixels.

    Returns
    -------
    dict
        Plotly.js figure: one choropleth (members and neighbours, clipped to the
        territory's bounding box plus margin) and the territory's outline.

    Raises
    ------
    ValueError
        If no unit is a member.
    """
    is_member = units["code"].isin(list(members)).to_numpy()
    if not is_member.any():
        raise ValueError("none of the member codes is a unit")
    west, south, east, north = (units.geometry[is_member].total_bounds if outline is None
                                else outline.bounds)
    pad = margin * max(east - west, north - south)
    box = (west - pad, south - pad, east + pad, north + pad)
    nearby = units.geometry.sindex.query(shapely.box(*box), predicate="intersects")
    nearby = np.sort(nearby)
    codes = units["code"].to_numpy()[nearby].tolist()
    shapes = list(shapely.clip_by_rect(units.geometry.to_numpy()[nearby], *box))
    filled = is_member[nearby].astype(int).tolist()
    if outline is None:
        territory = shapely.coverage_union_all(units.geometry.to_numpy()[is_member])
    else:
        territory = outline
        codes.append(TERRITORY_FEATURE)
        shapes.append(outline)
        filled = [0] * len(filled) + [1]
    clipped = gpd.GeoDataFrame({"code": codes}, geometry=shapes, crs=units.crs)
    border = outline_coordinates([territory])
    return {
        "data": [
            {
                "type": "choropleth",
                "geojson": feature_collection(clipped),
                "featureidkey": "id",
                "locations": clipped["code"].tolist(),
                "z": filled,
                "zmin": 0,
                "zmax": 1,
                "colorscale": [[0, THUMBNAIL_NEIGHBOUR_COLOUR], [0.5, THUMBNAIL_NEIGHBOUR_COLOUR],
                               [0.5, THUMBNAIL_MEMBER_COLOUR], [1, THUMBNAIL_MEMBER_COLOUR]],
                "marker": {"line": dict(THUMBNAIL_UNIT_LINE)},
                "showscale": False,
                "hoverinfo": "skip",
            },
            {
                "type": "scattergeo",
                "mode": "lines",
                "lon": border.lon,
                "lat": border.lat,
                "line": dict(THUMBNAIL_OUTLINE),
                "hoverinfo": "skip",
            },
        ],
        "layout": {
            "geo": {"visible": False, "fitbounds": "locations", "projection": deepcopy(PROJECTION),
                    "bgcolor": TRANSPARENT},
            "width": width,
            "height": height,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0},
            "paper_bgcolor": TRANSPARENT,
            "showlegend": False,
            "dragmode": False,
        },
    }
