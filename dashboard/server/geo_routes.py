"""Serve the GeoJSON of the coloured areas, so a map figure only carries a URL.

The browser fetches each file once and keeps it; switching indicator or classification
then sends only classes and texts. Each file is gzipped once per process and served as
is (Flask-Compress leaves responses that already have a ``Content-Encoding`` alone), and
its URL carries a digest of its content (``?v=``): a file that changes (a zoning edited
in the store) gets a new URL, so the old one can be cached for good. Static files under
``/assets`` are given a cache lifetime too.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from flask import Flask, Response, abort, request

from dashboard.views.data import AppData
from dashboard.views.map_view import geojson_payload

ROUTE_PREFIX = "/geo"
ASSETS_PREFIX = "/assets/"
#: Query parameter of the content digest in GeoJSON URLs, and Dash's in asset URLs.
VERSION_PARAMETER = "v"
ASSET_VERSION_PARAMETER = "m"
#: A versioned URL never changes content: keep it a year.
IMMUTABLE_MAX_AGE_SECONDS = 365 * 24 * 3600
#: Assets without Dash's modification-time parameter (vendored CSS, fonts, topojson)
#: change only with a new release of the app.
ASSET_MAX_AGE_SECONDS = 24 * 3600
#: Compressed once and kept: spend the CPU for the smallest file.
GZIP_LEVEL = 9
DIGEST_LENGTH = 16
#: Compressed files kept per process (Île-de-France region 0.1 MB, a département 5 kB).
FILE_CACHE_SIZE = 256


@dataclass(frozen=True)
class GeoFile:
    """One GeoJSON file, gzipped, and the digest of its content."""

    gzipped: bytes
    digest: str


@lru_cache(maxsize=FILE_CACHE_SIZE)
def geo_file(data: AppData, name: str) -> GeoFile | None:
    """Return the file :func:`geojson_url` points to, None if ``name`` is unknown."""
    payload = geojson_payload(data, name)
    if payload is None:
        return None
    body = json.dumps(payload, separators=(",", ":")).encode()
    return GeoFile(gzip.compress(body, GZIP_LEVEL, mtime=0),
                   hashlib.sha256(body).hexdigest()[:DIGEST_LENGTH])


def geojson_url(data: AppData, name: str) -> str:
    """Return the URL under which :func:`register_geo_routes` serves the file ``name``.

    Prepares the file (the browser asks for it right after the figure), to put the
    digest of its content in the URL.
    """
    file = geo_file(data, name)
    url = f"{ROUTE_PREFIX}/{data.region}/{name}"
    return url if file is None else f"{url}?{VERSION_PARAMETER}={file.digest}"


def register_geo_routes(server: Flask, load_data: Callable[[], AppData]) -> None:
    """Add ``/geo/<region>/<name>.json`` to the Flask server and cache lifetimes to assets."""

    @server.get(f"{ROUTE_PREFIX}/<region>/<name>")
    def geojson(region: str, name: str) -> Response:
        data = load_data()
        file = geo_file(data, name) if region == data.region else None
        if file is None:
            abort(404)
        if "gzip" in request.accept_encodings:
            response = Response(file.gzipped, mimetype="application/json")
            response.headers["Content-Encoding"] = "gzip"
            response.set_etag(f"{file.digest}-gzip")
        else:
            response = Response(gzip.decompress(file.gzipped), mimetype="application/json")
            response.set_etag(file.digest)
        response.vary.add("Accept-Encoding")
        response.cache_control.public = True
        if request.args.get(VERSION_PARAMETER) == file.digest:
            response.cache_control.max_age = IMMUTABLE_MAX_AGE_SECONDS
            response.cache_control.immutable = True
        else:
            response.cache_control.no_cache = True
        return response.make_conditional(request)

    @server.after_request
    def cache_assets(response: Response) -> Response:
        if request.path.startswith(ASSETS_PREFIX) and response.status_code in (200, 304):
            response.cache_control.public = True
            response.cache_control.no_cache = None
            if ASSET_VERSION_PARAMETER in request.args:
                response.cache_control.max_age = IMMUTABLE_MAX_AGE_SECONDS
                response.cache_control.immutable = True
            else:
                response.cache_control.max_age = ASSET_MAX_AGE_SECONDS
        return response
