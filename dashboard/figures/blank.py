"""What a graph draws before its figure arrives: nothing at all.

An empty ``dcc.Graph`` draws plotly's default cartesian plot, axes from -1 to 6 and a grid:
it looks broken while the first callback runs. This figure hides the axes on a transparent
background; the page writes « Chargement de la carte… » behind it until a map is drawn
(:func:`dashboard.layouts.components.graph_frame`).
"""

from __future__ import annotations

from copy import deepcopy

from dashboard.constants import TRANSPARENT

_AXIS = {"visible": False, "showgrid": False, "zeroline": False, "fixedrange": True}
BLANK = {
    "data": [],
    "layout": {"xaxis": _AXIS, "yaxis": _AXIS, "paper_bgcolor": TRANSPARENT,
               "plot_bgcolor": TRANSPARENT, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}},
}


def blank_figure() -> dict:
    """Return a figure without axes, grid nor background (a new dict each time)."""
    return deepcopy(BLANK)
