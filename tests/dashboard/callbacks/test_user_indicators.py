"""A user's indicators are listed in their session only; links never carry them."""

from __future__ import annotations

import flask
import pandas as pd
import pytest

from dashboard.callbacks.common import current_view
from dashboard.export.session import SESSION_KEY
from dashboard.layouts.map_page import indicator_options
from dashboard.server.app_factory import create_app
from dashboard.views.user_indicators import indicator_note
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


def options() -> list[dict]:
    """The indicator selector's options, as the panels' callback lists them."""
    return indicator_options(current_view({"pathname": "/", "search": ""})[0])


def note(search: str, loaded: str) -> str:
    """What the map page says of the indicator of the view ``search``, loaded by ``loaded``."""
    return indicator_note(*current_view({"pathname": "/", "search": search}), loaded)


def test_the_importing_session_lists_it_and_is_told_links_do_not_carry_it(server, key) -> None:
    with server.test_request_context("/"):
        flask.session[SESSION_KEY] = key
        listed = options()
        said = note(f"?ind={CODE}", f"?ind={CODE}")
    assert listed[-1] == {"label": "Vos observations : Patients", "value": CODE}
    assert "n'existe que dans votre session" in said


def test_a_link_from_another_session_says_why_the_default_is_shown(server, key) -> None:
    with server.test_request_context("/"):
        assert CODE not in [option["value"] for option in options()]
        assert "importé dans une autre session (« u-patients »)" in note("?ind=MED21",
                                                                           f"?ind={CODE}")
        assert note("?ind=MED21", "?ind=MED21") == ""
