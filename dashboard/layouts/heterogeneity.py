"""The heterogeneity page: nesting matrix, crossings of limits, pair of zonings compared."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html, no_update
from dash.development.base_component import Component

from dashboard import ids, strings
from dashboard.formatting import format_number
from dashboard.layouts.components import (
    HIDDEN,
    dropdown,
    fill_swatch,
    graph_frame,
    labelled,
    line_swatch,
    map_graph,
)
from dashboard.layouts.map_page import MAP_CONFIG
from dashboard.layouts.tables import data_grid, table_card
from dashboard.palettes import OutlineStyle
from dashboard.views.analysis import records
from dashboard.views.data import AppData
from dashboard.views.heterogeneity import (
    NESTING_SCALE,
    NESTING_TICKS,
    NestingCell,
    crossing_columns,
    format_index,
)
from dashboard.views.pair import (
    COMMON_STYLE,
    MISMATCH_STYLES,
    STATUS_COLOURS,
    STATUS_ORDER,
    PairView,
    format_km,
    split_columns,
)
from dashboard.views.state import ViewState
from dashboard.views.transitions import control_values
from geodata.heterogeneity import NESTING_LABELS, Nesting

#: Properties of the split grid the pair's callback writes (its columns name the pair).
SPLIT_PROPS = ("columnDefs", "rowData")
PAIR_MAP_CONFIG = {**MAP_CONFIG, "toImageButtonOptions": {
    **MAP_CONFIG["toImageButtonOptions"], "filename": "cartocoord-comparaison"}}


def departement_filter(data: AppData, control_id: str, value: list[str]) -> html.Div:
    """Filter a page by département: the same state field as the map's filter."""
    return labelled(strings.DEPARTEMENTS_LABEL, dropdown(
        id=control_id, multi=True, placeholder=strings.DEPARTEMENTS_PLACEHOLDER, value=value,
        options=[{"label": f"{row.code} — {row.nom}", "value": row.code}
                 for row in data.departements.itertuples()]), control_id)


def pair_section(data: AppData, values: dict[str, Any]) -> html.Section:
    """Choose two zonings (or click the matrix): both maps, their overlay, the split table.

    The maps are put in :data:`~dashboard.ids.PAIR_MAPS` when a pair is chosen: before,
    the page loads no plotly.js. ``values``: what each control shows, by id.
    """
    options = [{"label": zoning.type.label, "value": key} for key, zoning in data.zonings.items()]
    return html.Section(id=ids.PAIR_SECTION, className="cc-panel cc-pair", children=[
        html.Div(className="cc-pair__head", children=[
            html.H2(strings.PAIR_TITLE, className="cc-pair__title"),
            labelled(strings.PAIR_A_LABEL, dropdown(
                id=ids.PAIR_A, options=options, clearable=False, value=values[ids.PAIR_A],
                placeholder=strings.PAIR_PLACEHOLDER), ids.PAIR_A),
            labelled(strings.PAIR_B_LABEL, dropdown(
                id=ids.PAIR_B, options=options, clearable=False, value=values[ids.PAIR_B],
                placeholder=strings.PAIR_PLACEHOLDER), ids.PAIR_B),
            dbc.Button(strings.PAIR_CLOSE, id=ids.PAIR_CLOSE, color="secondary", outline=True,
                       size="sm", className="cc-pair__close", style=HIDDEN),
        ]),
        html.P(strings.PAIR_HINT, id=ids.PAIR_SUMMARY, className="cc-pair__summary",
               role="status"),
        html.Div(id=ids.PAIR_BODY, style=HIDDEN, children=[
            html.Div(id=ids.PAIR_MAPS, className="cc-pair__maps"),
            html.P(strings.PAIR_SYNC_NOTE, className="cc-hint cc-pair__sync"),
            table_card(html.Span(id=ids.SPLIT_TITLE), ids.SPLIT_FRAME, ids.SPLIT_EXPORT,
                       ids.SPLIT_GRID, props=SPLIT_PROPS),
        ]),
        dcc.Store(id=ids.PAIR_SYNC),
        dcc.Store(id=ids.PAIR_SCROLL),
    ])


def nesting_body(data: AppData, state: ViewState) -> list:
    """Lay out the heterogeneity page, its controls showing ``state``.

    Nesting matrix, crossings of limits, pair view; the page's callbacks fill them.
    """
    values = control_values(data, state)
    return [
        html.Div(className="cc-analysis-head", children=[
            html.Div(className="cc-analysis-head__text", children=[
                html.H1(strings.NESTING_TITLE), html.P(strings.NESTING_INTRO)]),
            html.Div(departement_filter(data, ids.NESTING_DEPARTEMENTS,
                                        values[ids.NESTING_DEPARTEMENTS]),
                     className="cc-analysis-filters"),
        ]),
        html.Div(className="cc-nesting-top", children=[
            html.Section(className="cc-panel cc-nesting-matrix", children=[
                html.H2(strings.NESTING_MATRIX_TITLE, className="cc-table-card__title"),
                html.Div(id=ids.NESTING_MATRIX, className="cc-nesting"),
                html.P(strings.NESTING_HOW_TO.format(vintage=data.population_vintage),
                       className="cc-hint"),
            ]),
            table_card(strings.CROSSINGS_TITLE, ids.CROSSINGS_FRAME, ids.CROSSINGS_EXPORT,
                       ids.CROSSINGS_GRID,
                       note=strings.CROSSINGS_INTRO.format(vintage=data.population_vintage)),
        ]),
        pair_section(data, values),
    ]


