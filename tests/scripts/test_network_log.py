"""Waves of callbacks in the browser benchmark are counted by cause, never by timing.

``bench.py --browser`` and tests/e2e/test_click_cost.py count how many waves of callback
requests a click costs. Requests here are made up as DevTools would log them: the counts
must not move when a loaded machine spaces the requests out, and must grow when a click
costs an extra wave.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))
from benchmarks.chromium import NetworkLog, Request  # noqa: E402

URL = "http://127.0.0.1/_dash-update-component"


def call(started: float, finished: float, fired_by: list[str], sets: dict[str, list[str]],
         inputs: tuple[str, ...] = (), children: dict | None = None) -> Request:
    """A callback request fired by ``fired_by`` whose response sets ``sets`` (id → props)."""
    post = {"changedPropIds": fired_by,
            "inputs": [{"id": component, "property": "data"} for component in inputs]}
    response = {component: {prop: children for prop in props}
                for component, props in sets.items()}
    return Request(URL, "Fetch", 100, started, finished, json.dumps(post),
                   json.dumps({"multi": True, "response": response}))


def log_of(*requests: Request, clientside: dict[str, set[str]] | None = None) -> NetworkLog:
    return NetworkLog({str(index): request for index, request in enumerate(requests)},
                      clientside or {})


def click(gap: float) -> NetworkLog:
    """A map click: the state callback, then the map and its panels, ``gap`` s apart."""
    return log_of(
        call(0.0, 0.1, ["zonings.value"], {"view-state": ["data"], "view-carte": ["data"]}),
        call(0.1, 0.3, ["view-carte.data"], {"map": ["figure"]}),
        # Sent with the map's request, but logged late by a loaded machine, after the
        # map's answer: still the second wave.
        call(0.1 + gap, 0.5 + gap, ["view-carte.data"], {"legend": ["children"]}),
    )


def test_a_click_is_two_waves_however_slow_the_machine() -> None:
    assert click(0.0).waves() == 2
    assert click(0.35).waves() == 2
    assert click(5.0).waves() == 2


def test_an_extra_wave_is_counted() -> None:
    log = click(0.0)
    log.requests["late"] = call(0.6, 0.7, ["legend.children"], {"map-status": ["children"]})
    assert log.waves() == 3


def test_two_clicks_at_once_are_not_a_chain() -> None:
    """Two requests the user fired, one after the other's answer, are both the first wave."""
    log = log_of(call(0.0, 0.1, ["zonings.value"], {"view-state": ["data"]}),
                 call(0.2, 0.3, ["labels.value"], {"view-state": ["data"]}))
    assert log.waves() == 1


def test_a_change_passed_on_by_the_browser_is_one_more_wave() -> None:
    """The panorama's grid library: state, then (clientside) the library, parts, rows."""
    log = log_of(
        call(0.0, 0.1, ["nav.n_clicks"], {"page-request": ["data"]}),
        call(0.5, 0.6, ["page-ready.data"], {"view-panorama": ["data"]}),
        call(0.6, 0.7, ["view-panorama.data"], {"panorama-grid": ["rowData"]}),
        clientside={"page-request.data": {"page-ready.data"}})
    assert log.waves() == 3


def test_a_callback_of_a_component_just_added_follows_its_arrival() -> None:
    log = log_of(
        call(0.0, 0.1, ["url.pathname"], {"frame": ["children"]},
             children={"type": "Graph", "props": {"id": "pair-map"}}),
        call(0.2, 0.3, [], {"pair-title": ["children"]}, inputs=("pair-map",)))
    assert log.waves() == 2
