"""The one callback that owns the view state, and shows it everywhere in one answer.

Any action (URL typed or restored by back/forward, a control, a search, a click on the
map, in the panorama or in the nesting matrix) goes through a pure function of
:mod:`dashboard.views.transitions`. The same answer then writes what differs, and only
that: the URL, the state store, the controls that do not already show the new value
(never the one the user just moved; a page's controls wait for its first show, and those
of a page built at its first show go through its controls store), which page shows,
the active link, the banner, meeting mode; and the view store of the page shown when a
field it shows has changed (:mod:`dashboard.views.routing`), which fires that
page's callbacks and no other. A page shown for the first time gets its parts first
(:mod:`dashboard.layouts.pages`).

Writing less is the point: the browser runs every component's selector over each value
written, so an answer's cost grows with the layout times the values it writes.

Its outputs come back to its inputs through other callbacks (the fiche's opening, for
one), so dash-renderer sends it only when no other callback is in flight. No other
server callback fires at page load: each one held the first map back by its round trip.
"""

from __future__ import annotations

from typing import Any

from dash import ALL, Input, Output, State, callback, ctx, no_update
from dash.exceptions import PreventUpdate

from dashboard import ids, strings
from dashboard.export.session import session_data
from dashboard.formatting import parse_day
from dashboard.layouts.components import HIDDEN
from dashboard.layouts.pages import (
    BODY_PAGES,
    FRAMES,
    LAYOUT_CONTROLS,
    PAGE_OF_CONTROL,
    PAGES,
)
from dashboard.layouts.panels import banner_facts, demo_banner
from dashboard.views.data import AppData, load_app_data, resolve_view
from dashboard.views.routing import ALL_FIELDS, follow, page_view
from dashboard.views.search import search_communes
from dashboard.views.state import ViewState, parse_url, to_url
from dashboard.views.transitions import (
    CONTROL_FIELDS,
    click_map,
    close_pair,
    close_territory,
    control_values,
    open_pair,
    open_territory,
    select_commune,
    set_breaks,
    set_control,
)

#: Every control showing a field of the state, whatever its page, and the text of breaks.
CONTROLS = tuple(PAGE_OF_CONTROL)
MEETING_CLASS = "cc-page cc-page--meeting"


def _act(data: AppData, state: ViewState, trigger: Any, values: dict[str, Any],
         clicks: dict[str, Any]) -> ViewState:
    """Apply the action that fired (a control, a click…) to the state."""
    if isinstance(trigger, str) and trigger in CONTROL_FIELDS:
        return set_control(data, state, CONTROL_FIELDS[trigger], values[trigger])
    if trigger == ids.BREAKS:
        return set_breaks(state, values[ids.BREAKS])
    if trigger == ids.SEARCH:
        return select_commune(data, state, clicks["commune"])
    if trigger == ids.MAP:
        point = (clicks["map"] or {}).get("points", [{}])[0]
        return click_map(data, state, point.get("location"))
    if trigger == ids.PANORAMA_GRID:
        return open_territory(data, state, _panorama_row(state, clicks["cell"],
                                                         clicks["selected"]))
    if trigger == ids.PAIR_CLOSE:
        return close_pair(state)
    if trigger == ids.FICHE and not clicks["fiche_open"]:
        return close_territory(state)
    if isinstance(trigger, dict) and ctx.triggered[0]["value"]:
        if trigger["type"] == ids.NESTING_CELL:
            return open_pair(data, state, trigger["a"], trigger["b"])
        return open_territory(data, state, trigger["ref"], zoom=False)
    return state


def _pages(before: ViewState | None, state: ViewState) -> dict[str, Any]:
    """Which page shows: the page left and the page shown, and their links.

    Only what differs is written: each value costs the browser a pass over every
    component of the layout. The layout starts with every page hidden and no link active.
    Where each link leads follows the state store in the browser
    (:mod:`dashboard.callbacks.pages`), after the next requests have left.
    """
    if before is not None and before.page == state.page:
        return {}
    hidden = () if before is None else (before.page,)
    return {"styles": [None if key == state.page else HIDDEN if key in hidden else no_update
                       for key in PAGES],
            "classes": [f"{page.link_class} {page.link_class}--active"
                        if key == state.page else page.link_class if key in hidden
                        else no_update for key, page in PAGES.items()]}


def _route(data: AppData, state: ViewState, request: dict | None,
           views: list[dict | None]) -> dict[str, Any]:
    """Follow the state on the page shown if it must; build its parts on its first show.

    Parts needing no library are sent at once; the others are asked for, to come once
    the browser has loaded their libraries (:mod:`dashboard.callbacks.pages`).
    """
    index = list(PAGES).index(state.page)
    page = PAGES[state.page]
    if views[index] is not None:
        view = follow(data, views[index], state)
    elif not page.libraries:
        parts = page.parts(data, state)
        return {"frames": [parts.get(frame, no_update) for frame in FRAMES],
                "views": [page_view(state, ALL_FIELDS) if i == index else no_update
                          for i in range(len(PAGES))]}
    elif request and request["page"] == state.page:
        return {}  # asked already: its parts come with the then current state
    else:
        return {"request": {"page": state.page, "libraries": list(page.libraries)}}
    return {} if view is None else {"views": [view if i == index else no_update
                                              for i in range(len(PAGES))]}


