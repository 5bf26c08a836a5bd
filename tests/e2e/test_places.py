"""« Ajouter des observations »: import a list of places, see it on the map and in the legend."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import numpy as np
import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import ids
from dashboard.server.app_factory import create_app
from tests.dashboard.export.support import pdf_text
from tests.e2e.conftest import WAIT_SECONDS, start_app
from tests.e2e.test_export_panel import download, link, wait_until
from tests.e2e.test_meeting import add_view

CATEGORIES = ("PASS", "CCAS", "Accueil de jour")
#: Where to save a screenshot of the map with its places, to look at it (optional).
SCREENSHOTS = os.environ.get("CARTOCOORD_PLACES_SCREENSHOT")


def places_csv(folder: Path, count: int = 50) -> Path:
    """A hand-made list: French decimals, Windows-1252, three categories, in Seine-Saint-Denis."""
    rng = np.random.default_rng(13)
    path = folder / "lieux-93.csv"
    with path.open("w", newline="", encoding="cp1252") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Nom du lieu", "Catégorie", "Latitude", "Longitude"])
        for index in range(count):
            lat, lon = 48.90 + rng.random() * 0.04, 2.42 + rng.random() * 0.08
            writer.writerow([f"Lieu n° {index} — « accès »", CATEGORIES[index % 3],
                             f"{lat:.5f}".replace(".", ","), f"{lon:.5f}".replace(".", ",")])
    return path


def wait_for_markers(duo, count: int) -> None:
    """Wait until the map draws ``count`` place markers (plotly draws them after the legend)."""
    markers = f"#{ids.MAP} .scattergeo path.point"
    try:
        WebDriverWait(duo.driver, WAIT_SECONDS).until(
            lambda driver: len(driver.find_elements(By.CSS_SELECTOR, markers)) == count)
    except TimeoutException:
        found = len(duo.find_elements(markers))
        raise AssertionError(f"{found} markers on the map, {count} expected") from None


def open_panel(duo) -> None:
    duo.find_element(f"#{ids.PLACES_UPLOAD}")
    duo.driver.execute_script(
        "document.querySelectorAll('details.cc-places').forEach(d => d.open = true)")


@pytest.mark.allowed_console()
def test_import_places_draws_markers_and_legend(dash_duo, tmp_path: Path) -> None:
    start_app(dash_duo, create_app())
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?dep=93&zon=dac&ind=TP6021")
    dash_duo.wait_for_contains_text(f"#{ids.LEGEND}", "Taux de pauvreté")
    open_panel(dash_duo)
    upload = dash_duo.find_element(f"#{ids.PLACES_UPLOAD} input[type=file]")
    upload.send_keys(str(places_csv(tmp_path)))
    dash_duo.wait_for_contains_text(f"#{ids.PLACES_REPORT}",
                                    "50 lignes lues, 50 lieux placés")
    dash_duo.wait_for_contains_text(f"#{ids.PLACES_LEGEND}", "lieux-93")
    entries = dash_duo.find_elements(f"#{ids.PLACES_LEGEND} .cc-legend__places li")
    assert len(entries) == 3
    assert {entry.text.rsplit(" (", 1)[0] for entry in entries} == set(CATEGORIES)
    wait_for_markers(dash_duo, 50)
    if SCREENSHOTS:
        dash_duo.driver.save_screenshot(SCREENSHOTS)

    # The printed map, downloaded with the browser's session: the places, their legend
    # and their source are on it.
    dash_duo.find_element(".cc-export__summary").click()
    wait_until(dash_duo, lambda: link(dash_duo, "carte.pdf"), "no PDF link")
    pdf = tmp_path / "carte.pdf"
    pdf.write_bytes(download(dash_duo, link(dash_duo, "carte.pdf")))
    text = " ".join(pdf_text(pdf).split())
    assert "lieux-93" in text
    for category in CATEGORIES:
        assert f"{category} (" in text
    assert "fichier « lieux-93.csv », importé le" in text
    svg = download(dash_duo, link(dash_duo, "carte.svg")).decode("utf-8")
    assert svg.count('<g class="places"') == 1

    # The meeting mode shows the same map: the places and their legend stay.
    add_view(dash_duo, "Lieux d'accès en Seine-Saint-Denis")
    dash_duo.find_element(f"#{ids.MEETING_START}").click()
    dash_duo.wait_for_text_to_equal(f"#{ids.MEETING_TITLE}", "Lieux d'accès en Seine-Saint-Denis")
    assert not dash_duo.find_element(".cc-sidebar").is_displayed()
    dash_duo.wait_for_contains_text(f"#{ids.PLACES_LEGEND}", "lieux-93")
    wait_for_markers(dash_duo, 50)
