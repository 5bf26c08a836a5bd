"""The heterogeneity and zones blanches pages, and the panels their callbacks fill."""

from __future__ import annotations

from collections.abc import Sequence

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html, no_update
from dash.development.base_component import Component

from dashboard import ids, strings
from dashboard.figures.legend import Legend
from dashboard.formatting import format_share, format_value
from dashboard.layouts.components import (
    csv_export_params,
    dropdown,
    fill_swatch,
    labelled,
    line_swatch,
)
from dashboard.layouts.map_page import MAP_CONFIG
from dashboard.layouts.panels import legend_panel
from dashboard.layouts.panorama import GRID_LOCALE
from dashboard.palettes import OutlineStyle
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
from dashboard.views.heterogeneity import crossing_columns, format_index
from dashboard.views.pair import (
    COMMON_STYLE,
    MISMATCH_STYLES,
    STATUS_COLOURS,
    STATUS_ORDER,
    PairView,
    format_km,
    split_columns,
)
from geodata.heterogeneity import NESTING_LABELS, Nesting

#: Pages hidden until the state shows them (no flash of every page at start-up).
HIDDEN = {"display": "none"}
HEATMAP_CONFIG = {"displayModeBar": False, "locale": "fr", "scrollZoom": False}
PAIR_MAP_CONFIG = {**MAP_CONFIG, "toImageButtonOptions": {
    **MAP_CONFIG["toImageButtonOptions"], "filename": "cartocoord-comparaison"}}
GAPS_MAP_CONFIG = {**MAP_CONFIG, "toImageButtonOptions": {
    **MAP_CONFIG["toImageButtonOptions"], "filename": "cartocoord-zones-blanches"}}
TABLE_LOCALE = {**GRID_LOCALE, "noRowsToShow": strings.GRID_NO_ROWS}


def departement_filter(data: AppData, control_id: str) -> html.Div:
    """Filter a page by département: the same state field as the map's filter."""
    return labelled(strings.DEPARTEMENTS_LABEL, dropdown(
        id=control_id, multi=True, placeholder=strings.DEPARTEMENTS_PLACEHOLDER,
        options=[{"label": f"{row.code} — {row.nom}", "value": row.code}
                 for row in data.departements.itertuples()]), control_id)


def table_card(title: str | Component, grid_id: str, export_id: str, columns: list[dict],
               file_name: str, sources: Sequence[str], *, note: str | None = None,
               auto_height: bool = False, extra: list | None = None) -> html.Section:
    """Show a titled AG Grid with its CSV download (``;`` separator, for French Excel).

    ``sources`` (with the vintage of the populations) end the downloaded file.
    """
    options = {"localeText": TABLE_LOCALE, "animateRows": False, "enableCellTextSelection": True,
               "tooltipShowDelay": 300}
    if auto_height:
        options["domLayout"] = "autoHeight"
    return html.Section(className="cc-panel cc-table-card", children=[
        html.Div(className="cc-table-card__head", children=[
            html.H2(title, className="cc-table-card__title"),
            dbc.Button(strings.EXPORT_CSV, id=export_id, color="primary", outline=True,
                       size="sm"),
        ]),
        *([html.P(note, className="cc-hint")] if note else []),
        *(extra or []),
        dag.AgGrid(
            id=grid_id, columnDefs=columns, rowData=[],
            defaultColDef={"sortable": True, "filter": True, "resizable": True,
                           "wrapHeaderText": True, "autoHeaderHeight": True},
            dashGridOptions=options,
            csvExportParams=csv_export_params(file_name, sources),
            className="cc-grid cc-table-card__grid" + (" cc-grid--auto" if auto_height else ""),
            style={"height": None},
        ),
    ])


def map_block(title_id: str | None, title: str, graph_id: str, legend_id: str,
              config: dict) -> html.Figure:
    """One map of the pair with its title above and its legend below."""
    return html.Figure(className="cc-pair-map", children=[
        html.Figcaption(title, id=title_id, className="cc-pair-map__title")
        if title_id else html.Figcaption(title, className="cc-pair-map__title"),
        # dcc.Graph fills its parent (responsive): the frame gives the height.
        html.Div(className="cc-pair-map__frame", children=dcc.Graph(
            id=graph_id, config=config, className="cc-pair-map__graph", responsive=True,
            clear_on_unhover=True)),
        html.Div(id=legend_id, className="cc-pair-map__legend", **{"aria-live": "polite"}),
    ])


