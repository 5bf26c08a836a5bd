"""Static exports, timed in one process: Chromium's start, then warm PDF, PNG and atlas.

``chromium_start_s`` is the first export of the process (Chromium starts, caches fill).
Then, each the median of ``repeats`` runs (``*_runs_s`` lists them):

``pdf_s``
    The start view of the app (Île-de-France, DAC) as an A4 landscape PDF.
``png_300_s``
    The same page as an A4 PNG at 300 dpi (3 508 × 2 480 pixels).
``pdf_named_s``
    The region with its four zonings and their names (the heaviest page: every name
    placed, the Paris inset).
``atlas_s``
    The atlas of the DAC and CPTS (cover, 9 maps, their tables; ``atlas_pages``).

``load_1min`` gives the machine's load before and after: the figures compare within a
run, on a machine shared with others.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

#: Runs per measure (``--quick``: fewer).
REPEATS, QUICK_REPEATS = 5, 2
ATLAS_REPEATS, QUICK_ATLAS_REPEATS = 3, 1


def _timed(work: Callable[[], object], runs: int) -> tuple[float, list[float], object]:
    times, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = work()
        times.append(round(time.perf_counter() - began, 2))
    return round(statistics.median(times), 2), times, result


def measure_export(quick: bool = False) -> dict[str, Any]:
    """Time the static exports of the app's own code (local Chromium)."""
    from dashboard.export import PageOptions, build_atlas, export_map, get_renderer
    from dashboard.views.data import load_app_data

    data = load_app_data()
    state = data.default_state
    named = dataclasses.replace(state, zonings=("dac", "cpts", "carsic", "perinatal"),
                                labels=True)
    repeats = QUICK_REPEATS if quick else REPEATS
    atlas_repeats = QUICK_ATLAS_REPEATS if quick else ATLAS_REPEATS
    options = PageOptions()
    results: dict[str, Any] = {"load_1min_before": round(os.getloadavg()[0], 2)}
    try:
        results["chromium_start_s"], _, _ = _timed(
            lambda: export_map(data, state, options, "pdf"), 1)
        for name, work, runs in (
                ("pdf", lambda: export_map(data, state, options, "pdf"), repeats),
                ("png_300", lambda: export_map(data, state, options, "png", "300"), repeats),
                ("pdf_named", lambda: export_map(data, named, options, "pdf"), repeats),
                ("atlas", lambda: build_atlas(data, ("dac", "cpts"), state.indicator),
                 atlas_repeats)):
            median, runs_s, output = _timed(work, runs)
            results[f"{name}_s"], results[f"{name}_runs_s"] = median, runs_s
            if name == "atlas":
                results["atlas_pages"] = output.count(b"/Type /Page") - output.count(
                    b"/Type /Pages")
    finally:
        get_renderer().close()
    results["load_1min_after"] = round(os.getloadavg()[0], 2)
    return results
