"""Serve the GeoJSON of the coloured areas, so a map figure only carries a URL.

The browser fetches each file once and keeps it; switching indicator or classification
then sends only classes and texts. Each file (:mod:`dashboard.views.geo_files`) is served
as gzipped once (Flask-Compress leaves responses that already have a
``Content-Encoding`` alone), and kept for good under its versioned URL. A browser that
accepts zstd gets the file compressed once at zstd 19 instead, a quarter smaller (the
region's communes: 75 kB instead of 104), by :mod:`dashboard.server.static_files`, which
makes that copy in the background. Static files under ``/assets`` are given a cache
lifetime too.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable

from flask import Flask, Response, abort, request

from dashboard.server.static_files import accepted_encoding
from dashboard.views.data import AppData
from dashboard.views.geo_files import ROUTE_PREFIX, VERSION_PARAMETER, geo_file

ASSETS_PREFIX = "/assets/"
#: Query parameter of Dash's modification time in asset URLs.
ASSET_VERSION_PARAMETER = "m"
#: A versioned URL never changes content: keep it a year.
IMMUTABLE_MAX_AGE_SECONDS = 365 * 24 * 3600
#: Assets without Dash's modification-time parameter (vendored CSS, fonts, topojson)
#: change only with a new release of the app.
ASSET_MAX_AGE_SECONDS = 24 * 3600


def register_geo_routes(server: Flask, load_data: Callable[[], AppData]) -> None:
    """Add ``/geo/<region>/<name>.json`` to the Flask server and cache lifetimes to assets."""

    @server.get(f"{ROUTE_PREFIX}/<region>/<name>")
    def geojson(region: str, name: str) -> Response:
        data = load_data()
        file = geo_file(data, name) if region == data.region else None
        if file is None:
            abort(404)
        if accepted_encoding(request.headers.get("Accept-Encoding", "")) == "zstd":
            response = Response(gzip.decompress(file.gzipped), mimetype="application/json")
            response.set_etag(file.digest)  # then compressed by static_files
        elif "gzip" in request.accept_encodings:
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
