"""Editor accounts, login, sessions, CSRF, and the server-side refusal of edit requests.

Edit callbacks are also posted directly to ``/_dash-update-component``, as an attacker
would, without a session, without the CSRF header, or from another site: all refused
with HTTP 403 and the store unchanged.
"""

from __future__ import annotations

import io
import json
import os
import stat
import threading
import time
from datetime import timedelta

import pytest

from dashboard.editing import auth, editors, throttle
from dashboard.editing.editors import EditorError, EditorRegistry
from geodata import catalog

from .data_page_support import EDITOR, PASSWORD, make_app, use_temporary_store

ORIGIN = "http://localhost"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = use_temporary_store(tmp_path_factory.mktemp("auth-store"))
    yield store
    catalog.use_store(None)


@pytest.fixture(autouse=True)
def fresh_counters(store):
    """Each test starts with no failed login counted (the store is the module's)."""
    with store._connection() as connection:
        connection.execute("DELETE FROM guard_events")


@pytest.fixture
def app(tmp_path, store):
    return make_app(tmp_path)


@pytest.fixture
def client(app):
    client = app.server.test_client()
    client.get("/")  # a first page view gives the CSRF cookie
    return client


def token(client) -> str:
    cookie = client.get_cookie(auth.CSRF_COOKIE)
    assert cookie is not None
    return cookie.value


def login(client, password=PASSWORD, name=EDITOR, **headers):
    return client.post(auth.LOGIN_PATH, data={"username": name, "password": password,
                                              auth.CSRF_FIELD: token(client)},
                       headers={"Origin": ORIGIN, **headers})


def rollback_payload(version_id: int) -> dict:
    """The JSON dash-renderer posts when the rollback is confirmed."""
    return {
        "output": "donnees-rollback-result.children",
        "outputs": {"id": "donnees-rollback-result", "property": "children"},
        "inputs": [{"id": "donnees-rollback-confirm", "property": "submit_n_clicks",
                    "value": 1}],
        "changedPropIds": ["donnees-rollback-confirm.submit_n_clicks"],
        "state": [{"id": "donnees-rollback-version", "property": "value", "value": version_id},
                  {"id": "donnees-rollback-note", "property": "value", "value": "pirate"}],
    }


def preview_payload() -> dict:
    return {
        "output": "..donnees-import-report.children...donnees-import-preview-frame.children..."
                  "donnees-import-pending.data...donnees-import-confirm.disabled..",
        "outputs": [{"id": i, "property": p} for i, p in (
            ("donnees-import-report", "children"), ("donnees-import-preview-frame", "children"),
            ("donnees-import-pending", "data"), ("donnees-import-confirm", "disabled"))],
        "inputs": [{"id": "donnees-upload", "property": "contents",
                    "value": "data:text/csv;base64,YTtiCg=="},
                   {"id": "donnees-import-type", "property": "value", "value": "cpts"},
                   {"id": "donnees-import-crs", "property": "value", "value": None}],
        "changedPropIds": ["donnees-upload.contents"],
        "state": [{"id": "donnees-upload", "property": "filename", "value": "a.csv"}],
    }


def post_update(client, payload, **headers):
    return client.post("/_dash-update-component", data=json.dumps(payload),
                       content_type="application/json", headers=headers)


def seed_version(store) -> int:
    return store.versions("11", "dac")[-1].id


