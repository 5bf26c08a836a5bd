"""Pages: their parts built on first show, the panorama's rows, the links, sharing the link.

A page shown for the first time whose parts need a library (:mod:`dashboard.callbacks.state`
asks for it in :data:`~dashboard.ids.PAGE_REQUEST`) gets them in two steps:
``assets/pages.js`` loads the libraries in the browser (a clientside callback returning
a promise), then :func:`build_parts` sends the parts, with the page's first view, which
fires the page's callbacks. Libraries the browser has already loaded cost nothing the
second time. Parts needing no library come with the state callback's answer.

A table shown on demand (a page's ``tables``) comes the same way, asked for by its
« Afficher le tableau » button: the grid's scripts load, then the grid is sent, and takes
the rows its page's callbacks keep in its stores.
"""

from __future__ import annotations

from dash import (
    ALL,
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    no_update,
)
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.callbacks.common import current_view
from dashboard.layouts.pages import CHOICES, DEFERRED_GRIDS, FRAMES, GRID, PAGE_OF_TABLE, PAGES
from dashboard.views.panorama import panorama_rows
from dashboard.views.routing import ALL_FIELDS, page_view

clientside_callback(
    ClientsideFunction(namespace="cartocoordPages", function_name="loadLibraries"),
    Output(ids.PAGE_READY, "data"), Input(ids.PAGE_REQUEST, "data"),
    State(ids.LIBRARIES, "data"), prevent_initial_call=True,
)


@callback(
    output={"frames": [Output(frame, "children", allow_duplicate=True) for frame in FRAMES],
            "views": [Output(page.view, "data", allow_duplicate=True) for page in PAGES.values()],
            "options": [Output(control, "options", allow_duplicate=True) for control in CHOICES]},
    inputs={"ready": Input(ids.PAGE_READY, "data")},
    state={"store": State(ids.STATE, "data"),
           "views": [State(page.view, "data") for page in PAGES.values()]},
    prevent_initial_call=True,
)
def build_parts(ready: dict, store: dict, views: list):
    """Put the parts of a page in their frames, drawn for the current view; or its table."""
    key = ready["page"]
    if "tables" in ready:
        data, _state = current_view(store)
        parts = PAGES[key].parts(data)
        return {"frames": [parts[frame] if frame in ready["tables"] else no_update
                           for frame in FRAMES],
                "views": [no_update] * len(PAGES), "options": [no_update] * len(CHOICES)}
    if views[list(PAGES).index(key)] is not None:
        raise PreventUpdate  # built already (asked twice while its libraries loaded)
    data, state = current_view(store)
    parts = PAGES[key].first_parts(data)
    return {"frames": [parts.get(frame, no_update) for frame in FRAMES],
            "views": [page_view(state, ALL_FIELDS) if name == key else no_update
                      for name in PAGES],
            "options": PAGES[key].first_choices(data)}


@callback(Output(ids.PAGE_REQUEST, "data", allow_duplicate=True),
          Input({"type": ids.TABLE_OPEN, "frame": ALL}, "n_clicks"), prevent_initial_call=True)
def open_table(clicks: list) -> dict:
    """Ask for the grids of the tables pressed: their scripts load, :func:`build_parts` sends them.

    Every button pressed and not yet replaced by its grid is asked for: a second press
    while the scripts load replaces the first request, which must not lose its table.
    """
    if not any(clicks):
        raise PreventUpdate  # a button put in the page, not pressed
    page = PAGE_OF_TABLE[ctx.triggered_id["frame"]]
    tables = [button["id"]["frame"] for button in ctx.inputs_list[0]
              if button.get("value") and PAGE_OF_TABLE[button["id"]["frame"]] == page]
    return {"page": page, "libraries": [GRID], "tables": tables}


for _grid, _props in DEFERRED_GRIDS.items():
    clientside_callback(
        ClientsideFunction(namespace="cartocoordPages", function_name="storedProps"),
        [Output(_grid, prop) for prop in _props],
        [Input(ids.grid_store(_grid, prop), "data") for prop in _props],
    )


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


# Each link leads to the current view on its page (a permalink, for a new tab too). Written
# in the browser from the state store, not with the state callback's answer: the map's
# request leaves first, and a click writes seven values fewer before it.
clientside_callback(
    ClientsideFunction(namespace="cartocoordPages", function_name="linkHrefs"),
    [Output(page.nav, "href") for page in PAGES.values()], Input(ids.STATE, "data"),
    [State(page.nav, "href") for page in PAGES.values()], prevent_initial_call=True,
)


clientside_callback(
    ClientsideFunction(namespace="cartocoord", function_name="copyLink"),
    Output(ids.COPY_LINK_DONE, "children"), Input(ids.COPY_LINK, "n_clicks"),
    State(ids.COPY_LINK_DONE, "title"), prevent_initial_call=True,
)
