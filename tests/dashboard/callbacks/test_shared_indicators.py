"""Saving a session's indicators for everyone: editors only, a version every session sees."""

from __future__ import annotations

import datetime as dt
import json

import flask
import pytest

from dashboard.callbacks.user_indicators import share_indicators
from dashboard.editing.auth import EditRefused
from dashboard.export.session import SESSION_KEY
from dashboard.layouts.main import footer
from dashboard.layouts.map_page import indicator_options
from dashboard.views import data as data_module
from dashboard.views.data import load_app_data, resolve_view
from geodata import catalog
from geodata.clock import local_today
from geodata.observations.session_indicators import session_indicators
from tests.dashboard.editing.data_page_support import editor_request, make_app, use_temporary_store
from tests.geodata.store.test_indicator_layers import imported

CODE = "p-patients-suivis--patients-suivis"


@pytest.fixture
def app(tmp_path):
    store = use_temporary_store(tmp_path)
    # The region's data is cached by store revision: another test's store may have had
    # this one's revision number.
    data_module._load_app_data.cache_clear()
    yield make_app(tmp_path), store
    catalog.use_store(None)
    data_module._load_app_data.cache_clear()


def share(dash_app, *, day: str = "30/06/2026", label: str = "Patients suivis",
          producer: str = "ORS Île-de-France", note: str = "premier envoi"):
    with editor_request(dash_app):
        flask.session[SESSION_KEY] = session_indicators().save(imported())
        return share_indicators(1, label, producer, day, note)


def test_an_editor_shares_and_every_visitor_finds_it(app) -> None:
    dash_app, store = app
    message, session = share(dash_app)
    assert "Couche « Patients suivis » enregistrée pour tous : version n° 1." in str(message)
    assert session is not None  # the selector is listed again
    (info,) = store.latest_indicator_layers("11").values()
    assert (info.editor, info.note, info.file_name) == ("alice", "premier envoi",
                                                        "patients.csv")
    data = load_app_data()
    option = next(option for option in indicator_options(data) if option["value"] == CODE)
    assert option["label"] == ("Patients suivis (Patients suivis) — ORS Île-de-France, "
                               "données au 30/06/2026")
    assert data.table.loc["93066", CODE] == 120.0
    # Its legend cites it; the footer, which names public data under its licence, does not.
    assert "ORS" not in json.dumps(footer(data).to_plotly_json(), default=str)
    # A copied link carries it; the day before it was stored, it did not exist.
    _, state = resolve_view(data, "/", f"?ind={CODE}")
    assert state.indicator == CODE
    before = (local_today() - dt.timedelta(days=1)).isoformat()
    then, state = resolve_view(data, "/", f"?ind={CODE}&date={before}")
    assert state.indicator != CODE and CODE not in then.choices.indicators
    assert CODE not in then.table.columns


def test_sharing_again_makes_a_version_and_restoring_brings_it_back(app) -> None:
    dash_app, store = app
    share(dash_app)
    share(dash_app, producer="ORS IdF", note="source corrigée")
    key = "indicateurs:patients-suivis"
    versions = store.versions("11", key)
    assert [info.number for info in versions] == [2, 1]
    assert load_app_data().indicator(CODE).source.startswith("Source : ORS IdF,")
    store.rollback(versions[-1].id, editor="alice")
    catalog.zonings_changed("11")
    assert load_app_data().indicator(CODE).source.startswith("Source : ORS Île-de-France,")


@pytest.mark.parametrize(("day", "label", "producer", "said"), [
    ("", "Patients", "ORS", "date des données"),
    ("31/02/2026", "Patients", "ORS", "date des données"),
    ("01/01/2999", "Patients", "ORS", "dans le futur"),
    ("30/06/2026", "", "ORS", "nom à la couche"),
    ("30/06/2026", "Patients", "  ", "producteur"),
])
def test_an_incomplete_declaration_stores_nothing(app, day, label, producer, said) -> None:
    dash_app, store = app
    message, session = share(dash_app, day=day, label=label, producer=producer)
    assert said in str(message) and "Rien n'est enregistré" in str(message)
    assert store.latest_indicator_layers("11") == {}


def test_a_visitor_cannot(app) -> None:
    dash_app, store = app
    with dash_app.server.test_request_context("/_dash-update-component", method="POST"):
        flask.session[SESSION_KEY] = session_indicators().save(imported())
        with pytest.raises(EditRefused):
            share_indicators(1, "Patients", "ORS", "30/06/2026", "")
    assert store.latest_indicator_layers("11") == {}


def test_nothing_imported_nothing_shared(app) -> None:
    dash_app, store = app
    with editor_request(dash_app):
        message, _ = share_indicators(1, "Patients", "ORS", "30/06/2026", "")
    assert "Aucun indicateur importé" in str(message)
    assert store.latest_indicator_layers("11") == {}
