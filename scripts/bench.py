"""Benchmark the dashboard as a browser uses it: server time and bytes per interaction.

Each measured region runs in its own process (so that start-up time and peak memory are
its own) and is driven in-process through Flask's test client, exactly as the Dash
renderer drives it: the page, ``/_dash-layout`` and ``/_dash-dependencies``, then one
POST to ``/_dash-update-component`` per callback, with the payloads the renderer builds
(inputs, states, ``changedPropIds``) and the same chaining (a callback fires when one of
its inputs was just written, never twice in one chain). Every request asks for gzip.

Measured per interaction, from a fresh browser showing the start view:

``median_ms``, ``p95_ms``
    Server time: sum of the durations of every request of the interaction (callbacks,
    plus the GeoJSON file when the figure names one this browser has not fetched yet),
    i.e. the CPU one user's action costs the server. ``first_ms`` is the first,
    cold-cache repetition; ``wall_ms`` the critical path (callbacks of one step run
    concurrently in a browser).
``gzip_bytes``
    Everything sent back, gzipped: callback responses and the GeoJSON fetched (a fresh
    browser has only the start view's files, so a new view's file is counted once).
    ``map_bytes`` is the map callback's response alone (a ``Patch`` for ``indicator``).

Interactions: ``region`` whole-region view (from Seine-Saint-Denis), ``departement``
select Seine-Saint-Denis (from the whole region), ``indicator`` TP6021 → MED21 with
Seine-Saint-Denis shown, ``zoning`` add the CPTS outlines to the DAC ones (whole
region), ``fiche`` open the fiche of a DAC by clicking it on the map coloured by DAC
territory (Seine-Saint-Denis shown), ``harmonise`` reject one proposed move on the
harmonisation page (CPTS × DAC, whole region): the scenario measured, its map and tables
drawn again; ``scenario_ms`` is the server time of the page's own callback (the one that
recomputes the scenario), the rest being the other pages' callbacks the new URL fires;
``iris`` colour the 614 IRIS of Seine-Saint-Denis instead of its communes (« Maille :
IRIS », poverty rate; budget 150 kB gzipped and 30 ms),
``qpv`` draw the QPV circles over the whole region's map (163 communes),
``places`` import a list of 1,000 places in 3 categories with a value (« Ajouter des
observations », Seine-Saint-Denis shown): the file is read, the map redrawn with its
proportional circles, the legend written (budget 60 kB gzipped). Every repetition is a
fresh browser, with its own cookies: no session holds an earlier import.

``startup_s`` is the median over :data:`STARTUP_RUNS` fresh processes (``startup_runs_s``
lists them) of the time from process launch to the first map served (the app's
bytecode compiled, as a server's first start leaves it): imports, data, the warm-up
``gunicorn.conf.py`` runs before accepting connections, then the page, its layout, the
initial callbacks up to the map figure and its GeoJSON, while the worker's background
warm-up runs (``startup_steps_s`` gives the cumulated times of each step of one run,
``first_clicks_ready`` when that warm-up ends; the interactions are measured after it).
``rss_mb`` is the peak resident memory of the process after start-up and every
interaction.

``export`` times the static exports in a process of their own
(:mod:`benchmarks.exports`): Chromium's start, then warm medians of the PDF and the
300 dpi PNG of the start view, of the region named with its four zonings, and of the
DAC/CPTS atlas, with the machine's load before and after.

``agency`` measures agency files (:mod:`benchmarks.agency`): the median time to check a
70-territory, 900-row listing (and to show its preview on the Données page), the time to
refuse the 300-territory file each listing every commune, and the peak memory of drawing
the largest legitimate zoning (1,000 CPTS over 35,000 communes, synthetic; and the
demonstration CPTS of France when it is built).

The baseline is the same app whose map callback builds a ``plotly.express.choropleth``
with the GeoJSON inline and whose browser never sends back the figure key, so every
change rebuilds and sends the whole figure: what TECH-NOTES calls the naive callback.

Usage::

    python scripts/bench.py --json [--quick]
    python scripts/bench.py --browser --json [--runs 5] [--server dev|gunicorn|both]
                            [--baseline REF|none]

The last line printed is one JSON object; ``--quick`` runs fewer repetitions.

``--browser`` measures what a user waits for in headless Chromium instead
(:mod:`benchmarks.journey`): the first visit (bytes on the wire, time to the first painted
map, cold and warm), then each click until the map is painted again, and the weight of
each page's first visit; this tree's app against the baseline commit's
(:data:`benchmarks.servers.BASELINE_REF`, checked out in a temporary worktree) in the same
run, under ``make run``'s server and gunicorn (:mod:`benchmarks.browser_bench`).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any

from benchmarks.agency import measure_drawing, measure_import
from benchmarks.browser_bench import browser_report
from benchmarks.exports import measure_export
from benchmarks.measures import (
    LAUNCH_VARIABLE,
    PROJECT_DIR,
    measure_region,
    measure_startup,
)
from benchmarks.servers import BASELINE_REF

#: Measured regions: report key → ``CARTOCOORD_REGION``.
REGIONS = {"idf": "11", "france": "all"}
REPEATS = 7
QUICK_REPEATS = 3
#: Fresh processes whose start-up is timed, per region (``startup_s`` is their median).
STARTUP_RUNS = 5
#: The naive baseline is slow (seconds per view): a few repetitions show it.
BASELINE_REPEATS = 3
QUICK_BASELINE_REPEATS = 2
#: Longest a child may run before the whole benchmark gives up (seconds); the exports'
#: child renders a dozen pages and three atlases.
CHILD_TIMEOUT_S = 150
EXPORT_TIMEOUT_S = 900
#: Journeys in Chromium per server and tree (``--browser``).
BROWSER_RUNS = 5
#: The app's packages, compiled to bytecode before measuring (:func:`compile_bytecode`).
SOURCE_DIRS = ("dashboard", "geodata")


def compile_bytecode() -> None:
    """Compile the app's modules as a server's first start leaves them.

    Where ``PYTHONDONTWRITEBYTECODE`` is set (this machine sets it), Python never writes
    them and every start would compile the app again: a quarter of a second more.
    """
    for folder in SOURCE_DIRS:
        compileall.compile_dir(PROJECT_DIR / folder, quiet=1)
    compileall.compile_file(PROJECT_DIR / "app.py", quiet=1)


def run_child(region: str, args: list[str],
              timeout: float = CHILD_TIMEOUT_S) -> dict[str, Any]:
    """Run this script for one region in a fresh process and return its JSON line."""
    env = {**os.environ, "CARTOCOORD_REGION": region, LAUNCH_VARIABLE: repr(time.time()),
           "PYTHONPATH": str(PROJECT_DIR)}
    done = subprocess.run([sys.executable, __file__, *args], env=env, cwd=PROJECT_DIR,
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"bench child {args} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def ratios(measured: dict[str, Any], baseline: dict[str, Any]) -> dict[str, Any]:
    """Baseline divided by measured: how many times faster and smaller the app is."""
    result = {}
    for name, values in measured["interactions"].items():
        base = baseline["interactions"][name]
        result[name] = {
            "time": round(base["median_ms"] / max(values["median_ms"], 0.1), 1),
            "bytes": round(base["gzip_bytes"] / max(values["gzip_bytes"], 1), 1),
        }
    return result


def machine() -> dict[str, Any]:
    """Describe the machine: the figures only compare within one run."""
    load = os.getloadavg()
    return {"cpus": os.cpu_count(), "python": sys.version.split()[0],
            "loadavg_1min_at_end": round(load[0], 2)}


def main(argv: list[str] | None = None) -> int:
    """Measure each region in its own process, then the baseline and the export."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the JSON report only")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--browser", action="store_true",
                        help="what the user waits for, in headless Chromium")
    parser.add_argument("--runs", type=int, default=BROWSER_RUNS,
                        help="journeys per server and tree (--browser)")
    parser.add_argument("--server", choices=["dev", "gunicorn", "both"], default="both",
                        help="server(s) measured (--browser)")
    parser.add_argument("--baseline", default=BASELINE_REF,
                        help="commit compared with (--browser), 'none' for no comparison")
    parser.add_argument("--child", choices=["region", "startup", "baseline", "export",
                                            "import", "drawing", "drawing-real"],
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    quick = ["--quick"] if args.quick else []
    if args.browser:
        servers = ("dev", "gunicorn") if args.server == "both" else (args.server,)
        baseline = None if args.baseline == "none" else args.baseline
        print(json.dumps(browser_report(servers, args.runs, baseline), ensure_ascii=False))
        return 0
    if args.child == "export":
        print(json.dumps(measure_export(quick=args.quick)))
        return 0
    if args.child == "import":
        print(json.dumps(measure_import(QUICK_REPEATS if args.quick else REPEATS)))
        return 0
    if args.child in ("drawing", "drawing-real"):
        print(json.dumps(measure_drawing(real=args.child == "drawing-real")))
        return 0
    if args.child == "startup":
        print(json.dumps(measure_startup(baseline=False)[2]))
        return 0
    if args.child:
        baseline = args.child == "baseline"
        repeats = ((QUICK_BASELINE_REPEATS if args.quick else BASELINE_REPEATS) if baseline
                   else (QUICK_REPEATS if args.quick else REPEATS))
        print(json.dumps(measure_region(repeats, baseline)))
        return 0

    started = time.perf_counter()
    compile_bytecode()
    report: dict[str, Any] = {}
    for key, region in REGIONS.items():
        report[key] = run_child(region, ["--child", "region", *quick])
        # Start-up is one measure per process, and this machine is noisy: take a median.
        runs = [report[key]["startup_s"], *(run_child(region, ["--child", "startup"])["startup_s"]
                                            for _ in range(STARTUP_RUNS - 1))]
        report[key]["startup_s"] = round(statistics.median(runs), 2)
        report[key]["startup_runs_s"] = runs
        if not args.json:
            print(f"{key}: {json.dumps(report[key])}", file=sys.stderr)
    report["baseline"] = {"idf": run_child(REGIONS["idf"], ["--child", "baseline", *quick])}
    report["ratio_to_baseline"] = {"idf": ratios(report["idf"], report["baseline"]["idf"])}
    report["export"] = run_child(REGIONS["idf"], ["--child", "export", *quick],
                                 EXPORT_TIMEOUT_S)
    report["agency"] = {
        "import": run_child(REGIONS["idf"], ["--child", "import", *quick]),
        "drawing_synthetic": run_child(REGIONS["idf"], ["--child", "drawing"]),
        "drawing_france": run_child(REGIONS["france"], ["--child", "drawing-real"]),
    }
    report["machine"] = {**machine(), "bench_s": round(time.perf_counter() - started, 1)}
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
