"""Tables of the analysis pages: a titled card with its CSV button, and the grid put in it.

The card is part of its page; the grid (dash-ag-grid, 0.5 MB of scripts) is put in the
card's frame (its slot) when the user asks for it with the frame's « Afficher le
tableau » button (:mod:`dashboard.layouts.pages`): the pages that show a map first load
no grid. Until then the page's callbacks write the grid's rows in stores of the card
(:func:`~dashboard.ids.grid_store`), which the grid takes when it mounts.
"""

from __future__ import annotations

from collections.abc import Sequence

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids, strings
from dashboard.layouts.components import csv_export_params

#: Library of the grids, as :data:`dashboard.server.libraries.DEFERRED` names it.
GRID = "grid"
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


TABLE_LOCALE = {**GRID_LOCALE, "noRowsToShow": strings.GRID_NO_ROWS}


def table_opener(frame_id: str, grid_id: str, props: Sequence[str] = ("rowData",)) -> list:
    """Fill a table's frame until the grid comes: the button showing it, the grid's stores.

    The CSV button of the card stays hidden while the button shows (``style.css``): there
    is nothing to download before the grid. The button (its id names the library its grid
    needs) sits in a slot with a pattern id, which the grid replaces: one callback fills
    the slots of every page built (:mod:`dashboard.callbacks.pages`).
    """
    slot = html.Div(id={"type": ids.TABLE_SLOT, "frame": frame_id}, className="cc-table-slot",
                    children=dbc.Button(strings.TABLE_SHOW,
                                        id={"type": ids.TABLE_OPEN, "frame": frame_id,
                                            "library": GRID},
                                        color="primary", outline=True, className="cc-table-open"))
    return [
        html.Div(id=frame_id, className="cc-table-card__frame", children=slot),
        *[dcc.Store(id=ids.grid_store(grid_id, prop)) for prop in props],
    ]


def table_card(title: str | Component, frame_id: str, export_id: str, grid_id: str, *,
               note: str | None = None, extra: list | None = None,
               props: Sequence[str] = ("rowData",)) -> html.Section:
    """Show a titled table with its CSV download; the grid goes in ``frame_id`` when asked.

    ``props`` are the grid's properties the page's callbacks write.
    """
    return html.Section(className="cc-panel cc-table-card", children=[
        html.Div(className="cc-table-card__head", children=[
            html.H2(title, className="cc-table-card__title"),
            dbc.Button(strings.EXPORT_CSV, id=export_id, color="primary", outline=True,
                       size="sm"),
        ]),
        *([html.P(note, className="cc-hint")] if note else []),
        *(extra or []),
        *table_opener(frame_id, grid_id, props),
    ])


def data_grid(grid_id: str, columns: list[dict], file_name: str, sources: Sequence[str], *,
              auto_height: bool = False) -> dag.AgGrid:
    """Sortable, filterable grid whose CSV is French Excel's, formulas neutralised.

    ``sources`` (with the vintage of the populations) end the downloaded file.
    """
    options = {"localeText": TABLE_LOCALE, "animateRows": False, "enableCellTextSelection": True,
               "tooltipShowDelay": 300}
    if auto_height:
        options["domLayout"] = "autoHeight"
    return dag.AgGrid(
        id=grid_id, columnDefs=columns, rowData=[],
        defaultColDef={"sortable": True, "filter": True, "resizable": True,
                       "wrapHeaderText": True, "autoHeaderHeight": True},
        dashGridOptions=options,
        csvExportParams=csv_export_params(file_name, sources),
        className="cc-grid cc-table-card__grid" + (" cc-grid--auto" if auto_height else ""),
        style={"height": None},
    )
