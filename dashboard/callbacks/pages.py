"""Pages and sharing: which page shows, navigation links, panorama rows, copy and download."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback

from dashboard import ids
from dashboard.callbacks.common import current_view, shown_view
from dashboard.layouts import data_page
from dashboard.views.panorama import panorama_rows
from dashboard.views.state import PATH_OF_PAGE

HIDDEN = {"display": "none"}
PANORAMA_PAGE = "panorama"
STATEMENT_PAGE = "accessibilite"
NAV_CLASS = "cc-nav__link"
#: Page → (its container, its navigation link).
PAGE_IDS = {
    "carte": (ids.PAGE_MAP, ids.NAV_MAP),
    PANORAMA_PAGE: (ids.PAGE_PANORAMA, ids.NAV_PANORAMA),
    "heterogeneite": (ids.PAGE_NESTING, ids.NAV_NESTING),
    "zones-blanches": (ids.PAGE_GAPS, ids.NAV_GAPS),
    "harmonisation": (ids.PAGE_HARMONISATION, ids.NAV_HARMONISATION),
    "donnees": (data_page.PAGE, ids.NAV_DATA),
}


@callback(
    *(Output(page_id, "style") for page_id, _ in PAGE_IDS.values()),
    *(Output(nav_id, "href") for _, nav_id in PAGE_IDS.values()),
    *(Output(nav_id, "className") for _, nav_id in PAGE_IDS.values()),
    Output(ids.PAGE_STATEMENT, "style"), Output(ids.FOOTER_STATEMENT, "href"),
    Input(ids.STATE, "data"),
)
def show_page(store: dict):
    """Hide the other pages rather than removing them: the map keeps its zoom and geometry.

    The accessibility statement, linked from the footer, is a page of its own too; every
    link keeps the view in its address.
    """
    _, state = current_view(store)
    active = f"{NAV_CLASS} {NAV_CLASS}--active"
    return (*(None if page == state.page else HIDDEN for page in PAGE_IDS),
            *(PATH_OF_PAGE[page] + store["search"] for page in PAGE_IDS),
            *(active if page == state.page else NAV_CLASS for page in PAGE_IDS),
            None if state.page == STATEMENT_PAGE else HIDDEN,
            PATH_OF_PAGE[STATEMENT_PAGE] + store["search"])


@callback(Output(ids.PANORAMA_GRID, "rowData"), Input(ids.STATE, "data"))
def fill_panorama(store: dict) -> list[dict]:
    """Show the structures of the selected départements, once the panorama is shown."""
    data, state = shown_view(store, PANORAMA_PAGE)
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
