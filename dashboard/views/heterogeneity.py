"""The heterogeneity page: the nesting matrix of the zonings and the territories astride limits.

Like the other analysis pages (:mod:`dashboard.views.pair`, :mod:`dashboard.views.gaps`),
two layers, as :mod:`dashboard.views.map_view` over :mod:`dashboard.figures`: builders
that take frames and return plotly.js dicts or table rows, tested on small inputs
(:func:`heatmap_figure`, :func:`crossing_rows`), and views that take the loaded data and
the state's choices, call :mod:`geodata.heterogeneity` on the communes of the chosen
départements (:mod:`dashboard.views.analysis`) and cache the result
(:func:`nesting_view`, :func:`crossing_view`).

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

from collections.abc import Mapping
from copy import deepcopy
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard import strings
from dashboard.constants import FONT_FAMILY, TEXT_COLOUR, TRANSPARENT
from dashboard.figures.map import HOVER_LABEL
from dashboard.formatting import format_number, format_share
from dashboard.palettes import COLORBREWER
from dashboard.views.analysis import CACHE_SIZE, number_column, scope_units, text_column
from dashboard.views.data import AppData
from geodata.heterogeneity import departement_crossings, nesting_matrix
from geodata.zonings import Zoning

#: Sequential, colour-blind-safe ramp of the nesting matrix (ColorBrewer Blues, 9 classes,
#: used as a continuous scale): dark = well nested.
NESTING_COLORSCALE = [[index / 8, colour] for index, colour in enumerate(COLORBREWER["Blues"][9])]
NESTING_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
INDEX_DECIMALS = 2
#: Zoning labels longer than this are written on two lines in the matrix.
TICK_WIDTH = 12


def format_index(value: float) -> str:
    """Write a nesting index as users read it: "0,93", "n.d." when undefined."""
    if value is None or not np.isfinite(value):
        return strings.NESTING_UNDEFINED
    return format_number(float(value), INDEX_DECIMALS)


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


def crossing_columns() -> list[dict]:
    """Define the columns of the crossings table (French headers)."""
    labels = strings.CROSSINGS_COLUMNS
    return [
        text_column("zonage", labels["zonage"], width=110),
        text_column("territoire", labels["territoire"], minWidth=200, flex=2,
                     tooltipField="territoire"),
        text_column("departement", labels["departement"], minWidth=165, flex=1,
                     tooltipField="departement"),
        number_column("population", labels["population"], width=110),
        number_column("part", labels["part"], 1, width=110),
    ]


@lru_cache(maxsize=CACHE_SIZE)
def crossing_view(data: AppData, departements: tuple[str, ...]) -> pd.DataFrame:
    """Territories of every stored zoning astride a département limit, population on each side.

    Whole territories are looked at (all units), and those touching the chosen
    départements kept: a limit crossed at the edge of the selection is what matters.
    """
    names = dict(zip(data.departements["code"], data.departements["nom"], strict=True))
    frames = []
    for key in data.stored:
        zoning = data.zonings[key]
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
