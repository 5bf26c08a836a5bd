"""Fixtures of the export tests: the bundled region and one Chromium for the session.

Tests that render (PDF, PNG, SVG, atlas, the interactive map in a browser) take the
``renderer`` or ``chromium`` fixture and are skipped, with the reason, when Chromium is
missing; everything else runs without a browser.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from dashboard.export.constants import CHROMIUM_PATH
from dashboard.export.renderer import Renderer, get_renderer
from dashboard.views.data import AppData, load_app_data

NO_CHROMIUM = (f"Chromium is missing ({CHROMIUM_PATH}): run `make test`, which installs it, "
               "or `apt-get install chromium`")


@pytest.fixture(scope="session")
def data() -> AppData:
    return load_app_data()


@pytest.fixture(scope="session")
def chromium() -> str:
    if not os.access(CHROMIUM_PATH, os.X_OK):
        pytest.skip(NO_CHROMIUM)
    return str(CHROMIUM_PATH)


@pytest.fixture(scope="session")
def renderer(chromium: str) -> Iterator[Renderer]:
    """The process-wide renderer: one Chromium for every test (and for the CLI tests)."""
    renderer = get_renderer()
    yield renderer
    renderer.close()
