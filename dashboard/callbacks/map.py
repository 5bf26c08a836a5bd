"""Draw the map for the current state: a whole figure when the geometry changes, else a patch."""

from __future__ import annotations

from dash import Input, Output, Patch, State, callback, no_update

from dashboard import ids
from dashboard.callbacks.common import current_view
from dashboard.classification import ClassificationError
from dashboard.geo_routes import geojson_url
from dashboard.layouts.panels import legend_panel
from dashboard.map_view import Selection, geojson_name, map_figure, recolour


@callback(
    Output(ids.MAP, "figure"), Output(ids.LEGEND, "children"), Output(ids.FIGURE_KEY, "data"),
    Output(ids.BREAKS_ERROR, "children"),
    Input(ids.STATE, "data"), State(ids.FIGURE_KEY, "data"),
)
def draw_map(store: dict, shown_key: str | None):
    """Rebuild the figure only when areas, outlines or highlight change."""
    data, state = current_view(store)
    selection = Selection.of(state)
    key = f"{selection.key}|{state.territory}|{state.commune}"
    illustrative = data.illustrative_zonings(state.zonings)
    try:
        if key == shown_key:
            fields, legend = recolour(data, state)
            figure = Patch()
            for index, values in fields.items():
                for name, value in values.items():
                    figure["data"][index][name] = value
        else:
            url = geojson_url(data, geojson_name(selection))
            figure, legend = map_figure(data, state, url)
    except ClassificationError as error:
        return no_update, no_update, no_update, str(error)
    return figure, legend_panel(legend, illustrative), key, ""
