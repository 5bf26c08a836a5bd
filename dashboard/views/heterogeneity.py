"""The heterogeneity page: the nesting matrix of the zonings and the territories astride limits.

Like the other analysis pages (:mod:`dashboard.views.pair`, :mod:`dashboard.views.gaps`),
two layers, as :mod:`dashboard.views.map_view` over :mod:`dashboard.figures`: builders
that take frames and return the cells of a table or its rows, tested on small inputs
(:func:`nesting_cells`, :func:`crossing_rows`), and views that take the loaded data and
the state's choices, call :mod:`geodata.heterogeneity` on the communes of the chosen
départements (:mod:`dashboard.views.analysis`) and cache the result
(:func:`nesting_view`, :func:`crossing_view`).

The matrix is an HTML table of coloured cells (:mod:`dashboard.layouts.heterogeneity`),
not a plotly heatmap: screen readers read it as a table, the keyboard reaches each cell,
and the pages load the geo build of plotly.js only (:mod:`dashboard.server.plotly_bundle`).

Examples
--------
>>> matrix = pd.DataFrame({"a": ["dac", "cpts"], "b": ["cpts", "dac"],
...                        "nesting_index": [0.5, 0.93], "territories": [2, 40],
...                        "split_territories": [1, 3], "outside_share": [0.0, 0.0]})
>>> [[cell and cell.text for cell in row]
...  for row in nesting_cells(matrix, {"dac": "DAC", "cpts": "CPTS"})]
[[None, '0,50'], ['0,93', None]]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard import strings
from dashboard.formatting import format_number, format_share
from dashboard.palettes import COLORBREWER
from dashboard.views.analysis import CACHE_SIZE, number_column, scope_units, text_column
from dashboard.views.data import AppData
from geodata.heterogeneity import departement_crossings, nesting_matrix
from geodata.zonings import Zoning

#: Sequential, colour-blind-safe ramp of the nesting matrix (ColorBrewer Blues, 9 classes,
#: used as a continuous scale): dark = well nested.
NESTING_SCALE = COLORBREWER["Blues"][9]
#: Indices shown under the scale of the matrix.
NESTING_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
UNDEFINED_COLOUR = "#ffffff"
#: Below this luminance, white text contrasts more than the page's dark text (#222222):
#: the two contrasts are equal at sqrt(1.05 × (0.0159 + 0.05)) - 0.05.
DARK_BACKGROUND = 0.213
INDEX_DECIMALS = 2


def format_index(value: float) -> str:
    """Write a nesting index as users read it: "0,93", "n.d." when undefined."""
    if value is None or not np.isfinite(value):
        return strings.NESTING_UNDEFINED
    return format_number(float(value), INDEX_DECIMALS)


@lru_cache(maxsize=CACHE_SIZE)
def nesting_view(data: AppData, departements: tuple[str, ...]) -> pd.DataFrame:
    """:func:`~geodata.heterogeneity.nesting_matrix` of the loaded zonings on the scope."""
    return nesting_matrix(data.zonings, scope_units(data, departements))


@dataclass(frozen=True)
class NestingCell:
    """One cell of the nesting matrix: zoning ``a`` (its row) nested in zoning ``b`` (column).

    Attributes
    ----------
    value : float or None
        Nesting index, None when undefined (no population).
    text : str
        The index as read ("0,93", "n.d.").
    colour : str
        Background, from the sequential scale (:data:`NESTING_SCALE`); white when undefined.
    dark : bool
        White text reads better than dark text on this background (higher contrast).
    details : tuple of str
        Sentences saying what the index means for this pair (title and label of the cell).
    """

    a: str
    b: str
    value: float | None
    text: str
    colour: str
    dark: bool
    details: tuple[str, ...]


def nesting_cells(matrix: pd.DataFrame,
                  labels: Mapping[str, str]) -> list[list[NestingCell | None]]:
    """Arrange the nesting matrix as table cells: rows A (nested), columns B (containing).

    Parameters
    ----------
    matrix : pandas.DataFrame
        :func:`~geodata.heterogeneity.nesting_matrix` rows (``a``, ``b``,
        ``nesting_index``, ``territories``, ``split_territories``, ``outside_share``).
    labels : mapping of str to str
        Zoning key → French label, in the order of the rows and columns.

    Returns
    -------
    list of list
        One row per zoning of ``labels``, one cell per zoning; None on the diagonal and
        for pairs the matrix lacks.
    """
    cells = matrix.set_index(["a", "b"])
    rows = []
    for a in labels:
        row: list[NestingCell | None] = []
        for b in labels:
            if a == b or (a, b) not in cells.index:
                row.append(None)
                continue
            cell = cells.loc[(a, b)]
            raw = float(cell["nesting_index"])
            value = raw if np.isfinite(raw) else None
            colour = UNDEFINED_COLOUR if value is None else nesting_colour(value)
            row.append(NestingCell(a, b, value, format_index(raw), colour,
                                   _luminance(colour) < DARK_BACKGROUND,
                                   _cell_details(cell, labels[a], labels[b])))
        rows.append(row)
    return rows


def nesting_colour(value: float) -> str:
    """Colour of an index on the scale, linearly between its colours (0 lightest, 1 darkest)."""
    position = min(max(value, 0.0), 1.0) * (len(NESTING_SCALE) - 1)
    low = int(np.floor(position))
    high = min(low + 1, len(NESTING_SCALE) - 1)
    start, end = (_rgb(colour) for colour in (NESTING_SCALE[low], NESTING_SCALE[high]))
    mixed = np.rint(start + (end - start) * (position - low)).astype(int)
    return "#" + "".join(f"{channel:02x}" for channel in mixed)


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)


def _luminance(colour: str) -> float:
    """Relative luminance (WCAG 2) of a ``#rrggbb`` colour."""
    channel = _rgb(colour) / 255
    linear = np.where(channel <= 0.03928, channel / 12.92, ((channel + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def _cell_details(cell: pd.Series, a: str, b: str) -> tuple[str, ...]:
    lines = [
        strings.NESTING_HOVER.format(a=a, b=b, value=format_index(cell["nesting_index"])),
        strings.NESTING_HOVER_SPLIT.format(split=int(cell["split_territories"]),
                                           total=int(cell["territories"]), a=a, b=b),
    ]
    if cell["outside_share"] > 0:
        lines.append(strings.NESTING_HOVER_OUTSIDE.format(
            share=format_share(cell["outside_share"], "{share}"), b=b))
    return tuple(lines)


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
