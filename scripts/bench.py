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
territory (Seine-Saint-Denis shown).

``startup_s`` is the median over :data:`STARTUP_RUNS` fresh processes (``startup_runs_s``
lists them) of the time from process launch to the first map served (the app's
bytecode compiled, as a server's first start leaves it): imports, data, the warm-up
``gunicorn.conf.py`` runs before accepting connections, then the page, its layout, the
initial callbacks up to the map figure and its GeoJSON, while the worker's background
warm-up runs (``startup_steps_s`` gives the cumulated times of each step of one run,
``first_clicks_ready`` when that warm-up ends; the interactions are measured after it).
``rss_mb`` is the peak resident memory of the process after start-up and every
interaction.

The baseline is the same app whose map callback builds a ``plotly.express.choropleth``
with the GeoJSON inline and whose browser never sends back the figure key, so every
change rebuilds and sends the whole figure: what TECH-NOTES calls the naive callback.

Usage::

    python scripts/bench.py --json [--quick]

The last line printed is one JSON object; ``--quick`` runs fewer repetitions.
"""

from __future__ import annotations

import argparse
import compileall
import gzip
import json
import os
import resource
import runpy
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
#: Measured regions: report key → ``CARTOCOORD_REGION``.
REGIONS = {"idf": "11", "france": "all"}
REPEATS = 7
QUICK_REPEATS = 3
#: Fresh processes whose start-up is timed, per region (``startup_s`` is their median).
STARTUP_RUNS = 5
#: The naive baseline is slow (seconds per view): a few repetitions show it.
BASELINE_REPEATS = 3
QUICK_BASELINE_REPEATS = 2
#: Environment variable carrying the launch time (``time.time()``) to a child process.
LAUNCH_VARIABLE = "CARTOCOORD_BENCH_LAUNCH"
#: Longest a child may run before the whole benchmark gives up (seconds).
CHILD_TIMEOUT_S = 150
SEINE_SAINT_DENIS = "93"
#: Start view of the interactions (URL query) and the action that is measured.
START_REGION = "?zon=dac&ind=TP6021"
START_DEPARTEMENT = "?dep=93&zon=dac&ind=TP6021"
START_BY_DAC = "?dep=93&zon=dac&ind=TP6021&par=dac"
#: Resolution of the exported PNG.
EXPORT_DPI = 150
GZIP = {"Accept-Encoding": "gzip"}
#: The app's packages, compiled to bytecode before measuring (:func:`compile_bytecode`).
SOURCE_DIRS = ("dashboard", "geodata")
DASH_UPDATE = "/_dash-update-component"


# --- A Dash renderer over the test client --------------------------------------------------

def stringify_id(component_id: str | dict) -> str:
    """Component id as the renderer writes it in ``changedPropIds`` (dict keys sorted)."""
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return component_id


def _matches(pattern: dict, component_id: dict) -> bool:
    """Tell whether a wildcard id (``{"ref": ["ALL"], "type": "open-fiche"}``) matches."""
    return pattern.keys() == component_id.keys() and all(
        isinstance(value, list) or component_id[key] == value for key, value in pattern.items())


def _components(tree: Any) -> Iterator[dict]:
    """Every component dict (``{"type", "namespace", "props"}``) inside a layout fragment."""
    if isinstance(tree, dict):
        if {"type", "namespace", "props"} <= tree.keys():
            yield tree
            tree = tree["props"]
        for value in tree.values():
            yield from _components(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from _components(value)


def _parsed_ids(dep: dict) -> dict:
    """Turn the wildcard ids of a dependency (JSON strings there) into dicts."""
    def parsed(item: dict) -> dict:
        component_id = item["id"]
        if isinstance(component_id, str) and component_id.startswith("{"):
            component_id = json.loads(component_id)
        return {**item, "id": component_id}

    return {**dep, "inputs": [parsed(item) for item in dep["inputs"]],
            "state": [parsed(item) for item in dep["state"]]}


def _outputs(output: str) -> list[tuple[str, str]]:
    """``(id, property)`` of each output of a dependency's ``output`` string."""
    names = output[2:-2].split("...") if output.startswith("..") else [output]
    return [tuple(name.rsplit(".", 1)) for name in names]


@dataclass
class Request:
    """One HTTP exchange of an interaction."""

    kind: str
    ms: float
    wire_bytes: int
    step: int


@dataclass
class Interaction:
    """The requests one user action caused."""

    requests: list[Request] = field(default_factory=list)
    map_patch: bool = False

    @property
    def ms(self) -> float:
        """Server time: the sum of the requests' durations."""
        return sum(request.ms for request in self.requests)

    @property
    def wall_ms(self) -> float:
        """Critical path: the slowest request of each chaining step, plus the GeoJSON."""
        steps: dict[int, float] = {}
        for request in self.requests:
            steps[request.step] = max(steps.get(request.step, 0.0), request.ms)
        return sum(steps.values())

    @property
    def wire_bytes(self) -> int:
        """Bytes received, compressed as sent."""
        return sum(request.wire_bytes for request in self.requests)

    def bytes_of(self, kind: str) -> int:
        """Bytes received by the requests of one kind (map, geojson, callback…)."""
        return sum(request.wire_bytes for request in self.requests if request.kind == kind)


class Browser:
    """What the Dash renderer does with the server, minus drawing.

    Keeps the props of every component with an id, fires the callbacks whose inputs
    change (and those their outputs trigger, each at most once per chain, as the
    renderer does), and fetches each GeoJSON URL a figure names once, like a browser
    cache. Clientside callbacks never reach the server and are skipped.
    """

    def __init__(self, client: Any, dependencies: list[dict],
                 send_figure_key: bool = True) -> None:
        self.client = client
        self.callbacks = [_parsed_ids(dep) for dep in dependencies
                          if not dep.get("clientside_function")]
        self.send_figure_key = send_figure_key
        self.props: dict[str, dict] = {}
        self.ids: dict[str, str | dict] = {}
        self.fetched: set[str] = set()
        #: ``time.time()`` when the last full map figure and its GeoJSON had arrived.
        self.map_shown_at: float | None = None

    # The page -----------------------------------------------------------------------------
    def open(self, query: str) -> Interaction:
        """Load the page at ``/{query}`` and run the initial callbacks."""
        record = Interaction()
        page = self._get("/", record, "page", 0)
        layout = self._get("/_dash-layout", record, "layout", 0)
        self._register(json.loads(layout))
        self.props.setdefault("url", {}).update({"pathname": "/", "search": query})
        outputs = {(stringify_id(out_id), prop) for dep in self.callbacks
                   for out_id, prop in _outputs(dep["output"])}
        initial = [dep for dep in self.callbacks if not dep.get("prevent_initial_call")
                   and any((stringify_id(item["id"]), item["property"]) not in outputs
                           or self._own_output(dep, item) for item in dep["inputs"])]
        self._chain(initial, [], record, start_step=1)
        assert page, "empty page"
        return record

    def act(self, component_id: str, **props: Any) -> Interaction:
        """Change props of a component (a control's value, a click) and run the chain."""
        self.props.setdefault(component_id, {}).update(props)
        changed = [f"{component_id}.{prop}" for prop in props]
        record = Interaction()
        triggered = [dep for dep in self.callbacks if self._triggered_by(dep, changed)]
        self._chain(triggered, changed, record, start_step=0)
        return record

    # Requests -----------------------------------------------------------------------------
    def _get(self, url: str, record: Interaction, kind: str, step: int) -> bytes:
        started = time.perf_counter()
        response = self.client.get(url, headers=GZIP)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"GET {url}: HTTP {response.status_code}")
        record.requests.append(Request(kind, elapsed, len(response.data), step))
        return _decoded(response)

    def _chain(self, callbacks: list[dict], changed: list[str], record: Interaction,
               start_step: int) -> None:
        """Fire ``callbacks``, then those their outputs trigger, step by step."""
        done: set[str] = set()
        step = start_step
        while callbacks:
            written: list[str] = []
            for dep in callbacks:
                done.add(dep["output"])
                written += self._fire(dep, changed, record, step)
            changed = written
            callbacks = [dep for dep in self.callbacks
                         if dep["output"] not in done and self._triggered_by(dep, changed)]
            step += 1

    def _fire(self, dep: dict, changed: list[str], record: Interaction, step: int) -> list[str]:
        outputs = [self._target(out_id, prop) for out_id, prop in _outputs(dep["output"])]
        body = {
            "output": dep["output"],
            "outputs": outputs if dep["output"].startswith("..") else outputs[0],
            "inputs": [self._value(item) for item in dep["inputs"]],
            "state": [self._value(item) for item in dep["state"]],
            "changedPropIds": [prop for prop in changed
                               if any(self._is_input(item, prop) for item in dep["inputs"])],
        }
        started = time.perf_counter()
        response = self.client.post(DASH_UPDATE, json=body, headers=GZIP)
        elapsed = (time.perf_counter() - started) * 1000
        kind = "map" if any(prop == "figure" and out_id == "map"
                            for out_id, prop in _outputs(dep["output"])) else "callback"
        record.requests.append(Request(kind, elapsed, len(response.data), step))
        if response.status_code == 204:
            return []
        if response.status_code != 200:
            raise RuntimeError(f"{dep['output']}: HTTP {response.status_code} "
                               f"{_decoded(response)[:500]!r}")
        written = []
        for key, props in json.loads(_decoded(response)).get("response", {}).items():
            for prop, value in props.items():
                if prop == "figure" and key == "map":
                    self._show_figure(value, record, step)
                if prop == "data" and key == "figure-key" and not self.send_figure_key:
                    value = None
                if not (isinstance(value, dict) and "__dash_patch_update" in value):
                    self.props.setdefault(key, {})[prop] = value
                self._register(value)
                written.append(f"{key}.{prop}")
        return written

    def _show_figure(self, figure: dict, record: Interaction, step: int) -> None:
        """Fetch the GeoJSON a new figure names, unless already cached; note patches."""
        if "__dash_patch_update" in figure:
            record.map_patch = True
            return
        for trace in figure.get("data", []):
            url = trace.get("geojson")
            if isinstance(url, str) and url not in self.fetched:
                self._get(url, record, "geojson", step)
                self.fetched.add(url)
        self.map_shown_at = time.time()

    # Props --------------------------------------------------------------------------------
    def _register(self, tree: Any) -> None:
        for component in _components(tree):
            props = component["props"]
            if "id" in props:
                key = stringify_id(props["id"])
                self.ids[key] = props["id"]
                self.props[key] = {**self.props.get(key, {}),
                                   **{k: v for k, v in props.items() if k != "children"}}

    def _target(self, component_id: str, prop: str) -> dict | list[dict]:
        """Describe an output as the renderer does: a wildcard one lists the matching ids."""
        if not component_id.startswith("{"):
            return {"id": component_id, "property": prop}
        pattern = json.loads(component_id)
        return [{"id": value, "property": prop} for value in self.ids.values()
                if isinstance(value, dict) and _matches(pattern, value)]

    def _value(self, item: dict) -> dict | list[dict]:
        if isinstance(item["id"], dict) and any(isinstance(v, list) for v in item["id"].values()):
            return [self._value({"id": value, "property": item["property"]})
                    for value in self.ids.values()
                    if isinstance(value, dict) and _matches(item["id"], value)]
        entry = {"id": item["id"], "property": item["property"]}
        props = self.props.get(stringify_id(item["id"]), {})
        if item["property"] in props:
            entry["value"] = props[item["property"]]
        return entry

    def _is_input(self, item: dict, prop_id: str) -> bool:
        component, _, prop = prop_id.rpartition(".")
        if prop != item["property"]:
            return False
        if isinstance(item["id"], dict):
            return component.startswith("{") and _matches(item["id"], json.loads(component))
        return component == item["id"]

    def _triggered_by(self, dep: dict, changed: list[str]) -> bool:
        return any(self._is_input(item, prop) for prop in changed for item in dep["inputs"])

    def _own_output(self, dep: dict, item: dict) -> bool:
        """Tell whether the input is an output of ``dep`` too (the state callback's URL)."""
        return (stringify_id(item["id"]), item["property"]) in {
            (out_id, prop) for out_id, prop in _outputs(dep["output"])}


