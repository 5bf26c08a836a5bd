"""The panorama page: every structure in one sortable, filterable grid."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import html

from dashboard import ids, strings
from dashboard.layouts.components import csv_export_params
from dashboard.views.data import AppData
from dashboard.views.panorama import grid_columns

#: French texts of the grid's built-in menus and filters.
GRID_LOCALE = {
    "page": "Page", "of": "sur", "to": "à", "more": "plus",
    "filterOoo": "Filtrer…", "equals": "Égal à", "notEqual": "Différent de",
    "contains": "Contient", "notContains": "Ne contient pas",
    "startsWith": "Commence par", "endsWith": "Se termine par",
    "lessThan": "Inférieur à", "greaterThan": "Supérieur à",
    "lessThanOrEqual": "Inférieur ou égal à", "greaterThanOrEqual": "Supérieur ou égal à",
    "inRange": "Entre", "blank": "Vide", "notBlank": "Non vide",
    "andCondition": "ET", "orCondition": "OU", "applyFilter": "Appliquer",
    "resetFilter": "Réinitialiser", "clearFilter": "Effacer",
    "noRowsToShow": "Aucune structure", "loadingOoo": "Chargement…",
    "searchOoo": "Rechercher…", "selectAll": "(Tout sélectionner)",
    "sortAscending": "Tri croissant", "sortDescending": "Tri décroissant",
    "pinColumn": "Épingler la colonne", "autosizeThiscolumn": "Ajuster cette colonne",
    "resetColumns": "Réinitialiser les colonnes", "columns": "Colonnes", "filters": "Filtres",
}


def panorama_page(data: AppData) -> html.Div:
    """Return the grid of structures and its CSV download."""
    return html.Div(id=ids.PAGE_PANORAMA, className="cc-panorama-page", children=[
        html.Div(className="cc-panorama-head", children=[
            html.Div([html.H1(strings.PANORAMA_TITLE), html.P(strings.PANORAMA_INTRO)]),
            dbc.Button(strings.PANORAMA_EXPORT, id=ids.PANORAMA_EXPORT, color="primary",
                       outline=True),
        ]),
        dag.AgGrid(
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
        ),
    ])
