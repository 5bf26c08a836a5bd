"""The atlas: one vector PDF, the region then each département, each with its structures."""

from __future__ import annotations

import dataclasses
import io
import time

import pypdf
import pytest

from dashboard.export.atlas import atlas_sections, build_atlas, structures_table
from dashboard.export.constants import ILLUSTRATIVE_NOTICE

from .support import DATE, VIEW_93

#: The issue asks for the whole region in under a minute.
MAX_SECONDS = 60


def test_sections_are_the_region_then_each_departement(data) -> None:
    assert atlas_sections(data) == [(), ("75",), ("77",), ("78",), ("91",), ("92",), ("93",),
                                    ("94",), ("95",)]


class TestStructuresTable:
    def test_lists_the_structures_of_the_section(self, data) -> None:
        table = structures_table(data, VIEW_93)
        assert "Structures de coordination — Seine-Saint-Denis (93)" in table
        assert table.count("<tr>") == 1 + 3 + 11  # header, 3 DAC, 11 CPTS
        for expected in ("DAC démo 93-A", "Statut", "Population", "Taux de pauvreté (%)",
                         "Source : Insee, Filosofi 2021", ILLUSTRATIVE_NOTICE):
            assert expected in table

    def test_escapes_names(self, data) -> None:
        fiches = dict(data.zonings["dac"].fiches)
        fiches["dac-93-a"] = dataclasses.replace(fiches["dac-93-a"], nom="DAC <93> & co")
        zoning = dataclasses.replace(data.zonings["dac"], fiches=fiches)
        other = dataclasses.replace(data, zonings={**data.zonings, "dac": zoning})
        assert "DAC &lt;93&gt; &amp; co" in structures_table(other, VIEW_93)

    def test_empty_section_says_so(self, data) -> None:
        table = structures_table(data, dataclasses.replace(VIEW_93, zonings=()))
        assert "<table>" not in table and "Aucune structure" in table


@pytest.fixture(scope="module")
def atlas(data, renderer) -> pypdf.PdfReader:
    start = time.perf_counter()
    pdf = build_atlas(data, ("dac", "cpts"), "TP6021", date=DATE, renderer=renderer)
    assert time.perf_counter() - start < MAX_SECONDS
    return pypdf.PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def texts(atlas) -> list[str]:
    return [page.extract_text() for page in atlas.pages]


class TestAtlas:
    def test_one_pdf_region_first_then_each_departement(self, data, texts) -> None:
        titles = [text.splitlines()[0] for text in texts]
        maps = [title for title in titles if title.startswith("Taux de pauvreté — ")]
        assert maps == ["Taux de pauvreté — Île-de-France", *(
            f"Taux de pauvreté — {row.nom} ({row.code})" for row in data.departements.itertuples())]
        tables = [title for title in titles if title.startswith("Structures de coordination")]
        assert len(tables) == 9
        assert titles[0] == maps[0] and titles[1] == tables[0]

    def test_document_title(self, atlas) -> None:
        assert atlas.metadata.title == "Atlas Taux de pauvreté — Île-de-France"

    def test_pages_are_a4_landscape_vectors(self, atlas) -> None:
        for page in atlas.pages:
            assert float(page.mediabox.width) == pytest.approx(841.9, abs=1)
            assert float(page.mediabox.height) == pytest.approx(595.3, abs=1)
            assert "/XObject" not in page["/Resources"]

    def test_long_tables_run_on_with_their_header(self, texts) -> None:
        continued = [text for text in texts if text.startswith("Type Nom Statut")]
        assert continued  # the region's 123 structures need several pages
        assert all("Taux de pauvreté (%)" in text for text in continued)

    def test_every_table_ends_with_the_sources_and_notice(self, texts) -> None:
        text = "\n".join(texts)
        assert text.count(ILLUSTRATIVE_NOTICE) >= 18  # each map page and each table
        assert "CPTS démo 76 — Montreuil" in text
