"""The main map: a choropleth of an indicator under the outlines of coordination zonings.

Figures are plain dicts (plotly.js JSON), not ``go.Figure``: building one for the whole
region takes about 1 ms instead of tens, and no plotly template (10 kB) is sent. The
geometry of the coloured areas is a URL of a GeoJSON file prepared once
(:func:`~dashboard.figures.geojson.feature_collection`), so the browser downloads it once;
a figure then carries only codes, classes, hover texts and the outlines of the zonings.

Trace structure, by ``uid`` (:func:`build_map_figure`), in drawing order:

``choropleth``
    The coloured areas (:data:`CHOROPLETH_TRACE`); hover: name, value, then one line per
    shown zoning (the territories covering the commune), from ``customdata`` columns.
``hatch``
    Hatching of the areas shown with a value not their own (:data:`HATCH_TRACE`, empty
    when there are none).
``pieces-<key>``
    The parts of communes cut by one zoning's polygons (:class:`PieceLayer`), transparent,
    each hovered on its own; skipped by the hover while the zoning is hidden.
``departements``
    Limits of the shown départements.
``zoning-<key>``
    The outline of one zoning, one trace each, in the data's order.
``shared-<key>``
    After its zoning's outline, when it has some: the dotted rings inside the communes it
    shares in unknown parts.
``labels-<key>``
    The names of one zoning's territories, above every outline.

In the browser's figure (``shown`` given) every zoning the data offers has its outline,
rings, pieces and names traces, those not shown transparent (``opacity`` 0; pieces
skipped by the hover), and the hover template names the shown ones' columns: showing a
zoning or its names changes an ``opacity`` and a template, which plotly.js restyles
without drawing the choropleth again, whereas adding a trace or changing its coordinates
redraws every area. Layers added later (other outlines, points) follow the same rule: a
trace of their own, keyed by its uid, toggled by opacity.
:func:`dashboard.figures.patches.changes` then sends only the properties that differ.
Static exports (``shown`` left out) draw only the zonings they are given.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dashboard.classification import MISSING_CLASS, Classification
from dashboard.constants import FONT_FAMILY, LABEL_FONT_SIZE, PROJECTION, TEXT_COLOUR, TRANSPARENT
from dashboard.figures.geojson import LabelPoints, Outline, outline_bounds, place_labels
from dashboard.figures.text import plotly_text
from dashboard.formatting import format_value
from dashboard.palettes import (
    DEPARTEMENT_STYLE,
    HATCH_STYLE,
    TERRITORY_LINE,
    UNIT_LINE,
    OutlineStyle,
    class_colours,
    stepped_colorscale,
    tint,
)
from dashboard.strings import (
    DEPARTEMENT_OUTLINE_LABEL,
    HATCH_LABEL,
    HOVER_VALUE,
    MISSING_SECRET,
    MISSING_UNAVAILABLE,
    SHARED_COMMUNE_LABEL,
)
from geodata.observations.indicators import Indicator

#: Index of the choropleth in ``figure["data"]``; the hatching follows it, then the pieces
#: of cut communes (:class:`PieceLayer`), then the outlines.
CHOROPLETH_TRACE = 0
#: Index of the hatching of areas shown with another area's value.
HATCH_TRACE = 1
#: Key of the hover lines about an area itself (the commune an IRIS is part of): shown
#: whatever zonings are, before theirs.
AREA_LINE = "area"
#: Dash of the rings inside communes shared in unknown parts.
SHARED_DASH = "dot"
#: Opacity of the outline and names of a zoning the view does not show.
HIDDEN_OPACITY = 0
#: ``z`` bounds putting class -1 (missing) and every class in the middle of its colour band.
MISSING_Z_MIN = -1.5
LABEL_FONT = {"size": LABEL_FONT_SIZE, "color": TEXT_COLOUR, "shadow": "auto", "weight": 600}
LEGEND = {
    "x": 0.01, "y": 0.99, "xanchor": "left", "yanchor": "top",
    "bgcolor": "rgba(255,255,255,0.85)", "bordercolor": "#bbbbbb", "borderwidth": 1,
    "font": {"size": 12}, "itemclick": "toggle", "itemdoubleclick": "toggleothers",
}
HOVER_LABEL = {"bgcolor": "#ffffff", "bordercolor": "#888888", "align": "left",
               "font": {"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOUR}}


@dataclass(frozen=True, eq=False)
class Shading:
    """How the values of the areas are shown, beyond their classes.

    Attributes
    ----------
    texts : tuple of str
        Hover text of each area's value ("au moins 1 234 allocataires", "non publié
        pour cet IRIS ; commune : 36,0 %"), in the order of the areas.
    stand_in_classes : numpy.ndarray
        For an area without a value of its own, the class of the value it is shown with
        (its commune's, its EPCI's), drawn in a pale tint of the class colour
        (:func:`~dashboard.palettes.tint`); -1 for the others.
    hatch : Outline
        Hatching over the areas shown with a stand-in value
        (:func:`~dashboard.figures.hatching.hatch_lines`).
    """

    texts: tuple[str, ...]
    stand_in_classes: np.ndarray
    hatch: Outline


@dataclass(frozen=True)
class ZoningLayer:
    """One zoning drawn as outlines over the map.

    Attributes
    ----------
    key : str
        Identifier of the zoning ("dac", "cpts"…), used in trace uids and legend groups.
    name : str
        French name shown in the legend ("DAC", "CPTS"…).
    outline : Outline
        Boundaries of its territories (:func:`~dashboard.figures.geojson.outline_coordinates`).
    style : OutlineStyle
        Colour, dash and width of the line.
    labels : LabelPoints, optional
        Names of its territories; drawn only when the figure is asked for labels.
    """

    key: str
    name: str
    outline: Outline
    style: OutlineStyle
    labels: LabelPoints | None = None
    #: Inner rings of the communes shared in unknown parts, drawn dotted inside them.
    shared: Outline | None = None

    @property
    def shared_style(self) -> OutlineStyle:
        """Style of the shared communes' rings: the zoning's colour, dotted and thinner."""
        return OutlineStyle(self.style.colour, SHARED_DASH, max(1.2, 0.6 * self.style.width))

    @property
    def shared_name(self) -> str:
        """Legend text of the shared communes' rings."""
        return SHARED_COMMUNE_LABEL.format(label=self.name)


