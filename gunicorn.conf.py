"""Gunicorn settings for serving Cartocoord to many users.

Run from the project directory::

    .venv/bin/gunicorn -c gunicorn.conf.py app:server

``HOST`` and ``PORT`` are read as for ``python app.py`` (:mod:`dashboard.config`);
``WEB_CONCURRENCY`` sets the number of worker processes, ``CARTOCOORD_REGION`` the
region served. The app and its data are loaded once in the master process, then the
first view is prepared (:func:`dashboard.server.warm_up.first_view`) before the port opens:
workers are forked from it and share those pages of memory (copy-on-write). Each worker
then prepares what the first clicks need in the background
(:func:`dashboard.server.warm_up.first_clicks`) while it already serves.
"""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING

from dashboard.config import ServerConfig

if TYPE_CHECKING:
    import threading

    from flask import Flask
    from gunicorn.arbiter import Arbiter
    from gunicorn.workers.base import Worker

_server = ServerConfig.from_env()
#: Callbacks hold the GIL while they compute: one process per core does the work, one
#: more covers the time a process spends sending bytes. On 2 cores, 3 workers × 4
#: threads served 20 users of ``scripts/loadtest.py`` (about 270 requests/s) without an
#: error, 95 % of the requests in under 90 ms, Île-de-France or France.
DEFAULT_WORKERS = (os.cpu_count() or 1) + 1

bind = f"{_server.host}:{_server.port}"
workers = int(os.environ.get("WEB_CONCURRENCY") or DEFAULT_WORKERS)
worker_class = "gthread"
#: Threads let a worker read the next request while another one waits on the network.
threads = 4
preload_app = True
#: A static export renders in a headless Chromium: allow it two minutes.
timeout = 120
graceful_timeout = 30
keepalive = 5
#: Recycle workers now and then (forked again from the warmed master: cheap), so that
#: per-worker caches and any slow leak stay bounded.
max_requests = 20000
max_requests_jitter = 2000
#: One control socket per user by default: a second instance would fight for it.
control_socket_disable = True
accesslog = "-"
errorlog = "-"


def warm_up_app(flask_app: Flask) -> str:
    """Load the data and prepare what every first page load computes; name the region.

    Then one page is served: Dash completes its set-up (copying the callbacks in) on its
    first request without a lock, so the threads of a fresh worker could otherwise see
    half of the callbacks (HTTP 500 "Callback function not found", seen under load);
    forked workers inherit an app already set up. ``scripts/bench.py`` calls this too,
    to start the way the server does.
    """
    from dashboard.server.warm_up import first_view
    from dashboard.views.data import load_app_data

    data = load_app_data()
    first_view(data)
    if flask_app.test_client().get("/").status_code != 200:
        raise RuntimeError("Cartocoord ne sert pas sa page d'accueil.")
    return f"{data.region_name} ({len(data.units)} unités)"


def warm_up_worker() -> threading.Thread:
    """Prepare, in the background, what the first clicks compute (see post_worker_init)."""
    from dashboard.server.warm_up import first_clicks_in_background
    from dashboard.views.data import load_app_data

    return first_clicks_in_background(load_app_data())


def on_starting(server: Arbiter) -> None:
    """Warm the app up in the master, before the port opens and the workers fork.

    Then move every object to the garbage collector's permanent generation: collections
    in the workers no longer write to the pages they share with the master (copy-on-
    write would copy them), as the documentation of :func:`gc.freeze` advises.
    """
    server.log.info("Cartocoord prêt : %s", warm_up_app(server.app.wsgi()))
    gc.collect()
    gc.freeze()


def post_worker_init(_worker: Worker) -> None:
    """Warm the caches the first clicks use, per worker, while it already serves.

    Done after the fork, not in the master: delaying the port by this second would
    delay every first map; these results are small, so sharing them saves little.
    """
    warm_up_worker()
