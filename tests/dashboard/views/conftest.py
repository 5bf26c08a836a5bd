"""Fixtures of the views' tests: the demonstration data of Île-de-France."""

from __future__ import annotations

import pytest

from dashboard.views.data import AppData, load_app_data


@pytest.fixture(scope="module")
def data() -> AppData:
    return load_app_data()
