"""What the callbacks that follow the view state share."""

from __future__ import annotations

from dash.exceptions import PreventUpdate

from dashboard.data import AppData, dated, load_app_data
from dashboard.state import ViewState, parse_url, to_url


def current_view(store: dict | None) -> tuple[AppData, ViewState]:
    """Return the loaded data and the view held by the state store (written by the state callback).

    Raises
    ------
    PreventUpdate
        Before the state callback has run once: nothing to show yet.
    """
    if not store:
        raise PreventUpdate
    data = load_app_data()
    state = parse_url(store["pathname"], store["search"], data.choices, data.default_state)
    if state.date is None:
        return data, state
    then = dated(data, state.date)
    return then, parse_url(*to_url(state), then.choices, then.default_state)
