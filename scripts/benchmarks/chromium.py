"""Headless Chromium for the browser benchmark: the browser the tests use, and its network log.

Selenium (dash[testing]'s) drives Debian's Chromium and the chromedriver on ``PATH``, with
the DevTools performance log on, so that every request, the bytes it took on the wire
(headers and compressed body) and its decoded size can be read back.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM = os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")
#: As tests/e2e/conftest.py, plus headless: nothing but the app talks to the network.
ARGUMENTS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--lang=fr-FR", "--disable-background-networking", "--disable-component-update",
    "--disable-default-apps", "--disable-domain-reliability", "--disable-sync",
    "--no-first-run", "--disable-extensions",
)
#: The viewport of the browser tests: the smallest screen the dashboard supports.
VIEWPORT = (1280, 720)


def chromium(probe: str | None = None) -> WebDriver:
    """Start headless Chromium, cache empty, ``probe`` run before any script of each page."""
    options = Options()
    options.binary_location = CHROMIUM
    for argument in ARGUMENTS:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options)
    width, height = VIEWPORT
    driver.set_window_size(width, height)  # the window counts a frame, even headless
    frame_width, frame_height = driver.execute_script(
        "return [outerWidth - innerWidth, outerHeight - innerHeight];")
    driver.set_window_size(width + frame_width, height + frame_height)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    if probe:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": probe})
    return driver


@dataclass
class Request:
    """One request of the page, as DevTools saw it."""

    url: str
    type: str = ""
    transferred: int = 0  # headers and body as sent, compressed
    started: float = 0.0
    finished: float = 0.0
    post: str = ""


@dataclass
class NetworkLog:
    """Requests read from Chromium's performance log, by DevTools request id."""

    requests: dict[str, Request] = field(default_factory=dict)

    def drain(self, driver: WebDriver) -> None:
        """Read the entries logged since the last call (reading empties the log)."""
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            method, params = message.get("method", ""), message.get("params", {})
            request_id = params.get("requestId")
            if method == "Network.requestWillBeSent":
                self.requests[request_id] = Request(
                    params["request"]["url"], params.get("type", ""),
                    started=params["timestamp"], post=params["request"].get("postData") or "")
            elif request_id in self.requests:
                request = self.requests[request_id]
                if method == "Network.responseReceived":
                    request.type = params.get("type", request.type)
                elif method == "Network.loadingFinished":
                    request.transferred = int(params.get("encodedDataLength", 0))
                    request.finished = params["timestamp"]
                elif method == "Network.loadingFailed":
                    request.finished = params["timestamp"]

    def pending(self) -> int:
        """Count the requests not finished yet."""
        return sum(1 for request in self.requests.values() if not request.finished)

    def clear(self, driver: WebDriver) -> None:
        """Forget every request so far."""
        self.drain(driver)
        self.requests.clear()

    def transferred(self, kind: str | None = None) -> int:
        """Bytes on the wire, of every request or of one DevTools type ("Script"…)."""
        return sum(request.transferred for request in self.requests.values()
                   if kind is None or request.type == kind)

    def callbacks(self) -> list[Request]:
        """List the Dash callback requests, in the order they left."""
        return sorted((request for request in self.requests.values()
                       if "_dash-update-component" in request.url),
                      key=lambda request: request.started)

    def waves(self) -> int:
        """Count the waves of callbacks: each waits for an answer of the previous one."""
        count, answered = 0, None
        for request in self.callbacks():
            if answered is None or request.started >= answered:
                count += 1
                answered = request.finished
            else:
                answered = max(answered, request.finished)
        return count


def wait_until(predicate: Callable[[], bool], timeout: float = 60.0,
               poll: float = 0.02) -> None:
    """Poll ``predicate`` until it is true; raise TimeoutError after ``timeout`` seconds."""
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("the page never got there")
        time.sleep(poll)


def wait_quiet(driver: WebDriver, log: NetworkLog, quiet: float = 1.0,
               timeout: float = 60.0) -> None:
    """Wait until no request has started or was pending for ``quiet`` seconds."""
    deadline = time.perf_counter() + timeout
    count, changed = -1, time.perf_counter()
    while time.perf_counter() < deadline:
        log.drain(driver)
        if len(log.requests) != count or log.pending():
            count, changed = len(log.requests), time.perf_counter()
        elif time.perf_counter() - changed >= quiet:
            return
        time.sleep(0.05)
    raise TimeoutError(f"the network never went quiet ({log.pending()} pending)")
