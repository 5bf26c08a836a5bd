"""Fixtures of the store tests: small zonings, a SQLite store, and a local PostgreSQL.

The PostgreSQL server is started by the tests themselves (``initdb`` + ``pg_ctl`` from
Debian's ``postgresql`` package, in a temporary folder, on a Unix socket) when the
binaries are there; ``CARTOCOORD_TEST_DATABASE_URL`` points the tests at an existing,
empty database instead. Without either, the PostgreSQL tests are skipped with the reason.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from geodata.store import PostgresStore, SQLiteStore, ZoningStore
from geodata.zonings import Fiche, Statut, Zoning, load_zoning_types

REGION = "11"


def make_zoning(territories: dict[str, tuple[str, ...]], *, key: str = "cpts",
                illustrative: bool = False, source: str = "test",
                created: dict[str, str] | None = None) -> Zoning:
    """A zoning of type ``key`` whose territory ``tid`` covers the given codes."""
    zoning_type = load_zoning_types().get(key)
    fiches = {tid: Fiche(nom=f"Territoire {tid}", type=zoning_type.key,
                         statut=Statut.EN_FONCTIONNEMENT,
                         date_creation=(created or {}).get(tid),
                         courriel=f"{tid}@example.org", illustratif=illustrative)
              for tid in territories}
    members = tuple((tid, code) for tid, codes in territories.items() for code in codes)
    return Zoning(zoning_type, fiches, members, illustrative=illustrative, source=source)


@pytest.fixture
def demo() -> dict[str, Zoning]:
    """A two-zoning "demonstration set"."""
    return {
        "dac": make_zoning({"a": ("93001", "93005"), "b": ("93008",)}, key="dac",
                           illustrative=True, source="démo"),
        "cpts": make_zoning({"x": ("93001",), "y": ("93005", "93008")}, illustrative=True,
                            source="démo"),
    }


@pytest.fixture
def sqlite_store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "store.sqlite3")


# -- PostgreSQL ----------------------------------------------------------------------------

def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _as_postgres_user() -> list[str]:
    """Prefix running a command as ``postgres`` when we are root (the server refuses root)."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    return [runuser, "-u", "postgres", "--"] if runuser else ["su", "postgres", "-c"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of an empty PostgreSQL database, for this test session only."""
    given = os.environ.get("CARTOCOORD_TEST_DATABASE_URL")
    if given:
        yield given
        return
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL tests need initdb and pg_ctl (Debian: `apt-get install "
                    "postgresql`, or run scripts/install_postgres.sh as root), or "
                    "CARTOCOORD_TEST_DATABASE_URL")
    prefix = _as_postgres_user()
    if prefix and prefix[0] == "su":
        pytest.skip("running as root without runuser: cannot start PostgreSQL as postgres")
    root = Path(tempfile.mkdtemp(prefix="cartocoord-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    if prefix:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    try:
        subprocess.run([*prefix, initdb, "-D", str(data), "-A", "trust", "-U", "postgres",
                        "-E", "UTF8"], check=True, capture_output=True, env=env, timeout=120)
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-l", str(root / "log"), "-w",
                        "-o", f"-k {sockets} -p {port} -c listen_addresses=''", "start"],
                       check=True, capture_output=True, env=env, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        detail = getattr(error, "stderr", b"") or b""
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"could not start a local PostgreSQL: {error} {detail.decode()[-300:]}")
    try:
        yield f"postgresql://postgres@/postgres?host={sockets}&port={port}"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, env=env, timeout=120, check=False)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_store(postgres_url: str) -> Iterator[PostgresStore]:
    """A PostgreSQL store with empty tables."""
    store = PostgresStore(postgres_url)
    _truncate(store)
    yield store
    _truncate(store)


def _truncate(store: PostgresStore) -> None:
    with store._connection() as connection:
        connection.execute("TRUNCATE zoning_drafts, place_rows, place_layers, indicator_layers, "
                           "zoning_members, "
                           "zoning_outlines, zoning_territories, "
                           "zoning_versions, store_regions, guard_events, editor_sessions "
                           "RESTART IDENTITY")


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest) -> ZoningStore:
    """Each engine in turn: every interface test runs on both."""
    return request.getfixturevalue(f"{request.param}_store")
