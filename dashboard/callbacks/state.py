"""The one callback that owns the view state: URL and controls kept in step.

Any action (URL typed or restored by back/forward, a control, a search, a click on the
map or in the panorama) goes through a pure function of :mod:`dashboard.views.transitions`;
the callback then writes the new state to the URL, the controls and the state store.
"""

from __future__ import annotations

from dash import ALL, Input, Output, State, callback, ctx, no_update
from dash.exceptions import PreventUpdate

from dashboard import ids, strings
from dashboard.formatting import format_day, parse_day
from dashboard.views.data import load_app_data
from dashboard.views.harmonisation import control_values as harmonisation_controls
from dashboard.views.search import search_communes
from dashboard.views.state import ViewState, parse_url, to_url
from dashboard.views.transitions import (
    CONTROL_FIELDS,
    click_map,
    close_pair,
    close_territory,
    open_pair,
    open_territory,
    select_commune,
    set_breaks,
    set_control,
)

CONTROLS = (ids.DEPARTEMENTS, ids.ZONINGS, ids.LABELS, ids.INDICATOR, ids.COLOUR_BY,
            ids.METHOD, ids.CLASSES, ids.NESTING_DEPARTEMENTS, ids.GAPS_DEPARTEMENTS,
            ids.GAPS_ZONING, ids.PAIR_A, ids.PAIR_B, ids.AS_OF, ids.HARM_ZONING,
            ids.HARM_REFERENCE, ids.HARM_GOAL, ids.HARM_DEPARTEMENTS, ids.HARM_COMMUNE,
            ids.MESH, ids.QPV)


@callback(
    Output(ids.URL, "pathname"), Output(ids.URL, "search"), Output(ids.STATE, "data"),
    *(Output(control, "value") for control in CONTROLS), Output(ids.BREAKS, "value"),
    Output(ids.AS_OF_ERROR, "children"),
    Input(ids.URL, "pathname"), Input(ids.URL, "search"),
    *(Input(control, "value") for control in CONTROLS), Input(ids.BREAKS, "value"),
    Input(ids.SEARCH, "value"), Input(ids.MAP, "clickData"),
    Input(ids.PANORAMA_GRID, "cellClicked"), Input(ids.PANORAMA_GRID, "selectedRows"),
    Input(ids.FICHE, "is_open"),
    Input({"type": ids.OPEN_FICHE, "ref": ALL}, "n_clicks"),
    Input(ids.NESTING_HEATMAP, "clickData"), Input(ids.PAIR_CLOSE, "n_clicks"),
    State(ids.STATE, "data"),
)
def update_state(pathname, search, *args):
    """Apply the action that fired, then show the resulting state everywhere."""
    (*control_values, breaks, commune, click, cell, selected, fiche_open, _opened, nesting_click,
     _closed, store) = args
    data = load_app_data()
    trigger = ctx.triggered_id
    if trigger not in (None, ids.URL) and store:
        pathname, search = store["pathname"], store["search"]
    state = parse_url(pathname, search, data.choices, data.default_state)
    if isinstance(trigger, str) and trigger in CONTROL_FIELDS:
        state = set_control(data, state, CONTROL_FIELDS[trigger],
                            control_values[CONTROLS.index(trigger)])
    elif trigger == ids.BREAKS:
        state = set_breaks(state, breaks)
    elif trigger == ids.SEARCH:
        state = select_commune(data, state, commune)
    elif trigger == ids.MAP:
        point = (click or {}).get("points", [{}])[0]
        state = click_map(data, state, point.get("location"))
    elif trigger == ids.PANORAMA_GRID:
        state = open_territory(data, state, _panorama_row(state, cell, selected))
    elif trigger == ids.NESTING_HEATMAP:
        point = (nesting_click or {}).get("points", [{}])[0]
        state = open_pair(data, state, point.get("y"), point.get("x"))
    elif trigger == ids.PAIR_CLOSE:
        state = close_pair(state)
    elif trigger == ids.FICHE and not fiche_open:
        state = close_territory(state)
    elif isinstance(trigger, dict) and ctx.triggered[0]["value"]:
        state = open_territory(data, state, trigger["ref"], zoom=False)
    new_pathname, new_search = to_url(state)
    # A URL the browser just loaded or went back to stays as it is: writing it out again,
    # even completed, adds a history entry that Back returns to, and Back never leaves.
    shown = (no_update, no_update) if trigger in (None, ids.URL) else (new_pathname, new_search)
    return (*shown, {"pathname": new_pathname, "search": new_search},
            list(state.departements), list(state.zonings), state.labels, state.indicator,
            state.colour_by, state.method, state.classes,
            list(state.departements), list(state.departements), state.gaps_zoning,
            state.pair_a, state.pair_b,
            # A day being typed stays as typed: an error message says what is wrong with it.
            no_update if trigger == ids.AS_OF else format_day(state.date),
            *harmonisation_controls(data, state), state.mesh, state.qpv,
            " ; ".join(state.breaks),
            _day_error(control_values[CONTROLS.index(ids.AS_OF)]) if trigger == ids.AS_OF
            else no_update)


def _day_error(text: str | None) -> str:
    """Say in French why a typed day is not one ("" when it is, or when nothing is typed)."""
    text = (text or "").strip()
    return strings.DAY_INVALID.format(text=text) if text and parse_day(text) is None else ""


def _panorama_row(state: ViewState, cell: dict | None, selected: list | None) -> str | None:
    """Return the panorama row to open: clicked, or selected with the keyboard (Space).

    A click selects its row too: that selection, arriving second, changes nothing.

    Raises
    ------
    PreventUpdate
        For a selection emptied or already shown.
    """
    if f"{ids.PANORAMA_GRID}.selectedRows" not in ctx.triggered_prop_ids:
        return (cell or {}).get("rowId")
    row = selected[0]["id"] if selected else None
    if row is None or (row == state.territory and state.page == "carte"):
        raise PreventUpdate
    return row


@callback(Output(ids.SEARCH, "options"), Input(ids.SEARCH, "search_value"),
          State(ids.SEARCH, "value"))
def search_options(typed: str | None, selected: str | None) -> list[dict]:
    """Communes matching what is typed (accents and case ignored), the selection kept."""
    if not (typed or selected):
        return []  # a page load: no need to build the search index before the first map
    data = load_app_data()
    hits = search_communes(data.search, typed or "")
    # The dropdown filters options again by their label: "search" lets through what
    # this search found (no accents, "st" for saint) and the browser would not.
    options = [{"label": f"{row.nom} ({row.code})", "value": row.code, "search": typed or ""}
               for row in hits.itertuples()]
    if selected and selected not in set(hits["code"]):
        # Kept so that the dropdown can still name it, hidden by its label while typing.
        options += [{"label": f"{row.nom} ({row.code})", "value": row.code}
                    for row in data.search[data.search["code"] == selected].itertuples()]
    return options
