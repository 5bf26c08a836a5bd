"""One Chromium for every static export of the process, started on first use.

The page is composed as SVG in Python (:mod:`dashboard.export.page`); Chromium only
turns it into files, through the DevTools protocol: ``Page.printToPDF`` for PDF (exact
paper sizes, no margins, fonts embedded, many pages and HTML tables in one document) and
``Page.captureScreenshot`` for PNG (any pixel size, transparent if asked).

Chromium is driven by choreographer, the browser controller kaleido is built on, over
pipes (no port opened). A :class:`Renderer` owns an asyncio loop in a daemon thread and
one browser; calls are serialised by a lock, bounded by timeouts, and a browser that died
or hung is closed and started again by the next call. Documents are loaded from a
temporary file and are self-contained: nothing is fetched.

The browser's profile lives in a folder the renderer removes itself once Chromium has
exited (retrying while its helper processes finish writing), and choreographer's own
logging is kept quiet: its harmless messages (a profile folder « not empty » at exit, an
unreadable message it ignores) otherwise print tracebacks after successful exports.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import choreographer
from choreographer.errors import BrowserClosedError, BrowserFailedError, ChromeNotFoundError

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
)
from dashboard.export.errors import ExportError, ExportTimeout, ExportUnavailable

_logger = logging.getLogger(__name__)
T = TypeVar("T")
#: Errors meaning the browser is gone: start a new one on the next call.
_BROWSER_ERRORS = (BrowserClosedError, BrowserFailedError, ChromeNotFoundError)
#: Loggers of the browser controller: only their critical messages are shown.
QUIET_LOGGERS = ("choreographer", "logistro", "browser_proc")
#: Attempts, and pause between them (seconds), to remove the profile folder.
PROFILE_REMOVAL = (10, 0.1)
#: Wait for the page's fonts before printing or capturing it.
FONTS_READY = "document.fonts.ready.then(() => document.fonts.size)"

for _name in QUIET_LOGGERS:
    logging.getLogger(_name).setLevel(logging.CRITICAL)


class Renderer:
    """Print and capture HTML documents with one Chromium, one call at a time.

    Parameters
    ----------
    chromium : Path
        Chromium executable; if missing, calls raise :class:`ExportUnavailable` and
        nothing else of the app is affected.
    timeout : float
        Seconds allowed for one document before :class:`ExportTimeout`.
    """

    def __init__(self, chromium: Path = CHROMIUM_PATH, *,
                 timeout: float = RENDER_TIMEOUT_S) -> None:
        self.chromium = Path(chromium)
        self.timeout = timeout
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._browser: choreographer.Browser | None = None
        self._tab: Any = None
        self._profile: Path | None = None
        atexit.register(self.close)

    @property
    def available(self) -> bool:
        """True when the Chromium executable is there (it may still fail to start)."""
        return os.access(self.chromium, os.X_OK)

    @property
    def running(self) -> bool:
        """True while a Chromium is open."""
        return self._browser is not None

    def print_pdf(self, document: str, size_mm: tuple[float, float]) -> bytes:
        """Print an HTML document to PDF on pages of ``size_mm``, without margins."""
        width, height = (side / MM_PER_INCH for side in size_mm)
        params = {"paperWidth": width, "paperHeight": height, "marginTop": 0,
                  "marginBottom": 0, "marginLeft": 0, "marginRight": 0,
                  "printBackground": True, "preferCSSPageSize": True}
        return self._with_document(document, None, lambda tab: tab.send_command(
            "Page.printToPDF", params=params))

    def screenshot(self, document: str, size: tuple[float, float], pixels: tuple[int, int],
                   *, transparent: bool = False) -> bytes:
        """Capture the top-left ``size`` (CSS pixels) of a document as a PNG of ``pixels``.

        The page is drawn at the scale that maps ``size`` onto ``pixels``, so text and
        lines are sharp at any resolution; ``transparent`` keeps what the document does
        not paint transparent. The PNG is compressed for speed (a quarter faster at
        300 dpi, a file a third larger): encoding dominates the capture of a large page.
        """
        scale = pixels[0] / size[0]
        clip = {"x": 0, "y": 0, "width": size[0], "height": pixels[1] / scale, "scale": scale}
        viewport = (round(size[0]) + 1, round(size[1]) + 1, transparent)
        return self._with_document(document, viewport, lambda tab: tab.send_command(
            "Page.captureScreenshot", params={"format": "png", "clip": clip,
                                              "captureBeyondViewport": True,
                                              "optimizeForSpeed": True}))

    def close(self) -> None:
        """Close Chromium (started again by the next call)."""
        with self._lock:
            self._stop()

    # --- Inside the lock ---------------------------------------------------------------------

    def _with_document(self, document: str, viewport: tuple[int, int, bool] | None,
                       command: Callable[[Any], Awaitable[dict]]) -> bytes:
        """Load ``document`` (viewport and background set first), run ``command`` on it."""
        with tempfile.TemporaryDirectory(prefix="cartocoord-") as folder:
            page = Path(folder) / "page.html"
            page.write_text(document, encoding="utf-8")
            response = self._call(lambda: self._load_and_run(page.as_uri(), viewport, command))
        return base64.b64decode(response["result"]["data"])

    def _call(self, work: Callable[[], Awaitable[T]]) -> T:
        if not self._lock.acquire(timeout=QUEUE_TIMEOUT_S):
            raise ExportTimeout(ERROR_BUSY)
        try:
            self._start()
            future = asyncio.run_coroutine_threadsafe(work(), self._loop)
            try:
                return future.result(timeout=self.timeout)
            except TimeoutError:
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
                self._stop()
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
        self._profile = Path(tempfile.mkdtemp(prefix="cartocoord-chromium-"))

        async def open_browser() -> choreographer.Browser:
            browser = choreographer.Browser(path=str(self.chromium), headless=True,
                                            tmp_dir=str(self._profile))
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
        loop, browser, profile = self._loop, self._browser, self._profile
        self._browser = self._loop = self._tab = self._profile = None
        if loop is not None:
            try:
                asyncio.run_coroutine_threadsafe(_shutdown(browser), loop).result(
                    timeout=START_TIMEOUT_S)
            except Exception:  # the browser may already be dead: nothing left to do
                _logger.warning("Chromium did not close cleanly", exc_info=True)
            loop.call_soon_threadsafe(loop.stop)
        if profile is not None:
            _remove(profile)

    async def _load_and_run(self, url: str, viewport: tuple[int, int, bool] | None,
                            command: Callable[[Any], Awaitable[dict]]) -> dict:
        """Load ``url`` in the tab kept for exports, wait for its fonts, run ``command``."""
        if self._tab is None:
            tab = await self._browser.create_tab("")
            _check(await tab.send_command("Page.enable"))
            self._tab = tab
        tab = self._tab
        if viewport is not None:
            width, height, transparent = viewport
            _check(await tab.send_command("Emulation.setDeviceMetricsOverride", params={
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}))
            background = {"color": {"r": 0, "g": 0, "b": 0, "a": 0}} if transparent else {}
            _check(await tab.send_command("Emulation.setDefaultBackgroundColorOverride",
                                          params=background))
        loaded = tab.subscribe_once("Page.loadEventFired")
        while loaded.done():  # drop events of earlier pages
            loaded = tab.subscribe_once("Page.loadEventFired")
        _check(await tab.send_command("Page.navigate", params={"url": url}))
        await loaded
        _check(await tab.send_command("Runtime.evaluate", params={
            "expression": FONTS_READY, "awaitPromise": True}))
        return _check(await command(tab))


async def _shutdown(browser: choreographer.Browser | None) -> None:
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


def _remove(folder: Path) -> None:
    """Remove the profile folder, retrying while Chromium's helpers still write in it."""
    attempts, pause = PROFILE_REMOVAL
    for _ in range(attempts):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(pause)
    _logger.warning("Chromium's profile %s could not be removed", folder)


def _check(response: dict) -> dict:
    """Return a DevTools response, or raise ExportError if it reports an error."""
    if "error" in response:
        raise ExportError(ERROR_RENDER.format(detail=response["error"].get("message", "")))
    return response


@cache
def get_renderer() -> Renderer:
    """Return the renderer shared by the process (Chromium starts on its first export)."""
    return Renderer()
