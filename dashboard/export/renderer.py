"""One Chromium for every static export of the process, started on first use.

kaleido renders plotly figures (PNG, SVG) in a local Chromium; the same browser prints
HTML pages to PDF through the DevTools protocol (``Page.printToPDF``), which gives exact
paper sizes without margins and lets the atlas put many pages and real HTML tables in
one PDF.

Why not ``kaleido.start_sync_server``: its calls share one result queue (two threads can
swap results), and when Chromium fails to start the server thread dies while callers
wait on it forever. Here a :class:`Renderer` owns an asyncio loop in a daemon thread and
a :class:`kaleido.Kaleido` opened in it; calls are serialised by a lock, bounded by
timeouts, and a browser that died or hung is closed and started again by the next call.
The topojson plotly.js asks for is read from ``assets/topojson/`` (``file://``), so
nothing is fetched from the network.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import logging
import os
import tempfile
import threading
from collections.abc import Awaitable, Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import kaleido
from kaleido.errors import BrowserClosedError, BrowserFailedError, ChromeNotFoundError

from dashboard.export.constants import (
    CHROMIUM_PATH,
    ERROR_BUSY,
    ERROR_CHROMIUM_FAILED,
    ERROR_CHROMIUM_MISSING,
    ERROR_RENDER,
    ERROR_TIMEOUT,
    MM_PER_INCH,
    QUEUE_TIMEOUT_S,
    RENDER_TIMEOUT_S,
    START_TIMEOUT_S,
    TIMEOUT_GRACE_S,
    TOPOJSON_URL,
)
from dashboard.export.errors import ExportError, ExportTimeout, ExportUnavailable

_logger = logging.getLogger(__name__)
T = TypeVar("T")
#: Errors meaning the browser is gone: start a new one on the next call.
_BROWSER_ERRORS = (BrowserClosedError, BrowserFailedError, ChromeNotFoundError)


class Renderer:
    """Render figures and print HTML with one Chromium, one call at a time.

    Parameters
    ----------
    chromium : Path
        Chromium executable; if missing, calls raise :class:`ExportUnavailable` and
        nothing else of the app is affected.
    timeout : float
        Seconds allowed for one figure or one PDF before :class:`ExportTimeout`.
    """

    def __init__(self, chromium: Path = CHROMIUM_PATH, *,
                 timeout: float = RENDER_TIMEOUT_S) -> None:
        self.chromium = Path(chromium)
        self.timeout = timeout
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._browser: kaleido.Kaleido | None = None
        self._print_tab: Any = None
        atexit.register(self.close)

    @property
    def available(self) -> bool:
        """True when the Chromium executable is there (it may still fail to start)."""
        return os.access(self.chromium, os.X_OK)

    @property
    def running(self) -> bool:
        """True while a Chromium is open."""
        return self._browser is not None

    def figure(self, figure: dict, fmt: str, width: float, height: float,
               scale: float = 1.0) -> bytes:
        """Render a plotly figure dict to PNG or SVG bytes at ``width × height × scale``."""
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        return self._call(lambda browser: browser.calc_fig(figure, opts=opts,
                                                           topojson=TOPOJSON_URL))

    def print_pdf(self, document: str, size_mm: tuple[float, float]) -> bytes:
        """Print an HTML document to PDF on pages of ``size_mm``, without margins.

        The document must be self-contained (inline SVG, styles): it is loaded from a
        temporary file and nothing is fetched.
        """
        with tempfile.TemporaryDirectory(prefix="cartocoord-") as folder:
            page = Path(folder) / "page.html"
            page.write_text(document, encoding="utf-8")
            return self._call(lambda browser: self._print(browser, page.as_uri(), size_mm))

    def close(self) -> None:
        """Close Chromium (started again by the next call)."""
        with self._lock:
            self._stop()

    # --- Inside the lock ---------------------------------------------------------------------

    def _call(self, work: Callable[[kaleido.Kaleido], Awaitable[T]]) -> T:
        if not self._lock.acquire(timeout=QUEUE_TIMEOUT_S):
            raise ExportTimeout(ERROR_BUSY)
        try:
            self._start()
            future = asyncio.run_coroutine_threadsafe(work(self._browser), self._loop)
            try:
                # kaleido gives up a render at ``timeout`` and keeps its tab usable; this
                # later bound catches anything else that hangs (printing, a dead pipe).
                return future.result(timeout=self.timeout + TIMEOUT_GRACE_S)
            except TimeoutError:
                if not future.done():
                    future.cancel()
                    self._stop()
                raise ExportTimeout(ERROR_TIMEOUT.format(seconds=self.timeout)) from None
            except _BROWSER_ERRORS as error:
                self._stop()
                raise ExportUnavailable(ERROR_CHROMIUM_FAILED.format(path=self.chromium)) \
                    from error
            except ExportError:
                raise
            except Exception as error:
                _logger.exception("Static export failed")
                raise ExportError(ERROR_RENDER.format(detail=type(error).__name__)) from error
        finally:
            self._lock.release()

    def _start(self) -> None:
        if self._browser is not None:
            return
        if not self.available:
            raise ExportUnavailable(ERROR_CHROMIUM_MISSING.format(path=self.chromium))
        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, name="cartocoord-export",
                         daemon=True).start()
        self._loop = loop

        async def open_browser() -> kaleido.Kaleido:
            browser = kaleido.Kaleido(path=str(self.chromium), mathjax=False,
                                      timeout=self.timeout)
            try:
                await browser.open()
            except BaseException:
                await browser.close()
                raise
            return browser

        try:
            self._browser = asyncio.run_coroutine_threadsafe(open_browser(), loop).result(
                timeout=START_TIMEOUT_S)
        except Exception as error:
            _logger.exception("Chromium did not start")
            self._stop()
            raise ExportUnavailable(ERROR_CHROMIUM_FAILED.format(path=self.chromium)) \
                from error

    def _stop(self) -> None:
        loop, browser = self._loop, self._browser
        self._browser = self._loop = self._print_tab = None
        if loop is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(_shutdown(browser), loop).result(
                timeout=START_TIMEOUT_S)
        except Exception:  # the browser may already be dead: nothing left to do
            _logger.warning("Chromium did not close cleanly", exc_info=True)
        loop.call_soon_threadsafe(loop.stop)

    async def _print(self, browser: kaleido.Kaleido, url: str,
                     size_mm: tuple[float, float]) -> bytes:
        """Load ``url`` in a tab kept for printing, then print it (in the loop's thread)."""
        if self._print_tab is None:
            tab = await browser.create_tab("")
            _check(await tab.send_command("Page.enable"))
            self._print_tab = tab
        tab = self._print_tab
        loaded = tab.subscribe_once("Page.loadEventFired")
        while loaded.done():  # drop events of earlier pages
            loaded = tab.subscribe_once("Page.loadEventFired")
        _check(await tab.send_command("Page.navigate", params={"url": url}))
        await loaded
        width, height = (side / MM_PER_INCH for side in size_mm)
        response = _check(await tab.send_command("Page.printToPDF", params={
            "paperWidth": width, "paperHeight": height, "marginTop": 0, "marginBottom": 0,
            "marginLeft": 0, "marginRight": 0, "printBackground": True,
            "preferCSSPageSize": True,
        }))
        return base64.b64decode(response["result"]["data"])


async def _shutdown(browser: kaleido.Kaleido | None) -> None:
    """Close the browser, then end what is left of the loop's tasks (a cancelled render)."""
    try:
        if browser is not None:
            await browser.close()
    finally:
        current = asyncio.current_task()
        pending = [task for task in asyncio.all_tasks() if task is not current]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)


def _check(response: dict) -> dict:
    """Return a DevTools response, or raise ExportError if it reports an error."""
    if "error" in response:
        raise ExportError(ERROR_RENDER.format(detail=response["error"].get("message", "")))
    return response


@cache
def get_renderer() -> Renderer:
    """Return the renderer shared by the process (Chromium starts on its first export)."""
    return Renderer()
