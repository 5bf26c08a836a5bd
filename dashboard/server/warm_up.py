"""Compute, before users ask, what their first requests would otherwise wait for.

Two stages, so that the first map is served as soon as it can be:

:func:`first_view`
    What every page load computes: the map of the bare URL (its classes, the outlines and
    names of every zoning, which the browser's figure holds to show them at a click, the
    legend) and its GeoJSON file. gunicorn's master runs it before the port opens
    (``gunicorn.conf.py``); the workers it forks share the result.
:func:`first_clicks`
    What the first interactions compute: the hover lines of every zoning (the CPTS of
    France take a second; a commune map needs them at once), the start view's map and
    legend in every indicator, every zoning's outlines included (half a second for
    Île-de-France, saving 0.1–0.3 s on a worker's first change of indicator) and for each
    département alone (a second, saving 0.1–0.25 s on a worker's first choice of one), the
    commune search index, the panorama rows and the département and region values every
    fiche compares with (a quarter of a second off a worker's first fiche). Each worker
    runs it in the background as soon as it serves (:func:`first_clicks_in_background`),
    so a first click finds it ready.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from dashboard.views.data import AppData
from dashboard.views.geo_files import geojson_url
from dashboard.views.map_geometry import Selection, geojson_name
from dashboard.views.map_view import map_figure, map_legend, zoning_hover
from dashboard.views.panorama import structure_rows
from dashboard.views.territories import fiche_references

#: The start view of each département alone is prepared when the region has at most this
#: many: every region does (Occitanie has the most, 13), France's 101 would hold a core
#: and a worker's caches for half a minute.
MAX_WARMED_DEPARTEMENTS = 13


def first_view(data: AppData) -> None:
    """Prepare what the page of a bare URL computes, whatever the page shown."""
    state = data.default_state
    map_figure(data, state, geojson_url(data, geojson_name(Selection.of(state, data))))


def first_clicks(data: AppData) -> None:
    """Prepare the start view in every indicator and département, the search, the fiches."""
    state = data.default_state
    for key in data.zonings:
        zoning_hover(data, key)
    _ = data.search
    structure_rows(data)
    fiche_references(data)
    views = [replace(state, indicator=indicator.code) for indicator in data.indicators]
    if len(data.departements) <= MAX_WARMED_DEPARTEMENTS:
        views += [replace(state, departements=(code,)) for code in data.departements["code"]]
    for view in views:
        map_figure(data, view, geojson_url(data, geojson_name(Selection.of(view, data))))
        map_legend(data, view)


def first_clicks_in_background(data: AppData) -> threading.Thread:
    """Start :func:`first_clicks` in a daemon thread (it never delays a shutdown)."""
    thread = threading.Thread(target=first_clicks, args=(data,), name="cartocoord-warm-up",
                              daemon=True)
    thread.start()
    return thread
