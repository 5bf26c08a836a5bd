"""``bench.py --browser``: the journey in Chromium, this tree against a baseline, same run.

For each server (``dev``: ``make run``; ``gunicorn``), this tree's app and the baseline's
are started in turn, warmed (every page opened once, scripts compressed), then each runs
:func:`~benchmarks.journey.one_run` ``runs`` times, alternating with the other so that the
machine's load weighs on both alike, and :func:`~benchmarks.journey.page_weight` once per
page. Reported: medians per step, the weight of each page's first visit, and the
baseline's figures divided by this tree's (how many times faster, or lighter).
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from benchmarks.chromium import NetworkLog, chromium, wait_quiet
from benchmarks.journey import one_run, page_weight
from benchmarks.servers import PROJECT_DIR, baseline_tree, serve, warm

#: First visit of each page whose weight is reported ("/?reunion=1": meeting mode).
WEIGHED_PAGES = ("/", "/panorama", "/heterogeneite", "/heterogeneite?a=cpts&b=dac",
                 "/zones-blanches", "/harmonisation", "/donnees", "/accessibilite",
                 "/?reunion=1")
STEPS = ("zoning", "departement", "indicator", "labels", "region_four_zonings", "fiche",
         "panorama")


def _median(values: list[float]) -> float:
    return round(statistics.median(values)) if values else 0


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians of the runs' figures."""
    return {
        "cold_first_map_ms": _median([run["cold"]["first_map_ms"] for run in runs]),
        "cold_bytes": _median([run["cold"]["bytes"] for run in runs]),
        "cold_script_bytes": _median([run["cold"]["script_bytes"] for run in runs]),
        "cold_callbacks": _median([run["cold"]["callbacks"] for run in runs]),
        "warm_first_map_ms": _median([visit for run in runs
                                      for visit in run["warm"]["first_map_ms"]]),
        "click_to_paint_ms": {step: _median([run[step]["click_to_paint_ms"] for run in runs])
                              for step in STEPS},
        "callbacks_per_click": {step: _median([run[step]["callbacks"] for run in runs])
                                for step in STEPS},
        "waves_per_click": {step: _median([run[step]["waves"] for run in runs])
                            for step in STEPS},
        "runs": len(runs),
    }


def ratios(current: dict[str, Any], baseline: dict[str, Any]) -> dict[str, Any]:
    """Baseline divided by current: how many times faster or lighter this tree is."""
    def ratio(before: float, after: float) -> float:
        return round(before / after, 1) if after else 0.0

    return {
        "cold_first_map": ratio(baseline["cold_first_map_ms"], current["cold_first_map_ms"]),
        "warm_first_map": ratio(baseline["warm_first_map_ms"], current["warm_first_map_ms"]),
        "cold_bytes": ratio(baseline["cold_bytes"], current["cold_bytes"]),
        "click_to_paint": {step: ratio(baseline["click_to_paint_ms"][step],
                                       current["click_to_paint_ms"][step]) for step in STEPS},
    }


def _open(url: str) -> None:
    """Open a page and wait for it to have loaded everything (a warm-up)."""
    driver = chromium()
    try:
        driver.get(url)
        wait_quiet(driver, NetworkLog(), quiet=2.0)
    finally:
        driver.quit()


def _interleaved(bases: dict[str, str], runs: int) -> Iterator[tuple[str, dict[str, Any]]]:
    for _ in range(runs):
        for name, base in bases.items():
            yield name, one_run(base)


def measure(server: str, trees: dict[str, Path], runs: int) -> dict[str, Any]:
    """Warm each tree's ``server``, run the journeys alternately, weigh every page."""
    with ExitStack() as stack:
        bases = {name: stack.enter_context(serve(tree, server)) for name, tree in trees.items()}
        for name, base in bases.items():
            warm(base, trees[name], _open)
        results: dict[str, list] = {name: [] for name in bases}
        for name, run in _interleaved(bases, runs):
            results[name].append(run)
        report = {name: {**summarise(results[name]),
                         "pages": {path: page_weight(base, path) for path in WEIGHED_PAGES}}
                  for name, base in bases.items()}
    if "baseline" in report:
        report["ratio_to_baseline"] = ratios(report["current"], report["baseline"])
    return report


def browser_report(servers: tuple[str, ...], runs: int, baseline: str | None) -> dict[str, Any]:
    """Every server's figures, this tree's and the baseline's, and the machine's load."""
    load_before = os.getloadavg()[0]
    with ExitStack() as stack:
        trees = {"current": PROJECT_DIR}
        if baseline:
            trees["baseline"] = stack.enter_context(baseline_tree(baseline))
        report: dict[str, Any] = {server: measure(server, trees, runs) for server in servers}
    report["baseline_ref"] = baseline
    report["machine"] = {"cpus": os.cpu_count(), "loadavg_1min_at_start": round(load_before, 2),
                         "loadavg_1min_at_end": round(os.getloadavg()[0], 2)}
    return report
