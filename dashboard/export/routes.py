"""HTTP endpoints of the exports: the app's view state in the query string, plus options.

The query string is the app's own (``dep``, ``zon``, ``ind``, ``meth``, ``k``,
``seuils``, ``par``, ``etiquettes``…, read by :func:`dashboard.views.state.parse_url`), so an
export button only appends its options to the current URL:

========================================  ===================================================
``/export/carte.pdf`` ``.png`` ``.svg``   printed page; ``papier=a4|a3|diapo|web``,
                                          ``orientation=paysage|portrait``, ``titre=``,
                                          ``sous-titre=``; PNG also ``resolution=150|300``
                                          (paper, dpi) or ``1080|2160`` (slide), and
                                          ``fond=transparent``
``/export/carte.html``                    interactive map, one file that works offline
``/export/communes.csv``                  indicator per commune, covering territories
``/export/territoires.csv``               territories with fiche, size and indicator
``/export/territoires.geojson``           the same with their geometry
``/export/harmonisation.csv``             moves of the harmonisation scenario, populations
``/export/harmonisation.pdf``             maps before and after the scenario (« Projet »)
========================================  ===================================================

:func:`export_url` builds these links from a view state. Files are sent as attachments
under French names (``carte-taux-de-pauvrete-93.pdf``). Errors are short French HTML
pages: 400 for a bad option, 503 when Chromium is missing (the data exports and the
interactive map still work), 504 on timeout.

The page's logo is the one the user uploaded on the export panel (its key is kept in the
session, the file in a :class:`~dashboard.export.logo.LogoStore`), else the server's
(``CARTOCOORD_LOGO``), else none.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import replace
from urllib.parse import urlencode

from flask import Flask, Response, request

from dashboard.classification import ClassificationError
from dashboard.export.constants import (
    ERROR_FORMAT,
    ERROR_PAGE_TITLE,
    MIME_TYPES,
    STATIC_FORMATS,
)
from dashboard.export.errors import ExportError
from dashboard.export.harmonisation import before_after_pdf, moves_csv
from dashboard.export.logo import page_logo
from dashboard.export.page import PageOptions
from dashboard.export.places import view_layers
from dashboard.export.presets import PageFormat
from dashboard.export.renderer import Renderer, get_renderer
from dashboard.export.session import session_data
from dashboard.export.static import export_map
from dashboard.export.tables import communes_csv, territories_csv, territories_geojson
from dashboard.views.data import AppData, resolve_view
from dashboard.views.state import ViewState, to_url

ROUTE_PREFIX = "/export"
#: Query parameters of the page options (the rest of the query is the view state).
PAPER, ORIENTATION, TITLE, SUBTITLE = "papier", "orientation", "titre", "sous-titre"
RESOLUTION, DPI, BACKGROUND, TRANSPARENT = "resolution", "dpi", "fond", "transparent"


def register_export_routes(server: Flask, load_data: Callable[[], AppData], *,
                           renderer: Callable[[], Renderer] = get_renderer) -> None:
    """Add the ``/export/…`` endpoints to the Flask server of the app.

    Parameters
    ----------
    server : flask.Flask
        ``app.server`` of the Dash app.
    load_data : callable
        Returns the loaded region (``load_app_data``), called per request (it is cached).
    renderer : callable
        Returns the renderer of static exports; the process-wide one by default.
    """

    @server.get(f"{ROUTE_PREFIX}/carte.<fmt>")
    def export_carte(fmt: str) -> Response:
        if fmt not in (*STATIC_FORMATS, "html"):
            return _error_page(ERROR_FORMAT.format(fmt=fmt), 404)
        return _respond(load_data, lambda data, state: _carte(data, state, fmt, renderer),
                        "carte-interactive" if fmt == "html" else "carte", fmt)

    @server.get(f"{ROUTE_PREFIX}/communes.csv")
    def export_communes() -> Response:
        return _respond(load_data, communes_csv, "communes", "csv")

    @server.get(f"{ROUTE_PREFIX}/territoires.csv")
    def export_territoires() -> Response:
        return _respond(load_data, territories_csv, "territoires", "csv")

    @server.get(f"{ROUTE_PREFIX}/harmonisation.csv")
    def export_harmonisation_csv() -> Response:
        return _respond(load_data, moves_csv, "harmonisation", "csv")

    @server.get(f"{ROUTE_PREFIX}/harmonisation.pdf")
    def export_harmonisation_pdf() -> Response:
        return _respond(load_data, lambda data, state: before_after_pdf(data, state,
                                                                         renderer()),
                        "projet", "pdf")

    @server.get(f"{ROUTE_PREFIX}/territoires.geojson")
    def export_territoires_geojson() -> Response:
        def body(data: AppData, state: ViewState) -> bytes:
            return json.dumps(territories_geojson(data, state), ensure_ascii=False,
                              separators=(",", ":")).encode("utf-8")
        return _respond(load_data, body, "territoires", "geojson")


def export_url(state: ViewState, name: str, options: Mapping[str, str] | None = None) -> str:
    """Give the URL of an export of a view, for the app's download links.

    Examples
    --------
    >>> export_url(ViewState(departements=("93",)), "carte.pdf", {"papier": "a3"})
    '/export/carte.pdf?dep=93&zon=dac&ind=MED21&meth=quantiles&k=5&papier=a3'
    """
    _, search = to_url(state)
    extra = urlencode(options or {})
    return f"{ROUTE_PREFIX}/{name}{search}" + (f"&{extra}" if extra else "")


def _page_options() -> PageOptions:
    """Read the page options of the current request (French parameter names)."""
    args = request.args
    page = PageFormat(args.get(PAPER, "a4"), args.get(ORIENTATION, "paysage"))
    return PageOptions(page=page, title=args.get(TITLE), subtitle=args.get(SUBTITLE),
                       logo=page_logo(), transparent=args.get(BACKGROUND) == TRANSPARENT)


def _carte(data: AppData, state: ViewState, fmt: str,
           renderer: Callable[[], Renderer]) -> bytes:
    if fmt == "html":
        # Imported here: folium (with requests) is a quarter of a second of every start-up.
        from dashboard.export.interactive import build_folium_map

        return build_folium_map(data, state,
                                places=view_layers(data, state)).encode("utf-8")
    options = replace(_page_options(), places=view_layers(data, state))
    resolution = request.args.get(RESOLUTION) or request.args.get(DPI)
    return export_map(data, state, options, fmt, resolution, renderer=renderer())


def _respond(load_data: Callable[[], AppData],
             build: Callable[[AppData, ViewState], bytes], kind: str, fmt: str) -> Response:
    """Run an export of the view in the query string; French error page if it fails."""
    data, state = resolve_view(session_data(load_data()), "/",
                               request.query_string.decode("utf-8", "replace"))
    try:
        body = build(data, state)
    except ExportError as error:
        return _error_page(str(error), error.status)
    except ClassificationError as error:
        return _error_page(str(error), 400)
    response = Response(body, content_type=MIME_TYPES[fmt])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{download_name(data, state, kind, fmt)}"')
    response.cache_control.no_store = True
    return response


def download_name(data: AppData, state: ViewState, kind: str, ext: str) -> str:
    """Name the file in French ASCII: ``carte-taux-de-pauvrete-93.pdf``."""
    if kind in ("harmonisation", "projet"):
        what = "-".join(key for key in (state.harm_zoning, state.harm_reference) if key)
    elif kind == "territoires":
        what = "-".join(state.zonings)
    else:
        what = _slug(data.indicator(state.indicator).short_label)
    scope = "-".join(state.departements) or _slug(data.region_name)
    return f"{kind}-{what}-{scope}.{ext}" if what else f"{kind}-{scope}.{ext}"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _error_page(message: str, status: int) -> Response:
    title = html.escape(ERROR_PAGE_TITLE)
    body = (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{title}'
            f"</title></head><body><h1>{title}</h1><p>{html.escape(message)}</p></body>"
            "</html>\n")
    return Response(body, status=status, mimetype="text/html")