class TestEditRequestsAreRefused:
    @pytest.mark.parametrize("payload", [rollback_payload(1), preview_payload()],
                             ids=["rollback", "import-preview"])
    def test_without_a_session(self, app, store, payload):
        client = app.server.test_client()  # no page view, no cookie, no session
        revision = store.revision("11")

        response = post_update(client, payload)

        assert response.status_code == 403
        assert "réservée aux éditeurs" in response.get_data(as_text=True)
        assert store.revision("11") == revision

    def test_anonymous_with_a_csrf_token(self, client, store):
        revision = store.revision("11")
        response = post_update(client, rollback_payload(seed_version(store)),
                               **{auth.CSRF_HEADER: token(client)})
        assert response.status_code == 403
        assert store.revision("11") == revision

    def test_editor_without_the_csrf_header(self, client, store):
        login(client)
        revision = store.revision("11")
        response = post_update(client, rollback_payload(seed_version(store)))
        assert response.status_code == 403
        assert "jeton" in response.get_data(as_text=True)
        assert store.revision("11") == revision

    def test_editor_with_a_wrong_csrf_header(self, client, store):
        login(client)
        revision = store.revision("11")
        response = post_update(client, rollback_payload(seed_version(store)),
                               **{auth.CSRF_HEADER: "faux"})
        assert response.status_code == 403
        assert store.revision("11") == revision

    def test_editor_request_from_another_site(self, client, store):
        login(client)
        revision = store.revision("11")
        response = post_update(client, rollback_payload(seed_version(store)),
                               **{auth.CSRF_HEADER: token(client),
                                  "Origin": "https://evil.example"})
        assert response.status_code == 403
        assert "ne vient pas de ce site" in response.get_data(as_text=True)
        assert store.revision("11") == revision

    def test_callbacks_check_for_themselves(self, app):
        from dashboard.callbacks import data_page as callbacks

        with app.server.test_request_context("/_dash-update-component", method="POST"):
            for call in (lambda: callbacks.rollback(1, 1, ""),
                         lambda: callbacks.confirm_import(1, "", "", "", "", "", "", {}),
                         lambda: callbacks.save_fiche(1, "dac", "x", [], [], 1, ""),
                         lambda: callbacks.preview_import("x", "dac", "", "a.csv")):
                with pytest.raises(auth.EditRefused):
                    call()

    def test_logged_in_editor_with_token_may_roll_back(self, client, store):
        login(client)
        revision = store.revision("11")
        response = post_update(client, rollback_payload(seed_version(store)),
                               **{auth.CSRF_HEADER: token(client), "Origin": ORIGIN})
        assert response.status_code == 200, response.get_data(as_text=True)
        assert "restaurée" in json.dumps(response.get_json(), ensure_ascii=False)
        assert store.revision("11") > revision
        assert store.versions("11")[0].editor == EDITOR

    def test_viewing_callbacks_need_no_account(self, app, store):
        client = app.server.test_client()
        payload = {
            "output": "donnees-compare-result.children",
            "outputs": {"id": "donnees-compare-result", "property": "children"},
            "inputs": [{"id": "donnees-compare-a", "property": "value",
                        "value": seed_version(store)},
                       {"id": "donnees-compare-b", "property": "value",
                        "value": seed_version(store)}],
            "changedPropIds": ["donnees-compare-a.value"], "state": [],
        }
        response = post_update(client, payload)
        assert response.status_code == 200
        assert "identiques" in json.dumps(response.get_json(), ensure_ascii=False)


class TestLogin:
    def test_good_password_opens_a_permanent_session(self, client):
        response = login(client)
        assert response.status_code == 303 and response.headers["Location"].endswith("/donnees")
        with client.session_transaction() as session:
            assert session["_user_id"] == EDITOR
            assert session.permanent

    def test_token_changes_at_login(self, client):
        before = token(client)
        login(client)
        client.get("/")
        assert token(client) != before

    def test_bad_password(self, client):
        response = login(client, password="nope")
        assert response.status_code == 303
        with client.session_transaction() as session:
            assert "_user_id" not in session
            assert session[auth.SESSION_MESSAGE] == "Identifiant ou mot de passe incorrect."

    def test_unknown_editor(self, client):
        login(client, name="mallory")
        with client.session_transaction() as session:
            assert "_user_id" not in session

    def test_form_without_token_is_refused(self, client):
        response = client.post(auth.LOGIN_PATH, data={"username": EDITOR,
                                                      "password": PASSWORD})
        assert response.status_code == 403

    def test_form_from_another_site_is_refused(self, client):
        response = login(client, Origin="https://evil.example")
        assert response.status_code == 403

    def test_logout_needs_the_token_and_ends_the_session(self, client):
        login(client)
        client.get("/")
        assert client.post(auth.LOGOUT_PATH).status_code == 403
        response = client.post(auth.LOGOUT_PATH, data={auth.CSRF_FIELD: token(client)})
        assert response.status_code == 303
        with client.session_transaction() as session:
            assert "_user_id" not in session

    def test_get_is_not_a_login(self, client):
        client.get(f"{auth.LOGIN_PATH}?username={EDITOR}&password={PASSWORD}")
        with client.session_transaction() as session:
            assert "_user_id" not in session


