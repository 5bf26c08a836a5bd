"""The view as one self-contained HTML file: a Leaflet map that works offline.

folium links Leaflet, jQuery and Bootstrap from CDNs by default, so a saved map is
blank without the internet. Here the map drops those links (``default_js`` and
``default_css`` emptied) and inlines the vendored Leaflet (``assets/vendor/leaflet/``,
its images as ``data:`` URIs); nothing else is needed because only folium elements
without jQuery are used (no popups, no ``keep_in_front``). The OpenStreetMap base layer
is an option of the layer control, off by default: its tiles load only if the reader
is online and ticks it.

Layers mirror the dashboard's map: the choropleth in the classes' colours (tooltip:
name, value, covering structures), the département limits, each zoning's outline with
its colour and dashes (« (illustratif) » in the layer control for made-up perimeters),
optionally the territory names; plus a title box with the date, a legend with the
classes and what their counts count, the outlines, one « Sources : » line and, for
made-up perimeters, the illustrative notice; and a scale bar in kilometres only.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
from functools import cache

import folium
import geopandas as gpd
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from dashboard.classification import Classification, reclassify
from dashboard.constants import FONT_FAMILY, TEXT_COLOUR
from dashboard.export.constants import (
    INTERACTIVE_DEPARTEMENTS,
    INTERACTIVE_LABELS,
    LEAFLET_DIR,
    MUTED_COLOUR,
    NOTICE_COLOUR,
    OSM_ATTRIBUTION,
    OSM_LAYER,
    OSM_TILES,
)
from dashboard.export.page import date_line
from dashboard.export.places import add_place_markers, places_legend_html
from dashboard.export.texts import (
    Sources,
    count_text,
    default_subtitle,
    default_title,
    method_line,
    view_sources,
)
from dashboard.figures.geojson import Outline, feature_collection
from dashboard.figures.legend import Legend
from dashboard.figures.map import legible_labels
from dashboard.palettes import (
    DEPARTEMENT_STYLE,
    HATCH_STYLE,
    MISSING_COLOUR,
    TERRITORY_LINE,
    UNIT_LINE,
    OutlineStyle,
    class_colours,
    svg_dasharray,
    tint,
)
from dashboard.strings import ILLUSTRATIVE_SUFFIX
from dashboard.views.data import AppData
from dashboard.views.map_geometry import Selection, areas, departement_outline, zoning_layer
from dashboard.views.map_view import classify_view, hatch_outline, iris_lines, map_legend
from dashboard.views.shading import AreaValues, area_values
from dashboard.views.state import BY_COMMUNE, ViewState
from dashboard.views.symbols import Symbols, qpv_symbols
from dashboard.views.territories import hover_lines
from geodata.observations.places import PlaceList

FILL_OPACITY = 0.85
HIGHLIGHT = {"weight": 2.5, "color": "#000091", "fillOpacity": 0.95}
#: Room kept for the title box (top left) and the legend (bottom right) when fitting.
FIT_PADDING_TOP_LEFT = (10, 90)
FIT_PADDING_BOTTOM_RIGHT = (340, 10)

STYLE = f"""
html, body {{ font-family: {FONT_FAMILY}; color: {TEXT_COLOUR}; }}
.leaflet-container {{ background: #ffffff; font-family: {FONT_FAMILY}; }}
.leaflet-control-layers {{ font-size: 13px; }}
.cc-box {{ position: fixed; z-index: 1000; background: rgba(255,255,255,0.94);
  border: 1px solid #bbbbbb; border-radius: 4px; padding: 8px 10px; font-size: 13px;
  line-height: 1.35; box-shadow: 0 1px 4px rgba(0,0,0,0.15); }}
.cc-title {{ top: 10px; left: 54px; max-width: min(560px, calc(100% - 330px)); }}
.cc-title h1 {{ font-size: 17px; margin: 0 0 2px; }}
.cc-title p {{ margin: 0; color: {MUTED_COLOUR}; }}
.cc-title .date {{ font-size: 11px; margin-top: 3px; }}
.cc-legend {{ bottom: 24px; right: 10px; max-width: 330px; max-height: calc(100% - 60px);
  overflow: auto; }}
.cc-legend h2 {{ font-size: 13px; margin: 0; }}
.cc-legend .method {{ color: {MUTED_COLOUR}; font-style: italic; margin-bottom: 4px; }}
.cc-legend ul {{ list-style: none; margin: 0 0 6px; padding: 0; }}
.cc-legend li {{ display: flex; align-items: center; gap: 8px; margin: 2px 0; }}
.cc-legend .swatch {{ width: 22px; height: 13px; border: 0.5px solid #999999;
  flex: none; }}
.cc-legend svg {{ flex: none; }}
.cc-legend .sources {{ color: {MUTED_COLOUR}; font-size: 11px; margin: 6px 0 0; }}
.cc-legend .notice {{ color: {NOTICE_COLOUR}; font-weight: bold; }}
.cc-label {{ font-size: 11px; font-weight: 600; color: {TEXT_COLOUR}; white-space: nowrap;
  text-shadow: 0 0 3px #ffffff, 0 0 3px #ffffff; transform: translate(-50%, -50%);
  width: max-content !important; height: auto !important; }}
"""


class MetricScale(MacroElement):
    """Leaflet's scale bar in kilometres only (folium's ``control_scale`` adds miles)."""

    _template = Template("{% macro script(this, kwargs) %}"
                         "L.control.scale({imperial: false, maxWidth: 150})"
                         ".addTo({{ this._parent.get_name() }});{% endmacro %}")


def build_folium_map(data: AppData, state: ViewState, date: dt.date | None = None,
                     places: tuple[PlaceList, ...] = ()) -> str:
    """Draw the view as a standalone HTML page (Leaflet inlined, nothing external).

    Parameters
    ----------
    data : AppData
        The loaded region.
    state : ViewState
        Départements, zonings, indicator, classification, colouring, labels.
    date : datetime.date, optional
        Date written under the title (today by default).
    places : tuple of PlaceList
        Lists of places drawn as circle markers (:func:`dashboard.export.places.view_layers`).

    Returns
    -------
    str
        The HTML document, about 0.3 MB for a département and 1.5 MB for the region.

    Raises
    ------
    dashboard.classification.ClassificationError
        When manual breaks cannot classify the values (French message).
    """
    selection = Selection.of(state, data)
    indicator = data.indicator(state.indicator)
    _, classification = classify_view(data, state)
    colours = class_colours(classification.k, indicator.direction)
    layers = [zoning_layer(data, key, selection.departements, selection.level)
              for key in selection.zonings]
    legend = map_legend(data, state)
    title, subtitle = default_title(data, state), default_subtitle(data, state)
    illustrative = set(data.illustrative_zonings(selection.zonings))
    names = {layer.key: layer.name + (ILLUSTRATIVE_SUFFIX if layer.name in illustrative
                                      else "") for layer in layers}

    figure = Figure(title=title)
    fmap = folium.Map(location=None, tiles=None, control_scale=False, zoom_snap=0.25)
    fmap.default_js = []
    fmap.default_css = []
    figure.add_child(fmap)
    figure.header.add_child(Element(f"<style>{_leaflet_css()}\n{STYLE}</style>"),
                            name="cartocoord_css")
    figure.header.add_child(Element(f"<script>{_leaflet_js()}</script>"), name="leaflet_js")

    folium.TileLayer(OSM_TILES, name=OSM_LAYER, attr=OSM_ATTRIBUTION, overlay=True,
                     show=False, max_zoom=19).add_to(fmap)
    shown = areas(data, selection)
    by_territory = selection.colour_by != BY_COMMUNE
    collection = _area_features(data, state, shown, area_values(data, selection, state.indicator),
                                classification, colours, by_territory)
    line = TERRITORY_LINE if by_territory else UNIT_LINE
    folium.GeoJson(
        collection, name=indicator.short_label,
        style_function=lambda feature: {"fillColor": feature["properties"]["couleur"],
                                        "fillOpacity": FILL_OPACITY, "color": line["color"],
                                        "weight": line["width"]},
        highlight_function=lambda _: HIGHLIGHT,
        tooltip=folium.GeoJsonTooltip(fields=["infobulle"], labels=False, sticky=True),
    ).add_to(fmap)
    hatch = hatch_outline(data, state)
    if hatch.lon:
        _outline_layer(hatch, HATCH_STYLE, legend.stand_in.label).add_to(fmap)
    departements = departement_outline(data, selection.departements, selection.level)
    _outline_layer(departements, DEPARTEMENT_STYLE, INTERACTIVE_DEPARTEMENTS).add_to(fmap)
    for layer in layers:
        _outline_layer(layer.outline, layer.style, names[layer.key]).add_to(fmap)
        if layer.shared is not None and layer.shared.lon:
            _outline_layer(layer.shared, layer.shared_style, layer.shared_name).add_to(fmap)
    symbols = qpv_symbols(data, selection.departements) if state.qpv else None
    if symbols is not None:
        _symbol_group(symbols).add_to(fmap)
    labels = legible_labels(layers, departements) if state.labels else {}
    for layer in layers:
        if layer.key in labels:
            group = folium.FeatureGroup(name=INTERACTIVE_LABELS.format(zoning=names[layer.key]))
            placed = labels[layer.key]
            for lon, lat, text in zip(placed.lon, placed.lat, placed.text, strict=True):
                folium.Marker([lat, lon], icon=folium.DivIcon(
                    html=html.escape(text), class_name="cc-label")).add_to(group)
            group.add_to(fmap)
    place_legends = add_place_markers(fmap, data, places)
    folium.LayerControl(collapsed=False).add_to(fmap)
    west, south, east, north = gpd.GeoSeries(shown["geometry"].to_numpy()).total_bounds
    fmap.fit_bounds([[south, west], [north, east]], padding_top_left=FIT_PADDING_TOP_LEFT,
                    padding_bottom_right=FIT_PADDING_BOTTOM_RIGHT)

    figure.html.add_child(Element(_title_box(title, subtitle, date_line(date))),
                          name="cartocoord_title")
    figure.html.add_child(Element(_legend_box(legend, method_line(classification),
                                              selection.coloured, view_sources(data, state),
                                              places_legend_html(place_legends))),
                          name="cartocoord_legend")
    MetricScale().add_to(fmap)
    return figure.render().replace("<html>", '<html lang="fr">', 1)


def _area_features(data: AppData, state: ViewState, shown, values: AreaValues,
                   classification: Classification, colours, by_territory: bool) -> dict:
    """Give each coloured area its colour and French tooltip, as GeoJSON.

    An area shown with a stand-in value takes the pale tint of its class, as on the map.
    """
    indicator = data.indicator(state.indicator)
    collection = feature_collection(gpd.GeoDataFrame(shown, geometry="geometry"))
    lines = (hover_lines(data, state.zonings) if not by_territory and state.zonings
             else None)
    communes = shown["commune"] if "commune" in shown else shown["code"]
    iris = iris_lines(data, shown) if "commune" in shown else [""] * len(shown)
    stand_ins = reclassify(classification, values.stand_in).class_of
    for feature, name, commune, first, text, klass, stand_in in zip(
            collection["features"], shown["nom"], communes, iris, values.texts,
            classification.class_of, stand_ins, strict=True):
        code = feature["id"]
        tooltip = [f"<b>{html.escape(str(name))}</b>"
                   + ("" if by_territory else f" ({html.escape(code)})"),
                   f"{html.escape(indicator.short_label)} : {html.escape(text)}",
                   *([first] if first else [])]
        if lines is not None and lines.get(commune):
            tooltip.append(lines[commune])  # escaped once already, and plotly's <br> is HTML's
        colour = (colours[klass] if klass >= 0 else tint(colours[stand_in]) if stand_in >= 0
                  else MISSING_COLOUR)
        feature["properties"] = {"couleur": colour, "infobulle": "<br>".join(tooltip)}
    return collection


def _symbol_group(symbols: Symbols) -> folium.FeatureGroup:
    """Proportional circles as Leaflet circle markers (pixel sizes), largest first."""
    style = symbols.legend.style
    group = folium.FeatureGroup(name=symbols.legend.title)
    order = sorted(range(len(symbols.lon)), key=lambda index: -symbols.diameters[index])
    for index in order:
        folium.CircleMarker(
            [symbols.lat[index], symbols.lon[index]], radius=symbols.diameters[index] / 2,
            color=style.edge, weight=style.edge_width, fill=True, fill_color=style.fill,
            fill_opacity=style.opacity, tooltip=folium.Tooltip(symbols.texts[index]),
        ).add_to(group)
    return group


def _outline_layer(outline: Outline, style: OutlineStyle, name: str) -> folium.GeoJson:
    """Turn an outline (None-separated lon/lat lists) into a non-interactive layer."""
    lines, current = [], []
    for lon, lat in zip(outline.lon, outline.lat, strict=True):
        if lon is None:
            lines.append(current)
            current = []
        else:
            current.append([lon, lat])
    lines.append(current)
    geometry = {"type": "MultiLineString", "coordinates": [line for line in lines if line]}
    dash = svg_dasharray(style.dash, style.width)
    return folium.GeoJson(
        {"type": "Feature", "geometry": geometry, "properties": {}}, name=name,
        style_function=lambda _: {"color": style.colour, "weight": style.width,
                                  "dashArray": None if dash == "none" else dash,
                                  "fill": False},
        interactive=False)


def _title_box(title: str, subtitle: str, made_on: str) -> str:
    return (f'<div class="cc-box cc-title"><h1>{html.escape(title)}</h1>'
            f"<p>{html.escape(subtitle)}</p>"
            f'<p class="date">{html.escape(made_on)}</p></div>')


def _legend_box(legend: Legend, method: str, coloured: str, sources: Sources,
                places: str = "") -> str:
    """Write the legend as HTML: classes with counts, outlines, sources, then the places."""
    rows = "".join(
        f'<li><span class="swatch" style="background:{row.colour}"></span>'
        f"{html.escape(row.label)} ({html.escape(count_text(row.count, coloured))})</li>"
        for row in (*legend.rows, *legend.extra_rows))
    outlines = "".join(
        f'<li><svg width="22" height="10" aria-hidden="true"><line x1="0" y1="5" x2="22" '
        f'y2="5" stroke="{row.style.colour}" stroke-width="{row.style.width:g}" '
        f'stroke-dasharray="{row.dasharray}"/></svg>{html.escape(row.label)}</li>'
        for row in legend.outlines)
    note = f'<p class="method">{html.escape(legend.note)}</p>' if legend.note else ""
    source_lines = f'<p class="sources">{html.escape(sources.combined())}</p>'
    if sources.notice:
        source_lines += f'<p class="sources notice">{html.escape(sources.notice)}</p>'
    mesh = f"<p>{html.escape(legend.mesh)}</p>" if legend.mesh else ""
    if legend.symbols is not None:
        symbols, style = legend.symbols, legend.symbols.style
        circles = "".join(
            f'<li><svg width="36" height="{size + 2:.0f}" aria-hidden="true"><circle cx="18" '
            f'cy="{size / 2 + 1:.1f}" r="{size / 2:.1f}" fill="{style.fill}" '
            f'fill-opacity="{style.opacity}" stroke="{style.edge}"/></svg>'
            f"{html.escape(text)}</li>" for text, size in symbols.rows)
        source_lines = (f"<h2>{html.escape(symbols.title)}</h2><ul>{circles}</ul>"
                        f'<p class="method">{html.escape(symbols.note)}</p>' + source_lines)
    return (f'<div class="cc-box cc-legend"><h2>{html.escape(legend.title)}</h2>{mesh}'
            f'<div class="method">{html.escape(method)}</div>'
            f"<ul>{rows}</ul>{note}<ul>{outlines}</ul>{source_lines}{places}</div>")


@cache
def _leaflet_js() -> str:
    return (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")


@cache
def _leaflet_css() -> str:
    """Read Leaflet's style sheet with its images inlined as ``data:`` URIs."""
    def inline(match: re.Match) -> str:
        image = (LEAFLET_DIR / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(image).decode('ascii')})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)",
                  inline, (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8"))
