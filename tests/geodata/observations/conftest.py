"""Fixtures of the observation tests."""

from __future__ import annotations

import pytest

from geodata import base
from geodata.observations.filosofi import load_filosofi

from .support import MINI_FILOSOFI, mini_units


@pytest.fixture()
def table():
    return load_filosofi(mini_units(["75101", "75102", "93066", "77001"]), path=MINI_FILOSOFI)


@pytest.fixture(scope="module")
def units():
    """The built region's units (users' files are read against them)."""
    return base.load_units("11")


@pytest.fixture(scope="module")
def aliases():
    """The built region's code history."""
    return base.load_code_aliases("11")
