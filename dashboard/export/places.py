"""Lists of places in the exports: which ones a request shows, and the interactive map's.

The lists a view shows are the shared ones its URL names (``lieux=``) and the one the
user imported in their session: :func:`view_layers` finds both for an export request, so
that the printed page and the interactive map show what the user sees on the screen.
:func:`add_place_markers` draws them on the interactive map (one circle marker per place,
coloured by category, sized as on the map) and :func:`places_legend_html` writes their
legend; :func:`print_layers` makes them layers of the printed map, with their legend
sections (categories and counts, reference circles, source).
"""

from __future__ import annotations

import html

import flask
import folium
import shapely

from dashboard.export.drawing.layers import LegendEntry, LegendSection
from dashboard.export.drawing.points import PointLayer, marker_sample
from dashboard.export.drawing.projection import project
from dashboard.figures.points import (
    CIRCLE_OPACITY,
    PlaceLegend,
    hover_texts,
    marker_sizes,
    place_legend,
)
from dashboard.formatting import format_number
from dashboard.palettes import PLACE_OUTLINE
from dashboard.place_strings import PLACE_LEGEND_SIZES
from dashboard.views.data import AppData
from dashboard.views.place_layers import shown_layers
from dashboard.views.state import ViewState
from geodata.observations.places import PlaceList
from geodata.observations.session_layers import session_layers

#: Key of the imported list's hash in the user's session (set by the map page).
SESSION_KEY = "places_layer"
#: Radius (px) of the circle markers, before each place's own is set.
MARKER_RADIUS = 5


def session_layer() -> PlaceList | None:
    """Return the list of places this session imported, if any (and still kept)."""
    if not flask.has_request_context():
        return None
    return session_layers().load(flask.session.get(SESSION_KEY))


def view_layers(data: AppData, state: ViewState) -> tuple[PlaceList, ...]:
    """Return the lists of places of a view for this request (shared ones, the session's)."""
    return shown_layers(data, state, session_layer())


def _features(layer: PlaceList, legend: PlaceLegend, unit_names: dict[str, str]) -> dict:
    colours = {category.label: category.colour for category in legend.categories}
    radii = (marker_sizes(layer, legend) / 2).tolist()
    features = []
    for row, radius, text in zip(layer.places.itertuples(index=False), radii,
                                 hover_texts(layer, unit_names), strict=True):
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [row.lon, row.lat]},
                         "properties": {"couleur": colours[row.category],
                                        "rayon": round(radius, 1), "infobulle": text}})
    return {"type": "FeatureCollection", "features": features}


def add_place_markers(fmap: folium.Map, data: AppData,
                      layers: tuple[PlaceList, ...]) -> tuple[PlaceLegend, ...]:
    """Draw each list as a layer of circle markers with tooltips; return their legends."""
    names = data.unit_index["nom"].to_dict()
    legends = tuple(place_legend(layer, index) for index, layer in enumerate(layers))
    for layer, legend in zip(layers, legends, strict=True):
        folium.GeoJson(
            _features(layer, legend, names), name=html.escape(layer.label),
            marker=folium.CircleMarker(radius=MARKER_RADIUS, weight=1, fill=True),
            style_function=lambda feature: {
                "fillColor": feature["properties"]["couleur"], "color": PLACE_OUTLINE,
                "radius": feature["properties"]["rayon"], "fillOpacity": 0.85, "weight": 1},
            tooltip=folium.GeoJsonTooltip(fields=["infobulle"], labels=False, sticky=True),
        ).add_to(fmap)
    return legends


def places_legend_html(legends: tuple[PlaceLegend, ...]) -> str:
    """Legend of the lists as HTML: categories with counts, circle sizes, source."""
    parts = []
    for legend in legends:
        rows = "".join(
            f'<li><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="5" '
            f'fill="{category.colour}" stroke="{PLACE_OUTLINE}"/></svg>'
            f"{html.escape(category.label)} ({format_number(category.count, 0)})</li>"
            for category in legend.categories)
        sized = html.escape(PLACE_LEGEND_SIZES.format(label=legend.value_label))
        sizes = (f'<p class="method">{sized} : '
                 f"{', '.join(format_number(value, 0) for value, _ in legend.sizes)}</p>"
                 if legend.sizes else "")
        note = f'<p class="method">{html.escape(legend.at_centre)}</p>' if legend.at_centre else ""
        parts.append(f"<h2>{html.escape(legend.title)}</h2><ul>{rows}</ul>{sizes}{note}"
                     f'<p class="sources">{html.escape(legend.source)}</p>')
    return "".join(parts)


#: Markers on paper: the screen's diameters at this scale (page pixels at A4 scale).
PRINT_MARKER_SCALE = 0.8
#: Fill of the reference circles of the legend (the categories give the colours).
SIZE_SAMPLE_COLOUR = "#9e9e9e"


def print_layers(layers: tuple[PlaceList, ...]) -> tuple[PointLayer, ...]:
    """Make the printed map's layers of the lists of places, with their legend sections.

    Their sources go on the page's « Sources : » line
    (:func:`dashboard.export.texts.map_sources`).
    """
    result = []
    for index, layer in enumerate(layers):
        legend = place_legend(layer, index)
        colours = {category.label: category.colour for category in legend.categories}
        entries = [LegendEntry(f"{category.label} ({format_number(category.count, 0)})",
                               marker_sample(legend.symbol, category.colour))
                   for category in legend.categories]
        entries += [LegendEntry(format_number(value, 0),
                                marker_sample(legend.symbol, SIZE_SAMPLE_COLOUR,
                                              size * PRINT_MARKER_SCALE),
                                height=size * PRINT_MARKER_SCALE)
                    for value, size in legend.sizes]
        subtitle = (PLACE_LEGEND_SIZES.format(label=legend.value_label) if legend.sizes
                    else None)
        places = layer.places
        xy = shapely.get_coordinates(project(shapely.points(
            places["lon"].to_numpy(dtype=float), places["lat"].to_numpy(dtype=float))))
        result.append(PointLayer(
            xy, tuple(colours[category] for category in places["category"]),
            marker_sizes(layer, legend) * PRINT_MARKER_SCALE, legend.symbol,
            LegendSection(legend.title, tuple(entries), note=legend.at_centre, subtitle=subtitle),
            opacity=CIRCLE_OPACITY if legend.sizes else 1.0))
    return tuple(result)