class TestSessions:
    def test_session_expires_after_its_lifetime(self, client, store):
        login(client)
        with client.session_transaction() as session:
            session[auth.SESSION_LOGIN_TIME] = time.time() - 9 * 3600  # default: 8 h
        revision = store.revision("11")
        response = post_update(client, rollback_payload(seed_version(store)),
                               **{auth.CSRF_HEADER: token(client)})
        assert response.status_code == 403
        assert store.revision("11") == revision
        with client.session_transaction() as session:
            assert "_user_id" not in session
            assert "expiré" in session[auth.SESSION_MESSAGE]

    def test_lifetime_from_the_environment(self, tmp_path, store):
        app = make_app(tmp_path, lifetime="30min")
        assert app.server.permanent_session_lifetime == timedelta(minutes=30)

    def test_removed_editor_loses_access(self, app, client, tmp_path, store):
        login(client)
        editors.remove_editor(tmp_path / "editors.toml", EDITOR)
        time.sleep(0.01)
        response = post_update(client, rollback_payload(seed_version(store)),
                               **{auth.CSRF_HEADER: token(client)})
        assert response.status_code == 403

    def test_cookies_and_headers(self, app):
        client = app.server.test_client()
        response = client.get("/")
        cookies = response.headers.getlist("Set-Cookie")
        session_cookie = next(c for c in cookies if c.startswith("cartocoord_session="))
        csrf_cookie = next(c for c in cookies if c.startswith(auth.CSRF_COOKIE + "="))
        assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie
        assert "HttpOnly" not in csrf_cookie and "SameSite=Strict" in csrf_cookie
        assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
        assert response.headers["X-Content-Type-Options"] == "nosniff"

    def test_request_size_limit(self, app):
        client = app.server.test_client()
        limit = app.server.config["MAX_CONTENT_LENGTH"]
        assert limit >= 50 * 1024**2 * 4 // 3
        response = client.post("/_dash-update-component", data=b"x" * (limit + 1),
                               content_type="application/json")
        assert response.status_code == 413

    @pytest.mark.parametrize(("raw", "expected"), [
        ("", timedelta(hours=8)), ("3600", timedelta(hours=1)), ("8h", timedelta(hours=8)),
        ("45min", timedelta(minutes=45)), ("30s", timedelta(seconds=30)),
    ])
    def test_parse_lifetime(self, raw, expected):
        assert auth.parse_lifetime(raw) == expected

    @pytest.mark.parametrize("raw", ["-1", "0", "demain", "8 jours"])
    def test_bad_lifetime(self, raw):
        with pytest.raises(ValueError, match="CARTOCOORD_SESSION_LIFETIME"):
            auth.parse_lifetime(raw)


def client_from(app, address: str):
    """A browser at another address, after a first page view."""
    client = app.server.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    client.get("/")
    return client


class TestLoginThrottle:
    """Failed logins are counted in the store, per address and per password (point 5)."""

    def message(self, client) -> str:
        with client.session_transaction() as session:
            return session.get(auth.SESSION_MESSAGE, "")

    def logged_in(self, client) -> bool:
        with client.session_transaction() as session:
            return "_user_id" in session

    def test_guessing_is_slowed_down(self, client):
        for _ in range(throttle.FREE_FAILURES):
            login(client, password="nope")
        login(client)  # too soon: not even checked
        assert not self.logged_in(client)
        assert "réessayez dans 2 s" in self.message(client)

    @pytest.mark.parametrize(("ago", "accepted"), [(5, False), (60, True)])
    def test_right_password_accepted_once_the_delay_has_passed(self, client, store, ago,
                                                               accepted):
        for _ in range(throttle.FREE_FAILURES + 3):  # the 8th failure asks for 16 s
            store.record_event(throttle.ADDRESS_BUCKET, "127.0.0.1", at=time.time() - ago)
        login(client)
        assert self.logged_in(client) is accepted
        if not accepted:
            assert "réessayez dans 11 s" in self.message(client)

    def test_delays_increase(self, store):
        limiter = throttle.LoginThrottle(store, b"k")
        now = time.time()
        waits = []
        for _ in range(throttle.FREE_FAILURES + 4):
            limiter.failed("10.0.0.7", "x", now=now)
            waits.append(limiter.wait("10.0.0.7", "y", now=now))
        assert waits == [0] * (throttle.FREE_FAILURES - 1) + [2, 4, 8, 16, 32]

    def test_shared_by_every_worker(self, tmp_path, store):
        worker_a, worker_b = make_app(tmp_path), make_app(tmp_path)
        client_a, client_b = worker_a.server.test_client(), worker_b.server.test_client()
        client_a.get("/"), client_b.get("/")
        for _ in range(throttle.FREE_FAILURES):
            login(client_a, password="nope")
        login(client_b)
        assert not self.logged_in(client_b)
        assert "réessayez" in self.message(client_b)

    def test_an_attack_from_elsewhere_never_delays_the_editor(self, app, client):
        attacker = client_from(app, "198.51.100.9")
        for _ in range(3 * throttle.FREE_FAILURES):
            login(attacker, password="nope")
        assert "réessayez" in self.message(attacker)
        login(client)
        assert self.logged_in(client)

    def test_one_password_across_many_names_and_addresses(self, app):
        messages = []
        for number in range(30):
            client = client_from(app, f"203.0.113.{number}")
            login(client, name=f"user{number}", password="Printemps2026!")
            messages.append(self.message(client))
        assert messages[:throttle.FREE_FAILURES] == [auth.MESSAGES["bad_credentials"]] * 5
        assert all("réessayez" in message for message in messages[throttle.FREE_FAILURES:])