@dataclass(frozen=True)
class PieceLayer:
    """Parts of communes cut by the polygons of one zoning, each hovered on its own.

    Drawn above the communes, transparent: hovering the north of a city cut between
    three CPTS names the CPTS of the north. ``positions`` gives, for each piece, the row
    of its commune in the map's areas (whose value it shows).
    """

    key: str
    geojson: Mapping[str, Any]
    ids: tuple[str, ...]
    #: « Saint-Denis (93066) »: the commune of each piece.
    names: tuple[str, ...]
    #: Hover lines of each piece, one per column of the map's ``hover_lines`` and in their
    #: order: the piece's own zoning's (« CPTS : CPTS Nord, 28,9 % de la commune »), the
    #: commune's for the others.
    lines: tuple[tuple[str, ...], ...]
    positions: tuple[int, ...]


def build_map_figure(areas: pd.DataFrame, values: Sequence[float] | np.ndarray | pd.Series,
                     classification: Classification, indicator: Indicator,
                     geojson: str | Mapping[str, Any], departements: Outline,
                     zonings: Sequence[ZoningLayer] = (), *, by_territory: bool = False,
                     hover_lines: Mapping[str, pd.Series] | None = None,
                     colours: Sequence[str] | None = None, show_labels: bool = False,
                     show_legend: bool = True, uirevision: str = "carte",
                     shading: Shading | None = None,
                     pieces: Sequence[PieceLayer] = (),
                     shown: Collection[str] | None = None) -> dict:
    """Figure of the main map, as a plotly.js JSON dict.

    Parameters
    ----------
    areas : pandas.DataFrame
        Areas to colour, one row each, columns ``code`` (feature id in ``geojson``) and
        ``nom``: the communes, or with ``by_territory`` the territories of one zoning.
    values : array-like of float
        Indicator value of each area, in the order of ``areas`` (NaN when missing).
    classification : Classification
        Classes of ``values`` (:func:`dashboard.classification.classify`).
    indicator : geodata.observations.indicators.Indicator
        Short label, unit, decimals and direction of the indicator.
    geojson : str or dict
        URL of the GeoJSON of the areas (fetched once by the browser, then cached), or the
        FeatureCollection itself; feature ids are the codes.
    departements : Outline
        Limits of the shown départements, always drawn.
    zonings : sequence of ZoningLayer
        Zonings to outline, drawn in this order (the last on top).
    by_territory : bool
        The areas are territories: thicker borders, no code in the hover, "n.d." rather
        than "secret statistique" for missing values.
    hover_lines : mapping of str to pandas.Series, optional
        Extra hover lines per area code, one series per key, e.g. per zoning key the
        territories of that zoning covering the commune ("DAC : DAC Nord-Est"). With
        ``shown``, only the lines of the shown keys appear.
    colours : sequence of str, optional
        One colour per class, lowest class first; by default
        :func:`~dashboard.palettes.class_colours` for the indicator's direction.
    show_labels : bool
        Write the names of the territories of the (shown) zonings that have ``labels``.
    show_legend : bool
        Plotly's legend of the zoning outlines (turn off when the page or the static
        export draws its own legend).
    uirevision : str
        Zoom and pan persist while it keeps its value: change it when the shown area
        changes (e.g. the sorted département codes), not when colours change.
    shading : Shading, optional
        Hover texts of the values and stand-in values of areas without their own,
        hatched; by default the values formatted, no stand-in.
    pieces : sequence of PieceLayer
        Communes cut by polygons, hovered piece by piece (when communes are coloured).
    shown : collection of str, optional
        The browser's figure: keys of the zonings shown; every zoning of ``zonings`` gets
        its traces, the others transparent (see the module docstring, and
        :func:`show_zonings` to show others), names written where the zonings' ``labels``
        say (place them beforehand, zoning by zoning, so that they stay put whatever is
        shown). Left out (static exports), every zoning given is shown and the names of
        all are placed together.

    Returns
    -------
    dict
        ``{"data": [...], "layout": {...}}``, ready for ``dcc.Graph(figure=...)`` or
        ``plotly.io.to_image``.
    """
    lines = dict(hover_lines or {})
    columns = [[f"<br>{line}" if line else "" for line in
                series.reindex(areas["code"]).fillna("").astype(str).to_numpy()]
               for series in lines.values()]
    choropleth = {
        "type": "choropleth",
        "uid": "choropleth",
        "geojson": geojson if isinstance(geojson, str) else dict(geojson),
        "featureidkey": "id",
        "locations": areas["code"].astype(str).tolist(),
        "customdata": [[plotly_text(name), *extra] for name, *extra in
                       zip(areas["nom"], *columns, strict=True)],
        "marker": {"line": dict(TERRITORY_LINE if by_territory else UNIT_LINE)},
        "showscale": False,
        "showlegend": False,
        **_colour_fields(values, classification, indicator, by_territory, colours, shading),
        "hovertemplate": hover_template(indicator, by_territory, lines, lines),
    }
    template = choropleth["hovertemplate"]
    hatch = shading.hatch if shading is not None else Outline([], [])
    traces = [choropleth,
              _line_trace("hatch", HATCH_LABEL, hatch, HATCH_STYLE, show_legend=False),
              *(_piece_trace(layer, choropleth["text"], template) for layer in pieces),
              _line_trace("departements", DEPARTEMENT_OUTLINE_LABEL, departements,
                          DEPARTEMENT_STYLE, show_legend=False)]
    for zoning in zonings:
        traces.append(_line_trace(f"zoning-{zoning.key}", zoning.name, zoning.outline,
                                  zoning.style, show_legend=True, group=zoning.key))
        if zoning.shared is not None and zoning.shared.lon:
            traces.append(_line_trace(f"shared-{zoning.key}", zoning.shared_name, zoning.shared,
                                      zoning.shared_style, show_legend=True, group=zoning.key))
    if shown is None:
        placed = legible_labels(zonings, departements) if show_labels else {}
    else:
        placed = {zoning.key: zoning.labels for zoning in zonings if zoning.labels is not None}
    traces += [_label_trace(zoning, placed[zoning.key]) for zoning in zonings
               if zoning.key in placed]
    figure = {"data": traces, "layout": map_layout(uirevision, show_legend)}
    if shown is None:
        return figure
    return show_zonings(figure, shown, show_labels,
                        hover_template(indicator, by_territory, lines, shown))


