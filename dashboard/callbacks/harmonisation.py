"""Harmonisation page: filled from its view store while shown; actions rewrite the URL; drafts.

Every decision (keep or reject a move, pick a commune, move it, start again) goes
through a pure function of :mod:`dashboard.views.harmonisation_actions` and ends in the
URL, which the state callback reads: reload, back and a shared link give the same
scenario. Saving a draft is an editor action, refused on the server to anyone else
(:func:`dashboard.editing.auth.protect` and :func:`~dashboard.editing.auth.require_editor`).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import (
    ClientsideFunction,
    Input,
    Output,
    Patch,
    State,
    callback,
    clientside_callback,
    ctx,
    no_update,
)
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.callbacks.common import current_view, shown_view
from dashboard.editing import auth
from dashboard.export.routes import export_url
from dashboard.formatting import plural
from dashboard.layouts.harmonisation import FIGURE_OUTPUT, harmonisation_panels
from dashboard.views import harmonisation_strings as hstrings
from dashboard.views.harmonisation import (
    banner_lines,
    commune_choice,
    harmonisation_request,
    page_scenario,
    scenario_moves,
)
from dashboard.views.harmonisation_actions import (
    clear_moves,
    move_commune,
    pick_commune,
    reset_moves,
    toggle_move,
)
from dashboard.views.harmonisation_map import FATES_TRACE
from dashboard.views.state import to_url, with_changes
from geodata import catalog
from geodata.harmonisation import encode_moves
from geodata.store import StoreError

PAGE = "harmonisation"
#: Files of the scenario, under :data:`dashboard.export.routes.ROUTE_PREFIX`.
CSV_EXPORT, PDF_EXPORT = "harmonisation.csv", "harmonisation.pdf"

auth.protect(ids.HARM_SAVE_RESULT)


@callback(
    Output(ids.HARM_GOAL, "options"), Output(ids.HARM_NOTE, "children"),
    Output(ids.HARM_BANNER, "is_open"), Output(ids.HARM_BANNER, "children"),
    Output(ids.HARM_SUMMARY, "children"), Output(ids.HARM_MAP, "figure"),
    Output(ids.HARM_LEGEND, "children"), Output(ids.HARM_COMMUNE_INFO, "children"),
    Output(ids.HARM_TARGET, "options"), Output(ids.HARM_TARGET, "value"),
    Output(ids.HARM_MOVE, "disabled"), Output(ids.grid_store(ids.HARM_MOVES, "rowData"), "data"),
    Output(ids.grid_store(ids.HARM_MOVES, "columnDefs"), "data"),
    Output(ids.grid_store(ids.HARM_TERRITORIES, "rowData"), "data"),
    Output(ids.HARM_EXPORT_CSV, "href"), Output(ids.HARM_EXPORT_PDF, "href"),
    Output(ids.HARM_SAVE_FORM, "style"), Output(ids.HARM_SAVE_LOGIN, "style"),
    Output(ids.HARM_FIGURE_KEY, "data"),
    Input(ids.HARM_VIEW, "data"), State(ids.HARM_FIGURE_KEY, "data"),
    prevent_initial_call=True,
)
def fill_harmonisation(view: dict, shown: dict | None):
    """Measure the view's scenario and show it: summary, map, moves, territories.

    Fired by the page's view store (:mod:`dashboard.callbacks.state`): when the page shows
    and a field it shows has changed. When the browser already shows the map of the same
    choices, only what a scenario changes travels (a ``Patch``: fates, outline around the
    moves, their hover texts).
    """
    data, state = current_view(view)
    measured = page_scenario(data, state)
    if measured is None:
        raise PreventUpdate
    view, url = measured
    exports = (export_url(state, CSV_EXPORT), export_url(state, PDF_EXPORT))
    panels = list(harmonisation_panels(view, commune_choice(data, view, state.commune),
                                       banner_lines(data, state, view), exports,
                                       auth.current_editor() is not None))
    key = f"{view.request}|{url}"
    if shown and shown.get("key") == key:
        panels[FIGURE_OUTPUT] = _patch(*view.map.patch(frozenset(shown.get("moving", ()))))
    return (*panels, {"key": key, "moving": sorted(view.map.moving)})


def _patch(fields: dict[int, dict], hover: dict[int, str]) -> Patch:
    patch = Patch()
    for index, values in fields.items():
        for name, value in values.items():
            patch["data"][index][name] = value
    for position, text in hover.items():
        patch["data"][FATES_TRACE]["customdata"][position] = text
    return patch


# The actions write the scenario's address in the page, and the browser in the URL: a
# callback on the page's buttons writing outside the page would fire when they arrive.
clientside_callback(
    ClientsideFunction(namespace="cartocoordPages", function_name="storedAddress"),
    Output(ids.URL, "pathname", allow_duplicate=True),
    Output(ids.URL, "search", allow_duplicate=True),
    Input(ids.HARM_ADDRESS, "data"), prevent_initial_call=True,
)


@callback(
    Output(ids.HARM_ADDRESS, "data"),
    # The grid is put in the page when the user asks.
    Input(ids.HARM_MOVES, "cellValueChanged", allow_optional=True),
    Input(ids.HARM_MAP, "clickData"),
    Input(ids.HARM_MOVE, "n_clicks"), Input(ids.HARM_RESET, "n_clicks"),
    Input(ids.HARM_CLEAR, "n_clicks"),
    State(ids.HARM_TARGET, "value"), State(ids.STATE, "data"),
    prevent_initial_call=True,
)
def change_scenario(edits, click, _move, _reset, _clear, target, store):
    """Apply the decision that fired to the scenario, and write it in the URL."""
    data, state = shown_view(store, PAGE)
    trigger = ctx.triggered_id
    if trigger == ids.HARM_MOVES:
        edit = (edits or [{}])[0]
        changed = toggle_move(data, state, str(edit.get("rowId", "")), bool(edit.get("value")))
    elif trigger == ids.HARM_MAP:
        point = (click or {}).get("points", [{}])[0]
        changed = pick_commune(data, state, point.get("location"))
    elif trigger == ids.HARM_MOVE:
        changed = move_commune(data, state, state.commune, target or None)
    elif trigger == ids.HARM_RESET:
        changed = reset_moves(state)
    else:
        changed = clear_moves(state)
    if changed == state:
        raise PreventUpdate
    return list(to_url(changed))


@callback(
    Output(ids.HARM_SAVE_RESULT, "children"),
    Output(ids.HARM_ADDRESS, "data", allow_duplicate=True),
    Input(ids.HARM_SAVE, "n_clicks"),
    State(ids.HARM_SAVE_NAME, "value"), State(ids.HARM_SAVE_NOTE, "value"),
    State(ids.STATE, "data"),
    prevent_initial_call=True,
)
def save_draft(_clicks, name, note, store):
    """Store the scenario as a draft of the edited zoning, on its version in service."""
    editor = auth.require_editor()
    data, state = current_view(store)
    request = harmonisation_request(data, state)
    if request is None:
        raise PreventUpdate
    zoning = data.zonings[request.edited]
    moves = encode_moves(scenario_moves(data, state, request), zoning)
    store_ = catalog.zoning_store()
    try:
        version = store_.latest(data.region)[request.edited]
        draft = store_.save_draft(data.region, request.edited, name or "", version.id, moves,
                                  editor=editor, reference_key=request.other,
                                  goal=str(request.goal), note=note or "")
    except StoreError as error:
        return dbc.Alert(str(error), color="danger"), no_update
    saved = with_changes(state, harm_moves=draft.moves, harm_draft=draft.id)
    count = len(draft.moves.split(","))
    return dbc.Alert(hstrings.HARM_SAVED.format(
        name=draft.name, id=draft.id, moves=plural(count, "déplacement"),
        version=version.number, label=zoning.type.label), color="success"), list(to_url(saved))


@callback(Output(ids.HARM_TERRITORIES, "exportDataAsCsv"),
          Input(ids.HARM_TERRITORIES_EXPORT, "n_clicks"), prevent_initial_call=True)
def export_territories(_clicks: int) -> bool:
    """Let the grid write its CSV in the browser (neutralised, French separator)."""
    return True
