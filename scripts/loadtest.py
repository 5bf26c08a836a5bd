"""Bounded load test of a running Cartocoord, on this machine only (loopback).

Simulated users, each a thread with its own keep-alive HTTP connection, do what
``scripts/bench.py`` measures, as a browser does it (same payloads, same callback
chains, GeoJSON fetched once per user): open the page at the start view of an
interaction, think, do the interaction, think, and again with the next interaction,
until the duration is over. Static JavaScript and CSS are not fetched (a browser
caches them after the first visit).

Reports requests per second, errors (HTTP status ≥ 400, 500s included, time-outs,
refused connections) and the p50/p95/p99/max latency of single requests and of whole
interactions (every request one user action causes, one after the other, whereas a
browser sends the callbacks of one step together: an upper bound). With ``--serve``,
also the memory of the server (master and workers) at the end.

``--storm`` adds the « export storm »: a few seconds in, :data:`STORM_EXPORTS` anonymous
A3 PDF exports are asked for at once, while the users go on browsing. The exports'
answers are reported apart (rendered, or refused with 429 by the export queue and rate:
``dashboard/server/limits.py``); the users' latencies and errors are the test: the app
must keep answering them (target: p95 ≤ 300 ms, no error).

Usage::

    .venv/bin/gunicorn -c gunicorn.conf.py app:server &    # or --serve below
    python scripts/loadtest.py --users 20 --duration 60
    python scripts/loadtest.py --serve                    # starts and stops gunicorn
    python scripts/loadtest.py --serve --port 8765        # ... on that port
    python scripts/loadtest.py --serve --storm            # 24 A3 exports while 20 browse

The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json as jsonlib
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmarks.browser import GZIP, Browser, Interaction  # noqa: E402
from benchmarks.interactions import INTERACTIONS  # noqa: E402

PROJECT_DIR = Path(__file__).resolve().parent.parent
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
DEFAULT_URL = "http://127.0.0.1:8050"
DEFAULT_USERS = 20
DEFAULT_DURATION_S = 60.0
#: Pause of a user between two actions, drawn uniformly in ``[0.5, 1.5] × think``.
DEFAULT_THINK_S = 1.0
REQUEST_TIMEOUT_S = 30.0
#: Longest wait for a server started with ``--serve`` to answer (it loads the data).
SERVE_READY_TIMEOUT_S = 180.0
#: Bounds that keep the test a test of this machine, not a flood.
MAX_USERS = 200
MAX_DURATION_S = 600.0
RANDOM_SEED = 2024
MAX_SAMPLES, MAX_SAMPLE_LENGTH = 5, 300
#: The export storm: how many A3 PDF exports at once, of which view, and when.
STORM_EXPORTS = 24
STORM_URL = "/export/carte.pdf?dep=93&zon=dac,cpts&ind=TP6021&papier=a3"
STORM_AFTER_S = 5.0


class LoopbackClient:
    """The ``get``/``post`` of Flask's test client, over one keep-alive connection.

    Bodies are returned as received (gzipped when the server compressed them), like the
    test client, so that :class:`benchmarks.browser.Browser` works over HTTP unchanged.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.connection = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT_S)

    def get(self, url: str, headers: dict[str, str]) -> Reply:
        """GET ``url``."""
        return self._request("GET", url, None, headers)

    def post(self, url: str, json: Any, headers: dict[str, str]) -> Reply:
        """POST ``json`` (the keyword of Flask's test client) as a JSON body."""
        return self._request("POST", url, jsonlib.dumps(json).encode(),
                             {**headers, "Content-Type": "application/json"})

    def _request(self, method: str, url: str, body: bytes | None,
                 headers: dict[str, str]) -> Reply:
        try:
            self.connection.request(method, url, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()  # the next request opens a new connection
            raise
        if response.status >= 400:
            sent = (body or b"")[:MAX_SAMPLE_LENGTH].decode(errors="replace")
            raise ServerError(f"{method} {url}: HTTP {response.status} for {sent}")
        return Reply(response.status, data, dict(response.getheaders()))

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()


@dataclass(frozen=True)
class Reply:
    """The part of a Flask test response :class:`benchmarks.browser.Browser` reads."""

    status_code: int
    data: bytes
    headers: dict[str, str]


class ServerError(RuntimeError):
    """The server answered with an error status."""


@dataclass
class Tally:
    """What every user observed, merged under a lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    requests_ms: list[float] = field(default_factory=list)
    interactions_ms: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    #: The first few distinct error messages, to find out what failed.
    samples: list[str] = field(default_factory=list)

    def add(self, name: str, interaction: Interaction, elapsed_ms: float) -> None:
        """Count one interaction, its requests and its duration."""
        with self.lock:
            self.requests_ms += [request.ms for request in interaction.requests]
            self.interactions_ms.setdefault(name, []).append(elapsed_ms)

    def fail(self, error: Exception) -> None:
        """Count one failed interaction by kind of error."""
        kind = type(error).__name__
        message = f"{kind}: {str(error)[:MAX_SAMPLE_LENGTH]}"
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1
            if message not in self.samples and len(self.samples) < MAX_SAMPLES:
                self.samples.append(message)


def simulate_user(host: str, port: int, dependencies: list[dict], stop_at: float,
                  think_s: float, tally: Tally, seed: int) -> None:
    """One user: page at a start view, an interaction, and so on until ``stop_at``."""
    rng = random.Random(seed)
    names = list(INTERACTIONS)
    rng.shuffle(names)
    client = LoopbackClient(host, port)
    turn = 0
    try:
        while time.monotonic() < stop_at:
            name = names[turn % len(names)]
            turn += 1
            start, action = INTERACTIONS[name]
            try:
                browser = Browser(client, dependencies)
                began = time.perf_counter()
                opened = browser.open(start)
                tally.add("page", opened, (time.perf_counter() - began) * 1000)
                _think(rng, think_s, stop_at)
                began = time.perf_counter()
                acted = action(browser)
                tally.add(name, acted, (time.perf_counter() - began) * 1000)
            except (OSError, http.client.HTTPException, RuntimeError, ValueError) as error:
                tally.fail(error)
            _think(rng, think_s, stop_at)
    finally:
        client.close()


def _think(rng: random.Random, think_s: float, stop_at: float) -> None:
    pause = think_s * rng.uniform(0.5, 1.5)
    time.sleep(max(0.0, min(pause, stop_at - time.monotonic())))


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"count": 0}
    ordered = sorted(values)

    def at(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))], 1)

    return {"count": len(ordered), "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": at(0.95), "p99_ms": at(0.99), "max_ms": round(ordered[-1], 1)}


def export_storm(host: str, port: int, count: int, delay_s: float) -> dict[str, Any]:
    """After ``delay_s``, ask for ``count`` A3 PDF exports at once; report their answers."""
    time.sleep(delay_s)
    statuses: list[int | str] = []
    times: list[float] = []
    lock = threading.Lock()

    def export() -> None:
        connection = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT_S * 4)
        began = time.perf_counter()
        try:
            connection.request("GET", STORM_URL)
            response = connection.getresponse()
            response.read()
            outcome: int | str = response.status
        except (OSError, http.client.HTTPException) as error:
            outcome = type(error).__name__
        finally:
            connection.close()
        with lock:
            statuses.append(outcome)
            times.append((time.perf_counter() - began) * 1000)

    threads = [threading.Thread(target=export, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counted: dict[str, int] = {}
    for outcome in statuses:
        counted[str(outcome)] = counted.get(str(outcome), 0) + 1
    return {"exports": count, "answers": counted, "latency": _percentiles(times)}


def run(url: str, users: int, duration_s: float, think_s: float,
        storm: bool = False) -> dict[str, Any]:
    """Run ``users`` simulated users against ``url`` for ``duration_s`` seconds.

    With ``storm``, the export storm runs meanwhile (:func:`export_storm`).
    """
    host, port = _loopback(url)
    client = LoopbackClient(host, port)
    dependencies = jsonlib.loads(_body(client.get("/_dash-dependencies", GZIP)))
    client.close()
    tally = Tally()
    stop_at = time.monotonic() + duration_s
    threads = [threading.Thread(target=simulate_user, daemon=True, name=f"user-{index}",
                                args=(host, port, dependencies, stop_at, think_s, tally,
                                      RANDOM_SEED + index))
               for index in range(users)]
    storm_report: dict[str, Any] = {}
    if storm:
        threads.append(threading.Thread(
            target=lambda: storm_report.update(export_storm(host, port, STORM_EXPORTS,
                                                            STORM_AFTER_S)),
            daemon=True, name="export-storm"))
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration_s + REQUEST_TIMEOUT_S * 4)
    elapsed = time.monotonic() - began
    return {
        **({"export_storm": storm_report} if storm else {}),
        "url": url, "users": users, "duration_s": round(elapsed, 1), "think_s": think_s,
        "requests": len(tally.requests_ms),
        "throughput_rps": round(len(tally.requests_ms) / elapsed, 1),
        "errors": sum(tally.errors.values()), "error_kinds": tally.errors,
        "error_samples": tally.samples,
        "request_latency": _percentiles(tally.requests_ms),
        "interaction_latency": {name: _percentiles(values)
                                for name, values in sorted(tally.interactions_ms.items())},
        "cpus": os.cpu_count(),
        "load_average": [round(value, 2) for value in os.getloadavg()],
    }


def _body(reply: Reply) -> bytes:
    return gzip.decompress(reply.data) if reply.headers.get("Content-Encoding") == "gzip" \
        else reply.data


def _loopback(url: str) -> tuple[str, int]:
    """Host and port of ``url``, refusing anything but this machine."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK_HOSTS:
        raise SystemExit(f"Refus : {url} n'est pas une adresse locale (127.0.0.1).")
    return parts.hostname, parts.port or 80


def free_port() -> int:
    """Return a port of 127.0.0.1 that nothing listens on (the system picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(port: int, log: BinaryIO) -> subprocess.Popen:
    """Start gunicorn with the project's settings on 127.0.0.1:``port``, wait until ready.

    Its error log goes to ``log`` (a pipe nobody reads would block gunicorn once full).
    """
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port)}
    process = subprocess.Popen(
        [str(PROJECT_DIR / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py",
         "--access-logfile", "/dev/null", "app:server"],
        cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=log,
        start_new_session=True)
    deadline = time.monotonic() + SERVE_READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn s'est arrêté : voir {log.name}")
        try:
            client = LoopbackClient("127.0.0.1", port)
            client.get("/", GZIP)
            client.close()
            return process
        except (OSError, http.client.HTTPException, ServerError):
            time.sleep(0.5)
    stop(process)
    raise SystemExit("gunicorn n'a pas répondu à temps.")


def server_memory(pid: int) -> dict[str, Any]:
    """Memory of a gunicorn master and its workers, from ``/proc`` (Linux).

    PSS counts each shared page once, divided among the processes sharing it: its sum
    is what the whole server takes, preloaded data counted once.
    """
    pids = [pid, *map(int, Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]
    rss, pss = [], []
    for process in pids:
        fields = dict(line.split(":", 1) for line in
                      Path(f"/proc/{process}/smaps_rollup").read_text().splitlines()[1:])
        rss.append(round(int(fields["Rss"].split()[0]) / 1024))
        pss.append(int(fields["Pss"].split()[0]) / 1024)
    return {"processes": len(pids), "rss_mb_each": rss, "pss_mb_total": round(sum(pss))}


def stop(process: subprocess.Popen) -> None:
    """Stop the gunicorn started by :func:`serve` (its own process group) and wait."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def main(argv: list[str] | None = None) -> int:
    """Parse the options, start gunicorn if asked, run the load, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=DEFAULT_URL, help="server to test (loopback only)")
    parser.add_argument("--users", type=int, default=DEFAULT_USERS)
    parser.add_argument("--duration", type=float, default=DEFAULT_DURATION_S, help="seconds")
    parser.add_argument("--think", type=float, default=DEFAULT_THINK_S,
                        help="mean pause of a user between two actions, in seconds")
    parser.add_argument("--serve", action="store_true",
                        help="start gunicorn -c gunicorn.conf.py on --port, stop it after")
    parser.add_argument("--port", type=int, help="port for --serve (default: a free one)")
    parser.add_argument("--storm", action="store_true",
                        help=f"{STORM_EXPORTS} anonymous A3 PDF exports at once, "
                             f"{STORM_AFTER_S:.0f} s in")
    args = parser.parse_args(argv)
    if args.serve and args.port is None:
        args.port = free_port()
    if not 1 <= args.users <= MAX_USERS or not 0 < args.duration <= MAX_DURATION_S:
        parser.error(f"users 1..{MAX_USERS}, duration 0..{MAX_DURATION_S:.0f} s")
    url = f"http://127.0.0.1:{args.port}" if args.serve else args.url
    _loopback(url)
    log = tempfile.NamedTemporaryFile(prefix="cartocoord-gunicorn-", suffix=".log",
                                      delete=False) if args.serve else None
    process = serve(args.port, log) if log else None
    try:
        load_before = [round(value, 2) for value in os.getloadavg()]
        report = run(url, args.users, args.duration, args.think, args.storm)
        report["load_average_before"] = load_before
        if process is not None:
            report["server_memory"] = server_memory(process.pid)
            report["server_log"] = log.name
    finally:
        if process is not None:
            stop(process)
            log.close()
    print(jsonlib.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
