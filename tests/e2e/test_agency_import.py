"""A file of polygons cutting one city in three CPTS, imported in the browser, then mapped.

The editor logs in on the Données page of the whole app, imports the polygon fixture
(three CPTS cutting Saint-Denis), confirms; the map of the Seine-Saint-Denis then draws
the three outlines in the city, and hovering each part names its own CPTS.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dashboard.editing.editors import add_editor
from dashboard.layouts import data_page as page
from dashboard.server.app_factory import create_app
from dashboard.views.data import load_app_data
from geodata import catalog
from tests.dashboard.editing.data_page_support import EDITOR, PASSWORD, use_temporary_store
from tests.e2e.conftest import log_in, start_app
from tests.e2e.waits import choose, click, wait_until

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "agency" / \
    "cpts-saint-denis-polygones.geojson"
CITY = "93066"
#: The latitudes at which the fixture cuts the city (north / centre / south).
CUTS = (48.925, 48.945)

PIECES = """
const graph = document.querySelector('#map .js-plotly-plot');
if (!graph || !graph.data) { return null; }
// The choropleth layer holds the choropleth traces only, in the order of the data.
const choropleths = graph.data.filter((trace) => trace.type === 'choropleth');
const index = choropleths.findIndex((trace) => trace.uid === 'pieces-cpts');
const layer = document.querySelectorAll('#map .choroplethlayer .trace')[index];
if (index < 0 || !layer) { return null; }
return [...layer.querySelectorAll('path.choroplethlocation')].map((path) => {
    const box = path.getBoundingClientRect();
    return [box.x + box.width / 2, box.y + box.height / 2];
});
"""
HOVER_AT = """
const [x, y] = arguments;
const target = document.elementFromPoint(x, y);
target.dispatchEvent(new MouseEvent('mousemove', {clientX: x, clientY: y, bubbles: true}));
"""
HOVER_TEXT = "const layer = document.querySelector('#map .hoverlayer'); " \
             "return layer ? layer.textContent : '';"


@pytest.fixture
def duo(dash_duo, tmp_path, monkeypatch):
    editors = tmp_path / "editors.toml"
    add_editor(editors, EDITOR, PASSWORD)
    monkeypatch.setenv("CARTOCOORD_EDITORS_FILE", str(editors))
    monkeypatch.setenv("CARTOCOORD_SECRET_KEY", "s" * 48)
    monkeypatch.setenv("CARTOCOORD_STORE_CHECK_SECONDS", "0")
    dash_duo.store = use_temporary_store(tmp_path)
    load_app_data()
    start_app(dash_duo, create_app())
    yield dash_duo
    catalog.use_store(None)


def _wait(duo, condition, timeout=60):
    wait_until(duo, condition, "the imported CPTS do not show", timeout)


def test_three_cpts_in_one_city_show_three_outlines_and_three_hovers(duo):
    duo.wait_for_page(f"{duo.server_url}/donnees")
    log_in(duo, EDITOR, PASSWORD, navigate=False)
    choose(duo, f"#{page.IMPORT_TYPE}", "Communautés professionnelles territoriales de santé")
    duo.find_element(f"#{page.UPLOAD} input[type=file]").send_keys(str(FIXTURE))
    duo.wait_for_contains_text(f"#{page.IMPORT_REPORT}", "découpage CPTS utilisable "
                               "(4 territoires, 3 communes dont 1 commune partagée", timeout=90)
    assert "Saint-Denis (93066" in duo.find_element(f"#{page.IMPORT_REPORT}").text
    _wait(duo, lambda: duo.find_element(f"#{page.IMPORT_CONFIRM}").is_enabled())
    click(duo, f"#{page.IMPORT_CONFIRM}")
    duo.wait_for_contains_text(f"#{page.IMPORT_RESULT}", "découpage CPTS enregistrée",
                               timeout=60)
    assert len(duo.store.load(duo.store.latest("11")["cpts"].id).outlines) == 4

    duo.wait_for_page(f"{duo.server_url}/?dep=93&zon=cpts")
    _wait(duo, lambda: duo.driver.execute_script(PIECES))
    pieces = duo.driver.execute_script(PIECES)
    assert len(pieces) == 3
    figure = duo.driver.execute_script(
        "return document.querySelector('#map .js-plotly-plot').data")
    traces = {trace["uid"]: trace for trace in figure}
    assert all(location.endswith(f"|{CITY}") for location in traces["pieces-cpts"]["locations"])
    # The two cuts across the city are drawn: three outlines where there was one commune.
    outline = traces["zoning-cpts"]
    for cut in CUTS:
        assert any(lat is not None and abs(lat - cut) < 2e-4 and 2.34 < lon < 2.39
                   for lon, lat in zip(outline["lon"], outline["lat"], strict=True)), cut

    def hovered(index: int) -> bool:
        # Hover again at the piece's current place: under load the map may still be
        # fitting its frame after its first draw, moving the pieces on the screen.
        duo.driver.execute_script(HOVER_AT, *duo.driver.execute_script(PIECES)[index])
        return "Saint-Denis (93066)" in duo.driver.execute_script(HOVER_TEXT)

    names = set()
    for index in range(len(pieces)):
        _wait(duo, lambda index=index: hovered(index))
        text = duo.driver.execute_script(HOVER_TEXT)
        names.add(text.split("CPTS : ")[1].split(",")[0])
        time.sleep(0.2)
    assert names == {"CPTS Saint-Denis Nord (illustratif)",
                     "CPTS Saint-Denis Centre (illustratif)",
                     "CPTS Saint-Denis Sud – Plaine (illustratif)"}
