"""From a view state to the map: geometry level, GeoJSON names, figure, highlight, recolour."""

from __future__ import annotations

import copy
from dataclasses import replace

import orjson
import pytest

from dashboard.views.data import AppData, load_app_data
from dashboard.views.map_view import (
    HIGHLIGHT_STYLE,
    Selection,
    areas,
    geojson_name,
    geojson_payload,
    highlight_trace,
    map_figure,
    map_legend,
    recolour,
)
from dashboard.views.state import ViewState

URL = "/geo/11/communes-detail-93.json"
SEINE_SAINT_DENIS = ViewState(departements=("93",), zonings=("dac", "cpts"))
#: Communes of Seine-Saint-Denis in COG 2025 (Saint-Denis absorbed Pierrefitte-sur-Seine).
UNITS_93 = 39


@pytest.fixture(scope="module")
def data() -> AppData:
    return load_app_data()


def _selection(departements: tuple[str, ...] = (), colour_by: str = "communes") -> Selection:
    return Selection(departements, ("dac",), colour_by, False)


def _uids(figure: dict) -> list[str]:
    return [trace["uid"] for trace in figure["data"]]


class TestSelection:
    @pytest.mark.parametrize(("departements", "level"), [
        ((), "overview"),
        (("93",), "detail"),
        (("75", "92", "93"), "detail"),
        (("75", "92", "93", "94"), "overview"),
    ])
    def test_level_of_detail(self, departements, level) -> None:
        assert _selection(departements).level == level

    @pytest.mark.parametrize("change", [
        {"indicator": "MED21"}, {"method": "jenks"}, {"classes": 7},
        {"territory": "cpts:cpts-69"}, {"commune": "93066"}, {"page": "panorama"},
    ])
    def test_key_ignores_what_a_recolour_or_highlight_handles(self, change) -> None:
        changed = replace(SEINE_SAINT_DENIS, **change)
        assert Selection.of(changed).key == Selection.of(SEINE_SAINT_DENIS).key

    @pytest.mark.parametrize("change", [
        {"departements": ("93", "94")}, {"zonings": ("dac",)}, {"colour_by": "cpts"},
        {"labels": True},
    ])
    def test_key_changes_with_the_geometry(self, change) -> None:
        changed = replace(SEINE_SAINT_DENIS, **change)
        assert Selection.of(changed).key != Selection.of(SEINE_SAINT_DENIS).key


class TestGeojson:
    @pytest.mark.parametrize("selection", [
        _selection(),
        _selection(("93",)),
        _selection(("75", "92", "93")),
        _selection(("75", "92", "93", "94")),
        _selection(("93",), "cpts"),
        _selection((), "dac"),
    ], ids=lambda selection: geojson_name(selection))
    def test_name_gives_back_the_areas_of_the_selection(self, data, selection) -> None:
        payload = geojson_payload(data, geojson_name(selection))
        assert payload["type"] == "FeatureCollection"
        assert [feature["id"] for feature in payload["features"]] == areas(
            data, selection)["code"].tolist()

    def test_names_differ_by_level_scope_and_colouring(self) -> None:
        assert [geojson_name(selection) for selection in (
            _selection(), _selection(("93",)), _selection(("93",), "cpts"))] == [
            "communes-overview-region.json", "communes-detail-93.json", "cpts-detail-93.json"]

    def test_payload_of_93_has_its_communes(self, data) -> None:
        payload = geojson_payload(data, "communes-detail-93.json")
        assert len(payload["features"]) == UNITS_93
        assert {"93066", "93027"} <= {feature["id"] for feature in payload["features"]}

    @pytest.mark.parametrize("name", [
        "", "x.json", "communes.json", "communes-detail-99.json", "nope-detail-93.json",
        "communes-overview-93.json",      # one département is drawn in detail
        "communes-detail-region.json",    # the region is drawn simplified
        "communes-detail-.json", "communes--.json",
        "../../etc", "../../etc/passwd", "communes-detail-../../93.json",
        "communes-detail-93/../../../x.json", "%2e%2e%2fetc",
        # Names geojson_name never makes: the same areas under another cache entry.
        "communes-detail-93-93.json", "communes-detail-93-75.json", "communes-detail-93",
    ])
    def test_unknown_or_hostile_names_give_none(self, data, name) -> None:
        assert geojson_payload(data, name) is None


class TestMapFigure:
    @pytest.fixture(scope="class")
    @staticmethod
    def drawn(data) -> dict:
        return map_figure(data, SEINE_SAINT_DENIS, URL)

    def test_choropleth_of_the_communes_under_the_outlines(self, data, drawn) -> None:
        figure = drawn
        assert _uids(figure) == ["choropleth", "departements", "zoning-dac", "zoning-cpts"]
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