def _decoded(response: Any) -> bytes:
    data = response.data
    return gzip.decompress(data) if response.headers.get("Content-Encoding") == "gzip" else data


# --- Interactions ----------------------------------------------------------------------------

def _select_departement(browser: Browser) -> Interaction:
    return browser.act("departements", value=[SEINE_SAINT_DENIS])


def _whole_region(browser: Browser) -> Interaction:
    return browser.act("departements", value=[])


def _change_indicator(browser: Browser) -> Interaction:
    return browser.act("indicator", value="MED21")


def _add_zoning(browser: Browser) -> Interaction:
    return browser.act("zonings", value=["dac", "cpts"])


def _open_fiche(browser: Browser) -> Interaction:
    """Click the first DAC territory of the map coloured by DAC territory."""
    territory = browser.props["map"]["figure"]["data"][0]["locations"][0]
    return browser.act("map", clickData={"points": [{"location": territory}]})


#: Interaction name → (start view, action).
INTERACTIONS: dict[str, tuple[str, Callable[[Browser], Interaction]]] = {
    "indicator": (START_DEPARTEMENT, _change_indicator),
    "departement": (START_REGION, _select_departement),
    "zoning": (START_REGION, _add_zoning),
    "fiche": (START_BY_DAC, _open_fiche),
    "region": (START_DEPARTEMENT, _whole_region),
}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summarise(runs: list[Interaction]) -> dict[str, Any]:
    """Median and p95 of the server time, bytes of the last run (they do not vary)."""
    times = [run.ms for run in runs]
    last = runs[-1]
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(_percentile(times, 0.95), 1),
        "first_ms": round(times[0], 1),
        "wall_ms": round(statistics.median(run.wall_ms for run in runs), 1),
        "gzip_bytes": last.wire_bytes,
        "map_bytes": last.bytes_of("map"),
        "geojson_bytes": last.bytes_of("geojson"),
        "requests": len(last.requests),
        "map_patch": last.map_patch,
    }


