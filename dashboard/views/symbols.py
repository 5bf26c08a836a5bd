"""Proportional circles of the quartiers prioritaires (QPV 2024), over any choropleth.

One circle per commune touching at least one QPV, at the point the source gives (the
commune's centre), its area proportional to the number of QPV. Sizes are scaled on the
region's largest count, so that one size means one count in every view. A city whose
QPV the source gives as a whole (Paris) gets one circle named as the whole city, never
as one of its arrondissements.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from dashboard.constants import QPV_LEGEND_COUNTS, QPV_MAX_DIAMETER
from dashboard.figures.legend import SymbolLegend
from dashboard.figures.text import plotly_text
from dashboard.palettes import QPV_SYMBOL_STYLE
from dashboard.strings import (
    QPV_HOVER,
    QPV_LEGEND_NOTE,
    QPV_LEGEND_ROW,
    QPV_LEGEND_TITLE,
    QPV_WHOLE_CITY,
)
from dashboard.views.data import AppData
from geodata.observations.indicators import QPV_PLACES

#: QPV names per line of a circle's hover (Paris has 21): the box stays narrow.
HOVER_NAMES_PER_LINE = 3


@dataclass(frozen=True)
class Symbols:
    """Circles of a view: position, count, diameter (pixels) and hover text of each."""

    lon: tuple[float, ...]
    lat: tuple[float, ...]
    counts: tuple[int, ...]
    diameters: tuple[float, ...]
    texts: tuple[str, ...]
    legend: SymbolLegend


def diameter(count: float, largest: float) -> float:
    """Diameter (pixels) of a circle whose AREA is proportional to ``count``.

    >>> diameter(4, 16) * 2 == diameter(16, 16) == 34.0
    True
    """
    return float(QPV_MAX_DIAMETER * np.sqrt(count / largest)) if largest > 0 else 0.0


@lru_cache(maxsize=32)
def qpv_symbols(data: AppData, departements: tuple[str, ...]) -> Symbols | None:
    """Place the QPV circles of the communes of ``departements`` (all: the region).

    None when the region has no QPV list. Hover texts are escaped for plotly
    (:func:`~dashboard.figures.text.plotly_text`, valid HTML too).
    """
    places = data.observations.places.get(QPV_PLACES)
    if places is None:
        return None
    rows = places.by_commune()
    largest = float(rows["count"].max()) if len(rows) else 0.0
    units = data.unit_index
    shown = set(units.index if not departements
                else units.index[units["departement"].isin(departements)])
    lon, lat, counts, diameters, texts = [], [], [], [], []
    for row in rows.itertuples():
        members = places.whole_cities.get(row.code, (row.code,))
        if not shown.intersection(members):
            continue
        name = (QPV_WHOLE_CITY.format(city=places.city_names.get(row.code, row.code))
                if row.whole_city else str(units.at[row.code, "nom"]))
        lon.append(float(row.lon))
        lat.append(float(row.lat))
        counts.append(int(row.count))
        diameters.append(diameter(row.count, largest))
        names = [plotly_text(", ".join(row.names[start:start + HOVER_NAMES_PER_LINE]))
                 for start in range(0, len(row.names), HOVER_NAMES_PER_LINE)]
        texts.append(QPV_HOVER.format(name=plotly_text(name), count=int(row.count),
                                      names=",<br>".join(names)))
    samples = tuple((count, diameter(count, largest)) for count in QPV_LEGEND_COUNTS
                    if count <= largest)
    legend = SymbolLegend(
        title=f"{QPV_LEGEND_TITLE} ({places.vintage})",
        rows=tuple((QPV_LEGEND_ROW.format(count=count), size) for count, size in samples),
        note=QPV_LEGEND_NOTE, source=places.source, style=QPV_SYMBOL_STYLE)
    return Symbols(tuple(lon), tuple(lat), tuple(counts), tuple(diameters), tuple(texts),
                   legend)


def symbols_trace(symbols: Symbols) -> dict:
    """Build the plotly trace of the circles, drawn above the areas and outlines."""
    style = symbols.legend.style
    return {"type": "scattergeo", "uid": "qpv", "mode": "markers", "name": symbols.legend.title,
            "lon": list(symbols.lon), "lat": list(symbols.lat), "showlegend": False,
            "text": list(symbols.texts), "hovertemplate": "%{text}<extra></extra>",
            "marker": {"size": list(symbols.diameters), "sizemode": "diameter",
                       "color": style.fill, "opacity": style.opacity,
                       "line": {"color": style.edge, "width": style.edge_width}}}