class TestRevocation:
    """A captured session stops working when it is ended elsewhere (point 3)."""

    def capture(self, client) -> tuple[str, str]:
        login(client)
        client.get("/")
        return client.get_cookie("cartocoord_session").value, token(client)

    def replay(self, app, store, cookie: str, csrf: str, agent: str) -> int:
        thief = app.server.test_client()
        thief.set_cookie("cartocoord_session", cookie)
        thief.set_cookie(auth.CSRF_COOKIE, csrf)
        revision = store.revision("11")
        response = post_update(thief, rollback_payload(seed_version(store)),
                               **{auth.CSRF_HEADER: csrf, "Origin": ORIGIN,
                                  "User-Agent": agent})
        assert store.revision("11") == revision
        return response.status_code

    def test_replayed_cookie_works_before_logout(self, app, client, store):
        cookie, csrf = self.capture(client)
        thief = app.server.test_client()
        thief.set_cookie("cartocoord_session", cookie)
        response = post_update(thief, rollback_payload(seed_version(store)),
                               **{auth.CSRF_HEADER: csrf, "Origin": ORIGIN})
        assert response.status_code == 200  # the replay itself is a valid request

    @pytest.mark.parametrize("agent", ["Mozilla/5.0 (X11; Linux x86_64)", "curl/8.0"])
    def test_after_logout(self, app, client, store, agent):
        cookie, csrf = self.capture(client)
        client.post(auth.LOGOUT_PATH, data={auth.CSRF_FIELD: csrf})
        assert self.replay(app, store, cookie, csrf, agent) == 403

    def test_after_a_password_change(self, app, client, store, tmp_path):
        cookie, csrf = self.capture(client)
        editors.add_editor(tmp_path / "editors.toml", EDITOR, PASSWORD + "!", replace=True)
        time.sleep(0.01)
        assert self.replay(app, store, cookie, csrf, "curl/8.0") == 403
        client.get("/")
        with client.session_transaction() as session:
            assert "_user_id" not in session
            assert "fermée" in session[auth.SESSION_MESSAGE]

    def test_after_the_editor_is_removed(self, app, client, store, tmp_path):
        cookie, csrf = self.capture(client)
        editors.remove_editor(tmp_path / "editors.toml", EDITOR)
        time.sleep(0.01)
        assert self.replay(app, store, cookie, csrf, "curl/8.0") == 403

    def test_logout_ends_the_sessions_of_every_worker(self, tmp_path, client, store):
        cookie, csrf = self.capture(client)
        client.post(auth.LOGOUT_PATH, data={auth.CSRF_FIELD: csrf})
        other_worker = make_app(tmp_path)
        assert self.replay(other_worker, store, cookie, csrf, "curl/8.0") == 403


