"""Export panel: download links following the view and options, the logo of the pages."""

from __future__ import annotations

import flask
from dash import Input, Output, State, callback, ctx, html, no_update

from dashboard import ids, strings
from dashboard.export import ExportOptionsError, PageFormat, export_url
from dashboard.export.logo import (
    NAME_KEY,
    SESSION_KEY,
    decode_upload,
    logo_store,
    server_logo,
)
from dashboard.views.state import ViewState


def _format(paper: str | None) -> PageFormat:
    kind, _, orientation = (paper or "a4-paysage").partition("-")
    return PageFormat(kind, orientation or "paysage")


def export_links(state: ViewState, title: str | None, subtitle: str | None,
                 paper: str | None, resolution: str | None, transparent: list | None) -> list:
    """Plain links: the server builds each file when it is clicked.

    Called by the map page's panels callback (:mod:`dashboard.callbacks.panels`), which
    sends them with the other panels in one request.
    """
    page = _format(paper)
    options = {"papier": page.kind, "orientation": page.orientation,
               "resolution": resolution or page.default_resolution}
    if transparent:
        options["fond"] = "transparent"
    options |= {key: value.strip() for key, value in (("titre", title),
                                                       ("sous-titre", subtitle)) if value}
    return [html.Li(html.A(label, href=export_url(state, name, options)))
            for name, label in strings.EXPORT_LINKS.items()]


@callback(Output(ids.EXPORT_DPI, "options"), Output(ids.EXPORT_DPI, "value"),
          Input(ids.EXPORT_PAPER, "value"), State(ids.EXPORT_DPI, "value"),
          prevent_initial_call=True)
def resolution_choices(paper: str, current: str | None) -> tuple[list[dict], str]:
    """Offer the PNG resolutions of the chosen format: dpi on paper, pixels on a slide.

    The page comes with the first format's (:data:`~dashboard.layouts.map_page.DEFAULT_FORMAT`):
    no request at page load.
    """
    page = _format(paper)
    choices = page.resolutions
    return ([{"label": strings.EXPORT_RESOLUTIONS[value], "value": value} for value in choices],
            current if current in choices else page.default_resolution)


@callback(Output(ids.EXPORT_LOGO_STATUS, "children"), Input(ids.EXPORT_SUMMARY, "n_clicks"),
          Input(ids.EXPORT_LOGO, "contents"), Input(ids.EXPORT_LOGO_REMOVE, "n_clicks"),
          State(ids.EXPORT_LOGO, "filename"), prevent_initial_call=True)
def export_logo(_opened, contents: str | None, _remove, filename: str | None) -> str:
    """Keep an uploaded logo for the session's exports, or forget it; say which logo.

    Said when the panel is opened, not at page load: a request in flight then holds the
    state callback back (:mod:`dashboard.callbacks.state`), and with it the first map.
    """
    if ctx.triggered_id == ids.EXPORT_LOGO_REMOVE:
        flask.session.pop(SESSION_KEY, None)
        flask.session.pop(NAME_KEY, None)
    elif ctx.triggered_id == ids.EXPORT_LOGO:
        if not contents:
            return no_update
        try:
            name, data = decode_upload(contents, filename)
            flask.session[SESSION_KEY] = logo_store().save(name, data)
        except ExportOptionsError as error:
            return str(error)
        flask.session[NAME_KEY] = name
    if flask.session.get(SESSION_KEY):
        return strings.EXPORT_LOGO_KEPT.format(name=flask.session.get(NAME_KEY, "logo"))
    return strings.EXPORT_LOGO_SERVER if server_logo() else strings.EXPORT_LOGO_NONE
