"""The servers the browser benchmark drives: this tree's app, and a baseline's, as users run it.

``dev`` is ``make run`` (``python app.py``, Werkzeug); ``gunicorn`` the production server
(``gunicorn -c gunicorn.conf.py app:server``, its warm-up included). The baseline is the
same app at another commit, checked out in a temporary git worktree that shares this
tree's virtual environment, so that both run on the same machine, in the same minutes.
Each server listens on a port the system says is free, and is warmed before it is
measured: every page opened once, and the scripts it compresses once ready.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
#: Main just before the browser work of issue 15: full plotly.js, every page built.
BASELINE_REF = "db0651c"
#: Pages opened to warm a server up.
PAGES = ("/", "/panorama", "/heterogeneite", "/zones-blanches", "/harmonisation", "/donnees")
START_TIMEOUT_S = 120
WARM_TIMEOUT_S = 300


def free_port() -> int:
    """Return a port of 127.0.0.1 that nothing listens on (the system picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def baseline_tree(ref: str) -> Iterator[Path]:
    """Check ``ref`` out in a temporary worktree sharing this tree's virtual environment."""
    folder = Path(tempfile.mkdtemp(prefix="cartocoord-baseline-"))
    subprocess.run(["git", "-C", str(PROJECT_DIR), "worktree", "add", "--detach", "--force",
                    str(folder), ref], check=True, capture_output=True)
    try:
        (folder / ".venv").symlink_to((PROJECT_DIR / ".venv").resolve())
        yield folder
    finally:
        subprocess.run(["git", "-C", str(PROJECT_DIR), "worktree", "remove", "--force",
                        str(folder)], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


@contextmanager
def serve(tree: Path, server: str) -> Iterator[str]:
    """Run the app of ``tree`` with ``server`` ("dev" or "gunicorn"); yield its base URL."""
    port = free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "PYTHONPATH": str(tree)}
    python = str(tree / ".venv" / "bin" / "python")
    command = ([python, "app.py"] if server == "dev" else
               [python, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"])
    process = subprocess.Popen(command, cwd=tree, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + START_TIMEOUT_S
        while True:
            try:
                _get(base + "/")
                break
            except OSError:
                if process.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"{server} server of {tree} did not start") from None
                time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def scripts_ready(base: str) -> bool:
    """Tell whether the scripts of the pages come compressed once at a high level.

    Those copies carry an ETag ending in ``-zstd`` (:mod:`dashboard.server.static_files`);
    files too small to compress come as they are. Checked: the page's scripts and
    plotly.js (the grid's bundle is queued after them, while the pages are opened).
    """
    _, _, page = _get(base + "/")
    sources = [*re.findall(rb'<script[^>]+src="([^"]+)"', page),
               b"/_dash-component-suites/plotly/package_data/plotly.min.js"]
    for source in sources:
        _, headers, _ = _get(base + source.decode(), {"Accept-Encoding": "zstd"})
        if "Content-Encoding" in headers and not headers.get("ETag", "").endswith('-zstd"'):
            return False
    return True


def warm(base: str, tree: Path, open_page) -> None:
    """Open every page once (``open_page(url)``), then wait until its scripts are ready.

    A tree without the static compression once (the baseline) is ready at once.
    """
    for path in PAGES:
        open_page(base + path)
    if not (tree / "dashboard/server/static_files.py").exists():
        return
    deadline = time.time() + WARM_TIMEOUT_S
    while not scripts_ready(base):
        if time.time() > deadline:
            print("warning: scripts still being compressed", file=sys.stderr)
            return
        time.sleep(2)
