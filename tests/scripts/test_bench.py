"""scripts/bench.py still drives the app as a browser does, and its baseline still runs.

No timing here: the benchmark measures; these tests only keep it working as the app
changes (a callback split in two, a function's return changed).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.server.app_factory import create_app
from dashboard.views.data import load_app_data
from dashboard.views.state import ViewState

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))
from benchmarks.agency import DRAWING_BUDGET_MB, measure_import  # noqa: E402
from benchmarks.baseline import naive_map_figure  # noqa: E402
from benchmarks.browser import GZIP, Browser, decoded  # noqa: E402
from benchmarks.interactions import (  # noqa: E402
    PLACES_COUNT,
    START_DEPARTEMENT,
    START_HARMONISATION,
    START_REGION,
    _add_places,
    _change_indicator,
    _reject_move,
    _show_iris,
    _show_qpv,
)


@pytest.fixture
def browser() -> Browser:
    client = create_app().server.test_client()
    dependencies = json.loads(decoded(client.get("/_dash-dependencies", headers=GZIP)))
    return Browser(client, dependencies)


def test_start_view_shows_the_map_and_its_geometry(browser) -> None:
    opened = browser.open(START_DEPARTEMENT)
    assert browser.map_shown_at is not None
    assert opened.bytes_of("map") > 0
    assert opened.bytes_of("geojson") > 0
    assert browser.props["legend"]["children"]


def test_indicator_change_is_a_small_patch(browser) -> None:
    browser.open(START_DEPARTEMENT)
    changed = _change_indicator(browser)
    assert changed.map_patch
    assert changed.bytes_of("geojson") == 0
    assert changed.wire_bytes < 20_000  # the target for a partial update


def test_iris_view_of_seine_saint_denis_fits_its_budget(browser) -> None:
    browser.open(START_DEPARTEMENT)
    shown = _show_iris(browser)
    figure = browser.props["map"]["figure"]
    assert len(figure["data"][0]["locations"]) == 614
    assert shown.bytes_of("geojson") > 0  # the IRIS geometry, fetched once
    assert shown.wire_bytes < 150_000  # the budget, gzipped


def test_qpv_circles_are_a_small_addition(browser) -> None:
    browser.open(START_REGION)
    shown = _show_qpv(browser)
    assert shown.map_patch  # the circles' trace appended to the figure shown, no more
    assert shown.bytes_of("geojson") == 0  # same areas: no geometry fetched again
    assert shown.wire_bytes < 60_000  # the budget for a point layer, gzipped


def test_a_thousand_places_fit_their_budget(browser) -> None:
    browser.open(START_DEPARTEMENT)
    patches = []
    show = browser._show_figure
    browser._show_figure = lambda figure, *args: (patches.append(figure), show(figure, *args))
    added = _add_places(browser)
    assert added.map_patch  # the places' traces appended to the figure shown, no more
    places = [operation["params"]["value"] for patch in patches
              for operation in patch["operations"] if operation["operation"] == "Append"]
    assert [trace["uid"][:6] for trace in places] == ["places"] * 3  # one per category
    # The places of Seine-Saint-Denis: the list's rectangle spills a little beyond it.
    assert 0.95 * PLACES_COUNT < sum(len(trace["lon"]) for trace in places) <= PLACES_COUNT
    assert "1\u00a0000 lieux placés" in json.dumps(browser.props["places-report"],
                                                  ensure_ascii=False)
    assert added.wire_bytes < 60_000  # the budget, gzipped


def test_rejecting_a_proposed_move_draws_the_scenario_again(browser) -> None:
    browser.open(START_HARMONISATION)
    proposed = browser.props["harm-moves--rowData"]["data"]
    rejected = _reject_move(browser)
    assert rejected.bytes_of("scenario") > 0  # the page's scenario computed and drawn again
    kept = browser.props["url"]["search"].partition("hm=")[2]
    assert kept  # the URL the browser follows names the moves kept …
    assert proposed[0]["key"].split(":")[0] + ":" not in kept  # … and not the one rejected


def test_naive_baseline_inlines_every_commune() -> None:
    data = load_app_data()
    figure = naive_map_figure(data, ViewState(departements=("93",), zonings=("dac",)), "")
    choropleth, outline = figure["data"]
    assert len(choropleth["locations"]) == 39
    assert len(choropleth["geojson"]["features"]) == 39
    assert outline["type"] == "scattergeo"


def test_command_starts() -> None:
    """``python scripts/bench.py`` finds its parts in scripts/benchmarks/."""
    done = subprocess.run([sys.executable, str(SCRIPTS / "bench.py"), "--help"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "--quick" in done.stdout and "--browser" in done.stdout


def test_the_largest_legitimate_zoning_is_drawn_within_the_memory_budget() -> None:
    """1,000 CPTS over 35,000 communes, some shared: the whole process under the budget.

    The peak is measured in a process of its own by the benchmark itself
    (``bench.py --child drawing``): memory, not time, so it holds on a loaded machine.
    """
    done = subprocess.run([sys.executable, str(SCRIPTS / "bench.py"), "--child", "drawing"],
                          capture_output=True, text=True, check=False, timeout=600,
                          cwd=SCRIPTS.parent, env={**os.environ, "PYTHONPATH": str(
                              SCRIPTS.parent)})
    assert done.returncode == 0, done.stderr[-3000:]
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    assert (measured["units"], measured["territories"]) == (35_000, 1_000)
    assert measured["shared_units"] > 500
    assert measured["levels"]["overview"]["labels"] == 1_000
    assert measured["peak_rss_mb"] < DRAWING_BUDGET_MB, measured


def test_agency_listing_is_checked_and_the_hostile_file_refused() -> None:
    measured = measure_import(repeats=1)
    assert measured["listing"]["territories"] == 70
    assert measured["listing"]["store_median_s"] > 0
    assert measured["hostile_300"]["refused_with"] == "too_many_members"
