"""From a view state to the map: figure, legend, hover, highlight and recolour."""

from __future__ import annotations

import copy
from dataclasses import replace

import orjson
import pytest

from dashboard.views.map_geometry import Selection, areas
from dashboard.views.map_view import (
    HIGHLIGHT_STYLE,
    highlight_trace,
    map_figure,
    map_legend,
    recolour,
)
from dashboard.views.state import ViewState

from .support import SEINE_SAINT_DENIS, UNITS_93

URL = "/geo/11/communes-detail-93.json"


def _uids(figure: dict) -> list[str]:
    return [trace["uid"] for trace in figure["data"]]


class TestMapFigure:
    @pytest.fixture(scope="class")
    @staticmethod
    def drawn(data) -> dict:
        return map_figure(data, SEINE_SAINT_DENIS, URL)

    def test_choropleth_of_the_communes_under_the_outlines(self, data, drawn) -> None:
        figure = drawn
        assert _uids(figure) == ["choropleth", "hatch", "departements", "zoning-dac",
                                 "zoning-cpts"]
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
        assert saint_denis == ["Saint-Denis",
                               "<br>DAC : DAC démo 93-A<br>CPTS : CPTS démo 69 — Saint-Denis"]

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

    def test_no_selection_no_highlight(self, data) -> None:
        assert highlight_trace(data, SEINE_SAINT_DENIS) is None

    def test_territory_wins_over_commune(self, data) -> None:
        # cpts-69 is Saint-Denis alone: its outline is the commune's, so use the DAC.
        both = ViewState(territory="dac:dac-93-a", commune="93066")
        assert highlight_trace(data, both) == highlight_trace(
            data, ViewState(territory="dac:dac-93-a"))
        assert highlight_trace(data, both) != highlight_trace(data, ViewState(commune="93066"))


class TestRecolour:
    @pytest.mark.parametrize("change", [
        {"indicator": "MED21"},
        {"method": "jenks", "classes": 7},
        {"method": "manuel", "breaks": ("20", "30")},
        {"colour_by": "cpts", "indicator": "PPMINI21"},
    ])
    def test_patched_figure_equals_a_rebuilt_one(self, data, change) -> None:
        before = replace(SEINE_SAINT_DENIS, colour_by=change.get("colour_by", "communes"))
        after = replace(before, **change)
        figure = map_figure(data, before, URL)
        rebuilt = map_figure(data, after, URL)
        patched = copy.deepcopy(figure)
        for index, values in recolour(data, after).items():
            patched["data"][index].update(values)
        assert patched == rebuilt
        assert patched != figure
        assert map_legend(data, after) != map_legend(data, before)