def pair_section(data: AppData) -> html.Section:
    """Choose two zonings (or click the matrix): both maps, their overlay, the split table."""
    options = [{"label": zoning.type.label, "value": key} for key, zoning in data.zonings.items()]
    return html.Section(id=ids.PAIR_SECTION, className="cc-panel cc-pair", children=[
        html.Div(className="cc-pair__head", children=[
            html.H2(strings.PAIR_TITLE, className="cc-pair__title"),
            labelled(strings.PAIR_A_LABEL, dropdown(
                id=ids.PAIR_A, options=options, clearable=False,
                placeholder=strings.PAIR_PLACEHOLDER), ids.PAIR_A),
            labelled(strings.PAIR_B_LABEL, dropdown(
                id=ids.PAIR_B, options=options, clearable=False,
                placeholder=strings.PAIR_PLACEHOLDER), ids.PAIR_B),
            dbc.Button(strings.PAIR_CLOSE, id=ids.PAIR_CLOSE, color="secondary", outline=True,
                       size="sm", className="cc-pair__close", style=HIDDEN),
        ]),
        html.P(strings.PAIR_HINT, id=ids.PAIR_SUMMARY, className="cc-pair__summary",
               role="status"),
        html.Div(id=ids.PAIR_BODY, style=HIDDEN, children=[
            html.Div(className="cc-pair__maps", children=[
                map_block(ids.PAIR_TITLE_A, "", ids.PAIR_MAP_A, ids.PAIR_LEGEND_A,
                          PAIR_MAP_CONFIG),
                map_block(ids.PAIR_TITLE_B, "", ids.PAIR_MAP_B, ids.PAIR_LEGEND_B,
                          PAIR_MAP_CONFIG),
                map_block(None, strings.PAIR_OVERLAY_TITLE, ids.PAIR_MAP_OVERLAY,
                          ids.PAIR_LEGEND_OVERLAY, PAIR_MAP_CONFIG),
            ]),
            html.P(strings.PAIR_SYNC_NOTE, className="cc-hint cc-pair__sync"),
            table_card(html.Span(id=ids.SPLIT_TITLE), ids.SPLIT_GRID, ids.SPLIT_EXPORT, [],
                       "cartocoord-territoires-partages.csv", data.source_lines),
        ]),
        dcc.Store(id=ids.PAIR_SYNC),
        dcc.Store(id=ids.PAIR_SCROLL),
    ])


def nesting_page(data: AppData) -> html.Div:
    """Lay out the heterogeneity page: nesting matrix, crossings of limits, pair view."""
    return html.Div(id=ids.PAGE_NESTING, className="cc-analysis-page", style=HIDDEN, children=[
        html.Div(className="cc-analysis-head", children=[
            html.Div(className="cc-analysis-head__text", children=[
                html.H1(strings.NESTING_TITLE), html.P(strings.NESTING_INTRO)]),
            html.Div(departement_filter(data, ids.NESTING_DEPARTEMENTS),
                     className="cc-analysis-filters"),
        ]),
        html.Div(className="cc-nesting-top", children=[
            html.Section(className="cc-panel cc-nesting-matrix", children=[
                html.H2(strings.NESTING_MATRIX_TITLE, className="cc-table-card__title"),
                html.Div(className="cc-heatmap", children=dcc.Graph(
                    id=ids.NESTING_HEATMAP, config=HEATMAP_CONFIG, responsive=True)),
                html.P(strings.NESTING_HOW_TO.format(vintage=data.population_vintage),
                       className="cc-hint"),
            ]),
            table_card(strings.CROSSINGS_TITLE, ids.CROSSINGS_GRID, ids.CROSSINGS_EXPORT,
                       crossing_columns(), "cartocoord-territoires-a-cheval.csv",
                       data.source_lines,
                       note=strings.CROSSINGS_INTRO.format(vintage=data.population_vintage)),
        ]),
        pair_section(data),
    ])


def gaps_zoning_options(data: AppData) -> list[dict]:
    """Each stored zoning with its number of uncovered communes in the region."""
    counts = uncovered_counts(data)
    options = []
    for key in data.stored:
        label = data.zonings[key].type.label
        options.append({"label": (strings.GAPS_ZONING_OPTION.format(label=label, count=counts[key])
                                  if counts[key] else
                                  strings.GAPS_ZONING_OPTION_FULL.format(label=label)),
                        "value": key})
    return options


