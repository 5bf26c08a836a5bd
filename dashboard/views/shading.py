"""What the map shows for each area: its own value, or a stand-in value it is hatched with.

The map never mixes values silently. Each area shows its own value when it has one. An
area without one is shown, hatched, with the value of the smallest area around it that
has one, when that says something about it:

* at the IRIS mesh, a housing IRIS whose value is not published (or whose code changed
  since the source) takes its commune's value (a commune not divided into IRIS *is* its
  own IRIS: its value is its own, not hatched; an IRIS of activity or a wood, types A
  and D, stays without value: its commune's says nothing of it);
* at the commune mesh, a commune withheld by the secret statistique takes the mean of
  the **published** communes of its EPCI, else of its département (a mean that leaves out
  the small withheld communes: the legend and hover say so).

Only means (rates, ratios) are stood in for: a count of a commune says nothing of one of
its IRIS. Hover texts also say when a count is a minimum (« au moins »: a CAF sum whose
commune has withheld IRIS).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard.formatting import format_share, format_value
from dashboard.strings import (
    HOVER_GROUP_DEPARTEMENT,
    HOVER_GROUP_EPCI,
    HOVER_IRIS_MISSING,
    HOVER_STAND_IN_COMMUNE,
    HOVER_STAND_IN_GROUP,
    HOVER_WHOLE_CITY,
    LEGEND_STAND_IN_COMMUNE,
    LEGEND_STAND_IN_GROUP,
    MISSING_IRIS_LEGEND_LABEL,
    MISSING_SECRET,
    MISSING_UNAVAILABLE,
    STAND_IN_FROM_COMMUNE,
    STAND_IN_FROM_GROUP,
    VALUE_AT_LEAST,
    VALUE_PARTIAL,
)
from dashboard.views.data import AppData
from dashboard.views.map_geometry import (
    CACHE_SIZE,
    DEPARTEMENT_AREAS,
    IRIS_AREAS,
    Selection,
    areas,
)
from dashboard.views.state import BY_COMMUNE
from dashboard.views.user_indicators import is_user_indicator
from geodata.observations.indicators import FILOSOFI_SOURCE, Indicator
from geodata.observations.tables import MEAN_KINDS

#: Template of the part of a value that IRIS do not cover, in a sentence.
PARTIAL_SHARE = "{share}"
#: INSEE type of the IRIS where people live (« habitat »).
HOUSING_IRIS = "H"


@dataclass(frozen=True, eq=False)
class AreaValues:
    """The values of the areas of a selection, in the order of :func:`areas`.

    Attributes
    ----------
    own : numpy.ndarray
        Each area's own value (NaN: none); the map's classes are computed on these.
        Read-only.
    stand_in : numpy.ndarray
        Value shown, hatched, for an area without its own (NaN elsewhere). Read-only.
    texts : tuple of str
        Hover text of each area's value.
    stand_in_label : str or None
        Legend label of the hatched areas; None when there are none.
    origins : tuple of str
        Where each stand-in value comes from, in words (« valeur de la commune »,
        « moyenne des communes publiées de l'EPCI … »), for the data table; "" elsewhere.
    """

    own: np.ndarray
    stand_in: np.ndarray
    texts: tuple[str, ...]
    stand_in_label: str | None
    origins: tuple[str, ...] = ()


def missing_reason(indicator: Indicator, coloured: str | None = None) -> str | None:
    """Why a value is missing, as the legend names it, when it is not the secret statistique.

    The hover of a missing area says the same words (:func:`missing_text`): an IRIS
    without value is « Non publié (IRIS d'activité…) » in both, a Paris arrondissement
    without QPV count names the source's choice in both.
    """
    if coloured == IRIS_AREAS and indicator.missing_label is None:
        return MISSING_IRIS_LEGEND_LABEL
    return indicator.missing_label


def missing_text(indicator: Indicator, coloured: str | None = None) -> str:
    """Hover text of a missing value: the legend's reason, else secret statistique or n.d."""
    reason = missing_reason(indicator, coloured)
    if reason is not None:
        return reason
    return MISSING_SECRET if indicator.source == FILOSOFI_SOURCE else MISSING_UNAVAILABLE


def _text(indicator: Indicator, value: float, share: float = 1.0,
          coloured: str | None = None) -> str:
    """Format a value; a count whose IRIS are not all published is « au moins »."""
    text = format_value(value, indicator.unit, indicator.decimals,
                        missing_text(indicator, coloured))
    if np.isnan(value) or not share < 1.0:
        return text
    return VALUE_PARTIAL.format(value=VALUE_AT_LEAST.format(value=text),
                                share=format_share(1.0 - share, PARTIAL_SHARE))


def area_values(data: AppData, selection: Selection, indicator_code: str) -> AreaValues:
    """Own values, stand-ins and hover texts of the areas of a selection (cached)."""
    return _area_values(data, selection.areas_only, indicator_code)


@lru_cache(maxsize=CACHE_SIZE)
def _area_values(data: AppData, selection: Selection, indicator_code: str) -> AreaValues:
    indicator = data.indicator(indicator_code)
    shown = areas(data, selection)
    observations = data.observations
    shares = pd.Series(1.0, index=shown["code"].to_numpy())
    stand_in = np.full(len(shown), np.nan)
    label = None
    if selection.coloured == DEPARTEMENT_AREAS:
        aggregated = observations.aggregate_departements(indicator, data.units)
        own = aggregated["value"].reindex(shown["code"]).to_numpy(dtype=float)
        shares = _count_coverage(indicator, aggregated).reindex(shares.index).fillna(1.0)
    elif selection.colour_by != BY_COMMUNE:
        membership = data.zonings[selection.colour_by].membership.rename(
            columns={"territory_id": "territory"})
        aggregated = observations.aggregate(indicator, membership)
        own = aggregated["value"].reindex(shown["code"]).to_numpy(dtype=float)
        shares = _count_coverage(indicator, aggregated).reindex(shares.index).fillna(1.0)
    else:
        commune_values = data.table[indicator.code].reindex(shown["commune"]).to_numpy(float)
        if indicator.known_share:
            shares = pd.Series(data.table[indicator.known_share].reindex(shown["commune"])
                               .fillna(1.0).to_numpy(), index=shares.index)
        own = commune_values.copy()
        if selection.coloured == IRIS_AREAS:
            own, stand_in, label = _iris_values(data, indicator, shown, commune_values)
            shares[:] = 1.0
        elif (indicator.kind in MEAN_KINDS and indicator.places is None
              and not is_user_indicator(indicator.code)):
            # A value missing from a user's own file is theirs to give: no stand-in.
            stand_in, label, texts, origins = _group_values(data, indicator, shown, own)
            return _frozen(own, stand_in, texts, label, origins)
    texts = [_text(indicator, value, share, selection.coloured)
             for value, share in zip(own.tolist(), shares.tolist(), strict=True)]
    if indicator.places is not None and "commune" in shown:
        _name_whole_cities(data, indicator, shown, texts)
    origins = [""] * len(texts)
    if label is not None:
        missing = HOVER_IRIS_MISSING
        for index in np.flatnonzero(~np.isnan(stand_in)).tolist():
            texts[index] = HOVER_STAND_IN_COMMUNE.format(
                missing=missing, value=_text(indicator, stand_in[index]))
            origins[index] = STAND_IN_FROM_COMMUNE
    return _frozen(own, stand_in, texts, label, origins)


def unit_value_text(data: AppData, indicator: Indicator, code: str) -> str:
    """Write the value of one unit as the map's hover does (« au moins », whole city)."""
    share = data.table.at[code, indicator.known_share] if indicator.known_share else 1.0
    texts = [_text(indicator, float(data.table.at[code, indicator.code]),
                   1.0 if pd.isna(share) else float(share))]
    if indicator.places is not None:
        _name_whole_cities(data, indicator, pd.DataFrame({"commune": [code]}), texts)
    return texts[0]


def _name_whole_cities(data: AppData, indicator: Indicator, shown: pd.DataFrame,
                       texts: list[str]) -> None:
    """Name the count of a whole city on its units (the source gives no count per unit)."""
    places = data.observations.places[indicator.places]
    counts = places.by_commune().set_index("code")["count"]
    for city, units in places.whole_cities.items():
        text = HOVER_WHOLE_CITY.format(city=places.city_names.get(city, city),
                                       count=int(counts.get(city, 0)))
        for index in np.flatnonzero(shown["commune"].isin(units).to_numpy()).tolist():
            texts[index] = text


def _frozen(own: np.ndarray, stand_in: np.ndarray, texts: list[str],
            label: str | None, origins: list[str]) -> AreaValues:
    for array in (own, stand_in):
        array.setflags(write=False)
    return AreaValues(own, stand_in, tuple(texts), label, tuple(origins))


def _count_coverage(indicator: Indicator, aggregated: pd.DataFrame) -> pd.Series:
    """Coverage of aggregated counts (a count covering part of its area is a minimum)."""
    if indicator.kind != "count" or not (indicator.known_share or indicator.places):
        return pd.Series(1.0, index=aggregated.index)
    return aggregated["coverage"].where(aggregated["value"].notna(), 1.0)


def _iris_values(data: AppData, indicator: Indicator, shown: pd.DataFrame,
                 commune_values: np.ndarray) -> tuple[np.ndarray, np.ndarray, str | None]:
    """IRIS values; an unpublished IRIS stands in with its commune's (means only)."""
    codes = shown["code"].to_numpy()
    is_iris = np.isin(codes, data.iris_index.index)
    whole = is_iris & (data.iris_index["type_iris"].reindex(codes).to_numpy() == "Z")
    iris_values = data.observations.iris_values(indicator)
    own = iris_values.reindex(codes).to_numpy(dtype=float)
    own = np.where(~is_iris | whole, commune_values, own)
    stand_in = np.full(len(codes), np.nan)
    if indicator.kind not in MEAN_KINDS:
        return own, stand_in, None
    # Only where people live: an IRIS of activity or a park (types A, D) is no part of
    # its commune's population, the commune's value would say nothing of it.
    housing = data.iris_index["type_iris"].reindex(codes).to_numpy() == HOUSING_IRIS
    lacking = is_iris & housing & np.isnan(own)
    stand_in[lacking] = commune_values[lacking]
    label = LEGEND_STAND_IN_COMMUNE if np.isfinite(stand_in).any() else None
    return own, stand_in, label


def _group_values(data: AppData, indicator: Indicator, shown: pd.DataFrame,
                  own: np.ndarray) -> tuple[np.ndarray, str | None, list[str], list[str]]:
    """Withheld communes shown with the mean of the published communes of their group."""
    units = data.units[data.units["code"].isin(shown["code"])]
    groups = data.observations.enclosing_values(indicator, data.units)
    groups = groups[groups.index.isin(units["code"])].reindex(shown["code"])
    stand_in = groups["value"].to_numpy(dtype=float)
    levels = groups["level"].tolist()
    group_codes = groups["group"].tolist()
    texts = [_text(indicator, value) for value in own.tolist()]
    origins = [""] * len(texts)
    names = data.group_names
    for index in np.flatnonzero(~np.isnan(stand_in)).tolist():
        code = group_codes[index]
        template = HOVER_GROUP_EPCI if levels[index] == "epci" else HOVER_GROUP_DEPARTEMENT
        group = template.format(nom=names.get(code, code))
        texts[index] = HOVER_STAND_IN_GROUP.format(
            missing=missing_text(indicator), group=group,
            value=_text(indicator, stand_in[index]))
        origins[index] = STAND_IN_FROM_GROUP.format(group=group)
    label = LEGEND_STAND_IN_GROUP if np.isfinite(stand_in).any() else None
    return stand_in, label, texts, origins

