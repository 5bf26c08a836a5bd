"""Places on the map: colours by category, proportional circles, escaped hover, legend."""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd

from dashboard.figures.points import (
    MARKER_SIZE,
    MAX_CIRCLE,
    circle_size,
    hover_texts,
    place_legend,
    place_traces,
    places_in,
)
from dashboard.palettes import PLACE_COLOURS, PLACE_SYMBOLS
from tests.geodata.store.test_place_layers import make_layer


def test_legend_orders_categories_by_count_with_their_colours() -> None:
    legend = place_legend(make_layer(("A", "B", "C")), index=1)
    assert [(c.label, c.count) for c in legend.categories] == [("PASS", 2), ("CCAS", 1)]
    assert [c.colour for c in legend.categories] == list(PLACE_COLOURS[:2])
    assert legend.symbol == PLACE_SYMBOLS[1] and legend.total == 3
    assert legend.at_centre == "dont 1 au centre de leur commune (sans coordonnées)"
    assert legend.source == "Source : fichier « lieux.csv »"


def test_circles_area_is_proportional_to_the_value() -> None:
    assert circle_size(100, 100) == MAX_CIRCLE
    assert math.isclose(circle_size(25, 100), MAX_CIRCLE / 2)
    layer = make_layer(("A", "B", "C"))
    legend = place_legend(layer)
    assert [value for value, _ in legend.sizes] == [10, 2]
    traces = place_traces(layer, legend, {}, "p")
    pass_trace = next(trace for trace in traces if trace["name"].endswith("PASS"))
    assert pass_trace["marker"]["size"] == [MAX_CIRCLE, round(circle_size(3.5, 12), 1)]


def test_without_values_every_marker_is_alike() -> None:
    layer = replace(make_layer(), value_label="")
    legend = place_legend(layer)
    assert legend.sizes == ()
    assert {trace["marker"]["size"] for trace in place_traces(layer, legend, {}, "p")} == {
        MARKER_SIZE}
    assert sum(len(trace["lon"]) for trace in place_traces(layer, legend, {}, "p")) == 2


def test_hover_escapes_the_users_names_once() -> None:
    layer = make_layer(("<script>alert(1)</script> & co",))
    text = hover_texts(layer, {"93066": "Saint-Denis"})[0]
    assert text.startswith("<b>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</b>")
    assert "Passages : 12" in text and "Saint-Denis (93066)" in text


def test_whole_city_counts_only_with_all_its_units() -> None:
    layer = make_layer()
    inside, partial = places_in(layer, ["75101", "75102", "93066"])
    assert sorted(inside["nom"]) == ["CCAS", "PASS Delafontaine"] and not partial
    inside, partial = places_in(layer, ["75101"])
    assert inside.empty and partial
    empty = replace(layer, places=pd.DataFrame(columns=layer.places.columns))
    assert places_in(empty, ["93066"])[0].empty
