"""A Dash renderer over a test client: what a browser asks of the server, minus drawing.

The page, ``/_dash-layout`` and ``/_dash-dependencies``, then one POST to
``/_dash-update-component`` per callback, with the payloads the renderer builds (inputs,
states, ``changedPropIds``) and the same chaining (a callback fires when one of its inputs
was just written, never twice in one chain). Every request asks for gzip.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

GZIP = {"Accept-Encoding": "gzip"}
DASH_UPDATE = "/_dash-update-component"
#: Store of what the browser's map shows (``dashboard.ids.MAP_SIGNATURE``): the naive
#: baseline's browser never sends it back, so every change sends the whole figure.
MAP_SIGNATURE = "map-signature"


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

    def ms_of(self, kind: str) -> float:
        """Server time of the requests of one kind."""
        return sum(request.ms for request in self.requests if request.kind == kind)

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
        """Load the page at ``/{query}`` (or ``{path}?{query}``), run the initial callbacks."""
        record = Interaction()
        path, _, search = query.partition("?")
        page = self._get(path or "/", record, "page", 0)
        layout = self._get("/_dash-layout", record, "layout", 0)
        self._register(json.loads(layout))
        self.props.setdefault("url", {}).update({"pathname": path or "/",
                                                 "search": f"?{search}"})
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
        return decoded(response)

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
        figures = {out_id for out_id, prop in _outputs(dep["output"]) if prop == "figure"}
        kind = "map" if "map" in figures else ("scenario" if "harm-map" in figures
                                               else "callback")
        record.requests.append(Request(kind, elapsed, len(response.data), step))
        if response.status_code == 204:
            return []
        if response.status_code != 200:
            raise RuntimeError(f"{dep['output']}: HTTP {response.status_code} "
                               f"{decoded(response)[:500]!r}")
        written = []
        for key, props in json.loads(decoded(response)).get("response", {}).items():
            for prop, value in props.items():
                if prop == "figure" and key == "map":
                    self._show_figure(value, record, step)
                if prop == "data" and key == MAP_SIGNATURE and not self.send_figure_key:
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


def decoded(response: Any) -> bytes:
    """Body of a response, gunzipped when the server compressed it."""
    data = response.data
    return gzip.decompress(data) if response.headers.get("Content-Encoding") == "gzip" else data
