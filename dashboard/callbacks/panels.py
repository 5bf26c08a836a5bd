"""Fill the side panels from the state: who covers the commune, the fiche, the banner."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from dash import Input, Output, callback, html

from dashboard import ids, strings
from dashboard.callbacks.common import current_view
from dashboard.layouts.panels import coverage_card, fiche_body
from dashboard.views.data import AppData

CACHE_SIZE = 256


@lru_cache(maxsize=CACHE_SIZE)
def _fiche(data: AppData, ref: str | None) -> list:
    """Build a fiche once per loaded (or dated) data: a new version gives new fiches."""
    return fiche_body(data, ref)


@callback(Output(ids.COVERAGE, "children"), Input(ids.STATE, "data"))
def show_coverage(store: dict):
    """Say who covers the selected commune."""
    data, state = current_view(store)
    return coverage_card(data, state.commune, state.indicator)


@callback(Output(ids.FICHE, "is_open"), Output(ids.FICHE_BODY, "children"),
          Input(ids.STATE, "data"))
def show_fiche(store: dict):
    """Open the fiche of the selected territory."""
    data, state = current_view(store)
    return state.territory is not None, _fiche(data, state.territory)


@callback(Output(ids.DEMO_BANNER, "is_open"), Output(ids.DEMO_BANNER, "children"),
          Input(ids.STATE, "data"))
def show_demo_banner(store: dict):
    """Say it whenever a shown zoning is made up, on the map as in the panorama."""
    data, state = current_view(store)
    shown = state.zonings if state.page == "carte" else tuple(data.zonings)
    if state.colour_by in data.zonings and state.colour_by not in shown:
        shown = (*shown, state.colour_by)
    labels = data.illustrative_zonings(shown)
    children = []
    if labels:
        children += [html.Strong(strings.DEMO_BANNER_TITLE), " — ",
                     strings.DEMO_BANNER_TEXT.format(zonings=", ".join(labels))]
    if state.date:
        day = date.fromisoformat(state.date).strftime("%d/%m/%Y")
        children += [html.Br() if children else "", strings.AS_OF_BANNER.format(day=day)]
    return bool(children), children
