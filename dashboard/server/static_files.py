"""Send scripts and style sheets compressed once, at a high level, not at every request.

flask-compress compresses each response as it leaves (zstd level 3 for browsers that
accept it, else gzip): right for callbacks, wasteful for the megabytes of scripts that
never change between two releases. Compressed at zstd level 19, the plotly.js geo build
is 402 kB instead of 469 kB and dash-ag-grid 509 kB instead of 614 kB; gzip at level 9
serves browsers without zstd. A level this high costs up to two seconds of CPU per file,
so it is spent once per file version and encoding, in a background thread, and the result
is kept in memory and on disk (named by the digest of the file, under the data directory,
shared by every worker and kept across restarts; one worker compresses a file, the others
wait for its copy). Until a file's copy is ready, flask-compress answers as before.

Only responses under Dash's component suites, ``/assets/`` and the GeoJSON files
(:mod:`dashboard.server.geo_routes`) are concerned; the hook runs before
flask-compress's, which leaves alone a response that already has an encoding.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import queue
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from backports import zstd
from flask import Flask, Response, request

from geodata.config import LOCAL_DATA_DIR

#: Encodings offered, by preference, and how to produce each.
COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    "zstd": lambda body: zstd.compress(body, 19),
    "gzip": lambda body: gzip.compress(body, 9, mtime=0),
}
COMPRESSIBLE = frozenset({"application/javascript", "text/javascript", "text/css",
                          "application/json", "image/svg+xml"})
#: Static paths, after Dash's path prefix.
STATIC_PATHS = ("_dash-component-suites/", "assets/")
#: Smaller files are sent as they are (flask-compress's own threshold).
MIN_SIZE = 500
CACHE_DIR = LOCAL_DATA_DIR / "compressed"
#: Seconds after which another worker's claim to compress a file is deemed abandoned.
STALE_CLAIM_S = 300


class CompressedFiles:
    """Compressed copies of static files, by digest of their content and encoding.

    :meth:`get` never compresses in the caller's thread: a missing copy is queued for
    the background thread and ``None`` returned. :meth:`compress` does it at once
    (warm-up, tests).
    """

    def __init__(self, folder: Path | None = CACHE_DIR) -> None:
        self.folder = folder
        self._memory: dict[tuple[str, str], bytes] = {}
        self._queued: set[tuple[str, str]] = set()
        self._lock = threading.Lock()
        self._queue: queue.Queue[tuple[str, str, bytes]] = queue.Queue()
        self._worker: threading.Thread | None = None

    @staticmethod
    def digest(body: bytes) -> str:
        """Name of a file's content."""
        return hashlib.blake2b(body, digest_size=12).hexdigest()

    def get(self, body: bytes, encoding: str) -> bytes | None:
        """Return the compressed copy if ready, else None (and queue the copy)."""
        key = (self.digest(body), encoding)
        found = self._memory.get(key) or self._read(key)
        if found is None:
            self._enqueue(key, body)
        return found

    def compress(self, body: bytes, encoding: str) -> bytes:
        """Return the compressed copy, made now if needed."""
        key = (self.digest(body), encoding)
        found = self._memory.get(key) or self._read(key)
        return found if found is not None else self._store(key, body)

    def wait(self) -> None:
        """Block until every queued file is compressed (benchmarks and tests)."""
        self._queue.join()

    def _path(self, key: tuple[str, str]) -> Path | None:
        return None if self.folder is None else self.folder / f"{key[0]}.{key[1]}"

    def _read(self, key: tuple[str, str]) -> bytes | None:
        path = self._path(key)
        try:
            found = path.read_bytes() if path is not None else None
        except OSError:
            return None
        if found is not None:
            self._memory[key] = found
        return found

    def _store(self, key: tuple[str, str], body: bytes) -> bytes:
        compressed = COMPRESSORS[key[1]](body)
        self._memory[key] = compressed
        path = self._path(key)
        if path is not None:
            try:  # written whole then renamed: another worker never reads half a file
                path.parent.mkdir(parents=True, exist_ok=True)
                with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as file:
                    file.write(compressed)
                os.replace(file.name, path)
            except OSError:
                pass  # a read-only disk: the copy stays in this process's memory
        return compressed

    def _enqueue(self, key: tuple[str, str], body: bytes) -> None:
        with self._lock:
            if key in self._queued:
                return
            self._queued.add(key)
            if self._worker is None:  # started on first use: after gunicorn's fork
                self._worker = threading.Thread(target=self._run, daemon=True,
                                                name="cartocoord-compress")
                self._worker.start()
        self._queue.put((*key, body))

    def _run(self) -> None:
        while True:
            digest, encoding, body = self._queue.get()
            key = (digest, encoding)
            try:
                if self._read(key) is None and self._claim(key):
                    try:
                        self._store(key, body)
                    finally:
                        self._release(key)
            finally:
                self._queue.task_done()

    def _claim(self, key: tuple[str, str]) -> bool:
        """Tell whether this process compresses the file: not if another worker does.

        The other's copy will be on disk, where :meth:`get` finds it. A claim older than
        :data:`STALE_CLAIM_S` (a worker killed while compressing) no longer counts.
        """
        path = self._path(key)
        if path is None:
            return True
        claim = path.with_suffix(path.suffix + ".lock")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if claim.exists() and time.time() - claim.stat().st_mtime > STALE_CLAIM_S:
                claim.unlink(missing_ok=True)
            os.close(os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return False
        except OSError:
            return True  # no writable disk: this process keeps its own copy
        return True

    def _release(self, key: tuple[str, str]) -> None:
        path = self._path(key)
        if path is not None:
            path.with_suffix(path.suffix + ".lock").unlink(missing_ok=True)


def accepted_encoding(accept: str) -> str | None:
    """Return the first encoding of :data:`COMPRESSORS` that ``Accept-Encoding`` allows."""
    offered = {part.split(";")[0].strip(): part for part in accept.lower().split(",")}
    for encoding in COMPRESSORS:
        if encoding in offered and "q=0" not in offered[encoding].replace(" ", ""):
            return encoding
    return None


def register_static_compression(server: Flask, prefix: str = "/",
                                files: CompressedFiles | None = None,
                                others: tuple[str, ...] = ()) -> CompressedFiles:
    """Serve the static responses of ``server`` from :class:`CompressedFiles`.

    ``prefix``: Dash's path prefix; ``others``: more paths whose responses never change
    (the GeoJSON files under their versioned URLs).
    """
    files = CompressedFiles() if files is None else files
    static = (*(f"{prefix}{path}" for path in STATIC_PATHS), *others)

    @server.after_request
    def send_compressed(response: Response) -> Response:
        encoding = accepted_encoding(request.headers.get("Accept-Encoding", ""))
        if (encoding is None or request.method != "GET" or response.status_code != 200
                or "Content-Encoding" in response.headers
                or response.mimetype not in COMPRESSIBLE
                or not request.path.startswith(static)):
            return response
        response.direct_passthrough = False
        body = response.get_data()
        compressed = files.get(body, encoding) if len(body) >= MIN_SIZE else None
        if compressed is None:
            return response
        response.set_data(compressed)
        response.headers["Content-Encoding"] = encoding
        response.vary.add("Accept-Encoding")
        response.set_etag(f"{files.digest(body)}-{encoding}")
        return response.make_conditional(request)

    return files
