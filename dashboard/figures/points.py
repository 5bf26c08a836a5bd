"""Lists of places drawn on the map: one marker per place, coloured by category.

A list with a numeric column is drawn as proportional circles (the area of a circle is
proportional to its value: diameter ∝ √value), still coloured by category; a place
without a value keeps the smallest marker. Each list gets its own marker shape, so that
two lists with the same colours stay apart. The hover names the place (escaped: the
names come from the user's file), its category, its value and its commune, and says when
the place was put at its commune's centre for lack of coordinates.

The legend (:class:`PlaceLegend`) is computed here too, so that the page, the printed
page and the interactive export say the same thing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.figures.text import plotly_text
from dashboard.formatting import format_number
from dashboard.palettes import PLACE_COLOURS, PLACE_OUTLINE, PLACE_SYMBOLS
from dashboard.place_strings import (
    PLACE_AT_CENTRE,
    PLACE_AT_CENTRE_LEGEND,
    PLACE_HOVER_COMMUNE,
    PLACE_HOVER_VALUE,
    PLACE_WHOLE_CITY,
)
from geodata.observations.places import PlaceList

#: Diameter (px) of a place's marker, and of the largest proportional circle.
MARKER_SIZE = 10
MAX_CIRCLE = 36
MIN_CIRCLE = 5
#: Opacity of proportional circles (they overlap).
CIRCLE_OPACITY = 0.75


@dataclass(frozen=True)
class PlaceCategory:
    """One entry of a list's legend: a category, its colour and its number of places."""

    label: str
    colour: str
    count: int


@dataclass(frozen=True)
class PlaceLegend:
    """What the legend says of one list of places.

    Attributes
    ----------
    title : str
        The list's name.
    symbol : str
        Plotly marker symbol of the list (``circle``, ``square``…).
    categories : tuple of PlaceCategory
        In order of frequency, « Sans catégorie » and « Autres catégories » included.
    sizes : tuple of (float, float)
        Proportional circles: reference values and their diameters (px); empty without.
    value_label : str
        Name of the values the circles are proportional to.
    at_centre : str or None
        Note on the places put at their commune's centre; None when there are none.
    source : str
        The list's source line.
    """

    title: str
    symbol: str
    categories: tuple[PlaceCategory, ...]
    sizes: tuple[tuple[float, float], ...]
    value_label: str
    at_centre: str | None
    source: str

    @property
    def total(self) -> int:
        """Number of places of the list."""
        return sum(category.count for category in self.categories)


def category_colours(places: pd.DataFrame) -> dict[str, str]:
    """Colour of each category, the most frequent first (stable for a given list)."""
    counts = places["category"].value_counts(sort=False)
    order = sorted(counts.index, key=lambda category: (-int(counts[category]), category))
    return {category: PLACE_COLOURS[index % len(PLACE_COLOURS)]
            for index, category in enumerate(order)}


def _max_value(places: pd.DataFrame) -> float:
    values = places["value"].to_numpy(dtype=float)
    finite = values[np.isfinite(values) & (values > 0)]
    return float(finite.max()) if len(finite) else math.nan


def value_text(value: float) -> str:
    """Write a place's value: whole numbers without decimals, others with two."""
    return format_number(value, 0 if float(value).is_integer() else 2)


def circle_size(value: float, largest: float) -> float:
    """Diameter (px) of a value's circle: its area is proportional to the value."""
    if not (np.isfinite(value) and value > 0 and largest > 0):
        return MIN_CIRCLE
    return max(MIN_CIRCLE, MAX_CIRCLE * math.sqrt(value / largest))


def _nice(value: float) -> float:
    """Round a reference value down to 1, 2 or 5 times a power of ten."""
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (5, 2, 1) if step * power <= value)


