"""The legend of the map as data, and drawn inside a figure for static exports.

The page renders :class:`Legend` as HTML next to the map (it stays readable and
selectable); :func:`legend_annotations` draws the same content with plotly shapes and
annotations, so that a PNG, SVG or PDF of the map carries its legend.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from dashboard.classification import Classification
from dashboard.constants import TEXT_COLOUR
from dashboard.figures.map import ZoningLayer
from dashboard.formatting import format_value
from dashboard.palettes import (
    DEPARTEMENT_STYLE,
    MISSING_COLOUR,
    OutlineStyle,
    class_colours,
    svg_dasharray,
)
from dashboard.strings import (
    DEPARTEMENT_OUTLINE_LABEL,
    ILLUSTRATIVE_SUFFIX,
    LEGEND_TITLE_WITH_UNIT,
    METHOD_SHORT_LABELS,
    MISSING_LEGEND_LABEL,
)
from geodata.observations.indicators import Indicator


@dataclass(frozen=True)
class LegendRow:
    """One colour of the map: its class label and how many areas have it."""

    colour: str
    label: str
    count: int

    @property
    def text(self) -> str:
        """Label with the count: "12,0 – 18,5 % (215)"."""
        return f"{self.label} ({format_value(self.count, '', 0)})"


@dataclass(frozen=True)
class OutlineRow:
    """One kind of line of the map: a zoning or the départements."""

    label: str
    style: OutlineStyle

    @property
    def dasharray(self) -> str:
        """SVG ``stroke-dasharray`` matching the map's dashes, for an HTML legend."""
        return svg_dasharray(self.style.dash, self.style.width)


@dataclass(frozen=True)
class Legend:
    """Everything the legend of a choropleth says.

    Attributes
    ----------
    title : str
        Indicator label and unit: "Taux de pauvreté …, en %".
    method : str
        Classification method in French: "Quantiles", "Seuils naturels (Jenks)"…
    rows : tuple of LegendRow
        One per class, **highest values first** (top of the legend).
    missing : LegendRow or None
        "Secret statistique / non disponible" and its count; None when nothing is missing.
    outlines : tuple of OutlineRow
        Shown zonings in drawing order, then the départements.
    note : str or None
        Remark of the classification (fewer classes than asked…).
    source, vintage : str
        Source line of the indicator (« Source : Insee, Filosofi 2021 ») and its vintage.
    """

    title: str
    method: str
    rows: tuple[LegendRow, ...]
    missing: LegendRow | None
    outlines: tuple[OutlineRow, ...]
    note: str | None
    source: str
    vintage: str

    @property
    def count(self) -> int:
        """Number of areas on the map, missing included."""
        return sum(row.count for row in self.rows) + (self.missing.count if self.missing else 0)


def build_legend(classification: Classification, indicator: Indicator,
                 zonings: Sequence[ZoningLayer] = (), *,
                 colours: Sequence[str] | None = None,
                 illustrative: Collection[str] = ()) -> Legend:
    """Legend of a map built with the same classification, zonings and colours.

    Parameters
    ----------
    classification : Classification
        Classes of the map.
    indicator : geodata.observations.indicators.Indicator
        Label, unit, direction, source and vintage of the indicator.
    zonings : sequence of ZoningLayer
        Zonings outlined on the map.
    colours : sequence of str, optional
        Colours of the classes if the map was given its own.
    illustrative : collection of str
        Names of the zonings whose perimeters are made up: their row says so, in the
        app's legend as in every export.
    """
    if colours is None:
        colours = class_colours(classification.k, indicator.direction)
    rows = tuple(LegendRow(colour, label, count) for colour, label, count in zip(
        colours, classification.labels, classification.counts, strict=True))
    title = (LEGEND_TITLE_WITH_UNIT.format(label=indicator.label, unit=indicator.unit)
             if indicator.unit else indicator.label)
    return Legend(
        title=title,
        method=METHOD_SHORT_LABELS[classification.method],
        rows=rows[::-1],
        missing=(LegendRow(MISSING_COLOUR, MISSING_LEGEND_LABEL, classification.missing_count)
                 if classification.missing_count else None),
        outlines=(*(OutlineRow(zoning.name + (ILLUSTRATIVE_SUFFIX if zoning.name in illustrative
                                              else ""), zoning.style) for zoning in zonings),
                  OutlineRow(DEPARTEMENT_OUTLINE_LABEL, DEPARTEMENT_STYLE)),
        note=classification.note,
        source=indicator.source,
        vintage=indicator.vintage,
    )


# Layout of the drawn legend, in pixels: the same whatever the size of the figure.
_FONT = 13
_SMALL = 11
_PAD = 10
_ROW = 20
_SWATCH = (22, 13)
_GAP = 8
_WRAP = 42
#: Average glyph width / font size of a sans-serif: estimates the width of the box.
_GLYPH = 0.55


