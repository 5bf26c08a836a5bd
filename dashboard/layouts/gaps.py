"""The zones blanches page, and the panels its callback fills."""

from __future__ import annotations

import pandas as pd
from dash import html
from dash.development.base_component import Component

from dashboard import ids, strings
from dashboard.figures.legend import Legend
from dashboard.formatting import format_share, format_value, plural
from dashboard.layouts.components import (
    dropdown,
    fill_swatch,
    graph_frame,
    labelled,
    line_swatch,
    map_graph,
)
from dashboard.layouts.heterogeneity import departement_filter
from dashboard.layouts.map_page import MAP_CONFIG
from dashboard.layouts.panels import legend_panel
from dashboard.layouts.tables import data_grid, table_card
from dashboard.views.analysis import records
from dashboard.views.data import AppData
from dashboard.views.gaps import (
    COVERED_COLOUR,
    GAPS_OUTLINE_STYLE,
    GapsView,
    gaps_departement_columns,
    need_columns,
    overlap_columns,
    uncovered_counts,
)
from dashboard.views.state import ViewState
from dashboard.views.transitions import control_values

#: Rows of the list shown before the table is asked for.
PREVIEW_ROWS = 10
GAPS_MAP_CONFIG = {**MAP_CONFIG, "toImageButtonOptions": {
    **MAP_CONFIG["toImageButtonOptions"], "filename": "cartocoord-zones-blanches"}}


def gaps_zoning_options(data: AppData) -> list[dict]:
    """Each stored zoning with its number of uncovered communes in the region."""
    counts = uncovered_counts(data)
    options = []
    for key in data.stored:
        label = data.zonings[key].type.label
        options.append({"label": (strings.GAPS_ZONING_OPTION.format(
                                      label=label,
                                      count=plural(counts[key], *strings.GAPS_UNCOVERED_WORDS))
                                  if counts[key] else
                                  strings.GAPS_ZONING_OPTION_FULL.format(label=label)),
                        "value": key})
    return options


def gaps_body(data: AppData, state: ViewState) -> list:
    """Lay out the zones blanches page, its controls showing ``state``.

    Map, list by need, per département, overlaps: the page's callback fills them; the
    grids come when the user asks (:func:`gaps_grids`).
    """
    values = control_values(data, state)
    return [
        html.Div(className="cc-analysis-head", children=[
            html.Div(className="cc-analysis-head__text", children=[
                html.H1(strings.GAPS_TITLE), html.P(strings.GAPS_INTRO)]),
            html.Div(className="cc-analysis-filters", children=[
                labelled(strings.GAPS_ZONING_LABEL, dropdown(
                    id=ids.GAPS_ZONING, options=gaps_zoning_options(data), clearable=False,
                    searchable=False, value=values[ids.GAPS_ZONING]), ids.GAPS_ZONING),
                departement_filter(data, ids.GAPS_DEPARTEMENTS, values[ids.GAPS_DEPARTEMENTS]),
            ]),
        ]),
        html.P(id=ids.GAPS_SUMMARY, className="cc-gaps-summary", role="status"),
        html.Div(className="cc-gaps-grid", children=[
            html.Section(className="cc-panel cc-gaps-map", children=[
                html.Div(id=ids.GAPS_LEGEND, className="cc-gaps-map__legend",
                         **{"aria-live": "polite"}),
                graph_frame(graph=map_graph(ids.GAPS_MAP, GAPS_MAP_CONFIG),
                            class_name="cc-gaps-map__frame"),
            ]),
            table_card(strings.GAPS_LIST_TITLE, ids.GAPS_FRAME, ids.GAPS_EXPORT, ids.GAPS_GRID,
                       note=strings.GAPS_NEED_NOTE.format(vintage=data.population_vintage),
                       extra=[html.Div(id=ids.GAPS_PREVIEW, className="cc-table-preview")]),
        ]),
        html.Div(className="cc-gaps-tables", children=[
            table_card(strings.GAPS_DEPARTEMENT_TITLE, ids.GAPS_DEPARTEMENT_FRAME,
                       ids.GAPS_DEPARTEMENT_EXPORT, ids.GAPS_DEPARTEMENT_GRID),
            table_card(strings.OVERLAPS_TITLE, ids.OVERLAPS_FRAME, ids.OVERLAPS_EXPORT,
                       ids.OVERLAPS_GRID,
                       extra=[html.P(id=ids.OVERLAPS_NOTE, className="cc-hint")]),
        ]),
    ]


