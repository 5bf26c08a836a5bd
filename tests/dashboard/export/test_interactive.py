"""The interactive map: one HTML file, nothing fetched, the dashboard's layers and legend."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess

import pytest

from dashboard.export.constants import OSM_TILES
from dashboard.export.interactive import build_folium_map
from dashboard.palettes import class_colours, tint
from dashboard.strings import ILLUSTRATIVE_NOTICE

from .support import DATE, VIEW_93, VIEW_REGION

#: Chromium flags: headless, and every host name unresolvable, as on an offline machine.
OFFLINE_CHROMIUM = ("--headless", "--no-sandbox", "--disable-gpu",
                    "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=5000",
                    "--window-size=1400,900", "--dump-dom")


@pytest.fixture(scope="module")
def page_93(data) -> str:
    return build_folium_map(data, dataclasses.replace(VIEW_93, labels=True))


class TestHtml:
    def test_nothing_is_loaded_from_the_network(self, page_93) -> None:
        external = re.findall(r"<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*[\"']?"
                              r"(?:https?:)?//", page_93, flags=re.IGNORECASE)
        assert external == []
        assert "@import" not in page_93
        assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", page_93)
        for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "bootstrapcdn", "unpkg"):
            assert cdn not in page_93

    def test_leaflet_is_inlined_without_jquery(self, page_93) -> None:
        assert "Leaflet 1.9.4" in page_93
        assert "L.map(" in page_93
        assert "$(" not in page_93.split("Leaflet 1.9.4", 1)[0]  # no jQuery call by folium
        assert "url(data:image/png;base64," in page_93  # Leaflet's images inlined

    def test_layers_tooltips_and_legend(self, page_93) -> None:
        # Layer names and tooltips are JSON in the script, the legend is HTML.
        for name in ("Taux de pauvreté", "Limites de département", "DAC (illustratif)",
                     "CPTS (illustratif)", "Noms des territoires DAC (illustratif)",
                     "DAC démo 93-A"):
            assert json.dumps(name) in page_93
        for expected in ('<html lang="fr">', "Taux de pauvreté — Seine-Saint-Denis\u00a0(93)",
                         "infobulle",
                         # tooltip HTML, escaped by folium's JSON: <b>Aubervilliers</b> (93001)
                         r"\u003cb\u003eAubervilliers\u003c/b\u003e (93001)",
                         "Quantiles, 5 classes", "(7\u00a0communes)",
                         "Sources : Insee, Filosofi 2021", ILLUSTRATIVE_NOTICE,
                         "stroke-dasharray"):
            assert expected in page_93

    def test_dated_and_scaled_in_kilometres_only(self, data) -> None:
        page = build_folium_map(data, VIEW_93, date=DATE)
        assert "Réalisé avec Cartocoord le 1er décembre 2026" in page
        assert "L.control.scale({imperial: false" in page
        assert "L.control.scale()" not in page and "control_scale" not in page

    def test_openstreetmap_is_an_option_off_by_default(self, page_93) -> None:
        assert OSM_TILES in page_93
        tile_layer = re.search(r"var (tile_layer_\w+) = L\.tileLayer\(", page_93).group(1)
        assert f"{tile_layer}.addTo(" not in page_93

    def test_iris_mesh_with_hatched_stand_ins(self, data) -> None:
        page = build_folium_map(data, dataclasses.replace(VIEW_93, zonings=("dac",),
                                                          mesh="iris"))
        for expected in ("Maille : IRIS (93)", "Par IRIS",
                         "IRIS sans valeur publiée : valeur de sa commune",
                         "Sources : Insee, Filosofi 2021 (IRIS) ; valeurs communales",
                         r"Commune : Saint-Denis (93066)"):
            assert expected in page
        assert json.dumps(tint(class_colours(5, 1)[4])) in page  # Pierrefitte's IRIS, pale

    def test_region_coloured_by_territory(self, data) -> None:
        page = build_folium_map(data, dataclasses.replace(VIEW_REGION, colour_by="cpts"))
        assert "Réseaux périnatalité" in page and "par territoire CPTS" in page
        assert len(page) < 3_000_000


class TestInBrowser:
    def test_opens_offline_with_its_layers(self, chromium, page_93, tmp_path) -> None:
        path = tmp_path / "carte.html"
        path.write_text(page_93, encoding="utf-8")
        dom = subprocess.run([chromium, *OFFLINE_CHROMIUM, path.as_uri()], check=True,
                             capture_output=True, text=True, timeout=60).stdout
        assert 'class="leaflet-pane leaflet-overlay-pane"' in dom
        assert dom.count("<path") > 39  # the communes, the départements, the zonings
        assert not re.search(r"<img[^>]*leaflet-tile", dom)  # OpenStreetMap stays off
        assert "leaflet-control-layers" in dom
        assert "cc-legend" in dom and ILLUSTRATIVE_NOTICE in dom
        scale = re.search(r'class="leaflet-control-scale[^"]*"(.*?)</div></div>', dom)
        assert "km" in scale.group(1) or " m<" in scale.group(1)
        assert "mi<" not in scale.group(1) and "ft<" not in scale.group(1)
        assert dom.count('class="leaflet-marker-icon cc-label') > 3
