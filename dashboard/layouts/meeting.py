"""Meeting mode: the slideshow builder in the sidebar and the bar shown on the projector."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids, strings
from dashboard.layouts.components import labelled
from dashboard.views.data import AppData


def slideshow_panel() -> html.Details:
    """Prepare, save, load and start the list of views shown in a meeting."""
    return html.Details(className="cc-export cc-slideshow", children=[
        html.Summary(strings.SLIDESHOW_TITLE, className="cc-export__summary"),
        html.P(strings.SLIDESHOW_INTRO, className="cc-hint"),
        labelled(strings.SLIDE_TITLE_LABEL, dcc.Input(
            id=ids.SLIDE_TITLE, type="text", maxLength=120,
            placeholder=strings.SLIDE_TITLE_PLACEHOLDER, className="form-control"),
            ids.SLIDE_TITLE),
        html.Div(className="cc-buttons", children=[
            dbc.Button(strings.SLIDE_ADD, id=ids.SLIDE_ADD, size="sm", color="primary"),
            dbc.Button(strings.SLIDESHOW_CLEAR, id=ids.SLIDES_CLEAR, size="sm",
                       color="secondary", outline=True),
        ]),
        html.Ol(id=ids.SLIDES_LIST, className="cc-slides"),
        html.P(strings.SLIDESHOW_EMPTY_LIST, className="cc-hint cc-slides__empty"),
        html.Div(className="cc-buttons", children=[
            dbc.Button(strings.SLIDESHOW_START, id=ids.MEETING_START, size="sm",
                       color="primary"),
            dbc.Button(strings.SLIDESHOW_SAVE, id=ids.SLIDES_SAVE, size="sm",
                       color="primary", outline=True),
        ]),
        dcc.Upload(id=ids.SLIDES_LOAD, className="cc-upload", max_size=200_000,
                   accept=".json,application/json",
                   children=html.Span(strings.SLIDESHOW_LOAD)),
        html.Div(id=ids.SLIDES_MESSAGE, className="cc-hint", role="status"),
        dcc.Download(id=ids.SLIDES_DOWNLOAD),
    ])


def meeting_bar(data: AppData) -> html.Div:
    """Title of the current view, its position, a source line and the remote's buttons."""
    return html.Div(id=ids.MEETING_BAR, className="cc-meeting-bar", children=[
        dbc.Button("←", id=ids.MEETING_PREVIOUS, color="light",
                   title=strings.SLIDESHOW_PREVIOUS),
        html.Div(className="cc-meeting-bar__text", children=[
            html.H1(id=ids.MEETING_TITLE, className="cc-meeting-bar__title"),
            html.P(strings.MEETING_SOURCE.format(
                sources=data.geography_source.removeprefix(strings.SOURCE_PREFIX)),
                className="cc-meeting-bar__source"),
        ]),
        html.Span(id=ids.MEETING_POSITION, className="cc-meeting-bar__position"),
        dbc.Button("→", id=ids.MEETING_NEXT, color="light",
                   title=strings.SLIDESHOW_NEXT),
        dbc.Button("✕", id=ids.MEETING_EXIT, color="light", title=strings.SLIDESHOW_EXIT),
    ])