def gaps_grids(data: AppData) -> dict[str, Component]:
    """Build the grids of the page, by frame, empty until its callback fills them."""
    return {
        ids.GAPS_FRAME: data_grid(ids.GAPS_GRID, need_columns(),
                                  "cartocoord-zones-blanches.csv", data.source_lines),
        ids.GAPS_DEPARTEMENT_FRAME: data_grid(
            ids.GAPS_DEPARTEMENT_GRID, gaps_departement_columns(),
            "cartocoord-zones-blanches-departements.csv", data.source_lines, auto_height=True),
        ids.OVERLAPS_FRAME: data_grid(ids.OVERLAPS_GRID, overlap_columns(),
                                      "cartocoord-communes-partagees.csv", data.source_lines,
                                      auto_height=True),
    }


def gaps_legend(legend: Legend, label: str) -> list:
    """Write the map legend (classes of the zones blanches), covered communes, outline."""
    return [
        *legend_panel(legend)[:3],
        html.Ul(className="cc-legend__rows", children=[
            html.Li([fill_swatch(COVERED_COLOUR),
                     html.Span(strings.GAPS_COVERED.format(label=label))]),
            html.Li([line_swatch(GAPS_OUTLINE_STYLE), html.Span(strings.GAPS_OUTLINE)]),
        ]),
        *legend_panel(legend)[3:],
    ]


def gaps_panels(data: AppData, view: GapsView) -> tuple:
    """Fill the zones blanches page: the ``fill_gaps`` outputs, in order."""
    if view.uncovered_units or view.partly_uncovered_units:
        summary = strings.GAPS_SUMMARY.format(
            units=plural(view.uncovered_units, *strings.GAPS_UNCOVERED_WORDS), label=view.label,
            population=format_value(view.uncovered_population, "habitants", 0),
            share=format_share(view.uncovered_population / view.population
                               if view.population else float("nan"), strings.GAPS_SHARE))
        if view.partly_uncovered_units:
            summary = summary.removesuffix(".") + strings.GAPS_SUMMARY_PARTLY.format(
                units=format_value(view.partly_uncovered_units, "", 0))
    else:
        summary = strings.GAPS_NONE.format(label=view.label)
    overlaps_note = ("" if len(view.overlaps) else
                     strings.OVERLAPS_NONE.format(label=view.label))
    return (view.figure, gaps_legend(view.legend, view.label), summary,
            records(view.needs), records(view.by_departement), records(view.overlaps),
            overlaps_note, need_preview(view.needs))


def need_preview(needs: pd.DataFrame) -> list[Component]:
    """Show the first rows of the list of zones blanches, until the user asks for the table.

    A plain HTML table: the grid's scripts (0.5 MB) come only when asked for, and the
    card would otherwise be empty beside the map.
    """
    if needs.empty:
        return []
    first = needs.head(PREVIEW_ROWS)
    columns = strings.GAPS_PREVIEW_COLUMNS
    numbers = {"rang", "population", "besoin"}

    def cell(row: pd.Series, column: str) -> html.Td:
        if column not in numbers:
            return html.Td(row[column])
        return html.Td(format_value(row[column], "", 0), className="cc-table-preview__number")

    return [html.Table(className="table table-sm cc-table-preview__table", children=[
        html.Caption(strings.GAPS_PREVIEW_CAPTION.format(
            shown=len(first), total=format_value(len(needs), "", 0))),
        html.Thead(html.Tr([html.Th(strings.GAPS_COLUMNS[column], scope="col",
                                    className="cc-table-preview__number"
                                    if column in numbers else None)
                            for column in columns])),
        html.Tbody([html.Tr([cell(row, column) for column in columns])
                    for _, row in first.iterrows()]),
    ])]
