"""Pages and sharing: which page shows, navigation links, panorama rows, copy and download."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback

from dashboard import ids
from dashboard.callbacks.common import current_view
from dashboard.panorama import panorama_rows
from dashboard.state import PATH_OF_PAGE

HIDDEN = {"display": "none"}
NAV_CLASS = "cc-nav__link"


@callback(
    Output(ids.PAGE_MAP, "style"), Output(ids.PAGE_PANORAMA, "style"),
    Output(ids.NAV_MAP, "href"), Output(ids.NAV_PANORAMA, "href"),
    Output(ids.NAV_MAP, "className"), Output(ids.NAV_PANORAMA, "className"),
    Input(ids.STATE, "data"),
)
def show_page(store: dict):
    """Hide the other page rather than removing it: the map keeps its zoom and geometry."""
    _, state = current_view(store)
    on_map = state.page == "carte"
    active = f"{NAV_CLASS} {NAV_CLASS}--active"
    return (None if on_map else HIDDEN, HIDDEN if on_map else None,
            PATH_OF_PAGE["carte"] + store["search"], PATH_OF_PAGE["panorama"] + store["search"],
            active if on_map else NAV_CLASS, NAV_CLASS if on_map else active)


@callback(Output(ids.PANORAMA_GRID, "rowData"), Input(ids.STATE, "data"))
def fill_panorama(store: dict) -> list[dict]:
    data, state = current_view(store)
    return panorama_rows(data, state.departements)


@callback(Output(ids.PANORAMA_GRID, "exportDataAsCsv"), Input(ids.PANORAMA_EXPORT, "n_clicks"),
          prevent_initial_call=True)
def export_panorama(_clicks: int) -> bool:
    return True


clientside_callback(
    ClientsideFunction(namespace="cartocoord", function_name="copyLink"),
    Output(ids.COPY_LINK_DONE, "children"), Input(ids.COPY_LINK, "n_clicks"),
    State(ids.COPY_LINK_DONE, "title"), prevent_initial_call=True,
)
