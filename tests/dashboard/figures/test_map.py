from __future__ import annotations

import dataclasses
import json
import re
import time

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
import shapely
from plotly.io.json import to_json_plotly

from dashboard.classification import classify
from dashboard.figures.geojson import Outline, feature_collection, outline_coordinates
from dashboard.figures.map import (
    CHOROPLETH_TRACE,
    HATCH_TRACE,
    HIDDEN_OPACITY,
    PieceLayer,
    Shading,
    ZoningLayer,
    build_map_figure,
    show_zonings,
)
from dashboard.figures.patches import changes, signature
from dashboard.figures.zoom import label_patch_values, parse_view
from dashboard.palettes import MISSING_COLOUR, ZONING_STYLES, class_colours, tint
from geodata.base import load_departements, load_units
from geodata.geometry import dissolve
from geodata.observations.indicators import get_indicator

URL = "/assets/geo/11/units-detail.json"
NNBSP = "\u202f"


def colour_of(trace: dict, z: int) -> str:
    """Colour plotly gives to ``z`` with the trace's stepped colorscale."""
    t = (z - trace["zmin"]) / (trace["zmax"] - trace["zmin"])
    scale = trace["colorscale"]
    for (start, colour), (end, _) in zip(scale[::2], scale[1::2], strict=True):
        if start <= t < end:
            return colour
    raise AssertionError(z)


@pytest.fixture
def figure(units, values, classification, indicator, zonings, hover_lines) -> dict:
    return build_map_figure(units, values, classification, indicator, URL,
                            outline_coordinates(units.geometry), zonings,
                            hover_lines=hover_lines, uirevision="93-94")


