"""The names of the zonings placed again for what the user zoomed to.

A closer view has room for names the whole view left out (three CPTS in one city): the
browser sends what it shows (``cartocoord.mapView``), :func:`parse_view` checks it and
:func:`label_patch_values` places the names of the label traces for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dashboard.figures.geojson import LabelPoints, place_labels
from dashboard.figures.map import ZoningLayer
from dashboard.figures.text import plotly_text

#: Fields of a map view sent by the browser, and the largest size in pixels believed.
VIEW_FIELDS = 6
MAX_VIEW_PX = 20_000


def parse_view(view: Sequence[Any] | None) -> tuple[tuple[float, float, float, float],
                                                    tuple[float, float]] | None:
    """Bounds and pixel size of a map view sent by the browser, or None when malformed.

    ``view`` is ``[west, south, east, north, width, height]`` (``cartocoord.mapView``).
    """
    if not isinstance(view, list | tuple) or len(view) != VIEW_FIELDS:
        return None
    try:
        west, south, east, north, width, height = (float(value) for value in view)
    except (TypeError, ValueError):
        return None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90
            and 0 < width <= MAX_VIEW_PX and 0 < height <= MAX_VIEW_PX):
        return None
    return (west, south, east, north), (width, height)


def label_patch_values(figure: Mapping[str, Any], zonings: Sequence[ZoningLayer],
                       view_bounds: tuple[float, float, float, float],
                       frame_px: tuple[float, float] | None = None) -> dict[int, dict]:
    """Names to write once the user zoomed in: placed at the scale of ``view_bounds``.

    A closer view has room for names the whole view left out (three CPTS in one city).
    ``frame_px`` is the map's size on screen. Returns ``{trace index: {"lon", "lat",
    "text"}}`` for the label traces of ``figure``.
    """
    west, south, east, north = view_bounds
    indices = {trace["uid"]: index for index, trace in enumerate(figure["data"])}
    labelled = [zoning for zoning in zonings
                if zoning.labels is not None and f"labels-{zoning.key}" in indices]
    visible = [_visible(zoning.labels, west, south, east, north) for zoning in labelled]
    # Each zoning on its own, as in the whole view: showing one moves no other's names.
    placed = [place_labels([names], view_bounds, frame_px=frame_px)[0] for names in visible]
    return {indices[f"labels-{zoning.key}"]: {"lon": labels.lon, "lat": labels.lat,
                                               "text": [plotly_text(t) for t in labels.text]}
            for zoning, labels in zip(labelled, placed, strict=True)}


def _visible(labels: LabelPoints, west: float, south: float, east: float,
             north: float) -> LabelPoints:
    """Keep the names having a point in view, each at its first point in view."""
    lon, lat, text, alternatives = [], [], [], []
    others = labels.alternatives or ((),) * len(labels.text)
    for x, y, name, more in zip(labels.lon, labels.lat, labels.text, others, strict=True):
        points = [(px, py) for px, py in ((x, y), *more)
                  if west <= px <= east and south <= py <= north]
        if points:
            lon.append(points[0][0])
            lat.append(points[0][1])
            text.append(name)
            alternatives.append(tuple(points[1:]))
    return LabelPoints(lon, lat, text, tuple(alternatives))
