"""Texts every export pre-fills from the view: title, subtitle, scope, sources, date.

Shared by the printed page, the atlas, the interactive map and the data files, so that
they all name the same sources and all carry the illustrative notice when needed.

Examples
--------
>>> french_list(["DAC", "CPTS", "CARSIC"])
'DAC, CPTS et CARSIC'
>>> french_date(dt.date(2026, 12, 1))
'1er décembre 2026'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from dashboard.export.constants import (
    AND,
    ILLUSTRATIVE_NOTICE,
    MONTHS,
    PERIMETER_SOURCE,
    PERIMETER_SOURCE_UNKNOWN,
    SCOPE_DEPARTEMENT,
    SCOPE_MANY,
    SCOPE_MAX_NAMES,
    SUBTITLE_BY_COMMUNE,
    SUBTITLE_BY_TERRITORY,
    SUBTITLE_ZONINGS,
    TITLE,
)
from dashboard.views.data import AppData
from dashboard.views.state import BY_COMMUNE, ViewState


def french_list(items: Sequence[str]) -> str:
    """Join items the French way: "a, b et c"."""
    items = list(items)
    return ", ".join(items[:-1]) + AND + items[-1] if len(items) > 1 else "".join(items)


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
    """Describe the map: full indicator label, what is coloured, the zonings outlined."""
    label = data.indicator(state.indicator).label
    if state.colour_by == BY_COMMUNE:
        text = SUBTITLE_BY_COMMUNE.format(label=label)
    else:
        text = SUBTITLE_BY_TERRITORY.format(label=label,
                                            zoning=data.zonings[state.colour_by].type.label)
    labels = zoning_labels(data, state.zonings)
    if labels:
        text += " — " + SUBTITLE_ZONINGS.format(zonings=french_list(labels))
    return text


@dataclass(frozen=True)
class Sources:
    """Where the data of a view comes from.

    Attributes
    ----------
    indicator : str
        « Source : Insee, Filosofi 2021 » for the Filosofi indicators.
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


def view_sources(data: AppData, state: ViewState) -> Sources:
    """Collect the sources of the indicator, the geography and the perimeters of a view."""
    official: dict[str, list[str]] = {}
    for key in state.zonings:
        zoning = data.zonings[key]
        if not zoning.illustrative:
            official.setdefault(zoning.source or PERIMETER_SOURCE_UNKNOWN, []).append(
                zoning.type.label)
    perimeters = [PERIMETER_SOURCE.format(labels=french_list(labels), source=source)
                  for source, labels in official.items()]
    illustrative = data.illustrative_zonings(state.zonings)
    if illustrative:
        perimeters.append(f"{ILLUSTRATIVE_NOTICE} ({french_list(illustrative)})")
    return Sources(data.indicator(state.indicator).source, data.geography_source,
                   tuple(perimeters))
