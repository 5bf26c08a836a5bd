"""What the callbacks that follow the view state share."""

from __future__ import annotations

from dash.exceptions import PreventUpdate

from dashboard.export.session import session_data
from dashboard.views.data import AppData, load_app_data, resolve_view
from dashboard.views.state import ViewState


def current_view(store: dict | None) -> tuple[AppData, ViewState]:
    """Return the loaded data and the view held by the state store (written by the state callback).

    The data holds the indicators this session imported, if any.

    Raises
    ------
    PreventUpdate
        Before the state callback has run once: nothing to show yet.
    """
    if not store:
        raise PreventUpdate
    return resolve_view(session_data(load_app_data()), store["pathname"], store["search"])


def shown_view(store: dict | None, page: str) -> tuple[AppData, ViewState]:
    """Return :func:`current_view` while ``page`` is the page shown.

    Pages are hidden rather than removed, and the state store changes again when the
    user comes to one: a page's content is computed then, not at every change of view.

    Raises
    ------
    PreventUpdate
        When another page is shown, or before the state callback has run once.
    """
    data, state = current_view(store)
    if state.page != page:
        raise PreventUpdate
    return data, state