def place_legend(layer: PlaceList, index: int = 0) -> PlaceLegend:
    """Legend of a list of places (``index``: its rank among the lists shown)."""
    places = layer.places
    colours = category_colours(places)
    counts = places["category"].value_counts()
    largest = _max_value(places) if layer.value_label else math.nan
    sizes = ()
    if np.isfinite(largest):
        references = sorted({_nice(largest), _nice(largest / 4)}, reverse=True)
        sizes = tuple((value, circle_size(value, largest)) for value in references)
    centred = int(places["at_centre"].sum())
    return PlaceLegend(
        title=layer.label, symbol=PLACE_SYMBOLS[index % len(PLACE_SYMBOLS)],
        categories=tuple(PlaceCategory(category, colours[category], int(counts[category]))
                         for category in colours),
        sizes=sizes, value_label=layer.value_label,
        at_centre=PLACE_AT_CENTRE_LEGEND.format(count=format_number(centred, 0))
        if centred else None,
        source=layer.source)


def hover_texts(layer: PlaceList, unit_names: Mapping[str, str]) -> list[str]:
    """Hover text of each place: name, category, value, commune (escaped once)."""
    places = layer.places
    texts = []
    for row in places.itertuples(index=False):
        lines = [f"<b>{plotly_text(row.nom)}</b>", plotly_text(row.category)]
        if layer.value_label and np.isfinite(row.value):
            lines.append(PLACE_HOVER_VALUE.format(label=plotly_text(layer.value_label),
                                                  value=value_text(row.value)))
        if row.code in layer.whole_cities:
            commune = PLACE_WHOLE_CITY.format(city=plotly_text(
                layer.city_names.get(row.code, row.code)))
        else:
            commune = PLACE_HOVER_COMMUNE.format(
                nom=plotly_text(unit_names.get(row.code, row.code)), code=row.code)
        lines.append(commune)
        if row.at_centre:
            lines.append(PLACE_AT_CENTRE)
        texts.append("<br>".join(lines))
    return texts


def marker_sizes(layer: PlaceList, legend: PlaceLegend) -> np.ndarray:
    """Diameter (px) of each place's marker: proportional circles, else all alike."""
    places = layer.places
    if not legend.sizes:
        return np.full(len(places), float(MARKER_SIZE))
    largest = _max_value(places)
    return np.array([round(circle_size(value, largest), 1)
                     for value in places["value"].tolist()])


def place_traces(layer: PlaceList, legend: PlaceLegend, unit_names: Mapping[str, str],
                 uid: str) -> list[dict]:
    """Scattergeo traces of a list of places, one per category (drawn in legend order)."""
    places = layer.places
    texts = np.array(hover_texts(layer, unit_names), dtype=object)
    sizes = marker_sizes(layer, legend)
    traces = []
    for category in legend.categories:
        chosen = (places["category"] == category.label).to_numpy()
        subset = places[chosen]
        size = sizes[chosen].tolist() if legend.sizes else MARKER_SIZE
        traces.append({
            "type": "scattergeo", "mode": "markers", "uid": f"{uid}-{len(traces)}",
            "name": f"{legend.title} — {category.label}",
            "lon": subset["lon"].round(5).tolist(), "lat": subset["lat"].round(5).tolist(),
            "text": texts[chosen].tolist(), "hovertemplate": "%{text}<extra></extra>",
            "showlegend": False,
            "marker": {"color": category.colour, "size": size, "symbol": legend.symbol,
                       "opacity": CIRCLE_OPACITY if legend.sizes else 1.0,
                       "line": {"color": PLACE_OUTLINE, "width": 1}},
        })
    return traces


def places_in(layer: PlaceList, codes: Sequence[str]) -> tuple[pd.DataFrame, bool]:
    """Places of a list inside some units; a city given whole counts when all its units are.

    Returns
    -------
    places : pandas.DataFrame
        The places counted.
    partial : bool
        True when the units hold only part of a city whose places the list gives for the
        whole city (those are left out: the count is a minimum).
    """
    wanted = set(codes)
    places = layer.places
    inside = places["code"].isin(wanted)
    partial = False
    for city, units in layer.whole_cities.items():
        here = wanted.intersection(units)
        if here == set(units):
            inside |= places["code"] == city
        elif here and (places["code"] == city).any():
            partial = True
    return places[inside], partial
