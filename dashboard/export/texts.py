"""Texts every export pre-fills from the view: title, subtitle, scope, sources, date.

Shared by the printed page, the atlas, the interactive map and the data files, so that
they all name the same sources and all carry the illustrative notice when needed.

Examples
--------
>>> french_date(dt.date(2026, 12, 1))
'1er décembre 2026'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from dashboard.classification import Classification
from dashboard.export.constants import (
    CLASS_COUNT,
    CLASS_COUNT_ONE,
    COUNT_NOUNS,
    METHOD_COMMON,
    METHOD_LINE,
    MONTHS,
    PROJECTION_NOTE,
    SCOPE_DEPARTEMENT,
    SCOPE_MANY,
    SCOPE_MAX_NAMES,
    SOURCE_PREFIXES,
    SOURCE_SEPARATOR,
    SOURCES_LINE,
    SUBTITLE_BY_COMMUNE,
    SUBTITLE_BY_DEPARTEMENT,
    SUBTITLE_BY_IRIS,
    SUBTITLE_BY_TERRITORY,
    SUBTITLE_ZONINGS,
    TERRITORIES,
    TITLE,
)
from dashboard.formatting import french_list, plural
from dashboard.strings import ILLUSTRATIVE_NOTICE, METHOD_SHORT_LABELS
from dashboard.views.data import AppData
from dashboard.views.map_geometry import DEPARTEMENT_AREAS, IRIS_AREAS, Selection
from dashboard.views.map_view import view_source_lines
from dashboard.views.sources import perimeter_sources
from dashboard.views.state import BY_COMMUNE, ViewState
from dashboard.views.symbols import qpv_symbols
from geodata.observations.places import PlaceList


def count_text(count: int, coloured: str) -> str:
    """Count what a legend class holds: « 7 communes », « 1 commune », « 3 territoires ».

    ``coloured`` is what the map colours (:attr:`Selection.coloured
    <dashboard.views.map_geometry.Selection.coloured>`): communes, départements, or the
    territories of a zoning.
    """
    return plural(count, *COUNT_NOUNS.get(coloured, COUNT_NOUNS[TERRITORIES]), sep="\u00a0")


def french_date(date: dt.date) -> str:
    """Write a long French date: "1er décembre 2026", "23 novembre 2026"."""
    day = "1er" if date.day == 1 else str(date.day)
    return f"{day} {MONTHS[date.month - 1]} {date.year}"


def scope_name(data: AppData, departements: tuple[str, ...]) -> str:
    """Name the area shown: the region, a few départements by name, or many by code."""
    if not departements:
        return data.region_name
    if len(departements) > SCOPE_MAX_NAMES:
        return SCOPE_MANY.format(codes=french_list(departements))
    names = data.departements.set_index("code")["nom"]
    return french_list([SCOPE_DEPARTEMENT.format(nom=names[code], code=code)
                        for code in departements])


def zoning_labels(data: AppData, keys: Sequence[str]) -> list[str]:
    """Return the labels of the shown zonings ("DAC", "CPTS"…), in the view's order."""
    return [data.zonings[key].type.label for key in keys if key in data.zonings]


def default_title(data: AppData, state: ViewState) -> str:
    """Title the map by indicator and area: "Taux de pauvreté — Seine-Saint-Denis (93)"."""
    return TITLE.format(indicator=data.indicator(state.indicator).short_label,
                        scope=scope_name(data, state.departements))


def default_subtitle(data: AppData, state: ViewState) -> str:
    """Say what is coloured and which limits are drawn: "Par commune — limites des DAC…".

    The indicator's full name is the legend's title: the subtitle does not repeat it.
    """
    coloured = Selection.of(state, data).coloured
    if coloured == DEPARTEMENT_AREAS:
        text = SUBTITLE_BY_DEPARTEMENT
    elif coloured == IRIS_AREAS:
        text = SUBTITLE_BY_IRIS
    elif state.colour_by == BY_COMMUNE:
        text = SUBTITLE_BY_COMMUNE
    else:
        text = SUBTITLE_BY_TERRITORY.format(zoning=data.zonings[state.colour_by].type.label)
    labels = zoning_labels(data, state.zonings)
    if labels:
        text += " — " + SUBTITLE_ZONINGS.format(zonings=french_list(labels))
    return text