def gaps_page(data: AppData) -> html.Div:
    """Lay out the zones blanches page: map, list by need, per département, overlaps."""
    return html.Div(id=ids.PAGE_GAPS, className="cc-analysis-page", style=HIDDEN, children=[
        html.Div(className="cc-analysis-head", children=[
            html.Div(className="cc-analysis-head__text", children=[
                html.H1(strings.GAPS_TITLE), html.P(strings.GAPS_INTRO)]),
            html.Div(className="cc-analysis-filters", children=[
                labelled(strings.GAPS_ZONING_LABEL, dropdown(
                    id=ids.GAPS_ZONING, options=gaps_zoning_options(data), clearable=False,
                    searchable=False), ids.GAPS_ZONING),
                departement_filter(data, ids.GAPS_DEPARTEMENTS),
            ]),
        ]),
        html.P(id=ids.GAPS_SUMMARY, className="cc-gaps-summary", role="status"),
        html.Div(className="cc-gaps-grid", children=[
            html.Section(className="cc-panel cc-gaps-map", children=[
                html.Div(id=ids.GAPS_LEGEND, className="cc-gaps-map__legend",
                         **{"aria-live": "polite"}),
                html.Div(className="cc-gaps-map__frame", children=dcc.Graph(
                    id=ids.GAPS_MAP, config=GAPS_MAP_CONFIG, responsive=True,
                    clear_on_unhover=True)),
            ]),
            table_card(strings.GAPS_LIST_TITLE, ids.GAPS_GRID, ids.GAPS_EXPORT, need_columns(),
                       "cartocoord-zones-blanches.csv", data.source_lines,
                       note=strings.GAPS_NEED_NOTE.format(vintage=data.population_vintage)),
        ]),
        html.Div(className="cc-gaps-tables", children=[
            table_card(strings.GAPS_DEPARTEMENT_TITLE, ids.GAPS_DEPARTEMENT_GRID,
                       ids.GAPS_DEPARTEMENT_EXPORT, gaps_departement_columns(),
                       "cartocoord-zones-blanches-departements.csv", data.source_lines,
                       auto_height=True),
            table_card(strings.OVERLAPS_TITLE, ids.OVERLAPS_GRID, ids.OVERLAPS_EXPORT,
                       overlap_columns(), "cartocoord-communes-partagees.csv",
                       data.source_lines, auto_height=True,
                       extra=[html.P(id=ids.OVERLAPS_NOTE, className="cc-hint")]),
        ]),
    ])


# --- Panels filled by the callbacks --------------------------------------------------------

def status_legend(own: str, other: str, view_has_outside: bool,
                  other_style: OutlineStyle, own_has_gaps: bool = False) -> list:
    """Legend of a status map: what each fill means, and the other zoning's outline."""
    rows = [html.Li([fill_swatch(STATUS_COLOURS[status]),
                     html.Span(NESTING_LABELS[Nesting(status)].format(label=other))])
            for status in STATUS_ORDER
            if status and (status != Nesting.OUTSIDE.value or view_has_outside)]
    if own_has_gaps:
        rows.append(html.Li([fill_swatch(STATUS_COLOURS[""]),
                             html.Span(strings.PAIR_UNCOVERED.format(label=own))]))
    rows.append(html.Li([line_swatch(other_style),
                         html.Span(strings.PAIR_OUTLINE.format(label=other))]))
    return [html.Ul(rows, className="cc-legend__rows")]


def pair_legends(view: PairView,
                 styles: tuple[OutlineStyle, OutlineStyle]) -> tuple[list, list, list]:
    """Legends of the two status maps and of the overlay (with the lengths in km)."""
    label_a, label_b = view.labels
    outside = Nesting.OUTSIDE.value
    legend_a = status_legend(label_a, label_b, (view.nesting_a["status"] == outside).any(),
                             styles[1], view.has_gaps[0])
    legend_b = status_legend(label_b, label_a, (view.nesting_b["status"] == outside).any(),
                             styles[0], view.has_gaps[1])
    overlay = [html.Ul(className="cc-legend__rows", children=[
        *(html.Li([line_swatch(style),
                   html.Span(strings.MISMATCH_LENGTH.format(
                       label=strings.MISMATCH_OWN.format(label=label),
                       length=format_km(view.mismatch_km[side])))])
          for side, label, style in (("a", label_a, MISMATCH_STYLES["a"]),
                                     ("b", label_b, MISMATCH_STYLES["b"]))),
        html.Li([line_swatch(COMMON_STYLE),
                 html.Span(strings.MISMATCH_COMMON)]),
    ])]
    return legend_a, legend_b, overlay


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


def pair_panels(data: AppData, view: PairView | None) -> tuple:
    """Fill the pair section: the ``fill_pair`` outputs after the two styles, in order.

    Without a pair, only the hint changes (the rest stays hidden as it was).
    """
    if view is None:
        return (strings.PAIR_HINT, *[no_update] * 11)
    label_a, label_b = view.labels
    split_a, total_a, split_b, total_b = view.split_counts
    summary = [
        html.Strong(strings.PAIR_SUMMARY.format(a=label_a, b=label_b,
                                                value=format_index(view.index),
                                                reverse=format_index(view.reverse_index))),
        " ",
        strings.PAIR_SPLIT_COUNT.format(split=split_a, total=total_a, a=label_a, b=label_b,
                                        reverse_split=split_b, reverse_total=total_b),
    ]
    legends = pair_legends(view, tuple(data.zonings[key].type.style for key in (view.a, view.b)))
    return (
        summary,
        strings.PAIR_MAP_TITLE.format(own=label_a, other=label_b),
        strings.PAIR_MAP_TITLE.format(own=label_b, other=label_a),
        *view.figures,
        *legends,
        strings.SPLIT_TITLE.format(a=label_a, b=label_b),
        split_columns(label_a, label_b),
        records(view.split),
    )


def gaps_panels(data: AppData, view: GapsView) -> tuple:
    """Fill the zones blanches page: the ``fill_gaps`` outputs, in order."""
    if view.uncovered_units or view.partly_uncovered_units:
        summary = strings.GAPS_SUMMARY.format(
            units=format_value(view.uncovered_units, "", 0), label=view.label,
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
            overlaps_note)
