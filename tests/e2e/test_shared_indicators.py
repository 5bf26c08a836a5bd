"""An editor saves imported indicators for everyone; another session finds them, dated.

The journey of issue 13: import a table of values by commune on the map page, save it
for everyone (« Enregistrer pour tous », editors only) with its producer and date, see
it in the indicator selector of a fresh session (a copied link carries it), and not see
it on a map « à la date du » of a day before it was stored.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from selenium.webdriver.common.by import By

from dashboard import ids
from dashboard.layouts import data_page as page
from geodata.clock import local_today
from tests.dashboard.export.support import pdf_text
from tests.e2e.conftest import log_in, other_browser
from tests.e2e.test_export_panel import download, link
from tests.e2e.test_harmonisation import screenshot
from tests.e2e.test_places import open_panel
from tests.e2e.test_user_indicators import indicators_csv
from tests.e2e.waits import (
    choose,
    click,
    close_menu,
    driver_of,
    menu_options,
    open_menu,
    type_into,
    wait_until,
)

CODE = "p-patients-suivis-ors--patients-suivis"
OPTION = ("Patients suivis (Patients suivis ORS) — ORS Île-de-France, données au "
          "30/06/2026")
SOURCE = "Source : ORS Île-de-France, données au 30/06/2026"


@pytest.fixture
def duo(editor_duo):
    return editor_duo


def indicator_options(duo) -> list[str]:
    """Labels of the indicator selector, read by opening it as a user would."""
    open_menu(duo, f"#{ids.INDICATOR}")
    labels = wait_until(duo, lambda: menu_options(duo), "the indicator menu offers nothing")
    close_menu(duo)
    return labels


def legend(browser) -> str:
    return driver_of(browser).find_element(By.ID, ids.LEGEND).text


@pytest.mark.allowed_console()
def test_import_share_find_in_another_session_not_before(duo, tmp_path: Path) -> None:
    driver = duo.driver
    log_in(duo)
    driver.get(f"{duo.server_url}/?dep=93&zon=dac&ind=TP6021")
    duo.wait_for_contains_text(f"#{ids.LEGEND}", "Taux de pauvreté")
    open_panel(duo)
    path, values = indicators_csv(tmp_path)
    duo.find_element(f"#{ids.INDICATORS_UPLOAD} input[type=file]").send_keys(str(path))
    duo.wait_for_contains_text(f"#{ids.INDICATORS_REPORT}", f"{len(values)} lignes lues")

    click(duo, ".cc-places__share summary")
    for field, text in ((ids.INDICATORS_SHARE_LABEL, "Patients suivis ORS"),
                        (ids.INDICATORS_SHARE_SOURCE, "ORS Île-de-France"),
                        (ids.INDICATORS_SHARE_DATE, "30/06/2026"),
                        (ids.INDICATORS_SHARE_NOTE, "File active au 30 juin")):
        type_into(duo, f"#{field}", text)
    click(duo, f"#{ids.INDICATORS_SHARE}")
    duo.wait_for_contains_text(f"#{ids.INDICATORS_SHARE_MESSAGE}",
                               "Couche « Patients suivis ORS » enregistrée pour tous : "
                               "version n° 1")
    screenshot(driver, "shared-indicators-1-saved")
    choose(duo, f"#{ids.INDICATOR}", OPTION)
    wait_until(duo, lambda: f"ind={CODE}" in driver.current_url, f"no ind={CODE} in the URL")
    duo.wait_for_contains_text(f"#{ids.LEGEND}", SOURCE)
    copied = driver.current_url

    # Another session, in a browser of its own: the copied link carries the layer.
    with other_browser() as other:
        visitor = SimpleNamespace(driver=other, server_url=duo.server_url)
        other.get(copied)
        wait_until(other, lambda: "Patients suivis ORS : Patients suivis" in legend(other),
                   "the copied link does not show the shared layer")
        assert SOURCE in legend(other)
        screenshot(other, "shared-indicators-2-other-session")
        assert other.find_element(By.ID, ids.INDICATOR_NOTE).text == ""  # nothing lost
        options = indicator_options(other)
        assert OPTION in options
        assert not any(option.startswith("Vos observations") for option in options)
        # The printed map of that session shows it with its declared source and date.
        click(other, ".cc-export__summary")
        wait_until(other, lambda: link(visitor, "carte.pdf"), "no link to carte.pdf")
        pdf = tmp_path / "carte.pdf"
        pdf.write_bytes(download(visitor, link(visitor, "carte.pdf")))
    if os.environ.get("CARTOCOORD_SCREENSHOTS"):
        shutil.copy(pdf, Path(os.environ["CARTOCOORD_SCREENSHOTS"]) / "shared-indicators.pdf")
    printed = " ".join(pdf_text(pdf).split())
    assert "Patients suivis ORS : Patients suivis" in printed, printed
    assert "ORS Île-de-France, données au 30/06/2026" in printed, printed

    # « À la date du » of the day before it was stored: the layer did not exist.
    before = (local_today() - dt.timedelta(days=1)).isoformat()
    driver.get(f"{duo.server_url}/?dep=93&zon=dac&ind={CODE}&date={before}")
    duo.wait_for_contains_text(f"#{ids.LEGEND}", "Médiane du niveau de vie")
    assert "Patients suivis" not in legend(duo)
    assert "Niveau de vie médian" in duo.find_element(f"#{ids.INDICATOR}").text
    assert OPTION not in indicator_options(duo)
    screenshot(driver, "shared-indicators-3-before")

    # The data page lists the layer with its history, for everyone to read.
    driver.get(f"{duo.server_url}/donnees")
    choose(duo, f"#{page.VERSIONS_ZONING}", "Indicateurs : Patients suivis ORS")
    duo.wait_for_contains_text(f"#{page.VERSIONS_TABLE}", "Communes renseignées")
    assert "File active au 30 juin" in duo.find_element(f"#{page.VERSIONS_TABLE}").text
    driver.execute_script("document.getElementById(arguments[0]).scrollIntoView()",
                          page.VERSIONS_TABLE)
    screenshot(driver, "shared-indicators-4-data-page")
