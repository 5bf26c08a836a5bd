"""The composed page: paper sizes, pre-filled texts, sources, and a layout without overlaps."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from dashboard.export.constants import ILLUSTRATIVE_NOTICE, MAX_TITLE_LENGTH, PAGE_MARGIN
from dashboard.export.errors import ExportOptionsError
from dashboard.export.page import PageOptions, Paper, page_figure
from dashboard.export.texts import (
    default_subtitle,
    default_title,
    french_date,
    scope_name,
    view_sources,
)

from .support import DATE, VIEW_93, VIEW_REGION

PAPERS = [Paper(size, orientation) for size in ("a4", "a3")
          for orientation in ("paysage", "portrait")]


def texts(figure: dict) -> str:
    return "\n".join(annotation["text"] for annotation in figure["layout"]["annotations"])


class TestPaper:
    @pytest.mark.parametrize(("paper", "dpi", "pixels"), [
        (Paper("a4", "paysage"), 150, (1754, 1240)),
        (Paper("a4", "portrait"), 150, (1240, 1754)),
        (Paper("a4", "paysage"), 300, (3508, 2480)),
        (Paper("a3", "portrait"), 300, (3508, 4961)),
        (Paper("a3", "paysage"), 150, (2480, 1754)),
    ])
    def test_pixels_are_paper_mm_times_dpi(self, paper, dpi, pixels) -> None:
        assert paper.pixels(dpi) == pixels
        assert pixels == tuple(round(mm / 25.4 * dpi) for mm in paper.mm)

    def test_a3_text_is_larger_than_at_a4(self) -> None:
        a4, a3 = Paper("a4", "paysage"), Paper("a3", "paysage")
        assert a3.mm[0] / a3.layout_size[0] > a4.mm[0] / a4.layout_size[0]

    @pytest.mark.parametrize(("size", "orientation"), [("a5", "paysage"), ("a4", "landscape")])
    def test_unknown_paper_is_refused_in_french(self, size, orientation) -> None:
        with pytest.raises(ExportOptionsError, match="invalide pour"):
            Paper(size, orientation)

    def test_overlong_title_is_refused(self) -> None:
        with pytest.raises(ExportOptionsError, match="titre"):
            PageOptions(title="x" * (MAX_TITLE_LENGTH + 1))


class TestTexts:
    def test_titles_name_indicator_area_and_zonings(self, data) -> None:
        assert default_title(data, VIEW_93) == "Taux de pauvreté — Seine-Saint-Denis (93)"
        assert default_title(data, VIEW_REGION) == "Taux de pauvreté — Île-de-France"
        subtitle = default_subtitle(data, VIEW_93)
        assert subtitle.startswith("Taux de pauvreté (seuil à 60 % du niveau de vie médian)")
        assert subtitle.endswith("Territoires de coordination : DAC et CPTS")

    def test_subtitle_says_when_territories_are_coloured(self, data) -> None:
        state = dataclasses.replace(VIEW_93, colour_by="cpts")
        assert "par territoire CPTS" in default_subtitle(data, state)

    def test_many_departements_are_named_by_code(self, data) -> None:
        assert scope_name(data, ("92", "93")) == "Hauts-de-Seine (92) et Seine-Saint-Denis (93)"
        assert scope_name(data, ("75", "92", "93", "94")) == "Départements 75, 92, 93 et 94"

    def test_french_date(self) -> None:
        assert french_date(DATE) == "1er décembre 2026"
        assert french_date(DATE.replace(day=23, month=8)) == "23 août 2026"

    def test_sources_name_filosofi_geography_and_the_notice(self, data) -> None:
        sources = view_sources(data, VIEW_93)
        assert sources.indicator == "Source : Insee, Filosofi 2021"
        assert sources.geography == data.geography_source
        assert "2025" in sources.geography
        assert sources.illustrative
        assert sources.lines[-1] == f"{ILLUSTRATIVE_NOTICE} (DAC et CPTS)"

    def test_no_notice_without_zoning(self, data) -> None:
        sources = view_sources(data, dataclasses.replace(VIEW_93, zonings=()))
        assert not sources.illustrative
        assert sources.lines == (sources.indicator, sources.geography)

    def test_official_perimeters_are_credited(self, data) -> None:
        zoning = dataclasses.replace(data.zonings["dac"], illustrative=False,
                                     source="ARS Île-de-France, 2026")
        official = dataclasses.replace(data, zonings={**data.zonings, "dac": zoning})
        sources = view_sources(official, VIEW_93)
        assert "Périmètres DAC : ARS Île-de-France, 2026" in sources.perimeters
        assert sources.perimeters[-1] == f"{ILLUSTRATIVE_NOTICE} (CPTS)"


class TestPageFigure:
    @pytest.mark.parametrize("paper", PAPERS, ids=lambda p: f"{p.size}-{p.orientation}")
    @pytest.mark.parametrize("state", [VIEW_93, VIEW_REGION], ids=["93", "region"])
    def test_blocks_fit_the_page_without_overlapping(self, data, state, paper) -> None:
        figure, layout = page_figure(data, state, PageOptions(paper=paper, date=DATE))
        assert figure["layout"]["width"] == pytest.approx(paper.layout_size[0])
        for name, box in layout.blocks.items():
            assert box.left >= PAGE_MARGIN - 1e-6, name
            assert box.top >= PAGE_MARGIN - 1e-6, name
            assert box.right <= layout.width - PAGE_MARGIN + 1e-6, name
            assert box.bottom <= layout.height - PAGE_MARGIN + 1e-6, name
        for (name, box), (other, other_box) in itertools.combinations(layout.blocks.items(), 2):
            assert not box.overlaps(other_box), (name, other)
        assert layout.map.width > 0.5 * layout.width
        assert layout.map.height > 0.4 * layout.height
        domain = figure["layout"]["geo"]["domain"]
        assert 0 <= domain["x"][0] < domain["x"][1] <= 1
        assert 0 <= domain["y"][0] < domain["y"][1] <= 1

    def test_largest_legend_still_fits(self, data) -> None:
        state = dataclasses.replace(VIEW_REGION, classes=9, method="egal")
        for paper in PAPERS:
            _, layout = page_figure(data, state, PageOptions(paper=paper, date=DATE))
            assert not layout.legend.overlaps(layout.map)
            assert layout.legend.bottom <= layout.height - PAGE_MARGIN
            assert layout.map.height > 0.3 * layout.height

    def test_page_carries_titles_legend_sources_and_date(self, data) -> None:
        figure, _ = page_figure(data, VIEW_93, PageOptions(date=DATE))
        text = texts(figure)
        for expected in ("Taux de pauvreté — Seine-Saint-Denis (93)",
                         "Méthode : Quantiles, 5 classes", "DAC", "CPTS",
                         "Limite de département", "Source : Insee, Filosofi 2021",
                         "Code officiel géographique 2025", ILLUSTRATIVE_NOTICE,
                         "1er décembre 2026"):
            assert expected in text
        assert figure["layout"]["paper_bgcolor"] == "#ffffff"
        assert figure["layout"]["showlegend"] is False

    def test_user_titles_replace_the_defaults_and_are_escaped(self, data) -> None:
        options = PageOptions(title="Pauvreté <b>& DAC</b>", subtitle="Note", date=DATE)
        figure, _ = page_figure(data, VIEW_93, options)
        text = texts(figure)
        assert "Pauvreté &lt;b&gt;&amp; DAC&lt;/b&gt;" in text
        assert "Seine-Saint-Denis (93)</b>" not in text

    def test_blank_title_keeps_the_default(self, data) -> None:
        figure, _ = page_figure(data, VIEW_93, PageOptions(title="  ", date=DATE))
        assert "Taux de pauvreté — Seine-Saint-Denis (93)" in texts(figure)

    def test_logo_frame_or_image(self, data) -> None:
        figure, layout = page_figure(data, VIEW_93, PageOptions(date=DATE))
        assert figure["layout"]["images"] == []
        frames = [shape for shape in figure["layout"]["shapes"]
                  if shape["type"] == "rect" and shape["line"].get("dash") == "dot"]
        assert len(frames) == 1
        logo = "data:image/png;base64,iVBORw0KGgo="
        figure, _ = page_figure(data, VIEW_93, PageOptions(logo=logo, date=DATE))
        assert [image["source"] for image in figure["layout"]["images"]] == [logo]

    def test_geometry_is_inline(self, data) -> None:
        figure, _ = page_figure(data, VIEW_93, PageOptions(date=DATE))
        assert figure["data"][0]["geojson"]["type"] == "FeatureCollection"
