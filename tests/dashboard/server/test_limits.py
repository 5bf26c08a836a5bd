"""Limits before work (issue 16, points 4 and 7): small bodies for visitors, bounded
exports, and refusals in French."""

from __future__ import annotations

import io
import threading

import flask
import pytest

from dashboard.server import limits
from dashboard.server.app_factory import create_app
from geodata import catalog

UPDATE = "/_dash-update-component"


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture
def client(app):
    return app.server.test_client()


@pytest.fixture
def no_parsing(monkeypatch):
    """Fail the test if anything reads the request body."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("the body was read")
    monkeypatch.setattr(flask.Request, "get_data", refuse)
    monkeypatch.setattr(flask.Request, "get_json", refuse)


@pytest.fixture
def as_editor(monkeypatch):
    monkeypatch.setattr(limits, "_is_editor", lambda: True)


class TestBodies:
    def test_visitor_body_refused_from_its_length_before_parsing(self, client, no_parsing):
        response = client.post(UPDATE, data=b"{" + b" " * (2 * 1024**2) + b"}",
                               content_type="application/json")
        assert response.status_code == 413
        text = response.get_data(as_text=True)
        assert text.startswith("Envoi trop volumineux") and "éditeurs" in text
        assert "Request Entity Too Large" not in text

    def test_visitor_body_without_a_length_is_cut_off(self, client):
        body = io.BytesIO(b'{"output": "' + b"x" * (2 * 1024**2) + b'"}')
        response = client.post(UPDATE, input_stream=body, content_type="application/json",
                               headers={"Transfer-Encoding": "chunked"},
                               environ_overrides={"wsgi.input_terminated": True})
        assert response.status_code == 413
        assert "Envoi trop volumineux" in response.get_data(as_text=True)

    def test_a_normal_callback_passes(self, client):
        response = client.post(UPDATE, json={"output": "x.children", "outputs": {},
                                             "inputs": [], "state": [],
                                             "changedPropIds": []})
        assert response.status_code != 413

    def test_editors_may_send_a_file(self, client, as_editor):
        response = client.post(UPDATE, data=b"{" + b" " * (2 * 1024**2) + b"}",
                               content_type="application/json")
        assert response.status_code != 413

    def test_editor_over_the_upload_limit_gets_french(self, app, client, as_editor):
        limit = app.server.config["MAX_CONTENT_LENGTH"]
        response = client.post(UPDATE, data=b"x" * (limit + 1),
                               content_type="application/json")
        assert response.status_code == 413
        assert "Envoi trop volumineux" in response.get_data(as_text=True)


class TestExports:
    def test_queue_is_bounded(self):
        queue = limits.ExportQueue(slots=1, queue=1, wait=0.05)
        assert queue.enter()  # rendering
        waiting = threading.Thread(target=lambda: queue.enter() and queue.leave())
        waiting.start()
        threading.Event().wait(0.01)
        assert not queue.enter()  # one rendering, one waiting: full
        queue.leave()
        waiting.join()
        assert queue.enter()

    def test_full_queue_answers_429_in_french(self, app, client, monkeypatch):
        full = limits.ExportQueue(slots=1, queue=0, wait=0.01)
        assert full.enter()
        monkeypatch.setitem(app.server.extensions, "cartocoord_exports", full)
        response = client.get("/export/communes.csv?dep=93")
        assert response.status_code == 429
        assert response.headers["Retry-After"] == "10"
        assert "Trop d'exports sont en cours" in response.get_data(as_text=True)
        assert "text/html" in response.content_type

    def test_rate_per_address_shared_by_workers(self, app, client, monkeypatch):
        monkeypatch.setitem(app.server.extensions, "cartocoord_export_rate", 3)
        client.environ_base["REMOTE_ADDR"] = "192.0.2.44"
        statuses = [client.get("/export/communes.csv?dep=93").status_code for _ in range(3)]
        other_worker = create_app().server.test_client()
        other_worker.environ_base["REMOTE_ADDR"] = "192.0.2.44"
        monkeypatch.setitem(other_worker.application.extensions, "cartocoord_export_rate", 3)
        refused = other_worker.get("/export/communes.csv?dep=93")
        assert statuses == [200, 200, 200]
        assert refused.status_code == 429
        assert "depuis votre adresse" in refused.get_data(as_text=True)
        with catalog.zoning_store()._connection() as connection:
            connection.execute("DELETE FROM guard_events WHERE subject = '192.0.2.44'")

    def test_slot_released_after_each_export(self, app, client):
        for _ in range(5):
            assert client.get("/export/communes.csv?dep=93").status_code == 200
        queue = app.server.extensions["cartocoord_exports"]
        assert queue.enter()
        queue.leave()


class TestFrenchErrors:
    def test_unknown_address(self, client):
        response = client.get("/nulle-part/ici")
        # Dash serves its page for unknown paths; Flask's own 404 is for other methods.
        assert response.status_code in (200, 404)

    def test_method_not_allowed(self, client):
        response = client.put("/export/communes.csv")
        assert response.status_code == 405
        assert "Demande mal formée" in response.get_data(as_text=True)
        assert "Method Not Allowed" not in response.get_data(as_text=True)

    def test_settings(self):
        assert limits.export_settings({}) == (limits.EXPORT_SLOTS, limits.EXPORT_RATE)
        assert limits.export_settings({"CARTOCOORD_EXPORT_RATE": "5"})[1] == 5
        with pytest.raises(ValueError, match="CARTOCOORD_EXPORT_SLOTS"):
            limits.export_settings({"CARTOCOORD_EXPORT_SLOTS": "0"})
