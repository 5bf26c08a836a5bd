"""The map page says that a user's indicator stays in their session: links never carry it."""

from __future__ import annotations

import flask
import pandas as pd
import pytest

from dashboard.callbacks.map import offer_mesh
from dashboard.callbacks.user_indicators import list_indicators
from dashboard.export.session import SESSION_KEY
from dashboard.server.app_factory import create_app
from geodata.observations.indicators import user_indicator
from geodata.observations.session_indicators import session_indicators
from geodata.observations.user_indicators import UserIndicators

CODE = "u-patients"


@pytest.fixture(scope="module")
def server():
    return create_app().server


@pytest.fixture(scope="module")
def key():
    indicator = user_indicator(CODE, "p.csv", 0, label="Vos observations : Patients",
                               source="Source : fichier « p.csv », importé le 05/12/2026")
    values = pd.DataFrame({CODE: [3.0]}, index=pd.Index(["93066"], name="code"))
    return session_indicators().save(UserIndicators((indicator,), values, None, "p.csv",
                                                    "2026-12-05"))


def store(search: str) -> dict:
    return {"pathname": "/", "search": search}


def test_the_importing_session_lists_it_and_is_told_links_do_not_carry_it(server, key) -> None:
    with server.test_request_context("/"):
        flask.session[SESSION_KEY] = key
        options = list_indicators(key)
        note = offer_mesh(store(f"?ind={CODE}"), f"?ind={CODE}")[-1]
    assert options[-1] == {"label": "Vos observations : Patients", "value": CODE}
    assert "n'existe que dans votre session" in note


def test_a_link_from_another_session_says_why_the_default_is_shown(server, key) -> None:
    with server.test_request_context("/"):
        assert CODE not in [option["value"] for option in list_indicators(None)]
        note = offer_mesh(store("?ind=MED21"), f"?ind={CODE}")[-1]
        assert "importé dans une autre session (« u-patients »)" in note
        assert offer_mesh(store("?ind=MED21"), "?ind=MED21")[-1] == ""
