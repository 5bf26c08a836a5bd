"""Several editors at once, and crashes in the middle of an import, never corrupt the store."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from geodata.store import Provenance, SQLiteStore, VersionKind, ZoningStore, content_hash

from .conftest import REGION, make_zoning

PROJECT = Path(__file__).resolve().parents[3]


def _zoning(writer: int, round_: int):
    """A different zoning for each writer and round, so that versions can be told apart."""
    codes = tuple(f"93{(writer * 10 + round_) % 90 + 1:03d}" for _ in range(1))
    return make_zoning({f"w{writer}": codes, f"r{round_}": ("93100",)}, source=f"w{writer}")


def _write_many(store: ZoningStore, writer: int, rounds: int) -> None:
    for round_ in range(rounds):
        store.add_version(REGION, "cpts", _zoning(writer, round_), Provenance(
            f"editeur{writer}", VersionKind.IMPORT, f"w{writer}-{round_}.csv"))


def _assert_consistent(store: ZoningStore, expected_versions: int) -> None:
    versions = store.versions(REGION, "cpts")
    assert sorted(v.number for v in versions) == list(range(1, expected_versions + 1))
    for info in versions:  # each version holds exactly what its writer wrote
        zoning = store.load(info.id)
        assert content_hash(zoning) == info.content_sha256
        assert zoning.source == f"w{info.editor.removeprefix('editeur')}" or info.number == 1


WRITER_SCRIPT = """
import pathlib, sys, time
from geodata.store import SQLiteStore
from tests.geodata.store.test_concurrency import _write_many
path, writer, gate = sys.argv[1], int(sys.argv[2]), pathlib.Path(sys.argv[3])
(gate / f"ready-{writer}").touch()
while not (gate / "go").exists():  # all processes begin together, once imported
    time.sleep(0.01)
_write_many(SQLiteStore(path), writer, 5)
"""


class TestConcurrentEditors:
    def test_threads(self, store, demo):
        store.seed(REGION, demo)
        threads = [threading.Thread(target=_write_many, args=(store, writer, 5))
                   for writer in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        _assert_consistent(store, 1 + 6 * 5)

    def test_processes_on_sqlite(self, sqlite_store, demo, tmp_path):
        sqlite_store.seed(REGION, demo)
        gate = tmp_path / "gate"
        gate.mkdir()
        env = {**os.environ, "PYTHONPATH": str(PROJECT)}
        processes = [subprocess.Popen(
            [sys.executable, "-c", WRITER_SCRIPT, str(sqlite_store.path), str(writer),
             str(gate)], cwd=PROJECT, env=env, stderr=subprocess.PIPE, text=True)
            for writer in range(3)]
        deadline = time.monotonic() + 120
        while len(list(gate.glob("ready-*"))) < 3 and time.monotonic() < deadline:
            if any(process.poll() is not None for process in processes):
                break
            time.sleep(0.05)
        (gate / "go").touch()
        errors = [process.communicate(timeout=120)[1] for process in processes]

        assert [process.returncode for process in processes] == [0] * 3, errors
        _assert_consistent(sqlite_store, 1 + 3 * 5)

    def test_concurrent_seeding_seeds_once(self, store, demo):
        barrier = threading.Barrier(5)

        def seed():
            barrier.wait()
            store.seed(REGION, demo)

        threads = [threading.Thread(target=seed) for _ in range(5)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert len(store.versions(REGION)) == 2


class TestCrashMidImport:
    def test_exception_after_partial_writes_leaves_the_previous_version(self, store, demo,
                                                                        monkeypatch):
        store.seed(REGION, demo)
        revision, before = store.revision(REGION), store.current(REGION)
        insert = type(store)._insert_members

        def half_then_fail(self, cursor, version_id, zoning):
            half = zoning.members[: len(zoning.members) // 2]
            insert(self, cursor, version_id, type(zoning)(zoning.type, zoning.fiches, half))
            raise RuntimeError("disque plein")

        monkeypatch.setattr(type(store), "_insert_members", half_then_fail)
        with pytest.raises(RuntimeError, match="disque plein"):
            store.add_version(REGION, "cpts", make_zoning({"n": ("93001", "93005")}),
                              Provenance("alice", VersionKind.IMPORT, "n.csv"))
        monkeypatch.undo()

        assert store.revision(REGION) == revision
        assert store.current(REGION) == before
        assert len(store.versions(REGION)) == 2
        with store._reading() as cursor:  # no orphan rows either
            orphans = store._execute(cursor, "SELECT count(*) FROM zoning_members WHERE "
                                     "version_id NOT IN (SELECT id FROM zoning_versions)")
            assert orphans.fetchone()[0] == 0
        # and the store still works
        assert _write_and_read(store).number == 2

    def test_killed_process_mid_import_leaves_the_previous_version(self, sqlite_store, demo):
        sqlite_store.seed(REGION, demo)
        revision, before = sqlite_store.revision(REGION), sqlite_store.current(REGION)
        script = textwrap.dedent(f"""
            import os
            from geodata.store import SQLiteStore, Provenance, VersionKind
            from geodata.store.base import SQLStore
            from tests.geodata.store.conftest import make_zoning

            def die(self, cursor, version_id, zoning):
                cursor.executemany(self._sql("INSERT INTO zoning_members "
                                             "(version_id, territory_id, code) VALUES (?, ?, ?)"),
                                   [(version_id, "n", "93001")])
                os._exit(9)  # the process dies inside the transaction

            SQLStore._insert_members = die
            store = SQLiteStore({str(sqlite_store.path)!r})
            store.add_version("11", "cpts", make_zoning({{"n": ("93001",)}}),
                              Provenance("alice", VersionKind.IMPORT, "n.csv"))
        """)
        env = {**os.environ, "PYTHONPATH": str(PROJECT)}
        result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, env=env,
                                capture_output=True, text=True, timeout=120, check=False)

        assert result.returncode == 9, result.stderr
        reopened = SQLiteStore(sqlite_store.path)
        assert reopened.revision(REGION) == revision
        assert reopened.current(REGION) == before
        assert _write_and_read(reopened).number == 2


def _write_and_read(store: ZoningStore):
    zoning = make_zoning({"ok": ("93001",)})
    info = store.add_version(REGION, "cpts", zoning,
                             Provenance("alice", VersionKind.IMPORT, "ok.csv"))
    assert store.load(info.id) == zoning
    return info
