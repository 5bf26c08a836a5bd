"""Pages: their parts built on first show, the panorama's rows, sharing the link.

A page shown for the first time whose parts need a library (:mod:`dashboard.callbacks.state`
asks for it in :data:`~dashboard.ids.PAGE_REQUEST`) gets them in two steps:
``assets/pages.js`` loads the libraries in the browser (a clientside callback returning
a promise), then :func:`build_parts` sends the parts, with the page's first view, which
fires the page's callbacks. Libraries the browser has already loaded cost nothing the
second time. Parts needing no library come with the state callback's answer.
"""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, no_update
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.callbacks.common import current_view
from dashboard.layouts.pages import FRAMES, PAGES
from dashboard.views.panorama import panorama_rows
from dashboard.views.routing import ALL_FIELDS, page_view

clientside_callback(
    ClientsideFunction(namespace="cartocoordPages", function_name="loadLibraries"),
    Output(ids.PAGE_READY, "data"), Input(ids.PAGE_REQUEST, "data"),
    State(ids.LIBRARIES, "data"), prevent_initial_call=True,
)


@callback(
    output={"frames": [Output(frame, "children", allow_duplicate=True) for frame in FRAMES],
            "views": [Output(page.view, "data", allow_duplicate=True) for page in PAGES.values()]},
    inputs={"ready": Input(ids.PAGE_READY, "data")},
    state={"store": State(ids.STATE, "data"),
           "views": [State(page.view, "data") for page in PAGES.values()]},
    prevent_initial_call=True,
)
def build_parts(ready: dict, store: dict, views: list):
    """Put the parts of a page in their frames, drawn for the current view."""
    key = ready["page"]
    if views[list(PAGES).index(key)] is not None:
        raise PreventUpdate  # built already (asked twice while its libraries loaded)
    data, state = current_view(store)
    parts = PAGES[key].parts(data)
    return {"frames": [parts.get(frame, no_update) for frame in FRAMES],
            "views": [page_view(state, ALL_FIELDS) if name == key else no_update
                      for name in PAGES]}


@callback(Output(ids.PANORAMA_GRID, "rowData"), Input(ids.PANORAMA_VIEW, "data"),
          prevent_initial_call=True)
def fill_panorama(view: dict) -> list[dict]:
    """Show the structures of the selected départements."""
    data, state = current_view(view)
    return panorama_rows(data, state.departements)


@callback(Output(ids.PANORAMA_GRID, "exportDataAsCsv"), Input(ids.PANORAMA_EXPORT, "n_clicks"),
          prevent_initial_call=True)
def export_panorama(_clicks: int) -> bool:
    """Let the grid write its CSV in the browser (what the user sees, filtered)."""
    return True


clientside_callback(
    ClientsideFunction(namespace="cartocoord", function_name="copyLink"),
    Output(ids.COPY_LINK_DONE, "children"), Input(ids.COPY_LINK, "n_clicks"),
    State(ids.COPY_LINK_DONE, "title"), prevent_initial_call=True,
)
