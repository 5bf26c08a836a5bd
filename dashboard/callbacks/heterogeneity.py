"""Heterogeneity and zones blanches pages: filled from their view stores; CSV tables.

Each page's callbacks are fired by its view store, written by the state callback only
while the page shows and a field it shows has changed (:mod:`dashboard.views.routing`).
Rows go to the stores of the grids, which are shown when the user asks
(:func:`dashboard.layouts.tables.table_opener`).
"""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Input, Output, callback, clientside_callback
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.callbacks.common import current_view
from dashboard.layouts.components import HIDDEN
from dashboard.layouts.gaps import gaps_panels
from dashboard.layouts.heterogeneity import nesting_table, pair_panels
from dashboard.views.analysis import records, zoning_labels
from dashboard.views.gaps import communes_geojson_name, gaps_view
from dashboard.views.geo_files import geojson_url
from dashboard.views.heterogeneity import crossing_view, nesting_cells, nesting_view
from dashboard.views.pair import pair_view, territory_geojson_names

#: Fields of the view each part of the heterogeneity page shows.
MATRIX_FIELDS = {"departements", "date"}
PAIR_FIELDS = {"departements", "pair_a", "pair_b", "date"}
#: Each table's CSV button and its grid.
EXPORTS = ((ids.CROSSINGS_EXPORT, ids.CROSSINGS_GRID), (ids.SPLIT_EXPORT, ids.SPLIT_GRID),
           (ids.GAPS_EXPORT, ids.GAPS_GRID),
           (ids.GAPS_DEPARTEMENT_EXPORT, ids.GAPS_DEPARTEMENT_GRID),
           (ids.OVERLAPS_EXPORT, ids.OVERLAPS_GRID))


@callback(Output(ids.NESTING_MATRIX, "children"),
          Output(ids.grid_store(ids.CROSSINGS_GRID, "rowData"), "data"),
          Input(ids.NESTING_VIEW, "data"), prevent_initial_call=True)
def fill_nesting(view: dict):
    """Draw the nesting matrix and list the crossings of the view's départements."""
    if not MATRIX_FIELDS & set(view["changed"]):
        raise PreventUpdate
    data, state = current_view(view)
    labels = zoning_labels(data)
    return (nesting_table(nesting_cells(nesting_view(data, state.departements), labels), labels),
            records(crossing_view(data, state.departements)))


@callback(
    Output(ids.PAIR_BODY, "style"), Output(ids.PAIR_CLOSE, "style"),
    Output(ids.PAIR_SUMMARY, "children"), Output(ids.PAIR_MAPS, "children"),
    Output(ids.SPLIT_TITLE, "children"),
    Output(ids.grid_store(ids.SPLIT_GRID, "columnDefs"), "data"),
    Output(ids.grid_store(ids.SPLIT_GRID, "rowData"), "data"),
    Input(ids.NESTING_VIEW, "data"), prevent_initial_call=True,
)
def fill_pair(view: dict):
    """Draw both maps, the overlay and the split table of the view's pair (hidden without)."""
    if not PAIR_FIELDS & set(view["changed"]):
        raise PreventUpdate
    data, state = current_view(view)
    if not (state.pair_a and state.pair_b):
        return (HIDDEN, HIDDEN, *pair_panels(data, None))
    names = territory_geojson_names(data, state.pair_a, state.pair_b, state.departements)
    urls = (geojson_url(data, names[0]), geojson_url(data, names[1]))
    pair = pair_view(data, state.pair_a, state.pair_b, state.departements, urls)
    return (None, None, *pair_panels(data, pair))


@callback(
    Output(ids.GAPS_MAP, "figure"), Output(ids.GAPS_LEGEND, "children"),
    Output(ids.GAPS_SUMMARY, "children"), Output(ids.grid_store(ids.GAPS_GRID, "rowData"), "data"),
    Output(ids.grid_store(ids.GAPS_DEPARTEMENT_GRID, "rowData"), "data"),
    Output(ids.grid_store(ids.OVERLAPS_GRID, "rowData"), "data"),
    Output(ids.OVERLAPS_NOTE, "children"), Output(ids.GAPS_PREVIEW, "children"),
    Input(ids.GAPS_VIEW, "data"), prevent_initial_call=True,
)
def fill_gaps(view: dict):
    """Zones blanches of the chosen zoning over the view's indicator, and their tables."""
    data, state = current_view(view)
    url = geojson_url(data, communes_geojson_name(data, state.departements))
    gaps = gaps_view(data, state, url)
    if gaps is None:
        raise PreventUpdate
    return gaps_panels(data, gaps)


def export_csv(_clicks: int) -> bool:
    """Ask the grid for its CSV (``csvExportParams`` of the layout: name, ``;``)."""
    return True


for _button, _grid in EXPORTS:
    callback(Output(_grid, "exportDataAsCsv"), Input(_button, "n_clicks"),
             prevent_initial_call=True)(export_csv)

clientside_callback(
    ClientsideFunction(namespace="cartocoordPair", function_name="syncMaps"),
    Output(ids.PAIR_SYNC, "data"),
    *(Input(graph, "relayoutData", allow_optional=True)
      for graph in (ids.PAIR_MAP_A, ids.PAIR_MAP_B, ids.PAIR_MAP_OVERLAY)),
    prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction(namespace="cartocoordPair", function_name="scrollToPair"),
    Output(ids.PAIR_SCROLL, "data"),
    Input({"type": ids.NESTING_CELL, "a": ALL, "b": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
