"""Pages: their parts built on first show, their tables, the panorama's rows, the links.

A page shown for the first time whose parts need a library (:mod:`dashboard.callbacks.state`
asks for it in :data:`~dashboard.ids.PAGE_REQUEST`) gets them in two steps:
``assets/pages.js`` loads the libraries in the browser (a clientside callback returning
a promise), then :func:`build_parts` sends the parts, with the page's first view, which
fires the page's callbacks. Libraries the browser has already loaded cost nothing the
second time. Parts needing no library come with the state callback's answer.

A table shown on demand (a page's ``tables``) comes the same way, asked for by its
« Afficher le tableau » button in :data:`~dashboard.ids.TABLE_REQUEST` (in the browser):
the grid's scripts load, then :func:`build_tables` puts the grid in the table's slot, and
it takes the rows its page's callbacks keep in its stores.

The controls of a page built at its first show are not in the layout before: the state
callback writes what they must show in the page's controls store, which the browser
copies to them (``assets/pages.js``).
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
from dashboard.layouts.pages import (
    BODY_PAGES,
    DEFERRED_GRIDS,
    FRAMES,
    PAGE_OF_TABLE,
    PAGES,
)
from dashboard.views.panorama import panorama_rows
from dashboard.views.routing import ALL_FIELDS, page_view

for _request, _ready in ((ids.PAGE_REQUEST, ids.PAGE_READY), (ids.TABLE_REQUEST, ids.TABLE_READY)):
    clientside_callback(
        ClientsideFunction(namespace="cartocoordPages", function_name="loadLibraries"),
        Output(_ready, "data"), Input(_request, "data"), State(ids.LIBRARIES, "data"),
        prevent_initial_call=True,
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
    parts = PAGES[key].parts(data, state)
    return {"frames": [parts.get(frame, no_update) for frame in FRAMES],
            "views": [page_view(state, ALL_FIELDS) if name == key else no_update
                      for name in PAGES]}


@callback(Output({"type": ids.TABLE_SLOT, "frame": ALL}, "children"),
          Input(ids.TABLE_READY, "data"), State(ids.STATE, "data"), prevent_initial_call=True)
def build_tables(ready: dict, store: dict) -> list:
    """Put the grids asked for in their tables' slots (of every page built, the others kept)."""
    data, _state = current_view(store)
    frames = [slot["id"]["frame"] for slot in ctx.outputs_list]
    return [PAGES[PAGE_OF_TABLE[frame]].grids(data)[frame] if frame in ready["tables"]
            else no_update for frame in frames]


# A table's button asks for its grid (every button pressed and not yet replaced by its
# grid: a second press while the scripts load must not lose the first table). In the
# browser: the buttons come with their page's body, and a callback on them writing
# outside it would fire when they arrive.
clientside_callback(
    ClientsideFunction(namespace="cartocoordPages", function_name="openTables"),
    Output(ids.TABLE_REQUEST, "data"),
    Input({"type": ids.TABLE_OPEN, "frame": ALL, "library": ALL}, "n_clicks"),
    prevent_initial_call=True,
)


for _key in BODY_PAGES:
    clientside_callback(
        ClientsideFunction(namespace="cartocoordPages", function_name="storedValues"),
        [Output(control, "value") for control in PAGES[_key].controls],
        Input(PAGES[_key].controls_store, "data"), prevent_initial_call=True,
    )


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
