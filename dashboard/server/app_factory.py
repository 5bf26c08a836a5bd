"""Build the Dash application: assets, page template, layout and callbacks."""

from __future__ import annotations

from pathlib import Path

from dash import Dash

import dashboard.callbacks  # noqa: F401  (importing the package registers every callback)
from dashboard.editing.auth import init_auth
from dashboard.export import register_export_routes
from dashboard.layouts.main import build_layout
from dashboard.layouts.pages import MAP_PATHS
from dashboard.server.geo_routes import register_geo_routes
from dashboard.server.headers import install_security_headers
from dashboard.server.layout_cache import serve_cached_layout
from dashboard.server.libraries import defer_libraries
from dashboard.server.limits import init_limits
from dashboard.server.plotly_bundle import register_plotly_bundle
from dashboard.server.static_files import register_static_compression
from dashboard.strings import APP_TITLE
from dashboard.views.data import load_app_data
from dashboard.views.geo_files import ROUTE_PREFIX
from geodata.intake import clean_stale_folders

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"

#: Third-party style sheets under ``assets/vendor/``, in the order they must load.
#: Dash includes the other ``.css`` files of ``assets/`` by itself, after these, so
#: ``assets/style.css`` overrides Bootstrap.
VENDOR_STYLESHEETS = (
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/source-sans-3/source-sans-3.css",
)

#: gzip level of the callback responses (a map figure is up to 250 kB of JSON): 2.5 times
#: faster than flask-compress's default 6 for 9 % more bytes (Île-de-France map with DAC
#: and CPTS: 3.0 ms for 47.7 kB against 7.6 ms for 43.9 kB). GeoJSON files are
#: compressed once, at level 9 (:mod:`dashboard.views.geo_files`).
RESPONSE_GZIP_LEVEL = 4
#: zstd level of the callback responses, for the browsers that accept zstd: the map of
#: the region (all its zonings' outlines and hover lines) takes 42.5 kB at level 6
#: against 49.4 kB at flask-compress's 3, for 2 ms more.
RESPONSE_ZSTD_LEVEL = 6

#: Dash's page template with the document language set to French.
INDEX_STRING = """<!DOCTYPE html>
<html lang="fr">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        <noscript>Cartocoord a besoin de JavaScript pour afficher ses cartes.</noscript>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


def create_app() -> Dash:
    """Create the Cartocoord Dash application.

    Every resource is served by the app itself (no CDN): Dash's own scripts, the
    vendored Bootstrap, font and plotly.js geo build, and the files of ``assets/``. Each
    page loads only the scripts it uses (:mod:`dashboard.server.plotly_bundle`,
    :mod:`dashboard.server.libraries`), compressed once at a high level
    (:mod:`dashboard.server.static_files`).

    Returns
    -------
    Dash
        The application; its Flask server is ``app.server``.

    Examples
    --------
    >>> app = create_app()
    >>> app.title
    'Cartocoord'
    """
    app = Dash(
        __name__,
        assets_folder=str(ASSETS_DIR),
        # Vendored style sheets are linked explicitly below, to control their order.
        assets_path_ignore=["^vendor$"],
        serve_locally=True,
        compress=True,
        title=APP_TITLE,
        update_title=None,
        suppress_callback_exceptions=True,
        index_string=INDEX_STRING,
        # Pages whose plotly.js the browser starts at once (assets/map_start.js).
        meta_tags=[{"name": "cartocoord-map-pages", "content": " ".join(MAP_PATHS)}],
    )
    app.config.external_stylesheets = [app.get_asset_url(path) for path in VENDOR_STYLESHEETS]
    app.server.config["COMPRESS_LEVEL"] = RESPONSE_GZIP_LEVEL
    app.server.config["COMPRESS_ZSTD_LEVEL"] = RESPONSE_ZSTD_LEVEL
    libraries = defer_libraries(app)
    app.layout = lambda: build_layout(libraries)
    serve_cached_layout(app, load_app_data)  # built once per version of the data
    register_plotly_bundle(app)
    register_static_compression(app.server, app.config.requests_pathname_prefix,
                                others=(f"{ROUTE_PREFIX}/",))
    register_geo_routes(app.server, load_app_data)
    register_export_routes(app.server, load_app_data)
    init_limits(app.server)  # first: nothing may read a body before its size is checked
    init_auth(app)
    clean_stale_folders()  # files a killed process was reading: never kept
    install_security_headers(app)  # last: hashes the inline scripts of every callback
    return app
