"""Bring a store created by an earlier version of the app up to the current schema, in place.

``schema.sql`` creates missing tables (``CREATE TABLE IF NOT EXISTS``); the columns added
since a table was first created are added here, then filled in for the versions stored
before them. Nothing stored is rewritten: content hashes keep verifying
(:mod:`geodata.store.content`). Runs each time a store is opened, inside the engine's
write lock, and does nothing once done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Columns added after their table was created: table → [(column, SQL type)]; the type
#: may name a schema placeholder (``{real}``).
ADDED_COLUMNS = {
    "zoning_members": [("share", "{real}")],
    "zoning_versions": [("units", "INTEGER"), ("partial_units", "INTEGER")],
}
#: Fill the counts of versions stored before the columns existed: distinct communes, and
#: communes listed under several territories (the only partial ones before shares).
BACKFILL = (
    "UPDATE zoning_versions SET units = (SELECT count(DISTINCT m.code) FROM zoning_members m "
    "WHERE m.version_id = zoning_versions.id) WHERE units IS NULL",
    "UPDATE zoning_versions SET partial_units = (SELECT count(*) FROM (SELECT m.code "
    "FROM zoning_members m WHERE m.version_id = zoning_versions.id GROUP BY m.code "
    "HAVING count(*) > 1) shared) WHERE partial_units IS NULL",
)


def migrate(cursor: Any, columns_of: Callable[[Any, str], set[str]],
            fill: Callable[[str], str]) -> list[str]:
    """Add the missing columns and fill them; return the columns added.

    Parameters
    ----------
    cursor
        A cursor inside a transaction holding the store's write lock.
    columns_of
        The engine's way of listing a table's columns.
    fill
        Fills the schema placeholders of a type (``{real}``) for the engine.
    """
    added = []
    for table, columns in ADDED_COLUMNS.items():
        existing = columns_of(cursor, table)
        for name, sql_type in columns:
            if name not in existing:
                cursor.execute(f"ALTER TABLE {table} ADD COLUMN {name} {fill(sql_type)}")
                added.append(f"{table}.{name}")
    for statement in BACKFILL:
        cursor.execute(statement)
    return added
