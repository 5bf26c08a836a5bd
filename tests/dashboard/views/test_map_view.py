"""From a view state to the map: figure, legend, hover, highlight, and what a click sends."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import orjson
import pytest

from dashboard.figures.patches import changes, signature
from dashboard.views.map_geometry import Selection, areas
from dashboard.views.map_view import (
    HIGHLIGHT_STYLE,
    hatch_outline,
    highlight_trace,
    map_figure,
    map_legend,
)
from dashboard.views.shading import area_values
from dashboard.views.state import ViewState

from .support import SEINE_SAINT_DENIS, UNITS_93

URL = "/geo/11/communes-detail-93.json"
#: Every zoning the data offers: the demonstration ones, then the official levels.
ZONINGS = ("dac", "cpts", "carsic", "perinatal", "dep", "epci", "ept")
#: The browser's map: every zoning's outline and names, then the selection and the QPV.
TRACES = ["choropleth", "hatch", "departements", *(f"zoning-{key}" for key in ZONINGS),
          *(f"labels-{key}" for key in ZONINGS), "highlight"]


def _uids(figure: dict) -> list[str]:
    return [trace["uid"] for trace in figure["data"]]


class TestMapFigure:
    @pytest.fixture(scope="class")
    @staticmethod
    def drawn(data) -> dict:
        return map_figure(data, SEINE_SAINT_DENIS, URL)

    def test_choropleth_of_the_communes_under_the_outlines(self, data, drawn) -> None:
        figure = drawn
        assert _uids(figure) == TRACES
        opacity = {trace["uid"]: trace.get("opacity") for trace in figure["data"]}
        assert [opacity[f"zoning-{key}"] for key in ZONINGS] == [1, 1, 0, 0, 0, 0, 0]
        assert {opacity[f"labels-{key}"] for key in ZONINGS} == {0}
        choropleth = figure["data"][0]
        assert choropleth["geojson"] == URL
        assert choropleth["locations"] == areas(data, Selection.of(SEINE_SAINT_DENIS))[
            "code"].tolist()
        assert len(choropleth["locations"]) == len(choropleth["z"]) == UNITS_93

    def test_plain_data_that_orjson_encodes_directly(self, drawn) -> None:
        # Else Dash falls back to plotly's pure-Python walk of every coordinate.
        encoded = orjson.dumps(drawn, option=orjson.OPT_SERIALIZE_NUMPY)
        assert orjson.loads(encoded)["data"][0]["locations"] == drawn["data"][0]["locations"]

    def test_legend_counts_every_commune(self, data) -> None:
        legend = map_legend(data, SEINE_SAINT_DENIS)
        assert legend.count == UNITS_93
        # The demonstration perimeters say they are made up, in the app as in exports.
        assert [row.label for row in legend.outlines] == ["DAC (illustratif)",
                                                          "CPTS (illustratif)",
                                                          "Limite de département"]

    def test_hover_names_the_covering_territories(self, drawn) -> None:
        choropleth = drawn["data"][0]
        saint_denis = choropleth["customdata"][choropleth["locations"].index("93066")]
        assert saint_denis[:3] == ["Saint-Denis", "<br>DAC : DAC démo 93-A",
                                   "<br>CPTS : CPTS démo 69 — Saint-Denis"]
        assert choropleth["hovertemplate"].endswith(
            "%{customdata[1]}%{customdata[2]}<extra></extra>")

    def test_coloured_by_territory(self, data) -> None:
        state = ViewState(departements=("93",), zonings=("cpts",), colour_by="cpts")
        figure = map_figure(data, state, URL)
        locations = figure["data"][0]["locations"]
        assert len(locations) == map_legend(data, state).count == 11
        assert set(locations) <= set(data.zonings["cpts"].fiches)

    @pytest.mark.parametrize("selected", [
        {"territory": "cpts:cpts-69"}, {"commune": "93066"},
    ])
    def test_selection_outlined_on_top(self, data, selected) -> None:
        state = replace(SEINE_SAINT_DENIS, **selected)
        figure = map_figure(data, state, URL)
        highlight = figure["data"][-1]
        assert _uids(figure)[-1] == "highlight"
        assert highlight["line"] == {"color": HIGHLIGHT_STYLE.colour,
                                     "width": HIGHLIGHT_STYLE.width}
        assert len([lon for lon in highlight["lon"] if lon is not None]) > 3

    def test_no_selection_an_empty_highlight(self, data) -> None:
        highlight = highlight_trace(data, SEINE_SAINT_DENIS)
        assert highlight["uid"] == "highlight" and highlight["lon"] == highlight["lat"] == []

    def test_static_export_draws_the_shown_zonings_only(self, data) -> None:
        figure = map_figure(data, SEINE_SAINT_DENIS, {"type": "FeatureCollection",
                                                       "features": []})
        assert _uids(figure) == ["choropleth", "hatch", "departements", "zoning-dac",
                                 "zoning-cpts"]

    def test_territory_wins_over_commune(self, data) -> None:
        # cpts-69 is Saint-Denis alone: its outline is the commune's, so use the DAC.
        both = ViewState(territory="dac:dac-93-a", commune="93066")
        assert highlight_trace(data, both) == highlight_trace(
            data, ViewState(territory="dac:dac-93-a"))
        assert highlight_trace(data, both) != highlight_trace(data, ViewState(commune="93066"))


class TestClicks:
    """What a click sends: the properties of the figure that changed, never the layout."""

    @pytest.mark.parametrize(("change", "sent"), [
        ({"zonings": ("dac",)}, {("choropleth", "hovertemplate"), ("zoning-cpts", "opacity")}),
        ({"zonings": ("dac", "cpts", "carsic")},
         {("choropleth", "hovertemplate"), ("zoning-carsic", "opacity")}),
        ({"labels": True}, {("labels-dac", "opacity"), ("labels-cpts", "opacity")}),
        ({"indicator": "MED21"}, {("choropleth", "z"), ("choropleth", "text"),
                                  ("choropleth", "colorscale"), ("choropleth", "name"),
                                  ("choropleth", "hovertemplate")}),
        ({"method": "jenks", "classes": 7}, {("choropleth", "z"), ("choropleth", "zmax"),
                                             ("choropleth", "colorscale")}),
        ({"commune": "93066"}, {("highlight", "lon"), ("highlight", "lat")}),
    ])
    def test_a_click_sends_what_it_changes(self, data, change, sent) -> None:
        before = map_figure(data, SEINE_SAINT_DENIS, URL)
        after = map_figure(data, replace(SEINE_SAINT_DENIS, **change), URL)
        found, _ = changes(signature(before), after)
        named = {(before["data"][index]["uid"], name) for index, name, _ in found}
        assert named <= sent
        assert {uid for uid, _ in named} == {uid for uid, _ in sent}

    @pytest.mark.parametrize("change", [{"zonings": ("cpts",)}, {"labels": True}])
    def test_toggles_never_touch_the_choropleth_data(self, data, change) -> None:
        before = map_figure(data, SEINE_SAINT_DENIS, URL)
        after = map_figure(data, replace(SEINE_SAINT_DENIS, **change), URL)
        found, _ = changes(signature(before), after)
        assert {name for index, name, _ in found if index == 0} <= {"hovertemplate"}
        assert {name for index, name, _ in found if index > 0} == {"opacity"}

    def test_other_areas_send_the_whole_figure(self, data) -> None:
        before = map_figure(data, SEINE_SAINT_DENIS, URL)
        after = map_figure(data, replace(SEINE_SAINT_DENIS, departements=("93", "94")), URL)
        assert changes(signature(before), after)[0] is None


class TestComputedOnce:
    """What depends on the areas alone is computed once, whatever zonings or names are shown."""

    def test_values_shared_by_every_zoning_and_names(self, data) -> None:
        shown = replace(SEINE_SAINT_DENIS, zonings=("dac", "cpts", "carsic", "perinatal"),
                        labels=True, indicator="PPSOC21")
        assert area_values(data, Selection.of(shown), "PPSOC21") is area_values(
            data, Selection.of(replace(shown, zonings=(), labels=False)), "PPSOC21")

    def test_hatching_shared_by_indicators_withholding_the_same_areas(self, data) -> None:
        region = ViewState(indicator="PPLOGT21")
        other = replace(region, indicator="PPSOC21")
        withheld = [np.isnan(area_values(data, Selection.of(state), state.indicator).own)
                    for state in (region, other)]
        assert withheld[0].any() and (withheld[0] == withheld[1]).all()
        assert hatch_outline(data, region) is hatch_outline(data, other)


class TestZoom:
    """After a zoom, the shown zonings' names are placed for the view: a patch of them only."""

    #: Saint-Denis and its neighbours, on a 900 × 700 px map.
    ZOOM = [2.30, 48.88, 2.42, 48.96, 900, 700]

    def test_the_shown_names_only_are_placed_again(self, data) -> None:
        state = replace(SEINE_SAINT_DENIS, labels=True)
        whole = map_figure(data, state, URL)
        zoomed = map_figure(data, state, URL, self.ZOOM)
        found, _ = changes(signature(whole), zoomed)
        uids = {whole["data"][index]["uid"] for index, _, _ in found}
        assert uids and uids <= {"labels-dac", "labels-cpts"}
        assert {name for _, name, _ in found} <= {"lon", "lat", "text"}
        cpts = next(trace for trace in zoomed["data"] if trace["uid"] == "labels-cpts")
        assert all(2.30 <= lon <= 2.42 and 48.88 <= lat <= 48.96
                   for lon, lat in zip(cpts["lon"], cpts["lat"], strict=True))

    @pytest.mark.parametrize("zoom", [None, [1, 2, 3], ["a", 0, 1, 1, 2, 2],
                                      [2.4, 48.9, 2.3, 48.8, 900, 700]])
    def test_no_zoom_or_a_malformed_one_leaves_the_figure_as_it_is(self, data, zoom) -> None:
        state = replace(SEINE_SAINT_DENIS, labels=True)
        assert map_figure(data, state, URL, zoom) == map_figure(data, state, URL)

    def test_names_hidden_stay_as_they_are(self, data) -> None:
        zoomed = map_figure(data, SEINE_SAINT_DENIS, URL, self.ZOOM)
        assert zoomed == map_figure(data, SEINE_SAINT_DENIS, URL)
