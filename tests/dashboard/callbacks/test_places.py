"""Sharing the session's list of places: editors only, as a new version in the store."""

from __future__ import annotations

import flask
import pytest

from dashboard.callbacks.places import share_places
from dashboard.editing.auth import EditRefused
from dashboard.export.places import SESSION_KEY
from geodata import catalog
from geodata.observations.session_layers import session_layers
from tests.dashboard.editing.data_page_support import editor_request, make_app, use_temporary_store
from tests.geodata.store.test_place_layers import make_layer


@pytest.fixture
def app(tmp_path):
    store = use_temporary_store(tmp_path)
    yield make_app(tmp_path), store
    catalog.use_store(None)


def test_an_editor_shares_the_list(app) -> None:
    dash_app, store = app
    key = session_layers().save(make_layer(label="Permanences"))
    with editor_request(dash_app):
        flask.session[SESSION_KEY] = key
        message, options, style = share_places(1)
    assert style == {}
    assert "Couche « Permanences » enregistrée pour tous : version n° 1." in str(message)
    (info,) = store.latest_place_layers("11").values()
    assert (info.editor, info.members) == ("alice", 2)
    assert options == [{"label": "Permanences", "value": "lieux:lieux-acces"}]


def test_a_visitor_cannot(app) -> None:
    dash_app, store = app
    with dash_app.server.test_request_context("/_dash-update-component", method="POST"):
        flask.session[SESSION_KEY] = session_layers().save(make_layer())
        with pytest.raises(EditRefused):
            share_places(1)
    assert store.latest_place_layers("11") == {}


def test_nothing_to_share(app) -> None:
    dash_app, store = app
    with editor_request(dash_app):
        message, options, _ = share_places(1)
    assert "Aucune couche importée" in str(message)
    assert store.latest_place_layers("11") == {}
