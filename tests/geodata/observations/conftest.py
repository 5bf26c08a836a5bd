"""Fixtures of the observation tests."""

from __future__ import annotations

import pytest

from geodata.observations.filosofi import load_filosofi

from .support import MINI_FILOSOFI, mini_units


@pytest.fixture()
def table():
    return load_filosofi(mini_units(["75101", "75102", "93066", "77001"]), path=MINI_FILOSOFI)
