"""The store on PostgreSQL (``DATABASE_URL``), for deployments that already run one.

Compositions are plain rows: PostGIS is not needed. Writes to a region take a
transaction-scoped advisory lock named after it, so version numbers are allocated one
writer at a time, exactly as SQLite's write lock does. Needs ``psycopg`` (version 3).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .drafts import DraftingStore

#: Advisory lock namespaces (``hashtext`` of these strings).
SCHEMA_LOCK = "cartocoord-store-schema"
REGION_LOCK = "cartocoord-store-region:"


class PostgresStore(DraftingStore):
    """Versioned zonings in the PostgreSQL database at ``url`` (schema created if absent)."""

    placeholder = "%s"
    id_column = "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
    bool_type = "BOOLEAN"
    real_type = "DOUBLE PRECISION"
    blob_type = "BYTEA"

    def __init__(self, url: str, *, connect_timeout: int = 10) -> None:
        import psycopg  # only needed for this engine

        self._psycopg = psycopg
        self.url = url
        self.connect_timeout = connect_timeout
        with self._connection() as connection, connection.transaction():
            # Two workers creating the schema at once would collide on the catalog.
            connection.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (SCHEMA_LOCK,))
            connection.execute(self.schema_sql())
            with connection.cursor() as cursor:
                self._migrate(cursor)

    def __repr__(self) -> str:
        return "PostgresStore(<DATABASE_URL>)"  # never print credentials

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        connection = self._psycopg.connect(self.url, autocommit=True,
                                           connect_timeout=self.connect_timeout)
        try:
            yield connection
        finally:
            connection.close()

    def _columns_of(self, cursor: Any, table: str) -> set[str]:
        cursor.execute("SELECT column_name FROM information_schema.columns "
                       "WHERE table_schema = current_schema() AND table_name = %s", (table,))
        return {row[0] for row in cursor.fetchall()}

    @contextmanager
    def _reading(self) -> Iterator[Any]:
        with self._connection() as connection, connection.transaction(), \
                connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield cursor

    @contextmanager
    def _writing(self, region: str) -> Iterator[Any]:
        with self._connection() as connection, connection.transaction(), \
                connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (REGION_LOCK + region,))
            yield cursor
