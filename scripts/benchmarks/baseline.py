"""The naive baseline: the map as TECH-NOTES' naive callback builds it, GeoJSON inline."""

from __future__ import annotations

import json
from typing import Any


def naive_map_figure(data: Any, state: Any, _url: str) -> Any:
    """Build the map as TECH-NOTES' naive callback does: plotly.express, GeoJSON inline.

    Communes at full detail with every property, a continuous colour scale, zoning
    outlines as one Scattergeo of every polygon's rings (the legend stays the app's own).
    Returned as the figure's JSON dict, as the callback sends it.
    """
    import plotly.express as px
    import shapely

    units = data.units
    if state.departements:
        units = units[units["departement"].isin(state.departements)]
    frame = units.assign(value=data.table[state.indicator].reindex(units["code"]).to_numpy())
    figure = px.choropleth(frame, geojson=json.loads(frame.to_json()), locations="code",
                           featureidkey="properties.code", color="value", hover_name="nom",
                           color_continuous_scale="YlOrRd")
    figure.update_geos(visible=False, fitbounds="locations", projection_type="conic conformal",
                       projection_parallels=[44, 49])
    for key in state.zonings:
        rings = shapely.get_rings(shapely.get_parts(
            data.territory_geometries(key, "detail").to_numpy()))
        lon: list[float | None] = []
        lat: list[float | None] = []
        for ring in rings:
            coords = shapely.get_coordinates(ring)
            lon += [*coords[:, 0].tolist(), None]
            lat += [*coords[:, 1].tolist(), None]
        figure.add_scattergeo(lon=lon, lat=lat, mode="lines", name=key)
    return figure.to_plotly_json()


def use_naive_map() -> None:
    """Make the app's map callback build the naive figure (module globals, read per call)."""
    import dashboard.callbacks.map as map_callbacks

    map_callbacks.map_figure = naive_map_figure
