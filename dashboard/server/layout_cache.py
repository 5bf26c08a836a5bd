"""Serve the page's layout built once per version of the data, revalidated by the browser.

Dash builds and serialises the layout at every ``/_dash-layout`` request (with its 378
components of the time, 50 ms on a quiet machine and 170 ms on a loaded one), on the way of every
first map (the browser can draw nothing before it has the layout). The layout is a
function of the data served only (and of the library scripts, fixed at start): its JSON
is kept for the data that :func:`dashboard.views.data.load_app_data` returns, the same
object until an editor stores a new version, and built again for a new one.

The answer carries a weak ETag (the digest of the JSON: the same in every worker) and
``Cache-Control: no-cache``: the browser keeps it and asks again every time, with
``If-None-Match``, and gets ``304 Not Modified`` without a body while nothing changed; a
new version of the data is seen at once. Weak, because flask-compress rewrites a strong
ETag with the encoding it chose.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from typing import Any

from dash import Dash
from dash._utils import to_json
from flask import Response, request

#: Dash's route of the layout, after the path prefix.
LAYOUT_ROUTE = "_dash-layout"


class LayoutCache:
    """The layout's JSON and ETag for the last data seen, built again when it changes.

    Parameters
    ----------
    build : callable
        Return the layout (Dash's own :meth:`dash.Dash.get_layout`: the app's layout
        function with Dash's extra components and hooks).
    current_data : callable
        Return the data served now; its identity names the version of the layout.
    """

    def __init__(self, build: Callable[[], Any], current_data: Callable[[], object]) -> None:
        self.build = build
        self.current_data = current_data
        self._lock = threading.Lock()
        self._entry: tuple[object, str, bytes] | None = None

    def get(self) -> tuple[str, bytes]:
        """Return the ETag and the JSON of the layout for the data served now."""
        data = self.current_data()
        entry = self._entry
        if entry is None or entry[0] is not data:
            with self._lock:
                entry = self._entry
                if entry is None or entry[0] is not data:
                    body = to_json(self.build()).encode()
                    digest = hashlib.blake2b(body, digest_size=12).hexdigest()
                    entry = self._entry = (data, digest, body)
        return entry[1], entry[2]

    def respond(self) -> Response:
        """Answer a request for the layout: the JSON, or 304 when the browser has it."""
        etag, body = self.get()
        response = Response(body, mimetype="application/json")
        response.set_etag(etag, weak=True)
        response.cache_control.no_cache = True
        return response.make_conditional(request)


def serve_cached_layout(app: Dash, current_data: Callable[[], object]) -> LayoutCache:
    """Answer ``/_dash-layout`` from a :class:`LayoutCache` instead of Dash's own view."""
    cache = LayoutCache(app.get_layout, current_data)
    route = f"{app.config.requests_pathname_prefix}{LAYOUT_ROUTE}"
    endpoints = [rule.endpoint for rule in app.server.url_map.iter_rules() if rule.rule == route]
    if len(endpoints) != 1:
        raise RuntimeError(f"Dash's layout route {route} was not found")
    app.server.view_functions[endpoints[0]] = cache.respond
    return cache