def method_line(classification: Classification, data: AppData | None = None,
                common: bool = False) -> str:
    """Name the method and the classes: "Quantiles, 5 classes".

    With ``common``, say that the classes were computed on the whole region (an
    atlas's pages all share them): "…, 5 classes calculées sur l'Île-de-France".
    """
    count = classification.k
    classes = (CLASS_COUNT_ONE if count == 1 else CLASS_COUNT).format(count=count)
    method = METHOD_SHORT_LABELS[classification.method]
    if common and data is not None:
        return METHOD_COMMON.format(method=method, classes=classes,
                                    area=_with_article(data.region_name))
    return METHOD_LINE.format(method=method, classes=classes)


def _with_article(region_name: str) -> str:
    """« l'Île-de-France », « la France métropolitaine »: the region after « sur »."""
    if region_name[:1] in "AEÉÈIÎOUY":
        return "l'" + region_name
    return region_name


@dataclass(frozen=True)
class Sources:
    """Where the data of a view comes from.

    Attributes
    ----------
    indicator : str
        « Source : Insee, Filosofi 2021 » for the Filosofi indicators; at the IRIS mesh
        the IRIS source, then the commune source (communes and stand-in values).
    geography : str
        INSEE/IGN base geography with its vintage, from the region's provenance.
    perimeters : tuple of str
        Source of the perimeters of the shown zonings, grouped by source; the
        illustrative notice (with the zonings concerned) for made-up ones.
    """

    indicator: str
    geography: str
    perimeters: tuple[str, ...]

    @property
    def illustrative(self) -> bool:
        """True if a shown zoning is made up: the export must say so."""
        return any(line.startswith(ILLUSTRATIVE_NOTICE) for line in self.perimeters)

    @property
    def lines(self) -> tuple[str, ...]:
        """Every source once, the illustrative notice last."""
        return tuple(dict.fromkeys((self.indicator, self.geography, *self.perimeters)))

    @property
    def notice(self) -> str | None:
        """The illustrative notice with the zonings concerned, if a zoning is made up."""
        return next((line for line in self.perimeters
                     if line.startswith(ILLUSTRATIVE_NOTICE)), None)

    def combined(self, *extra: str) -> str:
        """One « Sources : » line: every source and vintage once, then ``extra`` notes.

        Each source line loses its own « Source : » so that the page says it once, and
        is cut at its « ; »: a statement another one already contains is dropped (the
        population indicators and the base geography both state the populations'
        vintage).
        """
        parts = [part for line in (self.indicator, self.geography, *self.perimeters)
                 if not line.startswith(ILLUSTRATIVE_NOTICE)
                 for part in _without_prefix(line).split(SOURCE_SEPARATOR)]
        parts = list(dict.fromkeys([*parts, *extra]))
        kept = [part for part in parts
                if not any(part != other and part in other for other in parts)]
        return SOURCES_LINE.format(sources=SOURCE_SEPARATOR.join(kept))


def _without_prefix(line: str) -> str:
    """Strip a source line of its leading « Source : »."""
    for prefix in SOURCE_PREFIXES:
        if line.startswith(prefix):
            return line[len(prefix):].strip()
    return line.strip()


def map_sources(data: AppData, state: ViewState, places: Sequence[PlaceList] = ()) -> str:
    """Write the « Sources : » line of a printed map (its lists of places, the projection)."""
    return view_sources(data, state).combined(
        *(_without_prefix(layer.source) for layer in places), PROJECTION_NOTE)


def view_sources(data: AppData, state: ViewState) -> Sources:
    """Collect the sources of the indicator, the geography and the perimeters of a view."""
    lines = view_source_lines(data, state)
    symbols = qpv_symbols(data, state.departements) if state.qpv else None
    if symbols is not None:
        lines = (*lines, symbols.legend.source)
    return Sources(" ; ".join(lines), data.geography_source,
                   perimeter_sources(data, state.zonings))
