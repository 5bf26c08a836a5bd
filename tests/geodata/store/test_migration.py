"""Stores created before shares and outlines open, migrate in place and keep verifying.

``fixtures/store-before-shares.sqlite3`` was written by the app as it was before this
change (seed, import, fiche edit, rollback; a commune under several territories);
``fixtures/schema-before-shares.sql`` is that version's schema, from which the same rows
are rebuilt in PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import psycopg
import pytest
import shapely

from geodata.clock import local_today
from geodata.store import (
    PostgresStore,
    Provenance,
    SQLiteStore,
    VersionKind,
    ZoningStore,
    as_of,
    diff_zonings,
)
from geodata.zonings import Zoning

from .conftest import REGION, make_zoning

FIXTURES = Path(__file__).parent / "fixtures"
OLD_STORE = FIXTURES / "store-before-shares.sqlite3"
OLD_SCHEMA = FIXTURES / "schema-before-shares.sql"
TABLES = ("store_regions", "zoning_versions", "zoning_territories", "zoning_members")
#: What the old store holds, newest first: (zoning, number, kind, members, communes, shared).
EXPECTED = [("cpts", 4, "rollback", 4, 3, 1), ("cpts", 3, "fiche", 4, 3, 1),
            ("cpts", 2, "import", 4, 3, 1), ("cpts", 1, "seed", 5, 4, 1),
            ("dac", 1, "seed", 4, 4, 0)]


@pytest.fixture
def old_sqlite(tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite3"
    shutil.copy(OLD_STORE, path)
    return path


@pytest.fixture
def old_postgres(postgres_url: str) -> str:
    """A database holding the old store's rows under the old schema."""
    name = "before_shares"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    url = postgres_url.replace("/postgres?", f"/{name}?")
    schema = OLD_SCHEMA.read_text(encoding="utf-8").replace(
        "{id_column}", PostgresStore.id_column).replace("{bool}", "BOOLEAN")
    source = sqlite3.connect(OLD_STORE)
    with psycopg.connect(url, autocommit=True) as connection, connection.transaction():
        connection.execute(schema)
        for table in TABLES:
            cursor = source.execute(f"SELECT * FROM {table}")
            columns = [column[0] for column in cursor.description]
            rows = cursor.fetchall()
            if table == "zoning_versions":
                flag = columns.index("illustrative")
                rows = [(*row[:flag], bool(row[flag]), *row[flag + 1:]) for row in rows]
            override = " OVERRIDING SYSTEM VALUE" if table == "zoning_versions" else ""
            marks = ", ".join(["%s"] * len(columns))
            with connection.cursor() as insert:
                insert.executemany(f"INSERT INTO {table} ({', '.join(columns)}){override} "
                                   f"VALUES ({marks})", rows)
        connection.execute("SELECT setval(pg_get_serial_sequence('zoning_versions', 'id'), "
                           "(SELECT max(id) FROM zoning_versions))")
    source.close()
    yield url
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgres"])
def migrated(request: pytest.FixtureRequest) -> ZoningStore:
    if request.param == "sqlite":
        return SQLiteStore(request.getfixturevalue("old_sqlite"))
    return PostgresStore(request.getfixturevalue("old_postgres"))


def split_zoning() -> Zoning:
    """A CPTS cutting 93066 in three by polygons, with their outlines."""
    zoning = make_zoning({"x": ("93001", "93066"), "z": ("93066", "93008"), "n": ("93066",)})
    outlines = {"x": shapely.box(2.30, 48.90, 2.40, 48.95), "n": shapely.box(2.35, 48.95,
                                                                                2.40, 48.97)}
    return Zoning(zoning.type, zoning.fiches, zoning.members, source="ARS",
                  shares={("x", "93066"): 0.25, ("z", "93066"): 0.5, ("n", "93066"): 0.25},
                  outlines=outlines)


class TestOldStores:
    def test_every_old_version_loads_and_verifies(self, migrated: ZoningStore) -> None:
        infos = migrated.versions(REGION)
        assert [(i.zoning_key, i.number, str(i.kind), i.members, i.units, i.partial_units)
                for i in infos] == EXPECTED
        for info in infos:
            zoning = migrated.load(info.id)  # raises if the content hash no longer matches
            assert not zoning.shares and not zoning.outlines
            assert len(zoning.covered_codes()) == info.units

    def test_old_shared_commune_is_counted_once(self, migrated: ZoningStore) -> None:
        cpts = migrated.current(REGION)["cpts"]
        assert cpts.territories_of("93066") == ("x", "z")
        assert cpts.share_of("x", "93066") == cpts.share_of("z", "93066") == 0.5

    def test_new_versions_with_shares_and_outlines_live_beside_old_ones(
            self, migrated: ZoningStore) -> None:
        before = migrated.latest(REGION)["cpts"]
        info = migrated.add_version(REGION, "cpts", split_zoning(),
                                    Provenance("carole", VersionKind.IMPORT, "cpts.geojson"))
        assert (info.units, info.partial_units) == (3, 1)
        loaded = migrated.load(info.id)
        assert loaded == split_zoning()
        assert loaded.share_of("z", "93066") == 0.5
        assert shapely.equals(loaded.outlines["n"], split_zoning().outlines["n"])
        diff = diff_zonings(migrated.load(before.id), loaded)
        assert diff.added == ("n",)
        restored = migrated.rollback(before.id, editor="carole")
        assert migrated.load(restored.id) == migrated.load(before.id)
        again = migrated.rollback(info.id, editor="carole")
        assert migrated.load(again.id) == split_zoning()
        on_day = migrated.zonings_at(REGION, dt.datetime.now(dt.UTC))["cpts"]
        assert as_of(on_day, local_today()) == split_zoning()

    def test_opening_again_changes_nothing(self, migrated: ZoningStore) -> None:
        first = migrated.versions(REGION)
        reopened = (SQLiteStore(migrated.path) if isinstance(migrated, SQLiteStore)
                    else PostgresStore(migrated.url))
        assert reopened.versions(REGION) == first


def test_a_new_store_has_the_same_columns_as_a_migrated_one(old_sqlite: Path,
                                                             tmp_path: Path) -> None:
    SQLiteStore(old_sqlite)
    SQLiteStore(tmp_path / "new.sqlite3")

    def columns(path: Path) -> dict[str, list[str]]:
        with sqlite3.connect(path) as connection:
            return {table: sorted(row[1] for row in connection.execute(
                f"PRAGMA table_info({table})")) for table in (*TABLES, "zoning_outlines")}

    assert columns(old_sqlite) == columns(tmp_path / "new.sqlite3")
