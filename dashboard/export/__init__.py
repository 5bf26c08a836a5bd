"""Publication-ready exports of the map and its data.

Public API
----------
:func:`export_map`
    The composed page of a view (title, map with its surroundings, insets, scale bar and
    north arrow, legend, sources, date, logo) as PDF, PNG or SVG: A4 or A3 in landscape
    or portrait, a 16:9 slide, a web image (:class:`PageFormat`).
:func:`compose_page`, :class:`PageOptions`
    The page itself as SVG, and where everything went (pure, no browser).
:func:`build_atlas`
    One PDF: a cover with contents, the region then each département, each map with its
    structures table, every page numbered.
:func:`build_folium_map`
    The view as one self-contained HTML file (Leaflet inlined, works offline).
:func:`communes_csv`, :func:`territories_csv`, :func:`territories_geojson`
    The data behind the view, for spreadsheets and GIS.
:func:`register_export_routes`, :func:`export_url`
    The ``/export/…`` endpoints of the app, and the link to one for a view state.
:class:`Renderer`, :func:`get_renderer`
    The Chromium shared by static exports, started on first use.
:class:`ExportError` and subclasses
    Failures with a French message and an HTTP status.

Command line: ``python -m dashboard.export --help``.
"""

from __future__ import annotations

from dashboard.export.atlas import build_atlas
from dashboard.export.errors import (
    ExportError,
    ExportOptionsError,
    ExportTimeout,
    ExportUnavailable,
)
from dashboard.export.page import PageOptions, compose_page
from dashboard.export.presets import PageFormat
from dashboard.export.renderer import Renderer, get_renderer
from dashboard.export.routes import export_url, register_export_routes
from dashboard.export.static import export_map
from dashboard.export.tables import communes_csv, territories_csv, territories_geojson


def __getattr__(name: str) -> object:
    """Import the HTML export on first use: folium is a quarter of a second of start-up."""
    if name == "build_folium_map":
        from dashboard.export.interactive import build_folium_map

        return build_folium_map
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ExportError",
    "ExportOptionsError",
    "ExportTimeout",
    "ExportUnavailable",
    "PageFormat",
    "PageOptions",
    "Renderer",
    "build_atlas",
    "build_folium_map",
    "communes_csv",
    "compose_page",
    "export_map",
    "export_url",
    "get_renderer",
    "register_export_routes",
    "territories_csv",
    "territories_geojson",
]