class TestStructure:
    def test_trace_types(self, figure: dict) -> None:
        assert [trace["type"] for trace in figure["data"]] == [
            "choropleth", "scattergeo", "scattergeo", "scattergeo", "scattergeo"]
        assert [trace["uid"] for trace in figure["data"]] == [
            "choropleth", "hatch", "departements", "zoning-dac", "zoning-cpts"]
        assert figure["data"][HATCH_TRACE]["lon"] == []  # no stand-in value: no hatching

    @pytest.mark.parametrize("count", [0, 1, 2])
    def test_one_line_trace_per_zoning(self, values, units, classification, indicator,
                                       zonings, count: int) -> None:
        figure = build_map_figure(units, values, classification, indicator, URL,
                                  outline_coordinates(units.geometry), zonings[:count])
        assert len(figure["data"]) == 3 + count

    def test_labels_on_request(self, values, units, classification, indicator, zonings) -> None:
        figure = build_map_figure(units, values, classification, indicator, URL,
                                  outline_coordinates(units.geometry), zonings,
                                  show_labels=True)
        labels = [trace for trace in figure["data"] if trace.get("mode") == "text"]
        assert [trace["legendgroup"] for trace in labels] == ["dac", "cpts"]
        assert labels[0]["text"] == ["DAC 93", "DAC 94"]
        assert all(trace["showlegend"] is False for trace in labels)

    def test_names_of_later_zonings_give_way(self, values, units, classification, indicator,
                                            zonings) -> None:
        dac = zonings[0]
        twin = dataclasses.replace(dac, key="twin", name="Twin")  # names on the same spots
        figure = build_map_figure(units, values, classification, indicator, URL,
                                  outline_coordinates(units.geometry), [dac, twin],
                                  show_labels=True)
        labels = {trace["legendgroup"]: trace for trace in figure["data"]
                  if trace.get("mode") == "text"}
        assert labels["dac"]["text"] == ["DAC 93", "DAC 94"]
        # The twin's names may only go elsewhere in their territories, never on the same spot.
        first = set(zip(labels["dac"]["lon"], labels["dac"]["lat"], strict=True))
        assert not first & set(zip(labels["twin"]["lon"], labels["twin"]["lat"], strict=True))

    def test_zoning_lines(self, figure: dict) -> None:
        dac, cpts = figure["data"][3:]
        assert (dac["name"], dac["showlegend"], dac["legendgroup"]) == ("DAC", True, "dac")
        assert dac["line"] == {"color": ZONING_STYLES[0].colour, "width": ZONING_STYLES[0].width,
                               "dash": ZONING_STYLES[0].dash}
        assert cpts["line"]["dash"] != dac["line"]["dash"]
        assert dac["mode"] == "lines" and dac["hoverinfo"] == "skip"

    def test_departements_always_drawn(self, values, units, classification, indicator) -> None:
        figure = build_map_figure(units, values, classification, indicator, URL,
                                  outline_coordinates(units.geometry))
        departements = figure["data"][2]
        assert departements["uid"] == "departements"
        assert departements["mode"] == "lines" and departements["showlegend"] is False
        assert departements["lon"]

    def test_geo_layout(self, figure: dict) -> None:
        layout = figure["layout"]
        assert layout["geo"]["fitbounds"] == "locations"
        assert layout["geo"]["visible"] is False
        assert layout["geo"]["projection"] == {"type": "conic conformal", "parallels": [44, 49]}
        assert "rotation" not in layout["geo"]["projection"]
        assert layout["margin"] == {"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0}
        assert layout["uirevision"] == "93-94"
        assert layout["dragmode"] == "pan"
        assert layout["paper_bgcolor"] == layout["geo"]["bgcolor"] == "rgba(0,0,0,0)"

    def test_valid_for_plotly(self, figure: dict) -> None:
        go.Figure(figure)  # raises on any unknown or invalid property

    def test_geojson_url_passed_through(self, figure: dict) -> None:
        choropleth = figure["data"][CHOROPLETH_TRACE]
        assert choropleth["geojson"] == URL
        assert choropleth["featureidkey"] == "id"
        assert choropleth["locations"] == [f"9300{i}" for i in range(1, 10)]

    def test_inline_geojson(self, values, units, classification, indicator) -> None:
        collection = feature_collection(units)
        figure = build_map_figure(units, values, classification, indicator, collection,
                                  outline_coordinates(units.geometry))
        assert figure["data"][0]["geojson"] == collection

    def test_no_external_url(self, figure: dict) -> None:
        text = to_json_plotly(figure)
        assert not re.search(r"https?:|//[a-z]", text)

    def test_serialises_to_json(self, figure: dict) -> None:
        assert json.loads(to_json_plotly(figure))["data"][0]["z"][4] == -1


class TestColours:
    def test_classes_get_palette_colours(self, figure, classification) -> None:
        choropleth = figure["data"][0]
        colours = class_colours(classification.k, 1)
        for z in choropleth["z"]:
            if z >= 0:
                assert colour_of(choropleth, z) == colours[z]

    def test_missing_units_in_grey(self, figure: dict) -> None:
        choropleth = figure["data"][0]
        assert choropleth["z"][4] == -1
        assert colour_of(choropleth, -1) == MISSING_COLOUR

    def test_direction_reverses_ramp(self, units, indicator) -> None:
        income = get_indicator("MED21")
        values = np.arange(9) * 1000.0 + 15000
        classification = classify(values, "egal", 3, unit="€", decimals=0)
        figure = build_map_figure(units, values, classification, income, URL,
                                  outline_coordinates(units.geometry))
        # Lowest income class is the darkest red.
        assert colour_of(figure["data"][0], 0) == class_colours(3, 1)[-1]

    def test_given_colours(self, values, units, classification, indicator) -> None:
        colours = ["#000001", "#000002", "#000003", "#000004"]
        figure = build_map_figure(units, values, classification, indicator, URL,
                                  outline_coordinates(units.geometry), colours=colours)
        assert colour_of(figure["data"][0], 3) == "#000004"

    def test_all_missing(self, units, indicator) -> None:
        values = np.full(9, np.nan)
        figure = build_map_figure(units, values, classify(values), indicator, URL,
                                  outline_coordinates(units.geometry))
        assert colour_of(figure["data"][0], -1) == MISSING_COLOUR


class TestHover:
    def test_value_in_french(self, figure: dict) -> None:
        choropleth = figure["data"][0]
        assert choropleth["text"][1] == f"12,3{NNBSP}%"
        assert choropleth["text"][4] == "secret statistique"
        assert "Taux de test : %{text}" in choropleth["hovertemplate"]
        assert "(%{location})" in choropleth["hovertemplate"]
        assert choropleth["hovertemplate"].endswith("<extra></extra>")

    def test_name_and_covering_territories(self, figure: dict) -> None:
        choropleth = figure["data"][0]
        assert choropleth["customdata"][0] == [
            "Commune 1", "<br>DAC : DAC 93", "<br>CPTS : CPTS E1"]
        assert choropleth["hovertemplate"].endswith(
            "%{customdata[1]}%{customdata[2]}<extra></extra>")

    def test_without_hover_lines(self, values, units, classification, indicator) -> None:
        figure = build_map_figure(units, values, classification, indicator, URL,
                                  outline_coordinates(units.geometry),
                                  hover_lines={"dac": pd.Series({"93001": "DAC : X"})})
        assert figure["data"][0]["customdata"][1] == ["Commune 2", ""]

    def test_values_must_match_classification(self, values, units, classification,
                                              indicator) -> None:
        with pytest.raises(ValueError):
            build_map_figure(units, values[:3], classification, indicator, URL,
                             outline_coordinates(units.geometry))


class TestByTerritory:
    @pytest.fixture
    def figure(self, units, indicator) -> dict:
        territories = pd.DataFrame({"code": ["dac-93", "dac-94"], "nom": ["DAC 93", "DAC 94"]})
        values = [14.2, float("nan")]
        return build_map_figure(territories, values, classify(values), indicator,
                                "/assets/geo/11/dac.json", outline_coordinates(units.geometry),
                                by_territory=True)

    def test_territory_hover(self, figure: dict) -> None:
        choropleth = figure["data"][0]
        assert choropleth["locations"] == ["dac-93", "dac-94"]
        assert choropleth["text"] == [f"14,2{NNBSP}%", "n.d."]
        assert "%{location}" not in choropleth["hovertemplate"]

    def test_thicker_borders(self, figure: dict) -> None:
        assert figure["data"][0]["marker"]["line"]["width"] > 0.5


class TestShading:
    """Areas without a value of their own, shown hatched with a larger area's value."""

    def test_stand_in_classes_texts_and_hatch(self, units, classification, indicator) -> None:
        values = np.array([14.2, np.nan])
        classification = classify(values, "quantiles", 3, unit="%")
        hatch = Outline([2.3, 2.4], [48.9, 48.95])
        shading = Shading(("14,2 %", "non publié ; commune : 30,0 %"), np.array([-1, 0]), hatch)
        figure = build_map_figure(units, values, classification, indicator, URL,
                                  outline_coordinates(units.geometry), shading=shading)
        choropleth = figure["data"][CHOROPLETH_TRACE]
        # The second area takes its stand-in's class, in the tint of its colour.
        k = classification.k
        assert choropleth["z"] == [0, k]
        assert choropleth["zmax"] == 2 * k - 0.5
        colours = [colour for _, colour in choropleth["colorscale"][::2]]
        assert colours[1 + k] == tint(colours[1])
        assert choropleth["text"] == list(shading.texts)
        assert figure["data"][HATCH_TRACE]["lon"] == hatch.lon


class TestBrowserFigure:
    """Every zoning's traces, those not shown transparent: a toggle is a restyle."""

    @pytest.fixture
    def browser(self, units, values, classification, indicator, zonings, hover_lines) -> dict:
        return build_map_figure(units, values, classification, indicator, URL,
                                outline_coordinates(units.geometry), zonings,
                                hover_lines=hover_lines, uirevision="93-94", shown=("dac",))

    def test_every_zoning_has_its_traces_in_a_fixed_order(self, browser) -> None:
        assert [trace["uid"] for trace in browser["data"]] == [
            "choropleth", "hatch", "departements", "zoning-dac", "zoning-cpts", "labels-dac",
            "labels-cpts"]

    def test_only_the_shown_zonings_are_opaque(self, browser) -> None:
        opacity = {trace["uid"]: trace.get("opacity") for trace in browser["data"]}
        assert opacity["zoning-dac"] == 1 and opacity["zoning-cpts"] == HIDDEN_OPACITY
        assert opacity["labels-dac"] == opacity["labels-cpts"] == HIDDEN_OPACITY

    def test_hover_names_the_shown_zonings_only(self, browser) -> None:
        template = browser["data"][0]["hovertemplate"]
        assert "%{customdata[1]}" in template and "%{customdata[2]}" not in template
        assert len(browser["data"][0]["customdata"][0]) == 3  # every zoning's line is there

    def test_showing_a_zoning_changes_opacities_and_hover_only(
            self, browser, units, values, classification, indicator, zonings,
            hover_lines) -> None:
        shown = build_map_figure(units, values, classification, indicator, URL,
                                 outline_coordinates(units.geometry), zonings,
                                 hover_lines=hover_lines, uirevision="93-94",
                                 shown=("dac", "cpts"), show_labels=True)
        found, _ = changes(signature(browser), shown)
        assert sorted((index, name) for index, name, _ in found) == [
            (0, "hovertemplate"), (4, "opacity"), (5, "opacity"), (6, "opacity")]

    def test_show_zonings_shares_every_list(self, browser) -> None:
        shown = show_zonings(browser, ("cpts",), True, "x")
        assert shown["data"][0]["locations"] is browser["data"][0]["locations"]
        assert shown["data"][4]["lon"] is browser["data"][4]["lon"]
        assert shown["data"][4]["opacity"] == 1 and shown["data"][6]["opacity"] == 1
        assert browser["data"][4]["opacity"] == HIDDEN_OPACITY  # left as it was

    def test_static_figures_have_no_opacity(self, figure) -> None:
        assert all("opacity" not in trace for trace in figure["data"])

    def test_rings_and_pieces_of_a_hidden_zoning_are_there_but_off(
            self, units, values, classification, indicator, zonings, hover_lines) -> None:
        """A polygon zoning's rings and pieces: in the figure, toggled without a redraw."""
        cpts = dataclasses.replace(zonings[1], shared=zonings[1].outline)
        piece = PieceLayer("cpts", {"type": "FeatureCollection", "features": []}, ("p|1",),
                           ("Commune (1)",), (("DAC : DAC 1", "CPTS : Nord, 30 %"),), (0,))

        def drawn(shown: tuple[str, ...]) -> dict:
            return build_map_figure(units, values, classification, indicator, URL,
                                    outline_coordinates(units.geometry), [zonings[0], cpts],
                                    hover_lines=hover_lines, uirevision="93-94",
                                    shown=shown, pieces=[piece])

        hidden, shown = drawn(("dac",)), drawn(("dac", "cpts"))
        traces = {trace["uid"]: trace for trace in hidden["data"]}
        assert traces["shared-cpts"]["opacity"] == HIDDEN_OPACITY
        assert traces["pieces-cpts"]["hoverinfo"] == "skip"
        assert traces["pieces-cpts"]["customdata"] == [
            ["Commune (1)", "<br>DAC : DAC 1", "<br>CPTS : Nord, 30 %"]]
        found, _ = changes(signature(hidden), shown)
        changed = {(hidden["data"][index]["uid"], name) for index, name, _ in found}
        assert changed == {("choropleth", "hovertemplate"), ("pieces-cpts", "hovertemplate"),
                           ("pieces-cpts", "hoverinfo"), ("zoning-cpts", "opacity"),
                           ("shared-cpts", "opacity")}
        piece_template = {trace["uid"]: trace for trace in shown["data"]}["pieces-cpts"]
        assert "%{customdata[2]}" in piece_template["hovertemplate"]
        assert "%{location}" not in piece_template["hovertemplate"]


class TestSeineSaintDenis:
    """The real geometry of Seine-Saint-Denis, a fake indicator and two stand-in zonings."""

    def test_figure(self) -> None:
        units = load_units("11", "overview")
        shown = units[units["departement"] == "93"].reset_index(drop=True)
        departements = load_departements("11", "overview").set_index("code")
        clip = departements.geometry["93"].buffer(1e-6)
        layers = [
            ZoningLayer(key, key.upper(), outline_coordinates(
                dissolve(units.geometry, units[key].to_numpy()), clip=clip), style)
            for key, style in zip(["epci", "departement"], ZONING_STYLES, strict=False)
        ]
        values = np.random.default_rng(93).uniform(5, 40, len(shown))
        values[::7] = np.nan
        classification = classify(values, "quantiles", 5, unit="%", decimals=1)
        start = time.perf_counter()
        figure = build_map_figure(shown, values, classification, get_indicator("TP6021"), URL,
                                  outline_coordinates(departements.geometry[["93"]]), layers)
        assert time.perf_counter() - start < 0.05
        assert len(figure["data"]) == 5
        assert len(to_json_plotly(figure)) < 60_000
        lons = [lon for trace in figure["data"][1:] for lon in trace["lon"] if lon is not None]
        west, _, east, _ = shapely.bounds(clip)
        assert west <= min(lons) and max(lons) <= east


class TestLabelsAfterZoom:
    def test_names_are_placed_for_the_view_shown(self, values, units, classification,
                                                 indicator, zonings) -> None:
        figure = build_map_figure(units, values, classification, indicator, URL,
                                  outline_coordinates(units.geometry), zonings, show_labels=True)
        indices = {trace["uid"]: index for index, trace in enumerate(figure["data"])}
        # Zoomed on the column of the 94: only its DAC is in view, with room for its name.
        fields = label_patch_values(figure, zonings, (2.40, 48.80, 2.45, 48.95), (400, 900))
        assert fields[indices["labels-dac"]]["text"] == ["DAC 94"]
        assert fields[indices["labels-cpts"]]["text"] == ["CPTS E2"]
        whole = label_patch_values(figure, zonings, tuple(units.total_bounds), (2000, 2000))
        assert sorted(whole[indices["labels-cpts"]]["text"]) == ["CPTS E1", "CPTS E2",
                                                                 "CPTS E3"]

    @pytest.mark.parametrize("view", [None, [], [1, 2, 3], [2.0, 48.0, 1.0, 49.0, 900, 700],
                                      [2.0, 48.0, 3.0, 49.0, 0, 700], ["a", 48, 3, 49, 9, 9],
                                      [2.0, 48.0, 3.0, 49.0, 1e9, 700]])
    def test_malformed_views_are_ignored(self, view) -> None:
        assert parse_view(view) is None

    def test_a_view_from_the_browser(self) -> None:
        assert parse_view([2.2, 48.8, 2.5, 49.0, 976, 741]) == ((2.2, 48.8, 2.5, 49.0),
                                                                 (976.0, 741.0))
