"""Fill the map page's panels: legend, map in words, coverage, fiche, export links, mesh.

One callback for them all, fired by the map page's view store with the fields that
changed (:mod:`dashboard.views.routing`): each panel is redrawn only when a field it
shows has changed, the others are left as they are (one request per click, not one per
panel). The table of the map's data (« Voir les données de la carte ») is built only
while it shows, from the same view as the map.
"""

from __future__ import annotations

from functools import lru_cache

from dash import (
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    html,
    no_update,
)
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.callbacks.common import current_view
from dashboard.callbacks.export import export_links
from dashboard.classification import ClassificationError
from dashboard.export.places import session_layer
from dashboard.layouts.map_page import indicator_options
from dashboard.layouts.panels import coverage_card, fiche_body, legend_panel, map_table_panel
from dashboard.layouts.places import place_counts_block, place_legend_block
from dashboard.views.data import AppData
from dashboard.views.map_table import map_summary, map_table
from dashboard.views.map_view import map_legend, mesh_choice
from dashboard.views.place_layers import place_legends, shown_layers, territory_places
from dashboard.views.state import ViewState
from dashboard.views.user_indicators import indicator_note

CACHE_SIZE = 256
#: Fields each panel shows (the export links show every one; the map's sentence and table
#: show the legend's).
LEGEND_FIELDS = {"departements", "zonings", "indicator", "method", "classes", "breaks",
                 "colour_by", "date", "mesh", "qpv", "places"}
#: Fields deciding whether IRIS can be offered (« Maille » control).
MESH_FIELDS = {"departements", "indicator", "colour_by", "date"}
COVERAGE_FIELDS = {"commune", "indicator", "date"}
FICHE_FIELDS = {"territory", "date"}
#: Fields of the fiche's count of places (« Observations sur le territoire »).
FICHE_PLACES_FIELDS = {"territory", "date", "places"}
EXPORT_OPTIONS = ((ids.EXPORT_TITLE, "value"), (ids.EXPORT_SUBTITLE, "value"),
                  (ids.EXPORT_PAPER, "value"), (ids.EXPORT_DPI, "value"),
                  (ids.EXPORT_TRANSPARENT, "value"))


@lru_cache(maxsize=CACHE_SIZE)
def _fiche(data: AppData, ref: str | None) -> list:
    """Build a fiche once per loaded (or dated) data: a new version gives new fiches."""
    return fiche_body(data, ref)


def _fiche_places(data: AppData, state: ViewState, changed: set[str]):
    """Count the places of the lists shown in the fiche's territory, when that changed."""
    if not changed & FICHE_PLACES_FIELDS:
        return no_update
    if state.territory is None:
        return []
    return place_counts_block(territory_places(data, state.territory, shown_layers(
        data, state, session_layer())))


def _in_words(data: AppData, state: ViewState, legend_changed: bool, table_wanted: bool):
    """Draw the legend, the sentence a screen reader announces and, if wanted, the table.

    Each is ``no_update`` when not asked for, and all three while the breaks typed are
    unusable (the map keeps its former classes too). The legend of the lists of places
    shown (the session's too) follows the map's own, in the same box.
    """
    if not (legend_changed or table_wanted):
        return no_update, no_update, no_update
    try:
        legend = map_legend(data, state)
    except ClassificationError:
        return no_update, no_update, no_update
    places = html.Div(id=ids.PLACES_LEGEND, children=[
        place_legend_block(block)
        for block in place_legends(shown_layers(data, state, session_layer()))])
    return ([*legend_panel(legend), places] if legend_changed else no_update,
            map_summary(data, state, legend) if legend_changed else no_update,
            map_table_panel(map_table(data, state, legend)) if table_wanted else no_update)


# « Voir les données de la carte »: the browser shows or hides the table by itself; its
# opening fires the panels' callback, which fills it (closing it asks nothing).
clientside_callback(
    ClientsideFunction(namespace="cartocoordA11y", function_name="mapTable"),
    Output(ids.MAP_TABLE, "hidden"), Output(ids.MAP_TABLE_TOGGLE, "aria-expanded"),
    Output(ids.MAP_TABLE_OPENED, "data"),
    Input(ids.MAP_TABLE_TOGGLE, "n_clicks"), prevent_initial_call=True,
)


@callback(
    Output(ids.LEGEND, "children"), Output(ids.MAP_STATUS, "children"),
    Output(ids.MAP_TABLE, "children"), Output(ids.COVERAGE, "children"),
    Output(ids.FICHE, "is_open"), Output(ids.FICHE_BODY, "children"),
    Output(ids.FICHE_PLACES, "children"), Output(ids.INDICATOR, "options"),
    Output(ids.INDICATOR_NOTE, "children"), Output(ids.MESH, "options"),
    Output(ids.MESH_HINT, "children"), Output(ids.EXPORT_LINKS, "children"),
    Input(ids.MAP_VIEW, "data"), Input(ids.MAP_TABLE_OPENED, "data"),
    Input(ids.PLACES_SESSION, "data"), Input(ids.INDICATORS_SESSION, "data"),
    *(Input(*option) for option in EXPORT_OPTIONS), State(ids.MAP_TABLE, "hidden"),
    State(ids.URL, "search"), prevent_initial_call=True,
)
def show_panels(view: dict | None, _opened: int | None, _places: str | None,
                _indicators: str | None, *options_and_more):
    """Redraw the panels showing a field that changed (export options: the links only).

    The table of the map's data is drawn when it opens, and again on a change of what
    it shows while it is open. A list of places imported or removed in the session
    redraws the legend and the fiche's count of places; the indicator selector lists
    the session's own indicators (first view, import, removal).
    """
    if view is None:
        raise PreventUpdate  # the map page has not been drawn yet
    *options, table_hidden, search = options_and_more
    data, state = current_view(view)
    triggers = ctx.triggered_prop_ids
    # An export option may change in the same wave as the view (the resolutions offered
    # at page load): the panels follow the view whenever it is among the triggers.
    changed = set(view["changed"]) if f"{ids.MAP_VIEW}.data" in triggers else set()
    if f"{ids.PLACES_SESSION}.data" in triggers:
        changed.add("places")
    imported = f"{ids.INDICATORS_SESSION}.data" in triggers
    opened = f"{ids.MAP_TABLE_OPENED}.data" in triggers
    links = no_update if opened and len(triggers) == 1 else export_links(state, *options)
    legend_changed = bool(changed & LEGEND_FIELDS)
    return (*_in_words(data, state, legend_changed,
                       not table_hidden and (opened or legend_changed)),
            coverage_card(data, state.commune, state.indicator)
            if changed & COVERAGE_FIELDS else no_update,
            *((state.territory is not None, _fiche(data, state.territory))
              if changed & FICHE_FIELDS else (no_update, no_update)),
            _fiche_places(data, state, changed),
            indicator_options(data) if imported or "indicator" in changed else no_update,
            *((indicator_note(data, state, search), *mesh_choice(data, state))
              if changed & MESH_FIELDS else (no_update, no_update, no_update)),
            links)
