"""Limits checked before any work: request bodies, exports, and French error pages.

* **Bodies.** Visitors need no account, so whatever they send is bounded small: a POST
  from anyone but a logged-in editor may carry :data:`VISITOR_BODY_BYTES` (a callback's
  JSON, a slideshow file); only editors may send an import file
  (``MAX_CONTENT_LENGTH``, from ``CARTOCOORD_MAX_UPLOAD_MB``). The declared
  ``Content-Length`` is checked before anything reads the body, and the same limit is
  set on the request's stream, so a body without a length (chunked) is cut off there.
* **Exports.** A static export holds a thread and a Chromium for about a second: each
  worker renders at most :data:`EXPORT_SLOTS` at once and lets :data:`EXPORT_QUEUE`
  more wait; beyond that, and beyond :data:`EXPORT_RATE` exports per address and
  minute (counted in the store, for every worker), the answer is an immediate 429 with
  ``Retry-After``, and the rest of the app keeps its threads.
* **Refusals in French.** 400, 403, 404, 405, 413 and 429 answer a short French page (or
  the French sentence alone, for the page's own requests), never Werkzeug's English one.
"""

from __future__ import annotations

import html
import math
import os
import threading
import time
from collections.abc import Mapping

import flask
from flask_login import current_user
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge, TooManyRequests

from dashboard import strings
from geodata import catalog
from geodata.intake import UploadLimits
from geodata.zonings.messages import fmt_size

#: Largest body a visitor may send (a slideshow file is at most 200 kB, in base64).
VISITOR_BODY_BYTES = 1024**2
#: Exports one worker renders at once, and how many more may wait for their turn: a
#: waiting export holds one of the worker's 4 threads (gunicorn.conf.py), so that at
#: least two stay free for the pages (measured with scripts/loadtest.py --storm).
EXPORT_SLOTS, EXPORT_QUEUE = 1, 1
#: Longest wait in the queue (seconds) before giving up with a 429.
EXPORT_WAIT = 20.0
#: Exports per address over :data:`EXPORT_WINDOW` seconds.
EXPORT_RATE, EXPORT_WINDOW = 12, 60.0
EXPORT_PREFIX = "/export/"
EXPORT_BUCKET = "export"
#: French pages of the refusals, by status.
ERROR_TEXTS = {
    400: strings.ERROR_BAD_REQUEST,
    403: strings.ERROR_FORBIDDEN,
    404: strings.ERROR_NOT_FOUND,
    405: strings.ERROR_BAD_REQUEST,
    413: strings.ERROR_TOO_LARGE,
    429: strings.ERROR_BUSY,
}


class ExportQueue:
    """At most ``slots`` exports at once in this process, ``queue`` more waiting."""

    def __init__(self, slots: int = EXPORT_SLOTS, queue: int = EXPORT_QUEUE,
                 wait: float = EXPORT_WAIT) -> None:
        self._running = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self._admitted = 0
        self.capacity, self.wait = slots + queue, wait

    def enter(self) -> bool:
        """Take a place (waiting for a slot if needed); False when full or too long."""
        with self._lock:
            if self._admitted >= self.capacity:
                return False
            self._admitted += 1
        if self._running.acquire(timeout=self.wait):
            return True
        with self._lock:
            self._admitted -= 1
        return False

    def leave(self) -> None:
        """Give the slot back."""
        self._running.release()
        with self._lock:
            self._admitted -= 1


def export_settings(environ: Mapping[str, str] | None = None) -> tuple[int, int]:
    """Return how many exports a worker runs at once, and an address may ask per minute.

    ``CARTOCOORD_EXPORT_SLOTS`` and ``CARTOCOORD_EXPORT_RATE`` override the defaults.
    """
    env = os.environ if environ is None else environ
    values = []
    for name, default in (("CARTOCOORD_EXPORT_SLOTS", EXPORT_SLOTS),
                          ("CARTOCOORD_EXPORT_RATE", EXPORT_RATE)):
        raw = env.get(name, "").strip()
        if raw and not (raw.isdigit() and int(raw) > 0):
            raise ValueError(f"{name} must be a positive whole number, got {raw!r}")
        values.append(int(raw) if raw else default)
    return values[0], values[1]


