"""Maps and exports of agency files whose territories cut or share communes.

Printed maps draw three CPTS cutting one city as three outlines and three names, and the
dotted ring of a commune shared in unknown parts, named in the legend, as the live map
and the interactive export do; the tables count a shared commune once.
"""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest
import shapely

from dashboard.export.content import SHARED_RING_SUFFIX, map_content
from dashboard.export.drawing.projection import project
from dashboard.export.drawing.svg import Box
from dashboard.export.interactive import build_folium_map
from dashboard.export.page import PageOptions, compose_page
from dashboard.export.table_pages import table_pages
from dashboard.export.tables import territory_rows
from dashboard.views.data import AppData
from dashboard.views.map_geometry import DETAIL, zoning_layer
from dashboard.views.map_view import map_legend
from geodata import base
from geodata.zonings import validate_file

from .support import DATE, VIEW_93

AGENCY = Path(__file__).resolve().parents[2] / "fixtures" / "agency"
SAINT_DENIS = "93066"
CPTS_93 = dataclasses.replace(VIEW_93, zonings=("cpts",), labels=True)


def _with_cpts(data: AppData, name: str) -> AppData:
    zoning, report = validate_file(AGENCY / name, "cpts", data.units,
                                   base.load_code_aliases(data.region))
    assert zoning is not None, report
    return dataclasses.replace(data, zonings={**data.zonings, "cpts": zoning})


@pytest.fixture(scope="module")
def polygons(data) -> AppData:
    return _with_cpts(data, "cpts-saint-denis-polygones.geojson")


@pytest.fixture(scope="module")
def shared(data) -> AppData:
    return _with_cpts(data, "cpts-ville-partagee.csv")


def _texts(svg: str) -> str:
    return html.unescape(" ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg)))


def _city(data: AppData) -> shapely.Geometry:
    shape = data.units.set_index("code").geometry[SAINT_DENIS]
    return project([shape])[0]


class TestPrintedMap:
    def test_three_cpts_cutting_the_city_draw_three_outlines_and_names(self, polygons):
        content = map_content(polygons, CPTS_93)
        cpts = next(layer for layer in content.outlines.layers if layer.key == "cpts")
        # Lines inside the city, well clear of its limit: the polygons' borders.
        inside = shapely.intersection(cpts.lines, shapely.buffer(_city(polygons), -300))
        assert shapely.length(inside) > 1_000
        page = compose_page(polygons, CPTS_93, PageOptions(date=DATE))
        named = {" ".join(label.lines) for label in page.drawn.placement.placed
                 if label.key == "cpts"}
        # Each territory is named, or counted on the page among the names left out.
        assert len(named) + page.drawn.dropped == 4
        assert len([name for name in named if "Saint-Denis" in name]) >= 2, named

    def test_a_commune_shared_in_unknown_parts_has_its_ring_in_map_and_legend(self, shared):
        content = map_content(shared, CPTS_93)
        ring = next(layer for layer in content.outlines.layers
                    if layer.key == f"cpts{SHARED_RING_SUFFIX}")
        assert shapely.within(ring.lines, shapely.buffer(_city(shared), 1))
        assert ring.style.dash != next(layer.style.dash for layer in content.outlines.layers
                                       if layer.key == "cpts")
        svg = compose_page(shared, CPTS_93, PageOptions(date=DATE)).svg(embed_fonts=False)
        assert "commune partagée, répartition non précisée" in _texts(svg)

    def test_no_ring_without_shared_commune(self, data):
        content = map_content(data, CPTS_93)
        assert not any(layer.key.endswith(SHARED_RING_SUFFIX)
                       for layer in content.outlines.layers)


class TestLiveAndInteractiveMaps:
    def test_live_map_draws_the_ring_inside_the_city_and_names_it(self, shared):
        layer = zoning_layer(shared, "cpts", ("93",), DETAIL)
        points = shapely.points([(lon, lat) for lon, lat in zip(
            layer.shared.lon, layer.shared.lat, strict=True) if lon is not None])
        city = shared.units.set_index("code").geometry[SAINT_DENIS]
        assert shapely.within(points, city).all()
        labels = [row.label for row in map_legend(shared, CPTS_93).outlines]
        assert "CPTS : commune partagée, répartition non précisée" in labels
        assert map_legend(shared, CPTS_93).perimeters == (
            "Périmètres CPTS : cpts-ville-partagee.csv",)

    def test_interactive_export_has_the_ring_layer(self, shared, data):
        page = build_folium_map(shared, CPTS_93, DATE)
        assert "commune partagée, répartition non précisée" in html.unescape(page)
        assert "commune partagée" not in html.unescape(build_folium_map(data, CPTS_93, DATE))


class TestTables:
    def test_population_counts_the_shared_city_once(self, shared):
        rows = territory_rows(shared, CPTS_93)
        members = shared.zonings["cpts"].membership
        population = shared.unit_index["population"]
        covered = population[members["code"].unique()].sum()
        # Each half of the city is rounded to whole people: never more than the covered.
        assert covered - 1 <= rows["population"].sum() <= covered
        assert sorted(rows["partagees"]) == [1, 1]
        assert all("Saint-Denis" in text for text in rows["partagees_detail"])

    def test_atlas_table_says_what_is_counted_in_part_and_lists_the_city_once(self, shared):
        pages = table_pages(shared, CPTS_93, Box(0, 0, 1000, 1400), ())
        text = _texts("".join(page.draw for page in pages))
        assert len(re.findall(r"\b\d dont 1 en partie", text)) == 2
        assert "Communes partagées entre structures" in text
        assert len(re.findall(r"Saint-Denis \(CPTS", text)) == 1

    def test_atlas_table_of_the_demonstration_has_no_shared_note(self, data):
        pages = table_pages(data, CPTS_93, Box(0, 0, 1000, 1400), ())
        assert "Communes partagées entre structures" not in _texts(
            "".join(page.draw for page in pages))
