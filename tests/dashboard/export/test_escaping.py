"""Names are escaped exactly once in every output (issue 16, point 10).

A territory named ``CPTS « L'Étoile » <b>&amp;</b>`` must read exactly so on the map
(labels, hover), in the interactive HTML export's tooltips and in the PDF: no
``&#x27;``, ``&lt;`` or ``&quot;`` shown to the user, and no markup run either.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re

import pypdf
import pytest

from dashboard.export.interactive import build_folium_map
from dashboard.export.page import PageOptions
from dashboard.export.static import export_map
from dashboard.figures.text import plotly_text
from dashboard.views.map_view import map_figure
from tests.hostile import DOUBLE_ESCAPES, MARKUP_NAME, QUOTED_NAME, with_fiche_texts

from .support import DATE, VIEW_93

NAMES = tuple(f"{name} {number}" for number in range(1, 12)
              for name in (MARKUP_NAME, QUOTED_NAME))
STATE = dataclasses.replace(VIEW_93, zonings=("dac",), labels=True)


@pytest.fixture(scope="module")
def hostile(data):
    return with_fiche_texts(data, "dac", {"nom": NAMES})


def shown_names(data) -> list[str]:
    zoning = data.zonings["dac"]
    codes = set(data.units.loc[data.units["departement"] == "93", "code"])
    return [zoning.fiches[tid].nom for tid in zoning.fiches
            if codes & set(zoning.units_of(tid))]


def test_plotly_text_escapes_once() -> None:
    assert plotly_text(MARKUP_NAME) == "CPTS « L'Étoile » &lt;b&gt;&amp;amp;&lt;/b&gt;"
    assert plotly_text(QUOTED_NAME) == 'DAC "Nord" &amp; &lt;i&gt;Sud&lt;/i&gt;'


class TestMap:
    def test_labels_and_hover(self, hostile) -> None:
        figure = map_figure(hostile, STATE, "/geo.json")
        # The browser's map holds every zoning's names, the DAC's shown (STATE).
        labels = [text for trace in figure["data"] if trace["uid"] == "labels-dac"
                  for text in trace["text"]]
        names = {plotly_text(name) for name in shown_names(hostile)}
        assert labels and set(labels) <= names
        hover = " ".join(row[1] for row in figure["data"][0]["customdata"])  # the DAC line
        assert plotly_text(MARKUP_NAME) in hover and plotly_text(QUOTED_NAME) in hover
        text = json.dumps(figure, ensure_ascii=False)
        assert not [entity for entity in DOUBLE_ESCAPES if entity in text]


class TestInteractiveExport:
    def test_tooltips_and_labels(self, hostile) -> None:
        page = build_folium_map(hostile, STATE)
        # Folium writes the features as JSON with \\uXXXX escapes: read them back.
        page = re.sub(r"\\u([0-9a-fA-F]{4})", lambda found: chr(int(found[1], 16)), page)
        assert f"DAC : {plotly_text(MARKUP_NAME)}" in page  # the tooltip's line
        # &#x27; and &quot; are right in HTML (the browser decodes them once): only
        # entities escaped twice would show.
        assert not [entity for entity in DOUBLE_ESCAPES if entity.startswith("&amp;")
                    and entity in page]


class TestPdf:
    def test_labels_title_and_legend_read_as_typed(self, hostile, renderer) -> None:
        pdf = export_map(hostile, STATE, PageOptions(date=DATE, title=MARKUP_NAME), "pdf",
                         renderer=renderer)
        text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        assert MARKUP_NAME in text
        assert "Nord" in text
        assert not [entity for entity in (*DOUBLE_ESCAPES, "&lt;") if entity in text]
