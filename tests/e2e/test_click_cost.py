"""A click costs what it changes: the journey of ``bench.py --browser``, counted, not timed.

Each click on the map is one answer of the state callback, then the map's figure and
panels side by side: three requests in two waves, whatever the page holds hidden (it used
to be 18 in 4). The panorama's first show has one more wave, to load its grid library.
Waves are counted by cause (which response fired which request,
:meth:`benchmarks.chromium.NetworkLog.waves`), not by timing: a loaded machine spacing
the requests out cannot fail these tests, an extra wave does. Runs the benchmark's own
journey, which keeps it working as the app changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from benchmarks.journey import STEPS, one_run  # noqa: E402


@pytest.fixture(scope="module")
def journey(shared_duo) -> dict:
    return one_run(shared_duo.server_url)


def test_first_visit_draws_the_map_with_few_callbacks(journey) -> None:
    assert journey["cold"]["first_map_ms"] > 0
    assert journey["cold"]["callbacks"] <= 5
    assert journey["warm"]["first_map_ms"] > 0


@pytest.mark.parametrize("step", [step for step in STEPS if step != "panorama"])
def test_a_click_is_three_requests_in_two_waves(journey, step) -> None:
    assert journey[step]["callbacks"] == 3
    assert journey[step]["waves"] == 2


def test_the_panorama_loads_its_library_then_its_grid(journey) -> None:
    assert journey["panorama"]["callbacks"] == 3  # state, grid, rows
    assert journey["panorama"]["waves"] == 3