def show_zonings(figure: dict, shown: Collection[str], show_labels: bool,
                 hovertemplate: str) -> dict:
    """Show other zonings or names on the browser's figure: opacities and hover only.

    A shallow copy: the traces that change are new dicts, the others and every list are
    shared with ``figure``. ``hovertemplate`` is the choropleth's, naming the hover lines
    of the shown zonings (:func:`hover_template`). The pieces of communes cut by a hidden
    zoning are skipped by the hover (``hoverinfo``, restyled without a redraw), so that
    the commune under them answers.
    """
    traces = []
    for trace in figure["data"]:
        kind, _, key = trace["uid"].partition("-")
        if trace["uid"] == "choropleth":
            trace = {**trace, "hovertemplate": hovertemplate}
        elif kind == "pieces":
            trace = {**trace, "hovertemplate": _piece_template(hovertemplate),
                     "hoverinfo": "all" if key in shown else "skip"}
        elif kind in ("zoning", "shared", "labels") and trace.get("legendgroup") == key:
            on = key in shown and (kind != "labels" or show_labels)
            trace = {**trace, "opacity": 1 if on else HIDDEN_OPACITY}
        traces.append(trace)
    return {**figure, "data": traces}


def legible_labels(zonings: Sequence[ZoningLayer], departements: Outline) -> dict[str, LabelPoints]:
    """Names of the zonings' territories that fit together on a map of the départements.

    By zoning key, for the zonings that have labels; the first zonings' names are placed
    first (:func:`~dashboard.figures.geojson.place_labels`).
    """
    labelled = [zoning for zoning in zonings if zoning.labels is not None]
    if not labelled:
        return {}
    placed = place_labels([zoning.labels for zoning in labelled], outline_bounds(departements))
    return {zoning.key: labels for zoning, labels in zip(labelled, placed, strict=True)}


