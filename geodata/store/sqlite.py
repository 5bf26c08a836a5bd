"""The store in one SQLite file: no server, safe for several threads and processes.

The database runs in WAL mode (readers never wait for a writer); every write opens
``BEGIN IMMEDIATE``, which takes the file's write lock before reading the next version
number, so concurrent imports are serialised by SQLite itself. A connection is opened for
each operation: nothing is shared between threads or across a fork (gunicorn workers).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike
from pathlib import Path

from .drafts import DraftingStore

#: Seconds a writer waits for another one's transaction before giving up.
BUSY_TIMEOUT = 60.0


class SQLiteStore(DraftingStore):
    """Versioned zonings in the SQLite file ``path`` (created with its schema if absent)."""

    def __init__(self, path: str | PathLike[str], *, timeout: float = BUSY_TIMEOUT) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connection() as connection:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.executescript(self.schema_sql())
        with self._writing("") as cursor:  # another process may migrate at the same time
            self._migrate(cursor)

    def __repr__(self) -> str:
        return f"SQLiteStore({str(self.path)!r})"

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        # isolation_level=None: no implicit transactions, each write says BEGIN itself.
        connection = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA synchronous = FULL")
            yield connection
        finally:
            connection.close()

    def _columns_of(self, cursor: sqlite3.Cursor, table: str) -> set[str]:
        return {row[1] for row in cursor.execute(f"PRAGMA table_info({table})")}

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Cursor]:
        with self._connection() as connection:
            connection.execute("BEGIN")  # one snapshot for the queries of the block
            try:
                yield connection.cursor()
            finally:
                connection.execute("COMMIT")

    @contextmanager
    def _writing(self, region: str) -> Iterator[sqlite3.Cursor]:
        with self._connection() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection.cursor()
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
