"""Heterogeneity and zones blanches pages: filled from the state while shown; CSV tables."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, callback, clientside_callback
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.callbacks.common import shown_view
from dashboard.layouts.heterogeneity import HIDDEN, gaps_panels, pair_panels
from dashboard.views.analysis import records, zoning_labels
from dashboard.views.gaps import communes_geojson_name, gaps_view
from dashboard.views.geo_files import geojson_url
from dashboard.views.heterogeneity import crossing_view, heatmap_figure, nesting_view
from dashboard.views.pair import pair_view, territory_geojson_names

NESTING_PAGE, GAPS_PAGE = "heterogeneite", "zones-blanches"
#: Each table's CSV button and its grid.
EXPORTS = ((ids.CROSSINGS_EXPORT, ids.CROSSINGS_GRID), (ids.SPLIT_EXPORT, ids.SPLIT_GRID),
           (ids.GAPS_EXPORT, ids.GAPS_GRID),
           (ids.GAPS_DEPARTEMENT_EXPORT, ids.GAPS_DEPARTEMENT_GRID),
           (ids.OVERLAPS_EXPORT, ids.OVERLAPS_GRID))


@callback(Output(ids.NESTING_HEATMAP, "figure"), Output(ids.CROSSINGS_GRID, "rowData"),
          Input(ids.STATE, "data"))
def fill_nesting(store: dict):
    """Draw the nesting matrix and list the crossings of the state's départements."""
    data, state = shown_view(store, NESTING_PAGE)
    matrix = nesting_view(data, state.departements)
    return (heatmap_figure(matrix, zoning_labels(data)),
            records(crossing_view(data, state.departements)))


@callback(
    Output(ids.PAIR_BODY, "style"), Output(ids.PAIR_CLOSE, "style"),
    Output(ids.PAIR_SUMMARY, "children"),
    Output(ids.PAIR_TITLE_A, "children"), Output(ids.PAIR_TITLE_B, "children"),
    Output(ids.PAIR_MAP_A, "figure"), Output(ids.PAIR_MAP_B, "figure"),
    Output(ids.PAIR_MAP_OVERLAY, "figure"), Output(ids.PAIR_LEGEND_A, "children"),
    Output(ids.PAIR_LEGEND_B, "children"), Output(ids.PAIR_LEGEND_OVERLAY, "children"),
    Output(ids.SPLIT_TITLE, "children"), Output(ids.SPLIT_GRID, "columnDefs"),
    Output(ids.SPLIT_GRID, "rowData"),
    Input(ids.STATE, "data"),
)
def fill_pair(store: dict):
    """Draw both maps, the overlay and the split table of the state's pair (hidden without one)."""
    data, state = shown_view(store, NESTING_PAGE)
    if not (state.pair_a and state.pair_b):
        return (HIDDEN, HIDDEN, *pair_panels(data, None))
    names = territory_geojson_names(data, state.pair_a, state.pair_b, state.departements)
    urls = (geojson_url(data, names[0]), geojson_url(data, names[1]))
    view = pair_view(data, state.pair_a, state.pair_b, state.departements, urls)
    return (None, None, *pair_panels(data, view))


@callback(
    Output(ids.GAPS_MAP, "figure"), Output(ids.GAPS_LEGEND, "children"),
    Output(ids.GAPS_SUMMARY, "children"), Output(ids.GAPS_GRID, "rowData"),
    Output(ids.GAPS_DEPARTEMENT_GRID, "rowData"), Output(ids.OVERLAPS_GRID, "rowData"),
    Output(ids.OVERLAPS_NOTE, "children"),
    Input(ids.STATE, "data"),
)
def fill_gaps(store: dict):
    """Zones blanches of the chosen zoning over the state's indicator, and their tables."""
    data, state = shown_view(store, GAPS_PAGE)
    url = geojson_url(data, communes_geojson_name(data, state.departements))
    view = gaps_view(data, state, url)
    if view is None:
        raise PreventUpdate
    return gaps_panels(data, view)


def export_csv(_clicks: int) -> bool:
    """Ask the grid for its CSV (``csvExportParams`` of the layout: name, ``;``)."""
    return True


for _button, _grid in EXPORTS:
    callback(Output(_grid, "exportDataAsCsv"), Input(_button, "n_clicks"),
             prevent_initial_call=True)(export_csv)

clientside_callback(
    ClientsideFunction(namespace="cartocoordPair", function_name="syncMaps"),
    Output(ids.PAIR_SYNC, "data"),
    Input(ids.PAIR_MAP_A, "relayoutData"), Input(ids.PAIR_MAP_B, "relayoutData"),
    Input(ids.PAIR_MAP_OVERLAY, "relayoutData"), prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction(namespace="cartocoordPair", function_name="scrollToPair"),
    Output(ids.PAIR_SCROLL, "data"), Input(ids.NESTING_HEATMAP, "clickData"),
    prevent_initial_call=True,
)
