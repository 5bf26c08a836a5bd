"""Lists of places in the exports: the session's and the shared ones, on the interactive map."""

from __future__ import annotations

import dataclasses
import json
import re

import flask

from dashboard.export.content import map_content
from dashboard.export.interactive import build_folium_map
from dashboard.export.places import (
    SESSION_KEY,
    places_legend_html,
    print_layers,
    session_layer,
    view_layers,
)
from dashboard.export.texts import map_sources
from dashboard.figures.points import place_legend
from dashboard.views.state import ViewState
from geodata.observations.session_layers import session_layers
from tests.geodata.store.test_place_layers import make_layer

from .support import VIEW_93


def test_interactive_map_draws_each_place_as_a_circle_marker(data) -> None:
    layer = make_layer(("PASS <Delafontaine>", "CCAS", "PASS Aubervilliers"))
    page = build_folium_map(data, dataclasses.replace(VIEW_93), places=(layer,))
    collections = [json.loads(found) for found in re.findall(
        r'(\{"features": \[\{"geometry": \{"coordinates": .*?\], "type": "FeatureCollection"\})',
        page)]
    points = [feature for collection in collections for feature in collection["features"]
              if feature["geometry"]["type"] == "Point"]
    assert len(points) == 3
    assert "circleMarker" in page
    assert {point["properties"]["couleur"] for point in points} == {
        category.colour for category in place_legend(layer).categories}
    assert "PASS &lt;Delafontaine&gt;" in points[0]["properties"]["infobulle"]
    assert "Source : fichier « lieux.csv »" in page
    assert "PASS (2)" in page and "CCAS (1)" in page


def test_legend_html_escapes_names() -> None:
    layer = make_layer(label="<b>Mes</b> lieux")
    text = places_legend_html((place_legend(layer),))
    assert "<h2>&lt;b&gt;Mes&lt;/b&gt; lieux</h2>" in text
    assert "Cercles proportionnels à « Passages » : 10, 2" in text


def test_a_request_finds_its_sessions_list(data) -> None:
    key = session_layers().save(make_layer(label="Mes lieux"))
    app = flask.Flask(__name__)
    app.secret_key = "test"
    with app.test_request_context("/export/carte.html"):
        assert session_layer() is None
        flask.session[SESSION_KEY] = key
        assert [layer.label for layer in view_layers(data, ViewState())] == ["Mes lieux"]
        flask.session[SESSION_KEY] = "../" + key
        assert view_layers(data, ViewState()) == ()
    assert session_layer() is None  # outside any request


def test_printed_map_draws_the_places_with_legend_and_source(data) -> None:
    state = dataclasses.replace(VIEW_93)
    layers = (make_layer(("PASS Delafontaine", "CCAS", "PASS Aubervilliers")),)
    (printed,) = print_layers(layers)
    assert len(printed.xy) == 3 and printed.shape == "circle"
    section = printed.section
    assert section.title == "Lieux d'accès"
    assert [entry.text for entry in section.entries] == ["PASS (2)", "CCAS (1)", "10", "2"]
    assert section.entries[2].height > section.entries[3].height  # circles at map size
    assert section.note == "dont 1 au centre de leur commune (sans coordonnées)"
    content = map_content(data, state, places=layers)
    assert [entry.text for entry in content.layers[-1].section.entries] == [
        entry.text for entry in section.entries]
    assert "fichier « lieux.csv »" in map_sources(data, state, layers)
