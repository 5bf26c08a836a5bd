"""The panorama page: every structure in one sortable, filterable grid."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard import ids, strings
from dashboard.layouts.components import HIDDEN, csv_export_params
from dashboard.layouts.tables import GRID_LOCALE
from dashboard.views.data import AppData
from dashboard.views.panorama import grid_columns


def panorama_page(_data: AppData) -> html.Div:
    """Return the page of the grid of structures and its CSV download, without the grid.

    The grid is put in its frame when the page first shows (:func:`panorama_parts`).
    """
    return html.Div(id=ids.PAGE_PANORAMA, className="cc-panorama-page", style=HIDDEN, children=[
        html.Div(className="cc-panorama-head", children=[
            html.Div([html.H1(strings.PANORAMA_TITLE), html.P(strings.PANORAMA_INTRO)]),
            dbc.Button(strings.PANORAMA_EXPORT, id=ids.PANORAMA_EXPORT, color="primary",
                       outline=True),
        ]),
        html.Div(id=ids.PANORAMA_FRAME, className="cc-panorama-frame"),
    ])


def panorama_parts(data: AppData) -> dict[str, Component]:
    """Build the grid of structures, empty until the page's callback fills it."""
    return {ids.PANORAMA_FRAME: dag.AgGrid(
            id=ids.PANORAMA_GRID,
            columnDefs=grid_columns(data),
            rowData=[],
            defaultColDef={"sortable": True, "filter": True, "resizable": True,
                           "floatingFilter": True, "wrapHeaderText": True,
                           "autoHeaderHeight": True},
            columnSize="responsiveSizeToFit",
            dashGridOptions={"localeText": GRID_LOCALE, "animateRows": False,
                             "rowSelection": {"mode": "singleRow", "checkboxes": False,
                                              "enableClickSelection": True}},
            csvExportParams=csv_export_params("cartocoord-structures.csv", data.source_lines),
            getRowId="params.data.id",
            className="cc-grid",
            style={"height": None},
        )}
