"""Measures taken inside one process: start-up, every interaction, memory."""

from __future__ import annotations

import json
import os
import resource
import runpy
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.baseline import use_naive_map
from benchmarks.browser import GZIP, Browser, decoded
from benchmarks.interactions import INTERACTIONS, START_REGION, summarise

PROJECT_DIR = Path(__file__).resolve().parents[2]
#: Environment variable carrying the launch time (``time.time()``) to a child process.
LAUNCH_VARIABLE = "CARTOCOORD_BENCH_LAUNCH"


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure_startup(baseline: bool) -> tuple[Any, list[dict], dict[str, Any]]:
    """Start the app here as the server does and time its first map.

    Returns the test client, the app's callback dependencies and the start-up figures.
    """
    launched = float(os.environ.get(LAUNCH_VARIABLE, time.time()))
    sys.path.insert(0, str(PROJECT_DIR))
    from dashboard.server.app_factory import create_app
    from dashboard.views.data import load_app_data

    if baseline:
        use_naive_map()
    app = create_app()
    imported_s = time.time() - launched
    load_app_data()
    loaded_s = time.time() - launched
    warming = None
    if not baseline:
        # What gunicorn does: in the master before accepting connections, then in the
        # background of each worker while it serves.
        gunicorn_conf = runpy.run_path(str(PROJECT_DIR / "gunicorn.conf.py"))
        gunicorn_conf["warm_up_app"](app.server)
        warming = gunicorn_conf["warm_up_worker"]()
    ready_s = time.time() - launched
    client = app.server.test_client()
    if client.get("/", headers=GZIP).status_code != 200:
        raise RuntimeError("the page is not served")
    first_page_s = time.time() - launched
    dependencies = json.loads(decoded(client.get("/_dash-dependencies", headers=GZIP)))
    browser = Browser(client, dependencies, send_figure_key=not baseline)
    first = browser.open(START_REGION)
    results: dict[str, Any] = {
        "startup_s": round(browser.map_shown_at - launched, 2),
        "startup_steps_s": {"imports_and_app": round(imported_s, 2),
                            "data_loaded": round(loaded_s, 2), "warmed_up": round(ready_s, 2),
                            "first_page": round(first_page_s, 2),
                            "first_view_complete": round(time.time() - launched, 2)},
        "first_view_bytes": first.wire_bytes,
        "interactions": {},
    }
    if warming is not None:
        warming.join()
        results["startup_steps_s"]["first_clicks_ready"] = round(time.time() - launched, 2)
    return client, dependencies, results


def measure_region(repeats: int, baseline: bool) -> dict[str, Any]:
    """Start the app here, time its first map, then every interaction ``repeats`` times."""
    client, dependencies, results = measure_startup(baseline)
    for name, (start, action) in INTERACTIONS.items():
        runs = []
        for _ in range(repeats):
            # A fresh browser: its own cookies, so no session holds an earlier import.
            browser = Browser(client.application.test_client(), dependencies,
                              send_figure_key=not baseline)
            browser.open(start)
            runs.append(action(browser))
        results["interactions"][name] = summarise(runs)
    results["rss_mb"] = _peak_rss_mb()
    return results
