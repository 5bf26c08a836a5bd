"""« Ajouter des observations »: import values by commune, pick them, see legend and hover."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains

from dashboard import ids
from dashboard.server.app_factory import create_app
from geodata import base
from tests.dashboard.export.support import pdf_text
from tests.e2e.conftest import start_app
from tests.e2e.test_export_panel import download, link, wait_until
from tests.e2e.test_places import open_panel
from tests.e2e.waits import choose

LABEL = "Vos observations : Patients suivis"
#: Where to save a screenshot of the map with the imported indicator (optional).
SCREENSHOT = os.environ.get("CARTOCOORD_INDICATORS_SCREENSHOT")


def indicators_csv(folder: Path) -> tuple[Path, dict[str, int]]:
    """Three columns (code, name, count) for the communes of Seine-Saint-Denis; one empty."""
    units = base.load_units("11")
    units = units[units["departement"] == "93"].sort_values("code")
    values = {code: 100 + 7 * index for index, code in enumerate(units["code"])}
    lines = ["Code commune;Commune;Patients suivis"]
    for code, nom in zip(units["code"], units["nom"], strict=True):
        value = "" if code == "93001" else str(values[code])
        lines.append(f"{code};{nom};{value}")
    path = folder / "patients-93.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, values


@pytest.mark.allowed_console()
def test_import_indicator_pick_it_see_legend_and_hover(dash_duo, tmp_path: Path) -> None:
    start_app(dash_duo, create_app())
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?dep=93&zon=dac&ind=TP6021")
    dash_duo.wait_for_contains_text(f"#{ids.LEGEND}", "Taux de pauvreté")
    open_panel(dash_duo)
    path, values = indicators_csv(tmp_path)
    dash_duo.find_element(f"#{ids.INDICATORS_UPLOAD} input[type=file]").send_keys(str(path))
    dash_duo.wait_for_contains_text(f"#{ids.INDICATORS_REPORT}",
                                    f"{len(values)} lignes lues, {len(values)} communes placées")
    report = dash_duo.find_element(f"#{ids.INDICATORS_REPORT}").text
    assert f"valeur pour {len(values) - 1} communes" in report
    if SCREENSHOT:
        dash_duo.find_element(f"#{ids.INDICATORS_REPORT}").screenshot(
            SCREENSHOT.replace(".png", "-report.png"))

    choose(dash_duo, f"#{ids.INDICATOR}", LABEL)
    wait_until(dash_duo, lambda: "ind=u-patients-suivis" in dash_duo.driver.current_url,
               "the URL does not name the imported indicator")
    dash_duo.wait_for_contains_text(f"#{ids.LEGEND}", LABEL)
    legend = dash_duo.find_element(f"#{ids.LEGEND}").text
    assert "fichier « patients-93.csv », importé le" in legend
    note = dash_duo.find_element(f"#{ids.INDICATOR_NOTE}").text
    assert "ne le transmet pas" in note

    # Hover Saint-Denis: its own value, from the file, once the map has it (the legend
    # and the map's patch come in the same wave, in either order).
    wait_until(dash_duo, lambda: "Patients suivis" in dash_duo.driver.execute_script(
        "return document.querySelector('#map .js-plotly-plot').data[0].hovertemplate;"),
        "the map does not show the imported indicator")
    index = dash_duo.driver.execute_script("""
        const graph = document.querySelector('#map .js-plotly-plot');
        return graph.data[0].locations.indexOf('93066');""")
    assert index >= 0
    area = dash_duo.find_elements(f"#{ids.MAP} .choroplethlocation")[index]
    ActionChains(dash_duo.driver).move_to_element(area).perform()

    def hover() -> str:  # SVG text: no innerText
        return dash_duo.driver.execute_script(
            "return [...document.querySelectorAll('#map .hovertext')]"
            ".map((node) => node.textContent).join(' ');")

    wait_until(dash_duo, lambda: "Saint-Denis" in hover(), "no hover over Saint-Denis")
    assert f"Patients suivis : {values['93066']}" in hover(), hover()
    if SCREENSHOT:
        dash_duo.driver.save_screenshot(SCREENSHOT)

    # The printed map, downloaded with the browser's session, shows the same indicator.
    dash_duo.find_element(".cc-export__summary").click()
    wait_until(dash_duo, lambda: link(dash_duo, "carte.pdf"), "no PDF link")
    pdf = tmp_path / "carte.pdf"
    pdf.write_bytes(download(dash_duo, link(dash_duo, "carte.pdf")))
    text = " ".join(pdf_text(pdf).split())
    assert LABEL in text, text[:2000]
    assert "fichier « patients-93.csv », importé le" in text
    page = download(dash_duo, link(dash_duo, "carte.html")).decode("utf-8")
    assert "Patients suivis" in page
