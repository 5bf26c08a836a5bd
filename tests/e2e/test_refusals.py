"""Refusals in the browser, as an editor meets them (issue 16, points 4, 7 and 12).

The app runs under its Content-Security-Policy; every refusal is a French sentence in
the page: a PDF, a file over the size limit, the server's 413 and 429.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dashboard.layouts import data_page as page
from dashboard.server import limits
from dashboard.views.data import load_app_data
from geodata import catalog
from tests.dashboard.editing.data_page_support import (
    EDITOR,
    PASSWORD,
    make_app,
    use_temporary_store,
)
from tests.e2e.conftest import start_app
from tests.e2e.waits import wait_until

#: Folder where the refusals are photographed for a person to look at (optional).
SCREENSHOTS = os.environ.get("CARTOCOORD_SCREENSHOT_DIR")


def _photograph(duo, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        duo.driver.save_screenshot(str(Path(SCREENSHOTS) / f"{name}.png"))


@pytest.fixture
def duo(dash_duo, tmp_path, monkeypatch):
    monkeypatch.setenv("CARTOCOORD_MAX_UPLOAD_MB", "1")  # a test file can exceed it
    use_temporary_store(tmp_path)
    load_app_data()
    app = make_app(tmp_path)
    start_app(dash_duo, app)
    dash_duo.wait_for_contains_text(f"#{page.ACCOUNT}", "Consultation libre")
    dash_duo.find_element(f"#{page.LOGIN_USER}").send_keys(EDITOR)
    dash_duo.find_element(f"#{page.LOGIN_PASSWORD}").send_keys(PASSWORD)
    dash_duo.find_element(f"#{page.LOGIN_SUBMIT}").click()
    dash_duo.wait_for_contains_text(f"#{page.ACCOUNT}", "Connecté")
    dash_duo.app = app
    yield dash_duo
    catalog.use_store(None)


def _pick(duo, path) -> str:
    duo.find_element(f"#{page.UPLOAD} input[type=file]").send_keys(str(path))
    wait_until(duo, lambda: duo.find_element(f"#{page.UPLOAD_REFUSAL}").text,
               "no refusal shown")
    return duo.find_element(f"#{page.UPLOAD_REFUSAL}").text


def test_a_pdf_is_refused_with_a_french_message(duo, tmp_path):
    pdf = tmp_path / "perimetres.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"x" * 500)
    message = _pick(duo, pdf)
    assert "« perimetres.pdf »" in message and "extension « .pdf » non acceptée" in message
    assert "Formats acceptés : CSV" in message
    duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});",
                              duo.find_element(f"#{page.UPLOAD_REFUSAL}"))
    _photograph(duo, "refus-pdf")


def test_a_file_over_the_limit_is_refused_with_its_size(duo, tmp_path):
    big = tmp_path / "cpts.csv"
    big.write_bytes(b"id;nom;code\n" + b"c1;CPTS;93001\n" * 90_000)
    message = _pick(duo, big)
    message = message.replace("\u00a0", " ")  # Selenium reads non-breaking spaces as spaces
    assert "pèse 1,2 Mo" in message and "taille maximale acceptée est 1,0 Mo" in message
    duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});",
                              duo.find_element(f"#{page.UPLOAD_REFUSAL}"))
    _photograph(duo, "refus-taille")


@pytest.mark.allowed_console(r"status of 413")
def test_the_servers_413_is_shown_in_french(duo):
    """A body over the limit sent anyway (the browser's check bypassed) is told in French."""
    duo.driver.execute_script(
        "fetch('/_dash-update-component', {method: 'POST', headers: "
        "{'Content-Type': 'application/json'}, body: 'x'.repeat(4 * 1048576)});")
    duo.wait_for_contains_text("#cc-refusal-banner", "Envoi trop volumineux", timeout=10)
    assert "Request Entity Too Large" not in duo.find_element("#cc-refusal-banner").text
    _photograph(duo, "refus-413")


@pytest.mark.allowed_console(r"status of 429")
def test_a_busy_export_is_shown_in_french(duo, monkeypatch):
    full = limits.ExportQueue(slots=1, queue=0, wait=0.01)
    assert full.enter()
    monkeypatch.setitem(duo.app.server.extensions, "cartocoord_exports", full)
    page_url = duo.driver.current_url
    duo.driver.execute_script(
        "var a = document.createElement('a'); a.href = '/export/communes.csv?dep=93';"
        "a.textContent = 'Données par commune'; document.body.appendChild(a); a.click();")
    duo.wait_for_contains_text("#cc-refusal-banner", "Trop d'exports sont en cours",
                               timeout=10)
    assert duo.driver.current_url == page_url  # the page stays
    _photograph(duo, "refus-429-export")


@pytest.mark.allowed_console(r"Refused to execute inline script")
def test_the_csp_blocks_an_injected_inline_script(duo):
    policy = duo.driver.execute_script(
        "return fetch('/').then(r => r.headers.get('Content-Security-Policy'));")
    assert "script-src 'self' 'sha256-" in policy and "unsafe-eval" not in policy
    duo.driver.execute_script(
        "var s = document.createElement('script'); s.textContent = 'window.injected = 1;';"
        "document.body.appendChild(s);")
    assert duo.driver.execute_script("return window.injected") is None
    logs = [entry["message"] for entry in duo.driver.get_log("browser")]
    assert any("Content Security Policy" in message for message in logs)