# --- The naive baseline -----------------------------------------------------------------------

def naive_map_figure(data: Any, state: Any, _url: str) -> Any:
    """Build the map as TECH-NOTES' naive callback does: plotly.express, GeoJSON inline.

    Communes at full detail with every property, a continuous colour scale, zoning
    outlines as one Scattergeo of every polygon's rings (the legend stays the app's own).
    """
    import plotly.express as px
    import shapely

    units = data.units
    if state.departements:
        units = units[units["departement"].isin(state.departements)]
    frame = units.assign(value=data.table[state.indicator].reindex(units["code"]).to_numpy())
    figure = px.choropleth(frame, geojson=json.loads(frame.to_json()), locations="code",
                           featureidkey="properties.code", color="value", hover_name="nom",
                           color_continuous_scale="YlOrRd")
    figure.update_geos(visible=False, fitbounds="locations", projection_type="conic conformal",
                       projection_parallels=[44, 49])
    for key in state.zonings:
        rings = shapely.get_rings(shapely.get_parts(
            data.territory_geometries(key, "detail").to_numpy()))
        lon: list[float | None] = []
        lat: list[float | None] = []
        for ring in rings:
            coords = shapely.get_coordinates(ring)
            lon += [*coords[:, 0].tolist(), None]
            lat += [*coords[:, 1].tolist(), None]
        figure.add_scattergeo(lon=lon, lat=lat, mode="lines", name=key)
    return figure


