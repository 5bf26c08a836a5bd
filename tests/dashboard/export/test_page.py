"""The composed page: layout, texts, map furniture, names, insets, legend, logo."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import itertools
import math
import re

import pyproj
import pytest

from dashboard.export.constants import MAX_TITLE_LENGTH, PAGE_MARGIN
from dashboard.export.errors import ExportOptionsError
from dashboard.export.page import PageOptions, compose_page, date_line
from dashboard.export.presets import PageFormat
from dashboard.export.texts import (
    default_subtitle,
    default_title,
    french_date,
    map_sources,
    scope_name,
    view_sources,
)
from dashboard.strings import ILLUSTRATIVE_NOTICE
from dashboard.views import map_geometry
from geodata.sources import POPULATION_VINTAGE

from .support import DATE, VIEW_93, VIEW_REGION, label_boxes

FORMATS = [PageFormat(kind, orientation) for kind in ("a4", "a3")
           for orientation in ("paysage", "portrait")] + [PageFormat("diapo"), PageFormat("web")]
REGION_NAMED = dataclasses.replace(VIEW_REGION, labels=True)
NAMED_93 = dataclasses.replace(VIEW_93, labels=True)
LOGO = "data:image/png;base64,iVBORw0KGgo="


@pytest.fixture(scope="module")
def region(data):
    return compose_page(data, REGION_NAMED, PageOptions(date=DATE))


@pytest.fixture(scope="module")
def page_93(data):
    return compose_page(data, NAMED_93, PageOptions(date=DATE))


def texts(svg: str) -> str:
    return html.unescape("\n".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg)))


class TestTexts:
    def test_titles_name_indicator_area_and_zonings(self, data) -> None:
        assert default_title(data, VIEW_93) == "Taux de pauvreté — Seine-Saint-Denis\u00a0(93)"
        assert default_title(data, VIEW_REGION) == "Taux de pauvreté — Île-de-France"
        assert default_subtitle(data, VIEW_93) == "Par commune — limites des DAC et CPTS"

    def test_subtitle_does_not_repeat_the_legend_title(self, data, page_93) -> None:
        label = data.indicator("TP6021").label
        assert label not in default_subtitle(data, VIEW_93)
        assert texts(page_93.svg()).count("seuil à 60") == 1  # the legend's title only

    def test_subtitle_says_when_departements_stand_for_communes(self, data,
                                                                monkeypatch) -> None:
        monkeypatch.setattr(map_geometry, "MAX_COMMUNES_SHOWN", 1000)  # as for France
        assert default_subtitle(data, VIEW_REGION).startswith("Par département")
        assert default_subtitle(data, VIEW_93).startswith("Par commune")

    def test_subtitle_says_when_territories_are_coloured(self, data) -> None:
        state = dataclasses.replace(VIEW_93, colour_by="cpts")
        assert "par territoire CPTS" in default_subtitle(data, state)

    def test_many_departements_are_named_by_code(self, data) -> None:
        assert scope_name(data, ("92", "93")) == ("Hauts-de-Seine\u00a0(92) et "
                                                  "Seine-Saint-Denis\u00a0(93)")
        assert scope_name(data, ("75", "92", "93", "94")) == "Départements 75, 92, 93 et 94"

    def test_french_date(self) -> None:
        assert french_date(DATE) == "1er décembre 2026"
        assert french_date(DATE.replace(day=23, month=8)) == "23 août 2026"

    def test_page_is_dated_by_france_s_day(self, monkeypatch) -> None:
        class SummerNightUtc(dt.datetime):
            @classmethod
            def now(cls, tz=None):
                return dt.datetime(2026, 7, 14, 22, 30, tzinfo=dt.UTC).astimezone(tz)

        monkeypatch.setattr(dt, "datetime", SummerNightUtc)
        assert date_line(None) == "Réalisé avec Cartocoord le 15 juillet 2026"

    def test_one_sources_line_with_every_source_and_vintage(self, data) -> None:
        line = map_sources(data, VIEW_93)
        assert line.startswith("Sources : Insee, Filosofi 2021 ; Insee, IGN")
        assert line.count("Source") == 1
        assert "2026" in line and POPULATION_VINTAGE in line and "Lambert-93" in line
        assert ILLUSTRATIVE_NOTICE not in line
        assert view_sources(data, VIEW_93).notice == f"{ILLUSTRATIVE_NOTICE} (DAC et CPTS)"

    def test_population_maps_state_the_vintage_once(self, data) -> None:
        for indicator in ("POP", "DENSITE"):
            line = map_sources(data, dataclasses.replace(VIEW_93, indicator=indicator))
            assert line.count(POPULATION_VINTAGE) == 1, line
            assert "Code officiel géographique 2026" in line
        assert "surfaces calculées" in map_sources(
            data, dataclasses.replace(VIEW_93, indicator="DENSITE"))

    def test_no_notice_without_zoning(self, data) -> None:
        sources = view_sources(data, dataclasses.replace(VIEW_93, zonings=()))
        assert sources.notice is None
        assert sources.lines == (sources.indicator, sources.geography)

    def test_official_perimeters_are_credited(self, data) -> None:
        zoning = dataclasses.replace(data.zonings["dac"], illustrative=False,
                                     source="ARS Île-de-France, 2026")
        official = dataclasses.replace(data, zonings={**data.zonings, "dac": zoning})
        assert "Périmètres DAC : ARS Île-de-France, 2026" in map_sources(official, VIEW_93)
        assert view_sources(official, VIEW_93).notice == f"{ILLUSTRATIVE_NOTICE} (CPTS)"

    def test_overlong_title_is_refused(self) -> None:
        with pytest.raises(ExportOptionsError, match="titre"):
            PageOptions(title="x" * (MAX_TITLE_LENGTH + 1))


class TestLayout:
    @pytest.mark.parametrize("page", FORMATS, ids=lambda page: page.key)
    @pytest.mark.parametrize("state", [VIEW_93, REGION_NAMED], ids=["93", "region"])
    def test_blocks_fit_the_page_without_overlapping(self, data, state, page) -> None:
        composed = compose_page(data, state, PageOptions(page=page, date=DATE))
        if page.kind != "web":
            assert (composed.width, composed.height) == pytest.approx(page.layout_size(0))
        for name, box in composed.blocks.items():
            assert box.left >= PAGE_MARGIN - 1e-6, name
            assert box.top >= PAGE_MARGIN - 1e-6, name
            assert box.right <= composed.width - PAGE_MARGIN + 1e-6, name
            assert box.bottom <= composed.height - PAGE_MARGIN + 1e-6, name
        for (name, box), (other, other_box) in itertools.combinations(
                composed.blocks.items(), 2):
            assert not box.overlaps(other_box), (name, other)

    @pytest.mark.parametrize("state", [VIEW_93, REGION_NAMED], ids=["93", "region"])
    def test_map_fills_the_a4_landscape_page(self, data, state) -> None:
        composed = compose_page(data, state, PageOptions(date=DATE))
        blocks = composed.blocks
        body = blocks["sources"].top - blocks["title"].bottom
        assert blocks["map"].width >= 0.7 * composed.width
        assert blocks["map"].height >= 0.8 * body

    def test_web_page_is_1200_wide_and_as_high_as_its_map(self, data) -> None:
        composed = compose_page(data, VIEW_93, PageOptions(page=PageFormat("web"), date=DATE))
        assert composed.width == 1200
        assert composed.blocks["map"].width >= 0.7 * 1200
        assert composed.blocks["sources"].top > composed.blocks["map"].bottom

    def test_largest_legend_still_fits(self, data) -> None:
        state = dataclasses.replace(VIEW_REGION, classes=9, method="egal")
        for page in FORMATS:
            composed = compose_page(data, state, PageOptions(page=page, date=DATE))
            assert not composed.blocks["legend"].overlaps(composed.blocks["map"])
            assert composed.blocks["legend"].bottom <= composed.blocks["sources"].top


class TestContent:
    def test_page_carries_titles_legend_sources_and_date(self, page_93) -> None:
        text = texts(page_93.svg())
        for expected in ("Taux de pauvreté — Seine-Saint-Denis\u00a0(93)",
                         "Quantiles, 5 classes", "DAC (illustratif)", "CPTS (illustratif)",
                         "Limite de département", "Sources : Insee, Filosofi 2021",
                         "Code officiel géographique 2026", "populations légales 2023",
                         ILLUSTRATIVE_NOTICE,
                         "1er décembre 2026", "Val-d'Oise", "Paris"):
            assert expected in text
        assert "Source :" not in text

    def test_counts_say_what_they_count(self, data, page_93) -> None:
        text = texts(page_93.svg())
        assert re.search(r"34,0 – 42,0\u2009% \(7\u00a0communes\)", text)
        territories = compose_page(data, dataclasses.replace(VIEW_93, colour_by="cpts"),
                                   PageOptions(date=DATE))
        assert "territoires)" in texts(territories.svg())

    def test_user_titles_replace_the_defaults_and_are_escaped(self, data) -> None:
        options = PageOptions(title="Pauvreté <b>& DAC</b>", subtitle="Note", date=DATE)
        svg = compose_page(data, VIEW_93, options).svg()
        assert "Pauvreté &lt;b&gt;&amp; DAC&lt;/b&gt;" in svg
        assert "Seine-Saint-Denis\u00a0(93)</text>" not in svg

    def test_no_logo_no_frame(self, page_93) -> None:
        assert "logo" not in page_93.blocks
        assert "<image" not in page_93.svg()
        assert 'stroke-dasharray="1' not in page_93.svg()  # the old dotted logo frame

    def test_logo_takes_the_top_right_corner(self, data) -> None:
        composed = compose_page(data, VIEW_93, PageOptions(logo=LOGO, date=DATE))
        assert composed.svg().count("<image") == 1 and LOGO in composed.svg()
        logo, title = composed.blocks["logo"], composed.blocks["title"]
        assert logo.right == pytest.approx(composed.width - PAGE_MARGIN)
        assert title.right < logo.left

    def test_transparent_page_paints_no_paper(self, data) -> None:
        opaque = compose_page(data, VIEW_93, PageOptions(date=DATE)).svg()
        clear = compose_page(data, VIEW_93, PageOptions(date=DATE, transparent=True)).svg()
        paper = '<rect x="0" y="0" width="1122.5" height="793.7" fill="#ffffff"/>'
        assert paper in opaque and paper not in clear

    def test_surroundings_locator_and_inset(self, region, page_93) -> None:
        assert 'class="context"' in region.svg() and 'class="locator"' in region.svg()
        assert "Paris et petite couronne" in texts(region.svg())
        assert region.drawn.inset_frame is not None
        assert page_93.drawn.inset_frame is None  # the 93 is part of the core itself
        assert "locator" in page_93.drawn.furniture or "locator" in page_93.blocks


class TestScaleAndNorth:
    @pytest.mark.parametrize("state", [VIEW_93, VIEW_REGION], ids=["93", "region"])
    def test_scale_bar_length_matches_the_projection(self, data, state) -> None:
        composed = compose_page(data, state, PageOptions(date=DATE))
        bar = re.search(r'<g class="scale-bar" data-km="([\d.]+)">(.*?)</g>',
                        composed.svg()).groups()
        km = float(bar[0])
        halves = [float(width) for width in re.findall(r'width="([\d.]+)"', bar[1])[:2]]
        assert re.search(rf">{km:g}\u00a0km</text>", composed.svg())
        # Independently: a true 1 km at the map's centre, through Lambert-93, at the
        # frame's scale (pixels per projected metre).
        frame = composed.drawn.frame
        to_l93 = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
        centre_x = frame.x0 + frame.box.width / 2 / frame.scale
        centre_y = frame.y0 - frame.box.height / 2 / frame.scale
        lon, lat = to_l93.transform(centre_x, centre_y, direction="INVERSE")
        east_lon, east_lat, _ = pyproj.Geod(ellps="GRS80").fwd(lon, lat, 90, 1000)
        x0, y0 = to_l93.transform(lon, lat)
        x1, y1 = to_l93.transform(east_lon, east_lat)
        expected = km * math.hypot(x1 - x0, y1 - y0) * frame.scale
        assert sum(halves) == pytest.approx(expected, rel=0.05)
        assert sum(halves) == pytest.approx(expected, rel=0.005)

    def test_north_arrow_turns_by_the_meridian_convergence(self, page_93) -> None:
        angle = float(re.search(r'class="north-arrow"><g transform="rotate\(([-\d.]+)',
                                page_93.svg()).group(1))
        # Lambert-93's meridians meet north of the map, above 3° E: west of it (2.45° E),
        # true north leans right of the page's up by n × 0.55° = 0.40° (n = 0.7256).
        assert angle == pytest.approx(0.7256 * (3 - 2.45), abs=0.05)


class TestNames:
    def test_region_names_of_all_zonings_do_not_overlap(self, region) -> None:
        boxes = label_boxes(region.svg())
        assert len(boxes) > 40
        for (name, box), (other, other_box) in itertools.combinations(boxes, 2):
            assert not box.overlaps(other_box), (name, other)
        keys = {label.key for label in region.drawn.labels}
        assert {"dac", "cpts", "carsic", "perinatal", "context"} <= keys

    def test_names_stay_in_their_frame_clear_of_furniture(self, region) -> None:
        drawn = region.drawn
        furniture = [box for name, box in drawn.furniture.items() if name != "inset"]
        for label in drawn.placement.placed:
            assert drawn.frame.box.contains(label.box)
            assert not any(label.box.overlaps(box) for box in furniture), label.lines
        for label in drawn.inset_placement.placed:
            assert drawn.inset_frame.box.contains(label.box)

    def test_inset_names_what_the_region_view_left_out(self, region) -> None:
        main = {(label.key, label.index) for label in region.drawn.placement.placed}
        inset = {(label.key, label.index) for label in region.drawn.inset_placement.placed}
        assert inset and not main & inset
        dropped = {(key, index) for key, indexes in region.drawn.placement.dropped.items()
                   for index in indexes}
        assert inset <= dropped

    def test_names_left_out_are_counted_on_the_page(self, region) -> None:
        assert region.drawn.dropped > 0
        assert (f"{region.drawn.dropped} noms de territoires non affichés faute de place"
                in texts(region.svg()))

    def test_every_cpts_of_the_93_is_named(self, data, page_93) -> None:
        named = {label.lines for label in page_93.drawn.placement.placed
                 if label.key == "cpts"}
        assert len(named) == 11
        assert page_93.drawn.dropped == 0
        assert "non affiché" not in texts(page_93.svg())

    def test_halo_is_geometry_under_the_text(self, page_93) -> None:
        svg = page_93.svg()
        halo = re.search(r'<g class="halo"([^>]*)>(.*?)</g></g>', svg)
        assert 'stroke="#ffffff"' in halo.group(1)
        assert "<use href=" in halo.group(2)
        assert svg.index('<g class="halo"') < svg.index("<text", svg.index('<g class="halo"'))
        assert 'id="g600-C"' in svg  # the glyph outlines the halos use
        assert "text-shadow" not in svg and "paint-order" not in svg


class TestLegend:
    @pytest.mark.parametrize("zonings", [("perinatal",), ("carsic",), ("dac", "carsic")])
    def test_legend_lines_are_those_drawn(self, data, zonings) -> None:
        composed = compose_page(data, dataclasses.replace(VIEW_93, zonings=zonings),
                                PageOptions(date=DATE))
        legend, body = texts(composed.svg()), composed.svg()
        outlines = body[body.index('<g class="outlines"'):body.index("</g>", body.index(
            '<g class="outlines"'))]
        for key in zonings:
            zoning = data.zonings[key]
            shown = f'stroke="{zoning.type.style.colour}"' in outlines
            assert (f"{zoning.type.label} (illustratif)" in legend) == shown, key

    def test_secret_communes_are_hatched_with_their_stand_in(self, region) -> None:
        svg = region.svg()
        legend = texts(svg).replace("\n", " ")
        assert "Secret statistique : moyenne des communes publiées de l'EPCI" in legend
        assert "(800\u00a0communes)" in legend and "Maille : commune" in legend
        assert 'stroke="#404040"' in svg and svg.count('clip-path="url(#cc-hatch-') >= 1

    def test_missing_values_are_hatched_in_map_and_legend(self, data) -> None:
        svg = compose_page(data, dataclasses.replace(VIEW_REGION, indicator="CAF_A"),
                           PageOptions(date=DATE)).svg()
        legend = texts(svg).replace("\n", " ")
        assert "Non publié (commune de moins de 10 000 habitants environ)" in legend
        assert "Allocataires de la CAF (foyers)" in legend
        assert 'stroke="#b8b8b8"' in svg and 'stroke="#404040"' not in svg

    def test_iris_mesh_is_drawn_and_named(self, data) -> None:
        state = dataclasses.replace(VIEW_93, mesh="iris")
        composed = compose_page(data, state, PageOptions(date=DATE))
        svg = composed.svg()
        legend = texts(svg).replace("\n", " ")
        assert default_subtitle(data, state).startswith("Par IRIS")
        assert "Maille : IRIS (93)" in legend
        assert re.search(r"IRIS sans valeur publiée : valeur de sa commune .*\(\d+\u00a0IRIS\)",
                         legend)
        assert "Insee, Filosofi 2021 (IRIS) ; valeurs communales" in legend
        areas = svg[svg.index('<g class="areas"'):svg.index("</g></g>", svg.index(
            '<g class="areas"'))]
        assert areas.count("<path ") == len(map_geometry.areas(
            data, map_geometry.Selection.of(state, data))) > 600
        assert svg.count('clip-path="url(#cc-hatch-') == 2  # missing, and stand-ins
