"""Meeting mode: build the slideshow, step through it, save and load it."""

from __future__ import annotations

import base64

from dash import (
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    no_update,
)

from dashboard import ids, strings
from dashboard.callbacks.common import current_view
from dashboard.export.session import session_data
from dashboard.formatting import plural
from dashboard.views.data import load_app_data
from dashboard.views.meeting import (
    SlideshowError,
    add_slide,
    dump_slideshow,
    load_slideshow,
    step,
)
from dashboard.views.state import parse_url, to_url, with_changes


@callback(Output(ids.SLIDES, "data"), Output(ids.SLIDES_MESSAGE, "children"),
          Input(ids.SLIDE_ADD, "n_clicks"), Input(ids.SLIDES_CLEAR, "n_clicks"),
          Input(ids.SLIDES_LOAD, "contents"),
          State(ids.SLIDE_TITLE, "value"), State(ids.STATE, "data"), State(ids.SLIDES, "data"),
          prevent_initial_call=True)
def edit_slides(_add, _clear, contents: str | None, title: str | None, store: dict,
                slides: list | None):
    """Add the current view, clear the list, or replace it by a loaded file."""
    slides = slides or []
    if ctx.triggered_id == ids.SLIDES_CLEAR:
        return [], ""
    if ctx.triggered_id == ids.SLIDES_LOAD:
        try:
            raw = base64.b64decode(contents.partition(",")[2])
            # A view of this session's own indicators is one of its choices too.
            loaded = load_slideshow(raw, session_data(load_app_data()).choices)
        except (SlideshowError, ValueError) as error:
            return no_update, str(error)
        return loaded, strings.SLIDESHOW_LOADED.format(
            count=plural(len(loaded), *strings.SLIDESHOW_LOADED_WORDS))
    _, state = current_view(store)
    pathname, search = to_url(with_changes(state, meeting=False))
    return add_slide(slides, title, pathname, search), ""


# In the browser: the titles come from its own store, which sets itself at every page
# load; a request then would hold the state callback back (dashboard.callbacks.state).
clientside_callback(
    ClientsideFunction(namespace="cartocoordMeeting", function_name="listSlides"),
    Output(ids.SLIDES_LIST, "children"), Input(ids.SLIDES, "data"),
)


@callback(Output(ids.SLIDES_DOWNLOAD, "data"), Input(ids.SLIDES_SAVE, "n_clicks"),
          State(ids.SLIDES, "data"), prevent_initial_call=True)
def save_slides(_clicks, slides: list | None):
    """Download the slideshow as a JSON file."""
    return {"content": dump_slideshow(slides or []), "filename": "cartocoord-diaporama.json",
            "type": "application/json"}


@callback(Output(ids.URL, "pathname", allow_duplicate=True),
          Output(ids.URL, "search", allow_duplicate=True), Output(ids.SLIDE_INDEX, "data"),
          Input(ids.MEETING_START, "n_clicks"), Input(ids.MEETING_PREVIOUS, "n_clicks"),
          Input(ids.MEETING_NEXT, "n_clicks"), Input(ids.MEETING_EXIT, "n_clicks"),
          State(ids.SLIDES, "data"), State(ids.SLIDE_INDEX, "data"), State(ids.STATE, "data"),
          prevent_initial_call=True)
def go_to_slide(_start, _previous, _next, _exit, slides: list | None, index: int | None,
                store: dict):
    """Show a prepared view in meeting mode (or the current one when none is prepared)."""
    data, state = current_view(store)
    slides = slides or []
    trigger = ctx.triggered_id
    if trigger == ids.MEETING_EXIT:
        return *to_url(with_changes(state, meeting=False)), index
    delta = {ids.MEETING_START: None, ids.MEETING_PREVIOUS: -1, ids.MEETING_NEXT: 1}[trigger]
    new_index = 0 if delta is None else step(index, len(slides), delta)
    if slides:
        slide = slides[new_index]
        state = parse_url(slide["pathname"], slide["search"], data.choices, data.default_state)
    return *to_url(with_changes(state, meeting=True)), new_index


@callback(Output(ids.MEETING_TITLE, "children"), Output(ids.MEETING_POSITION, "children"),
          Input(ids.PAGE_ROOT, "className"), Input(ids.SLIDE_INDEX, "data"),
          State(ids.STATE, "data"), State(ids.SLIDES, "data"), prevent_initial_call=True)
def show_meeting(_mode: str, index: int | None, store: dict, slides: list | None):
    """Show the current view's title and position in meeting mode.

    Fired when the page enters or leaves meeting mode (the state callback switches its
    class) or moves to another slide: not at every click.
    """
    _, state = current_view(store)
    if not state.meeting:
        return "", ""
    slides = slides or []
    index = min(index or 0, max(len(slides) - 1, 0))
    title = slides[index]["title"] if slides else strings.APP_TITLE
    position = (strings.SLIDESHOW_POSITION.format(current=index + 1, total=len(slides))
                if slides else "")
    return title, position
