"""``geodata.catalog.load_zonings`` reads the store, seeds it, and follows new versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata import catalog
from geodata.clock import local_today
from geodata.store import (
    PostgresStore,
    Provenance,
    SQLiteStore,
    VersionKind,
    open_store,
    store_path,
)

from .conftest import make_zoning


@pytest.fixture
def fresh_store(tmp_path: Path, monkeypatch):
    """The catalog on an empty store of its own, checking the revision at every call."""
    monkeypatch.setenv("CARTOCOORD_STORE_CHECK_SECONDS", "0")
    store = SQLiteStore(tmp_path / "catalog.sqlite3")
    catalog.use_store(store)
    yield store
    catalog.use_store(None)


class TestLoadZonings:
    def test_first_use_seeds_the_demo_set_as_illustrative_version_1(self, fresh_store):
        zonings = catalog.load_zonings("11")

        assert zonings == catalog.load_demo_zonings("11")
        assert all(zoning.illustrative for zoning in zonings.values())
        assert {v.number for v in fresh_store.versions("11")} == {1}

    def test_same_object_while_nothing_changes(self, fresh_store):
        assert catalog.load_zonings("11") is catalog.load_zonings("11")

    def test_a_version_written_by_another_worker_is_picked_up(self, fresh_store):
        catalog.load_zonings("11")
        other_worker = SQLiteStore(fresh_store.path)  # same file, another connection
        official = make_zoning({"x": ("93001",)}, key="cpts", source="ARS")
        other_worker.add_version("11", "cpts", official,
                                 Provenance("alice", VersionKind.IMPORT, "cpts.csv"))

        zonings = catalog.load_zonings("11")

        assert zonings["cpts"] == official and not zonings["cpts"].illustrative
        assert zonings["dac"].illustrative

    def test_revision_is_trusted_for_the_check_interval(self, fresh_store, monkeypatch):
        monkeypatch.setenv("CARTOCOORD_STORE_CHECK_SECONDS", "3600")
        first = catalog.load_zonings("11")
        fresh_store.add_version("11", "cpts", make_zoning({"x": ("93001",)}),
                                Provenance("alice", VersionKind.IMPORT, "cpts.csv"))

        assert catalog.load_zonings("11") is first  # not checked yet
        catalog.zonings_changed("11")  # what the import callback says
        assert catalog.load_zonings("11") is not first

    def test_bad_check_interval_is_explained(self, fresh_store, monkeypatch):
        catalog.load_zonings("11")
        monkeypatch.setenv("CARTOCOORD_STORE_CHECK_SECONDS", "souvent")
        with pytest.raises(ValueError, match="CARTOCOORD_STORE_CHECK_SECONDS"):
            catalog.zonings_revision("11")

    def test_summary_reports_the_stored_versions(self, fresh_store):
        summary = catalog.summary("11")
        assert summary["zonings"]["dac"]["illustrative"] is True


class TestZoningsOn:
    def test_version_in_force_and_structures_created_by_then(self, fresh_store):
        import datetime as dt

        demo = catalog.load_zonings("11")
        today = local_today()
        official = make_zoning({"old": ("93001",), "new": ("93005",)}, key="cpts",
                               created={"old": "2015", "new": (today + dt.timedelta(days=400))
                                        .isoformat()})
        fresh_store.add_version("11", "cpts", official,
                                Provenance("alice", VersionKind.IMPORT, "cpts.csv"))

        assert catalog.load_zonings_on("11", today - dt.timedelta(days=1)) == {}
        on_today = catalog.load_zonings_on("11", today)
        assert list(on_today["cpts"].fiches) == ["old"]
        assert on_today["dac"] == demo["dac"]


class TestOpenStore:
    def test_sqlite_file_in_the_data_dir_by_default(self, tmp_path):
        assert store_path({"CARTOCOORD_DATA_DIR": str(tmp_path)}) == \
            tmp_path / "cartocoord.sqlite3"
        store = open_store({"CARTOCOORD_DATA_DIR": str(tmp_path)})
        assert isinstance(store, SQLiteStore) and store.path.exists()

    def test_explicit_file_wins(self, tmp_path):
        path = tmp_path / "x" / "z.sqlite3"
        assert open_store({"CARTOCOORD_STORE_FILE": str(path),
                           "CARTOCOORD_DATA_DIR": "/nowhere"}).path == path

    def test_database_url_selects_postgres(self, postgres_url):
        store = open_store({"DATABASE_URL": postgres_url})
        assert isinstance(store, PostgresStore)
        assert "postgres@" not in repr(store)

    def test_other_database_urls_are_refused(self):
        with pytest.raises(ValueError, match="postgresql://"):
            open_store({"DATABASE_URL": "mysql://x"})