def use_naive_map() -> None:
    """Make the app's map callback build the naive figure (module globals, read per call)."""
    import dashboard.callbacks.map as map_callbacks

    map_callbacks.map_figure = naive_map_figure


# --- One region in this process ---------------------------------------------------------------

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
    dependencies = json.loads(_decoded(client.get("/_dash-dependencies", headers=GZIP)))
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
            browser = Browser(client, dependencies, send_figure_key=not baseline)
            browser.open(start)
            runs.append(action(browser))
        results["interactions"][name] = summarise(runs)
    results["rss_mb"] = _peak_rss_mb()
    return results


# --- Static export ------------------------------------------------------------------------------

def measure_export() -> dict[str, Any]:
    """Seconds to export the whole-region page of Île-de-France as PNG (150 dpi) and PDF.

    Uses the app's own export (:func:`dashboard.export.export_map`, A4 landscape, local
    Chromium); the first render, which starts Chromium, is reported apart.
    """
    sys.path.insert(0, str(PROJECT_DIR))
    from dashboard.export import export_map, get_renderer
    from dashboard.views.data import load_app_data

    data = load_app_data()
    state = data.default_state
    times: dict[str, float] = {}
    try:
        for name, fmt in (("chromium_start_s", "png"), ("png_s", "png"), ("pdf_s", "pdf")):
            began = time.perf_counter()
            export_map(data, state, fmt=fmt, dpi=EXPORT_DPI)
            times[name] = round(time.perf_counter() - began, 2)
    finally:
        get_renderer().close()
    return times


# --- Orchestration ------------------------------------------------------------------------------

def compile_bytecode() -> None:
    """Compile the app's modules as a server's first start leaves them.

    Where ``PYTHONDONTWRITEBYTECODE`` is set (this machine sets it), Python never writes
    them and every start would compile the app again: a quarter of a second more.
    """
    for folder in SOURCE_DIRS:
        compileall.compile_dir(PROJECT_DIR / folder, quiet=1)
    compileall.compile_file(PROJECT_DIR / "app.py", quiet=1)


def run_child(region: str, args: list[str]) -> dict[str, Any]:
    """Run this script for one region in a fresh process and return its JSON line."""
    env = {**os.environ, "CARTOCOORD_REGION": region, LAUNCH_VARIABLE: repr(time.time()),
           "PYTHONPATH": str(PROJECT_DIR)}
    done = subprocess.run([sys.executable, __file__, *args], env=env, cwd=PROJECT_DIR,
                          capture_output=True, text=True, timeout=CHILD_TIMEOUT_S)
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
    parser.add_argument("--child", choices=["region", "startup", "baseline", "export"],
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    quick = ["--quick"] if args.quick else []
    if args.child == "export":
        print(json.dumps(measure_export()))
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
    report["export"] = run_child(REGIONS["idf"], ["--child", "export"])
    report["machine"] = {**machine(), "bench_s": round(time.perf_counter() - started, 1)}
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
