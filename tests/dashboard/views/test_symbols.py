"""Proportional circles of the QPV 2024 over any choropleth: map, legend, URL, exports."""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd
import pytest

from dashboard.export.interactive import build_folium_map
from dashboard.export.page import PageOptions, compose_page
from dashboard.export.texts import map_sources
from dashboard.layouts.panels import legend_panel
from dashboard.views.data import load_app_data
from dashboard.views.map_view import map_figure, map_legend
from dashboard.views.state import ViewState, parse_url, to_url
from dashboard.views.symbols import diameter, qpv_symbols
from dashboard.views.transitions import set_control

VIEW_93 = ViewState(departements=("93",), zonings=("cpts",), indicator="APL_MG", qpv=True)
QPV_FILE = "geodata/data/observations/qpv-2024-par-commune.csv"


@pytest.fixture(scope="module")
def data():
    return load_app_data()


def qpv_in(departement: str) -> pd.Series:
    """Distinct QPV per commune of a département, counted by hand from the shared file."""
    rows = pd.read_csv(QPV_FILE, dtype=str)
    rows = rows[rows["insee_com"].str.startswith(departement)]
    return rows.groupby("insee_com")["code_qp"].nunique()


class TestSymbols:
    def test_one_circle_per_commune_with_its_count(self, data) -> None:
        symbols = qpv_symbols(data, ("93",))
        expected = qpv_in("93")
        assert len(symbols.lon) == len(expected) == 34
        assert sorted(symbols.counts) == sorted(expected.tolist())
        saint_denis = next(text for text in symbols.texts if "<b>Saint-Denis</b>" in text)
        assert f"{expected['93066']} QPV" in saint_denis

    def test_circle_areas_are_proportional_to_counts(self, data) -> None:
        symbols = qpv_symbols(data, ())
        largest = max(symbols.counts)
        for count, size in zip(symbols.counts, symbols.diameters, strict=True):
            assert size == pytest.approx(diameter(largest, largest) * math.sqrt(count / largest))
        assert sum(symbols.counts) >= len(symbols.lon) == 163

    def test_paris_is_one_circle_named_as_the_whole_city(self, data) -> None:
        symbols = qpv_symbols(data, ("75",))
        assert symbols.counts == (21,)
        assert symbols.texts[0].startswith("<b>Paris (ensemble, non réparti par arrondissement)")
        assert "Goutte D'Or" in symbols.texts[0]  # escaped for plotly: &, < and > only

    def test_legend_samples_grow_with_counts(self, data) -> None:
        legend = qpv_symbols(data, ("93",)).legend
        assert [text for text, _ in legend.rows] == ["1 QPV", "5 QPV", "20 QPV"]
        sizes = [size for _, size in legend.rows]
        assert sizes == sorted(sizes) and legend.source == "Source : ANCT, QPV 2024"


class TestOnTheMap:
    def test_url_and_control(self, data) -> None:
        pathname, search = to_url(VIEW_93)
        assert "qpv=1" in search
        assert parse_url(pathname, search, data.choices).qpv
        assert not parse_url(pathname, search.replace("qpv=1", "qpv=x"), data.choices).qpv
        assert set_control(data, ViewState(), "qpv", True).qpv

    @pytest.mark.parametrize("indicator", ["APL_MG", "TP6021", "CAF_ARSAS"])
    def test_circles_sit_over_any_choropleth(self, data, indicator) -> None:
        state = replace(VIEW_93, indicator=indicator)
        figure = map_figure(data, state, "/geo.json")
        assert figure["data"][-1]["uid"] == "qpv" and len(figure["data"][-1]["lon"]) == 34
        assert figure["data"][0]["type"] == "choropleth"  # the circles are drawn above it
        # Only when asked for: transparent circles would catch the areas' clicks.
        without = map_figure(data, replace(state, qpv=False), "/geo.json")
        assert all(trace.get("uid") != "qpv" for trace in without["data"])
        payload = {"type": "FeatureCollection", "features": []}
        assert map_figure(data, state, payload)["data"][-1]["uid"] == "qpv"
        static = map_figure(data, replace(state, qpv=False), payload)
        assert all(trace.get("uid") != "qpv" for trace in static["data"])

    def test_legend_names_layer_sizes_and_source(self, data) -> None:
        legend = map_legend(data, VIEW_93)
        assert legend.symbols.title.startswith("Quartiers prioritaires")
        panel = str(legend_panel(legend))
        assert "20 QPV" in panel and "ANCT, QPV 2024" in panel
        assert map_legend(data, replace(VIEW_93, qpv=False)).symbols is None


class TestExports:
    def test_printed_page_draws_circles_legend_and_source(self, data) -> None:
        svg = compose_page(data, VIEW_93, PageOptions()).svg()
        symbols = svg[svg.index('<g class="symbols">'):]
        assert symbols[:symbols.index("</g>")].count("<circle ") == 34
        assert "Quartiers prioritaires de la" in svg and "20 QPV" in svg
        assert "ANCT, QPV 2024" in map_sources(data, VIEW_93)
        assert '<g class="symbols">' not in compose_page(
            data, replace(VIEW_93, qpv=False), PageOptions()).svg()

    def test_html_export_has_markers_and_legend(self, data) -> None:
        page = build_folium_map(data, VIEW_93)
        assert page.count("L.circleMarker(") == 34
        assert "Quartiers prioritaires de la politique de la ville (2024)" in page
        assert "ANCT, QPV 2024" in page and "5 QPV" in page
