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


#: What a Dash callback request says fired it, and a response of one what it sets.
CALLBACK_PATH = "_dash-update-component"


@dataclass
class Request:
    """One request of the page, as DevTools saw it.

    For a Dash callback, ``post`` is its body (the callback's inputs, and in
    ``changedPropIds`` the properties whose change fired it) and ``answer`` the body of
    its response (what it set), read while the browser still holds it.
    """

    url: str
    type: str = ""
    transferred: int = 0  # headers and body as sent, compressed
    started: float = 0.0
    finished: float = 0.0
    post: str = ""
    answer: str = ""

    def fired_by(self) -> set[str]:
        """Return the ``id.prop`` whose change fired this callback."""
        return set(json.loads(self.post or "{}").get("changedPropIds", []))

    def input_ids(self) -> set[str]:
        """Return the ids of the components this callback reads (its inputs)."""
        found = set()
        for item in json.loads(self.post or "{}").get("inputs", []):
            for one in item if isinstance(item, list) else [item]:
                found.add(_id_text(one["id"]))
        return found

    def sets(self) -> set[str]:
        """Return the ``id.prop`` this callback's response set."""
        response = json.loads(self.answer or "{}").get("response", {})
        return {f"{_id_text(component)}.{prop}"
                for component, props in response.items() for prop in props}


def _id_text(component: str | dict) -> str:
    """Write a component id as Dash does in ``id.prop`` (a dict id as sorted, compact JSON)."""
    if isinstance(component, dict):
        return json.dumps(component, sort_keys=True, separators=(",", ":"))
    if component.startswith("{"):
        return _id_text(json.loads(component))
    return component


def _props(output: str) -> list[str]:
    """Split a Dash dependency's ``output`` (``..a.x...b.y..`` for several) into ``id.prop``."""
    return output.strip(".").split("...") if output.startswith("..") else [output]


@dataclass
class NetworkLog:
    """Requests read from Chromium's performance log, by DevTools request id."""

    requests: dict[str, Request] = field(default_factory=dict)
    #: ``id.prop`` → what the browser's own (clientside) callbacks set when it changes.
    clientside: dict[str, set[str]] = field(default_factory=dict)

    def learn_callbacks(self, driver: WebDriver) -> None:
        """Read the page's clientside callbacks: a change they pass on is no request."""
        dependencies = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch('/_dash-dependencies').then(r => r.json()).then(done, () => done([]));")
        for dependency in dependencies:
            if dependency.get("clientside_function"):
                for item in dependency["inputs"]:
                    key = f"{_id_text(item['id'])}.{item['property']}"
                    self.clientside.setdefault(key, set()).update(_props(dependency["output"]))

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
                    if CALLBACK_PATH in request.url:
                        request.answer = driver.execute_cdp_cmd(
                            "Network.getResponseBody", {"requestId": request_id})["body"]
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
                       if CALLBACK_PATH in request.url),
                      key=lambda request: request.started)

    def _passed_on(self, props: set[str]) -> set[str]:
        """Add to ``props`` what the browser's clientside callbacks set from them, in turn."""
        found, todo = set(props), list(props)
        while todo:
            for prop in self.clientside.get(todo.pop(), ()):
                if prop not in found:
                    found.add(prop)
                    todo.append(prop)
        return found

    def waves(self) -> int:
        """Count the waves of callbacks: how long the longest chain of causes is.

        A callback fired by the user (the click) is in the first wave; one fired by what an
        earlier response set (directly, or through clientside callbacks, or by putting in
        the page the component it reads) is one wave after that response's. Timings only
        order the requests (a request cannot be caused by an answer not arrived yet): a
        slow machine, spacing requests out, cannot add a wave.
        """
        answered: list[tuple[Request, set[str], int]] = []
        for request in self.callbacks():
            fired_by = request.fired_by()
            added = () if fired_by else request.input_ids()  # fired by its inputs' arrival
            causes = [wave for earlier, sets, wave in answered
                      if earlier.finished <= request.started  # an answer comes before
                      and (fired_by & sets                  # what it causes, however slow
                           or any(f'"{component}"' in earlier.answer for component in added))]
            answered.append((request, self._passed_on(request.sets()), 1 + max(causes, default=0)))
        return max((wave for *_, wave in answered), default=0)


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