def legend_annotations(legend: Legend, *, x: float = 0.01, y: float = 0.99,
                       xanchor: str = "left") -> dict:
    """Draw ``legend`` inside a figure: a white box, colour swatches, line samples, text.

    Positions are in pixels from the box's top corner, itself at (``x``, ``y``) in paper
    coordinates, so the legend keeps its size at any export size. Hide plotly's own
    legend (``show_legend=False``) when using it.

    Parameters
    ----------
    legend : Legend
        What to draw.
    x, y : float
        Paper coordinates of the box's top-left corner (top-right with ``xanchor="right"``).
    xanchor : {"left", "right"}
        "right" with ``x=0`` puts the box left of the plotting area, in a margin of
        ``width`` pixels, so that it never covers the map.

    Returns
    -------
    dict
        ``{"shapes": [...], "annotations": [...], "width": px, "height": px}``: append the
        shapes and annotations to the figure's layout; the size lets the caller reserve
        a margin for the legend (e.g. ``x=0`` and ``margin.l = width + 10`` puts it
        beside the map rather than over it).
    """
    shapes: list[dict] = []
    annotations: list[dict] = []
    top = _PAD
    text_left = _PAD + _SWATCH[0] + _GAP
    widths: list[float] = []

    def text(content: str, left: float, size: int, colour: str = TEXT_COLOUR) -> None:
        nonlocal top
        lines = re.sub(r"</?[bi]>", "", content).split("<br>")
        annotations.append({
            "xref": "paper", "yref": "paper", "x": x, "y": y, "xanchor": "left",
            "yanchor": "top", "xshift": left, "yshift": -top, "showarrow": False,
            "align": "left", "text": content, "font": {"size": size, "color": colour},
        })
        widths.append(left + _GLYPH * size * max(len(line) for line in lines))
        top += len(lines) * size * 1.3

    def shape(kind: str, x0: float, x1: float, y0: float, y1: float, **style: object) -> None:
        shapes.append({"type": kind, "xref": "paper", "yref": "paper", "xsizemode": "pixel",
                       "ysizemode": "pixel", "xanchor": x, "yanchor": y, "x0": x0, "x1": x1,
                       "y0": -y0, "y1": -y1, **style})

    def row(label: str, sample: str, **style: object) -> None:
        """One line of the legend: a swatch ("rect") or a line sample, then its label."""
        nonlocal top
        middle = top + _ROW / 2
        half = _SWATCH[1] / 2 if sample == "rect" else 0
        shape(sample, _PAD, _PAD + _SWATCH[0], middle - half, middle + half, **style)
        annotations.append({
            "xref": "paper", "yref": "paper", "x": x, "y": y, "xanchor": "left",
            "yanchor": "middle", "xshift": text_left, "yshift": -middle, "showarrow": False,
            "text": label, "font": {"size": _FONT, "color": TEXT_COLOUR},
        })
        widths.append(text_left + _GLYPH * _FONT * len(label))
        top += _ROW

    text(f"<b>{'<br>'.join(textwrap.wrap(legend.title, _WRAP))}</b>", _PAD, _FONT)
    text(f"<i>{legend.method}</i>", _PAD, _SMALL, "#555555")
    top += _GAP / 2
    swatch_line = {"color": "#999999", "width": 0.5}
    for colour_row in (*legend.rows, *([legend.missing] if legend.missing else [])):
        row(colour_row.text, "rect", fillcolor=colour_row.colour, line=swatch_line)
    if legend.note:
        text("<br>".join(textwrap.wrap(legend.note, _WRAP + 8)), _PAD, _SMALL, "#555555")
    top += _GAP
    for outline in legend.outlines:
        row(outline.label, "line", line={"color": outline.style.colour,
                                         "width": outline.style.width,
                                         "dash": outline.style.dash})
    top += _GAP / 2
    text("<br>".join(textwrap.wrap(legend.source, _WRAP + 8)), _PAD, _SMALL, "#555555")
    # Shapes are drawn in order, above the map: the box first, under swatches and lines.
    box = {"fillcolor": "rgba(255,255,255,0.92)", "line": {"color": "#bbbbbb", "width": 1}}
    width, height = round(max(widths) + _PAD), round(top + _PAD)
    shapes.insert(0, {"type": "rect", "xref": "paper", "yref": "paper", "xsizemode": "pixel",
                      "ysizemode": "pixel", "xanchor": x, "yanchor": y, "x0": 0, "x1": width,
                      "y0": 0, "y1": -height, **box})
    if xanchor == "right":
        for item in shapes:
            item["x0"] -= width
            item["x1"] -= width
        for item in annotations:
            item["xshift"] -= width
    return {"shapes": shapes, "annotations": annotations, "width": width, "height": height}
