"""The map said in words: its values as a table, and one sentence on what it shows.

A screen reader cannot read the colours of a map: « Voir les données de la carte » shows
the same areas, values and classes as a table, and a polite live region says what the
map shows each time it changes (:func:`map_summary`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dashboard import strings
from dashboard.classification import reclassify
from dashboard.figures.legend import Legend
from dashboard.formatting import format_day, format_value
from dashboard.views.data import AppData
from dashboard.views.map_geometry import Selection
from dashboard.views.map_view import area_names, classify_view
from dashboard.views.shading import area_values
from dashboard.views.state import BY_COMMUNE, ViewState
from dashboard.views.territories import covering_names


@dataclass(frozen=True)
class MapTable:
    """The shown areas, highest value first, as text cells.

    ``headers`` name the columns: area, code, value (with its unit in each cell), class,
    then, for communes, one column per shown zoning naming the covering territories. An
    area the map hatches with a stand-in value (its commune's, or its group's mean) says
    so in its cells, as the legend does; those rows follow the areas with a value.
    """

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _areas_word(data: AppData, selection: Selection) -> str:
    if selection.coloured in strings.MAP_AREA_WORDS:
        return strings.MAP_AREA_WORDS[selection.coloured]
    return strings.MAP_AREA_TERRITORIES.format(label=data.zonings[selection.coloured].type.label)


def place_name(data: AppData, departements: tuple[str, ...]) -> str:
    """Name what the map covers: the chosen départements (in code order), or the region."""
    if not departements:
        return data.region_name
    wanted = set(departements)
    shown = [row.nom for row in data.departements.itertuples() if row.code in wanted]
    return ", ".join(shown[:-1]) + strings.LIST_AND + shown[-1] if len(shown) > 1 else shown[0]


def _zoning_header(data: AppData, key: str) -> str:
    label = data.zonings[key].type.label
    return label + (strings.ILLUSTRATIVE_SUFFIX if data.illustrative_zonings((key,)) else "")


def map_table(data: AppData, state: ViewState, legend: Legend) -> MapTable:
    """Build the table of what the map of ``state`` shows (``legend``: :func:`map_legend`)."""
    selection = Selection.of(state, data)
    values, classification = classify_view(data, state)
    indicator = data.indicator(state.indicator)
    shown = area_values(data, selection, state.indicator)
    stand_in = shown.stand_in
    stand_in_class = reclassify(classification, stand_in).class_of
    names = area_names(data, selection)
    zonings = selection.zonings if selection.coloured == BY_COMMUNE else ()
    territories = [covering_names(data, key).reindex(names["code"]).fillna(strings.MAP_TABLE_GAP)
                   for key in zonings]
    rank = np.where(np.isnan(values), np.where(np.isnan(stand_in), 0, 1), 2)
    shown_value = np.where(np.isnan(values), stand_in, values)
    order = np.lexsort((np.where(np.isnan(shown_value), -np.inf, shown_value), rank))[::-1]
    rows = []
    for index in order:
        hatched = rank[index] == 1
        klass = int((stand_in_class if hatched else classification.class_of)[index])
        value = format_value(shown_value[index], indicator.unit, indicator.decimals)
        class_cell = (strings.MAP_TABLE_CLASS_CELL.format(number=klass + 1,
                                                          label=classification.labels[klass])
                      if klass >= 0 else strings.MAP_TABLE_MISSING_CLASS)
        rows.append((
            names["nom"].iat[index], names["code"].iat[index],
            strings.MAP_TABLE_STAND_IN.format(value=value, origin=shown.origins[index])
            if hatched else value,
            strings.MAP_TABLE_STAND_IN_CLASS.format(class_cell=class_cell)
            if hatched and klass >= 0 else class_cell,
            *(str(column.iat[index]) for column in territories),
        ))
    area_header = (strings.MAP_AREA_HEADERS.get(selection.coloured)
                   or strings.MAP_AREA_TERRITORY.format(label=_zoning_header(
                       data, selection.coloured)))
    caption = strings.MAP_TABLE_CAPTION.format(
        title=legend.title, place=place_name(data, state.departements),
        count=format_value(len(rows), "", 0), areas=_areas_word(data, selection),
        method=legend.method, k=classification.k, source=legend.source)
    return MapTable(caption, (area_header, strings.MAP_TABLE_CODE, strings.MAP_TABLE_VALUE,
                              strings.MAP_TABLE_CLASS,
                              *(_zoning_header(data, key) for key in zonings)), tuple(rows))


def map_summary(data: AppData, state: ViewState, legend: Legend) -> str:
    """Say in one sentence what the map shows, for a live region.

    Examples: « Carte : taux de pauvreté, Seine-Saint-Denis, 39 communes, 5 classes,
    contours DAC. »
    """
    selection = Selection.of(state, data)
    label = data.indicator(state.indicator).short_label
    zonings = [data.zonings[key].type.label for key in state.zonings if key in data.zonings]
    return strings.MAP_STATUS.format(
        indicator=label[:1].lower() + label[1:], place=place_name(data, state.departements),
        count=format_value(legend.count, "", 0), areas=_areas_word(data, selection),
        k=len(legend.rows),
        outlines=(strings.MAP_STATUS_OUTLINES.format(zonings=", ".join(zonings))
                  if zonings else ""),
        date=strings.MAP_STATUS_DATE.format(day=format_day(state.date)) if state.date else "")

