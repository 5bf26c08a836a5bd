"""The atlas's tables of structures, cut into pages with their header row repeated."""

from __future__ import annotations

import dataclasses
import re

from dashboard.export.drawing.svg import Box
from dashboard.export.table_pages import table_pages
from dashboard.views.state import ViewState

from .support import VIEW_93

#: The body of an A4 landscape page (pixels).
A4_BODY = Box(30, 90, 1062, 620)


class TestTablePages:
    def test_rows_are_cut_into_pages_with_their_header(self, data) -> None:
        region = ViewState(zonings=("dac", "cpts"))
        pages = table_pages(data, region, A4_BODY, ())
        assert len(pages) >= 3  # 123 structures
        assert all(page.draw.count(">Type</text>") == 1 for page in pages[:-1])
        assert pages[1].title.endswith("(suite)") and not pages[0].title.endswith("(suite)")
        assert "valeur sur l&#x27;ensemble du territoire" in pages[-1].draw

    def test_rows_stay_in_the_body(self, data) -> None:
        for page in table_pages(data, ViewState(zonings=("dac", "cpts")), A4_BODY, ()):
            ys = [float(y) for y in re.findall(r'<text x="[\d.]+" y="([\d.]+)"', page.draw)]
            assert min(ys) > A4_BODY.top and max(ys) < A4_BODY.bottom

    def test_section_lists_its_structures(self, data) -> None:
        (page,) = table_pages(data, VIEW_93, A4_BODY, ())
        assert page.title == "Structures de coordination — Seine-Saint-Denis\u00a0(93)"
        assert page.draw.count("DAC démo 93-") == 3
        assert page.draw.count(">CPTS</text>") == 11

    def test_names_are_escaped(self, data) -> None:
        fiches = dict(data.zonings["dac"].fiches)
        fiches["dac-93-a"] = dataclasses.replace(fiches["dac-93-a"], nom="DAC <93> & co")
        zoning = dataclasses.replace(data.zonings["dac"], fiches=fiches)
        other = dataclasses.replace(data, zonings={**data.zonings, "dac": zoning})
        assert "DAC &lt;93&gt; &amp; co" in table_pages(other, VIEW_93, A4_BODY, ())[0].draw

    def test_empty_section_says_so(self, data) -> None:
        (page,) = table_pages(data, ViewState(departements=("93",), zonings=()), A4_BODY, ())
        assert "Aucune structure" in page.draw
