"""Serve the GeoJSON of the coloured areas, so a map figure only carries a URL.

The browser fetches each file once and keeps it (HTTP cache, gzip); switching indicator
or classification then sends only classes and texts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache

from flask import Flask, Response, abort

from dashboard.data import AppData
from dashboard.map_view import CACHE_SIZE, geojson_payload

ROUTE_PREFIX = "/geo"
#: The files change only when the data is rebuilt, which restarts the app.
MAX_AGE_SECONDS = 24 * 3600


def geojson_url(data: AppData, name: str) -> str:
    """URL under which :func:`register_geo_routes` serves the GeoJSON file ``name``."""
    return f"{ROUTE_PREFIX}/{data.region}/{name}"


@lru_cache(maxsize=CACHE_SIZE)
def _serialised(data: AppData, name: str) -> bytes | None:
    payload = geojson_payload(data, name)
    return None if payload is None else json.dumps(payload, separators=(",", ":")).encode()


def register_geo_routes(server: Flask, load_data: Callable[[], AppData]) -> None:
    """Add ``/geo/<region>/<name>.json`` to the Flask server of the app."""

    @server.get(f"{ROUTE_PREFIX}/<region>/<name>")
    def geojson(region: str, name: str) -> Response:
        data = load_data()
        body = _serialised(data, name) if region == data.region else None
        if body is None:
            abort(404)
        response = Response(body, mimetype="application/json")
        response.cache_control.public = True
        response.cache_control.max_age = MAX_AGE_SECONDS
        return response