def nesting_grids(data: AppData) -> dict[str, Component]:
    """Build the grids of the page, by frame, empty until the page's callbacks fill them."""
    return {
        ids.CROSSINGS_FRAME: data_grid(ids.CROSSINGS_GRID, crossing_columns(),
                                       "cartocoord-territoires-a-cheval.csv", data.source_lines),
        ids.SPLIT_FRAME: data_grid(ids.SPLIT_GRID, [], "cartocoord-territoires-partages.csv",
                                   data.source_lines),
    }


# --- Panels filled by the callbacks --------------------------------------------------------

def nesting_table(cells: list[list[NestingCell | None]], labels: dict[str, str]) -> list:
    """Draw the matrix as a table: zonings A in rows, B in columns, one button per cell.

    A click on a cell (or Enter on it) opens the comparison of its pair; its title and
    accessible name say what the index means. A scale of the colours follows the table.
    """
    header = [html.Tr([html.Td(), html.Th(strings.NESTING_AXIS_B, scope="colgroup",
                                          colSpan=len(labels), className="cc-nesting__axis")]),
              html.Tr([html.Th(strings.NESTING_AXIS_A, scope="col",
                               className="cc-nesting__axis"),
                       *(html.Th(label, scope="col") for label in labels.values())])]
    body = [html.Tr([html.Th(labels[a], scope="row"), *(_cell(cell) for cell in row)])
            for a, row in zip(labels, cells, strict=True)]
    return [
        html.Table(className="cc-nesting__table",
                   style={"--cc-nesting-columns": len(labels)}, children=[
            html.Caption(strings.NESTING_CAPTION, className="visually-hidden"),
            html.Thead(header), html.Tbody(body)]),
        nesting_scale(),
    ]


def _cell(cell: NestingCell | None) -> html.Td:
    if cell is None:
        return html.Td("—", className="cc-nesting__diagonal", title=strings.NESTING_DIAGONAL)
    details = " ".join(f"{line}." for line in cell.details)
    return html.Td(style={"backgroundColor": cell.colour}, children=html.Button(
        cell.text, id={"type": ids.NESTING_CELL, "a": cell.a, "b": cell.b},
        className="cc-nesting__cell" + (" cc-nesting__cell--dark" if cell.dark else ""),
        title=f"{details} {strings.NESTING_HOVER_CLICK}.",
        **{"aria-label": f"{details} {strings.NESTING_HOVER_CLICK}."}))


def nesting_scale() -> html.Div:
    """Colour scale of the matrix, from 0 (light) to 1 (dark), with its ticks."""
    gradient = ", ".join(f"{colour} {index / (len(NESTING_SCALE) - 1):.0%}"
                         for index, colour in enumerate(NESTING_SCALE))
    return html.Div(className="cc-nesting__scale", **{"aria-hidden": "true"}, children=[
        html.Span(strings.NESTING_COLORBAR, className="cc-nesting__scale-title"),
        html.Div(className="cc-nesting__ramp",
                 style={"backgroundImage": f"linear-gradient(to right, {gradient})"}),
        html.Div(className="cc-nesting__ticks", children=[
            html.Span(format_number(tick, 2).rstrip("0").rstrip(","))
            for tick in NESTING_TICKS]),
    ])


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


def map_block(title: str, ids_: tuple[str, str, str], figure: dict,
              legend: list) -> html.Figure:
    """One map of the pair with its title above and its legend below.

    ``ids_``: of the title, the graph and the legend.
    """
    title_id, graph_id, legend_id = ids_
    return html.Figure(className="cc-pair-map", children=[
        html.Figcaption(title, id=title_id, className="cc-pair-map__title"),
        graph_frame(graph=map_graph(graph_id, PAIR_MAP_CONFIG, figure),
                    class_name="cc-pair-map__frame"),
        html.Div(legend, id=legend_id, className="cc-pair-map__legend"),
    ])


def pair_panels(data: AppData, view: PairView | None) -> tuple:
    """Fill the pair section: the ``fill_pair`` outputs after the two styles, in order.

    Without a pair, only the hint changes (the rest stays hidden as it was).
    """
    if view is None:
        return (strings.PAIR_HINT, *[no_update] * 4)
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
    titles = (strings.PAIR_MAP_TITLE.format(own=label_a, other=label_b),
              strings.PAIR_MAP_TITLE.format(own=label_b, other=label_a),
              strings.PAIR_OVERLAY_TITLE)
    blocks = ((ids.PAIR_TITLE_A, ids.PAIR_MAP_A, ids.PAIR_LEGEND_A),
              (ids.PAIR_TITLE_B, ids.PAIR_MAP_B, ids.PAIR_LEGEND_B),
              (ids.PAIR_TITLE_OVERLAY, ids.PAIR_MAP_OVERLAY, ids.PAIR_LEGEND_OVERLAY))
    maps = [map_block(*block) for block in zip(titles, blocks, view.figures, legends,
                                               strict=True)]
    return (summary, maps, strings.SPLIT_TITLE.format(a=label_a, b=label_b),
            split_columns(label_a, label_b), records(view.split))
