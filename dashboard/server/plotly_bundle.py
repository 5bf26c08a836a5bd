"""Serve the plotly.js the pages draw with: its geo build and French locale, not the full bundle.

``dcc.Graph`` loads plotly.js by itself when the first graph of a page mounts, from the URL
dash-renderer gives it (``window._dashPlotlyJSURL``, the Python plotly package's
``package_data/plotly.min.js`` under ``_dash-component-suites`` when resources are served
locally): 1.44 MB compressed, for 40 kinds of traces. The app's graphs all draw
``choropleth`` and ``scattergeo`` traces (the nesting matrix is an HTML table), which the
geo build of the same plotly.js version holds in a third of the bytes.

A static URL rule on that very path wins over Dash's
``/_dash-component-suites/<package>/<path>`` rule in Werkzeug's routing, so the lazy
loading stays as Dash designed it (no plotly.js at all on pages without a graph) and
fetches the geo build instead, followed by the French locale (``config={"locale": "fr"}``
then names the mode bar buttons in French). Both files are vendored under
``assets/vendor/plotly/`` by ``make vendor``, of the version the Python package bundles
(:func:`bundled_version` checks it).
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from dash import Dash
from flask import Response, request

from dashboard.server.geo_routes import IMMUTABLE_MAX_AGE_SECONDS

VENDOR_DIR = Path(__file__).resolve().parents[2] / "assets" / "vendor" / "plotly"
#: The geo build (``plotly.js-geo-dist-min``) and the French locale (``plotly.js``).
BUNDLE_FILES = ("plotly-geo.min.js", "plotly-locale-fr.js")
#: Where dash-renderer tells ``dcc.Graph`` to load plotly.js from (after the path prefix).
PLOTLY_PATH = "_dash-component-suites/plotly/package_data/plotly.min.js"
#: Query argument naming the bundle's digest: a URL with it is kept a year.
VERSION_ARGUMENT = "v"
#: Meta tag giving ``assets/map_start.js`` the versioned URL.
VERSIONED_URL_META = "cartocoord-plotly"
_VERSION = re.compile(rb"plotly\.js \(geo - minified\) v(\d+\.\d+\.\d+)")


@cache
def bundle() -> bytes:
    """Return the geo build followed by the locale, which registers itself on it."""
    return b"\n;".join((VENDOR_DIR / name).read_bytes() for name in BUNDLE_FILES)


def bundled_version() -> str | None:
    """Version of plotly.js written in the header of the vendored geo build."""
    found = _VERSION.search(bundle()[:500])
    return found.group(1).decode() if found else None


def register_plotly_bundle(app: Dash) -> None:
    """Answer ``dcc.Graph``'s request for plotly.js with the vendored geo build.

    The URL dcc.Graph asks for carries no version, so the browser revalidates it
    (``no-cache``, a 304 when unchanged) rather than keeping a file an upgrade of the app
    would change. The same URL with the bundle's digest (``?v=``), which
    ``assets/map_start.js`` loads on the pages whose first view is a map (a meta tag names
    it), is kept a year: a returning visitor's first map waits for no revalidation.
    """
    digest = hashlib.sha256(bundle()).hexdigest()[:16]
    url = f"{app.config.requests_pathname_prefix}{PLOTLY_PATH}"

    def plotly_geo() -> Response:
        response = Response(bundle(), mimetype="application/javascript")
        response.set_etag(digest)
        response.cache_control.public = True
        if request.args.get(VERSION_ARGUMENT) == digest:
            response.cache_control.max_age = IMMUTABLE_MAX_AGE_SECONDS
            response.cache_control.immutable = True
        else:
            response.cache_control.no_cache = True
        return response.make_conditional(request)

    app.server.add_url_rule(url, "plotly_geo_bundle", plotly_geo)
    app.config.meta_tags = [*app.config.meta_tags, {
        "name": VERSIONED_URL_META, "content": f"{url}?{VERSION_ARGUMENT}={digest}"}]