def hover_template(indicator: Indicator, by_territory: bool, columns: Sequence[str],
                   shown: Collection[str]) -> str:
    """Hover of an area: its name, the indicator's value, then the shown zonings' lines.

    ``columns`` names the hover lines in the order of the ``customdata`` columns after the
    name, each holding ``"<br>line"`` or ``""`` (no empty line for an area without one).
    """
    name = "<b>%{customdata[0]}</b>" if by_territory else "<b>%{customdata[0]}</b> (%{location})"
    extra = "".join(f"%{{customdata[{index}]}}" for index, key in enumerate(columns, start=1)
                    if key in shown or key == AREA_LINE)
    return (f"{name}<br>{HOVER_VALUE.format(label=indicator.short_label)}"
            f"%{{text}}{extra}<extra></extra>")


def map_layout(uirevision: str, show_legend: bool) -> dict:
    """Layout of a map: no base map, projection of France, fitted to the drawn areas.

    Every call returns new dicts: callers may edit a figure without touching the
    constants of this module.
    """
    return deepcopy({
        "geo": {
            "visible": False,
            "fitbounds": "locations",
            "projection": PROJECTION,
            "bgcolor": TRANSPARENT,
        },
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0},
        "paper_bgcolor": TRANSPARENT,
        "plot_bgcolor": TRANSPARENT,
        "font": {"family": FONT_FAMILY, "color": TEXT_COLOUR},
        "hoverlabel": HOVER_LABEL,
        "dragmode": "pan",
        "uirevision": uirevision,
        "showlegend": show_legend,
        "legend": LEGEND,
    })