class TestSecretKey:
    def test_from_the_environment(self, tmp_path):
        config = auth.AuthConfig.from_env({"CARTOCOORD_SECRET_KEY": "s" * 40,
                                           "CARTOCOORD_DATA_DIR": str(tmp_path)})
        assert auth.secret_key(config) == "s" * 40
        assert not (tmp_path / auth.SECRET_KEY_FILE).exists()

    def test_short_key_is_refused(self, tmp_path):
        with pytest.raises(ValueError, match="32 characters"):
            auth.secret_key(auth.AuthConfig(secret_key="court", data_dir=tmp_path))

    def test_generated_once_private_and_shared_by_workers(self, tmp_path):
        config = auth.AuthConfig(data_dir=tmp_path)
        keys = []
        threads = [threading.Thread(target=lambda: keys.append(auth.secret_key(config)))
                   for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        path = tmp_path / auth.SECRET_KEY_FILE
        assert len(set(keys)) == 1 and len(keys[0]) == 64
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600

    def test_secret_file_is_git_ignored(self):
        ignored = (auth.PROJECT_DIR / ".gitignore").read_text()
        assert "/.data/" in ignored


class TestEditors:
    def test_cli_adds_with_a_hash_only(self, tmp_path, monkeypatch, capsys):
        path = tmp_path / "conf" / "editors.toml"
        monkeypatch.setenv("CARTOCOORD_EDITORS_FILE", str(path))
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))

        assert editors.main(["add", "bob", "--password-stdin"]) == 0

        text = path.read_text()
        assert PASSWORD not in text and "scrypt:" in text
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert EditorRegistry(path, environ={}).verify("bob", PASSWORD)
        assert "bob" in capsys.readouterr().out

    def test_cli_refuses_short_passwords_and_duplicates(self, tmp_path, monkeypatch, capsys):
        path = tmp_path / "editors.toml"
        monkeypatch.setenv("CARTOCOORD_EDITORS_FILE", str(path))
        monkeypatch.setattr("sys.stdin", io.StringIO("court\n"))
        assert editors.main(["add", "bob", "--password-stdin"]) == 1
        assert "trop court" in capsys.readouterr().err
        editors.add_editor(path, "bob", PASSWORD)
        with pytest.raises(EditorError, match="existe déjà"):
            editors.add_editor(path, "bob", PASSWORD)
        editors.add_editor(path, "bob", PASSWORD + "!", replace=True)
        assert EditorRegistry(path, environ={}).verify("bob", PASSWORD + "!")

    def test_cli_list_and_remove(self, tmp_path, monkeypatch, capsys):
        path = tmp_path / "editors.toml"
        monkeypatch.setenv("CARTOCOORD_EDITORS_FILE", str(path))
        editors.add_editor(path, "bob", PASSWORD)
        assert editors.main(["list"]) == 0
        assert capsys.readouterr().out.split() == ["bob"]
        assert editors.main(["remove", "bob"]) == 0
        assert editors.main(["remove", "bob"]) == 1

    @pytest.mark.parametrize("name", ["", "a b", "../x", "é" * 3, "x" * 65, "-x"])
    def test_bad_names(self, name, tmp_path):
        with pytest.raises(EditorError):
            editors.add_editor(tmp_path / "e.toml", name, PASSWORD)

    def test_accounts_from_the_environment(self, tmp_path):
        hashed = editors.hash_password(PASSWORD)
        registry = EditorRegistry(tmp_path / "none.toml",
                                  environ={"CARTOCOORD_EDITORS": f"carol={hashed};;bad"})
        assert registry.verify("carol", PASSWORD)
        assert not registry.verify("carol", "nope")
        assert not registry.exists("bad")

    def test_malformed_hash_refuses_without_crashing(self, tmp_path):
        path = tmp_path / "e.toml"
        path.write_text('[editors.dan]\npassword_hash = "n\'importe quoi"\n')
        assert not EditorRegistry(path, environ={}).verify("dan", PASSWORD)

    def test_file_changes_are_seen_without_restart(self, tmp_path):
        path = tmp_path / "e.toml"
        registry = EditorRegistry(path, environ={})
        assert not registry.exists("erin")
        editors.add_editor(path, "erin", PASSWORD)
        assert registry.exists("erin")

    def test_default_file_is_outside_git(self):
        assert editors.DEFAULT_EDITORS_FILE.parent.name == ".data"


class TestBadIds:
    """Issue 16, point 9: a malformed version id is a 400, not a server error."""

    @pytest.mark.parametrize("bad", ["abc", "1 OR 1=1", 1.5, [1], {"x": 1}, True, "9" * 40])
    def test_compare_with_a_bad_version_id(self, app, store, caplog, bad):
        client = app.server.test_client()
        payload = {
            "output": "donnees-compare-result.children",
            "outputs": {"id": "donnees-compare-result", "property": "children"},
            "inputs": [{"id": "donnees-compare-a", "property": "value", "value": bad},
                       {"id": "donnees-compare-b", "property": "value",
                        "value": seed_version(store)}],
            "changedPropIds": ["donnees-compare-a.value"], "state": [],
        }
        with caplog.at_level("DEBUG"):
            response = post_update(client, payload)
        assert response.status_code == 400
        assert "Traceback" not in caplog.text and "Exception on" not in caplog.text

    def test_rollback_with_a_bad_version_id(self, client, store, caplog):
        login(client)
        revision = store.revision("11")
        response = post_update(client, rollback_payload("deux"),
                               **{auth.CSRF_HEADER: token(client), "Origin": ORIGIN})
        assert response.status_code == 400
        assert store.revision("11") == revision
        assert "Exception on" not in caplog.text
