"""Counters shared by every worker: failed logins, exports, session generations."""

from __future__ import annotations

from geodata.store import SQLiteStore


class TestEvents:
    def test_counted_per_bucket_and_subject(self, store) -> None:
        for at in (100.0, 200.0, 300.0):
            store.record_event("login-address", "10.0.0.1", at=at)
        store.record_event("login-address", "10.0.0.2", at=250.0)
        store.record_event("export", "10.0.0.1", at=250.0)
        assert store.recent_events("login-address", "10.0.0.1", since=150.0) == (2, 300.0)
        assert store.recent_events("login-address", "10.0.0.9", since=0.0) == (0, None)

    def test_forgotten_after_success(self, store) -> None:
        store.record_event("login-address", "a", at=1.0)
        store.forget_events("login-address", "a")
        assert store.recent_events("login-address", "a", since=0.0)[0] == 0

    def test_seen_by_another_process(self, sqlite_store, tmp_path) -> None:
        sqlite_store.record_event("login-address", "a", at=5.0)
        other = SQLiteStore(sqlite_store.path)  # what another gunicorn worker opens
        assert other.recent_events("login-address", "a", since=0.0) == (1, 5.0)


class TestSessionGenerations:
    def test_revocation_increments(self, store) -> None:
        assert store.session_generation("alice") == 0
        assert store.revoke_sessions("alice") == 1
        assert store.revoke_sessions("alice") == 2
        assert store.session_generation("alice") == 2
        assert store.session_generation("bob") == 0