def _colour_fields(values: Sequence[float] | np.ndarray | pd.Series,
                   classification: Classification, indicator: Indicator, by_territory: bool,
                   colours: Sequence[str] | None, shading: Shading | None) -> dict[str, Any]:
    """Compute the choropleth fields that depend on the indicator and its classes."""
    numbers = np.asarray(values, dtype=float)
    if numbers.shape != classification.class_of.shape:
        raise ValueError(f"{numbers.size} values for {classification.class_of.size} classes")
    if colours is None:
        colours = class_colours(classification.k, indicator.direction)
    missing = MISSING_UNAVAILABLE if by_territory else MISSING_SECRET
    classes = classification.class_of
    if shading is None:
        texts = [format_value(value, indicator.unit, indicator.decimals, missing)
                 for value in numbers.tolist()]
    else:
        texts = list(shading.texts)
        stand_in = (classes == MISSING_CLASS) & (shading.stand_in_classes != MISSING_CLASS)
        if stand_in.any():
            # Classes k..2k-1: the tints of classes 0..k-1, for the stand-in values.
            classes = np.where(stand_in, shading.stand_in_classes + classification.k, classes)
            colours = (*colours, *(tint(colour) for colour in colours))
    return {
        "z": classes.tolist(),
        "zmin": MISSING_Z_MIN,
        "zmax": len(colours) - 0.5,
        "colorscale": stepped_colorscale(colours),
        "text": texts,
        "name": indicator.short_label,
    }


def _line_trace(uid: str, name: str, outline: Outline, style: OutlineStyle, *,
                show_legend: bool, group: str | None = None) -> dict:
    """Scattergeo lines (no hover: the choropleth under them says everything)."""
    trace = {
        "type": "scattergeo",
        "uid": uid,
        "name": name,
        "mode": "lines",
        "lon": outline.lon,
        "lat": outline.lat,
        "line": {"color": style.colour, "width": style.width, "dash": style.dash},
        "hoverinfo": "skip",
        "showlegend": show_legend,
    }
    if group is not None:
        trace["legendgroup"] = group
    return trace


def _piece_trace(layer: PieceLayer, texts: Sequence[str], template: str) -> dict:
    """Transparent parts of cut communes over the choropleth, each with its own hover."""
    return {
        "type": "choropleth",
        "uid": f"pieces-{layer.key}",
        "geojson": dict(layer.geojson),
        "featureidkey": "id",
        "locations": list(layer.ids),
        "z": [0] * len(layer.ids),
        "zmin": 0,
        "zmax": 1,
        "colorscale": [[0, TRANSPARENT], [1, TRANSPARENT]],
        "marker": {"line": {"width": 0}},
        "showscale": False,
        "showlegend": False,
        "customdata": [[plotly_text(name), *(f"<br>{line}" if line else "" for line in lines)]
                       for name, lines in zip(layer.names, layer.lines, strict=True)],
        "text": [texts[position] for position in layer.positions],
        "hovertemplate": _piece_template(template),
    }


def _piece_template(template: str) -> str:
    """Return the communes' hover for their pieces, whose ids are no commune codes."""
    return template.replace(" (%{location})", "")


def _label_trace(zoning: ZoningLayer, labels: LabelPoints) -> dict:
    """Names of the territories of a zoning; hidden with its outline from the legend."""
    return {
        "type": "scattergeo",
        "uid": f"labels-{zoning.key}",
        "name": zoning.name,
        "mode": "text",
        "lon": labels.lon,
        "lat": labels.lat,
        "text": [plotly_text(text) for text in labels.text],
        "textfont": deepcopy(LABEL_FONT),
        "hoverinfo": "skip",
        "showlegend": False,
        "legendgroup": zoning.key,
    }