def show(data: AppData, before: ViewState | None, state: ViewState, from_url: bool,
         controls: list, request: dict | None, views: list[dict | None]) -> dict[str, Any]:
    """Every output of :func:`update_state`: what differs from ``before``, else no_update."""
    pathname, search = to_url(state)
    facts = banner_facts(data, state)
    banner = demo_banner(facts)
    unchanged = [no_update] * len(PAGES)
    route = _route(data, state, request, views)
    written = _controls(data, state, dict(zip(CONTROLS, controls, strict=True)), views)
    return {
        # A URL the browser just loaded or went back to stays as it is: writing it out
        # again, even completed, adds a history entry that Back returns to, and Back
        # never leaves.
        "url": (no_update, no_update) if from_url or state == before else (pathname, search),
        "store": no_update if state == before else {"pathname": pathname, "search": search},
        "controls": [written.get(control, no_update) for control in LAYOUT_CONTROLS],
        "stored": [{control: written[control] for control in PAGES[key].controls
                    if control in written} or no_update for key in BODY_PAGES],
        "styles": unchanged, "classes": unchanged,
        "banner": (no_update, no_update) if before and facts == banner_facts(data, before)
        else (bool(banner), banner),
        "meeting": no_update if (before.meeting if before else False) == state.meeting
        else (MEETING_CLASS if state.meeting else "cc-page"),
        "request": no_update, "views": unchanged,
        "frames": [no_update] * len(FRAMES),
        "day_error": no_update,
        **_pages(before, state),
        **route,
    }


def _controls(data: AppData, state: ViewState, shown: dict[str, Any],
              views: list[dict | None]) -> dict[str, Any]:
    """Values to write in the controls that do not show them yet, by control id.

    A page's controls wait for its first show: each value written costs the browser a
    pass over every component of the layout. Those built with the page's parts are
    written only while it shows, and not at its first show, which builds them showing
    the state.
    """
    values = control_values(data, state)
    built = {key for key, view in zip(PAGES, views, strict=True) if view is not None}
    shows = built | {state.page}
    return {control: values[control] for control, value in shown.items()
            if values[control] != value and PAGE_OF_CONTROL[control] in shows
            and (PAGES[PAGE_OF_CONTROL[control]].controls_store is None
                 or PAGE_OF_CONTROL[control] == state.page and state.page in built)}


@callback(
    output={
        "url": (Output(ids.URL, "pathname"), Output(ids.URL, "search")),
        "store": Output(ids.STATE, "data"),
        "controls": [Output(control, "value") for control in LAYOUT_CONTROLS],
        "stored": [Output(PAGES[key].controls_store, "data") for key in BODY_PAGES],
        "styles": [Output(page.container, "style") for page in PAGES.values()],
        "classes": [Output(page.nav, "className") for page in PAGES.values()],
        "banner": (Output(ids.DEMO_BANNER, "is_open"), Output(ids.DEMO_BANNER, "children")),
        "meeting": Output(ids.PAGE_ROOT, "className"),
        "request": Output(ids.PAGE_REQUEST, "data"),
        "views": [Output(page.view, "data") for page in PAGES.values()],
        "frames": [Output(frame, "children") for frame in FRAMES],
        "day_error": Output(ids.AS_OF_ERROR, "children"),
    },
    inputs={
        "url": (Input(ids.URL, "pathname"), Input(ids.URL, "search")),
        # The controls of a page built at its first show are not in the layout before.
        "controls": [Input(control, "value", allow_optional=control not in LAYOUT_CONTROLS)
                     for control in CONTROLS],
        "clicks": {
            "commune": Input(ids.SEARCH, "value"),
            "map": Input(ids.MAP, "clickData", allow_optional=True),
            "cell": Input(ids.PANORAMA_GRID, "cellClicked", allow_optional=True),
            "selected": Input(ids.PANORAMA_GRID, "selectedRows", allow_optional=True),
            "fiche_open": Input(ids.FICHE, "is_open"),
            "fiche": Input({"type": ids.OPEN_FICHE, "ref": ALL}, "n_clicks"),
            "nesting": Input({"type": ids.NESTING_CELL, "a": ALL, "b": ALL}, "n_clicks"),
            "close": Input(ids.PAIR_CLOSE, "n_clicks", allow_optional=True),
        },
    },
    state={
        "store": State(ids.STATE, "data"),
        "request": State(ids.PAGE_REQUEST, "data"),
        "views": [State(page.view, "data") for page in PAGES.values()],
    },
)
def update_state(url, controls, clicks, store, request, views):
    """Apply the action that fired, then write what it changed, wherever it shows."""
    data = session_data(load_app_data())
    trigger = ctx.triggered_id
    before = parse_url(store["pathname"], store["search"], data.choices,
                       data.default_state) if store else None
    from_url = trigger in (None, ids.URL) or before is None
    state = parse_url(*url, data.choices, data.default_state) if from_url else before
    state = _act(data, state, trigger, dict(zip(CONTROLS, controls, strict=True)), clicks)
    if state.date is not None:  # only what existed that day (a shared layer stored later)
        state = resolve_view(data, *to_url(state))[1]
    answer = show(data, before, state, from_url, controls, request, views)
    if trigger == ids.AS_OF:
        # A day being typed stays as typed: a message says what is wrong with it.
        answer["controls"][LAYOUT_CONTROLS.index(ids.AS_OF)] = no_update
        answer["day_error"] = _day_error(controls[CONTROLS.index(ids.AS_OF)])
    return answer


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
          State(ids.SEARCH, "value"), prevent_initial_call=True)
def search_options(typed: str | None, selected: str | None) -> list[dict]:
    """Communes matching what is typed (accents and case ignored), the selection kept."""
    if not (typed or selected):
        return []
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
