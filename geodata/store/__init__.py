"""Versioned storage of the coordination zonings: every import, edit or rollback is kept.

The store is an SQLite file in the data directory (``$CARTOCOORD_DATA_DIR``, by default
the project's git-ignored ``.data/``), or a PostgreSQL database when ``DATABASE_URL`` is
set. Both engines implement :class:`ZoningStore`; :func:`open_store` picks one.

Environment
-----------
``DATABASE_URL``
    ``postgresql://user:password@host:5432/base``: use PostgreSQL (psycopg 3).
``CARTOCOORD_STORE_FILE``
    Path of the SQLite file, overriding ``$CARTOCOORD_DATA_DIR/cartocoord.sqlite3``
    (the test suite points it at a temporary file).
``CARTOCOORD_DATA_DIR``
    Data directory holding the SQLite file (default ``.data/`` in the project).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from geodata.config import PROJECT_DIR

from .base import (
    MAX_NOTE_CHARS,
    SEED_EDITOR,
    Provenance,
    SQLStore,
    StoreConflict,
    StoreError,
    VersionInfo,
    VersionKind,
    ZoningStore,
    clip_note,
)
from .content import content_hash
from .drafts import DraftInfo, DraftingStore
from .postgres import PostgresStore
from .sqlite import SQLiteStore
from .versions import (
    CommuneMove,
    TerritoryChange,
    ZoningDiff,
    as_of,
    creation_date,
    describe_diff,
    diff_zonings,
    end_of_day,
)

#: Name of the SQLite file in the data directory.
STORE_FILE_NAME = "cartocoord.sqlite3"
POSTGRES_SCHEMES = ("postgres://", "postgresql://")


def store_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the SQLite store lives, read from the environment at each call."""
    env = os.environ if environ is None else environ
    if env.get("CARTOCOORD_STORE_FILE"):
        return Path(env["CARTOCOORD_STORE_FILE"])
    return Path(env.get("CARTOCOORD_DATA_DIR") or PROJECT_DIR / ".data") / STORE_FILE_NAME


def open_store(environ: Mapping[str, str] | None = None) -> ZoningStore:
    """Open the store the environment designates: PostgreSQL if ``DATABASE_URL``, else SQLite.

    Raises
    ------
    ValueError
        If ``DATABASE_URL`` is set to something other than a PostgreSQL URL.
    """
    env = os.environ if environ is None else environ
    url = env.get("DATABASE_URL", "").strip()
    if url:
        if not url.startswith(POSTGRES_SCHEMES):
            raise ValueError("DATABASE_URL must be a postgresql:// URL")
        return PostgresStore(url)
    return SQLiteStore(store_path(env))


__all__ = [
    "MAX_NOTE_CHARS",
    "SEED_EDITOR",
    "CommuneMove",
    "DraftInfo",
    "DraftingStore",
    "PostgresStore",
    "Provenance",
    "SQLStore",
    "SQLiteStore",
    "StoreConflict",
    "StoreError",
    "TerritoryChange",
    "VersionInfo",
    "VersionKind",
    "ZoningDiff",
    "ZoningStore",
    "as_of",
    "clip_note",
    "content_hash",
    "creation_date",
    "describe_diff",
    "diff_zonings",
    "end_of_day",
    "open_store",
    "store_path",
]
