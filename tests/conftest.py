"""Fixtures shared by the whole test suite."""

from __future__ import annotations

import atexit
import copy
import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import dash._callback
import pytest

# The zonings come from a versioned store (geodata.store): every test run, and every
# command a test starts as a subprocess, gets a fresh one seeded with the demonstration
# set, never the developer's .data/cartocoord.sqlite3 nor a DATABASE_URL.
_STORE_DIR = tempfile.mkdtemp(prefix="cartocoord-test-store-")
atexit.register(shutil.rmtree, _STORE_DIR, ignore_errors=True)
os.environ["CARTOCOORD_STORE_FILE"] = os.path.join(_STORE_DIR, "cartocoord.sqlite3")
os.environ.pop("DATABASE_URL", None)
# Every test and browser test talks from 127.0.0.1: the per-address export rate is for
# the tests of dashboard/server/limits.py to set.
os.environ["CARTOCOORD_EXPORT_RATE"] = "100000"

import dashboard.callbacks  # noqa: E402, F401  (registers the app's callbacks, the baseline below)

# ``@dash.callback`` registers into these module-level collections; the first request
# to a Dash app moves their content into that app and empties them. Tests therefore
# start each from the app's own callbacks, whatever earlier tests built or declared.
_REGISTRY_NAMES = (
    "GLOBAL_CALLBACK_LIST",
    "GLOBAL_CALLBACK_MAP",
    "GLOBAL_INLINE_SCRIPTS",
    "GLOBAL_API_PATHS",
)
_BASELINE: dict[str, Any] = {
    name: copy.deepcopy(getattr(dash._callback, name)) for name in _REGISTRY_NAMES
}


def _restore_callback_registry() -> None:
    """Put back, in place, the callbacks registered by importing ``dashboard.callbacks``."""
    for name, saved in _BASELINE.items():
        registry = getattr(dash._callback, name)
        registry.clear()
        if isinstance(registry, dict):
            registry.update(copy.deepcopy(saved))
        else:
            registry.extend(copy.deepcopy(saved))


@pytest.fixture(autouse=True)
def reset_callback_registry() -> Iterator[None]:
    """Reset Dash's global callback registry before and after every test."""
    _restore_callback_registry()
    yield
    _restore_callback_registry()