def init_limits(server: flask.Flask, queue: ExportQueue | None = None,
                rate: int | None = None) -> None:
    """Install the checks on ``server``; call it before the auth hooks, which read bodies."""
    slots, default_rate = export_settings()
    server.extensions["cartocoord_exports"] = queue or ExportQueue(slots)
    server.extensions["cartocoord_export_rate"] = rate or default_rate
    server.before_request(_limit_body)
    server.before_request(_admit_export)
    server.teardown_request(_release_export)
    for status in ERROR_TEXTS:
        server.register_error_handler(status, _french_error)


def _is_editor() -> bool:
    return "_user_id" in flask.session and current_user.is_authenticated


def _limit_body():
    """Refuse a visitor's body over the small limit before anything parses it."""
    request = flask.request
    if request.method in ("GET", "HEAD", "OPTIONS") or _is_editor():
        return None
    if request.content_length is not None:
        if request.content_length > VISITOR_BODY_BYTES:
            raise RequestEntityTooLarge()
        return None
    # No length (chunked): read at most the limit, kept for the parsers; a body that
    # goes on past it is refused (the stream raises 413 on the next byte).
    request.max_content_length = VISITOR_BODY_BYTES
    request.get_data(cache=True)
    request.stream.read(1)
    return None


def _admit_export():
    """Give an export a place in this worker's queue, within the address's rate."""
    request = flask.request
    if not request.path.startswith(EXPORT_PREFIX):
        return None
    address = request.remote_addr or "?"
    store = catalog.zoning_store()
    now = time.time()
    count, _ = store.recent_events(EXPORT_BUCKET, address, now - EXPORT_WINDOW)
    if count >= flask.current_app.extensions["cartocoord_export_rate"]:
        return _busy(strings.ERROR_EXPORT_RATE, EXPORT_WINDOW)
    if not flask.current_app.extensions["cartocoord_exports"].enter():
        return _busy(strings.ERROR_EXPORT_BUSY, 10)
    flask.g.cartocoord_export_slot = True
    store.record_event(EXPORT_BUCKET, address, at=now)
    return None


def _release_export(_error: BaseException | None) -> None:
    if flask.g.pop("cartocoord_export_slot", False):
        flask.current_app.extensions["cartocoord_exports"].leave()


def _busy(message: str, retry: float) -> flask.Response:
    response = _page(message, 429)
    response.headers["Retry-After"] = str(math.ceil(retry))
    return response


def _french_error(error: HTTPException) -> flask.Response:
    """Answer a refusal in French: a page for the browser, a sentence for the app's requests."""
    status = error.code or 400
    message = ERROR_TEXTS.get(status, strings.ERROR_BAD_REQUEST)
    if status == 413:
        message = message.format(limit=fmt_size(UploadLimits.from_env().max_bytes))
    if error.description and error.description != type(error).description:
        message = error.description  # our own French reason (a bad version id, a refusal)
    if isinstance(error, TooManyRequests):
        return _busy(message, 10)
    return _page(message, status)


def _page(message: str, status: int) -> flask.Response:
    """Answer a short French page, or its sentence alone to the page's own requests."""
    if flask.request.path.endswith("/_dash-update-component"):
        return flask.Response(message, status=status, mimetype="text/plain")
    title = html.escape(strings.ERROR_PAGE_TITLE)
    body = (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{title}'
            f'</title></head><body><h1>{title}</h1><p class="cc-refusal-text">'
            f"{html.escape(message, quote=False)}</p></body></html>\n")
    return flask.Response(body, status=status, mimetype="text/html")
