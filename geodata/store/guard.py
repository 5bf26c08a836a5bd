"""Security counters shared by every worker, kept in the store beside the versions.

Rate limits and session revocation must hold across the processes of a server (gunicorn
workers) and the servers sharing one PostgreSQL: a count kept in a process's memory is
reset by a restart and divided by the number of workers. :class:`GuardRecords` adds them
to :class:`geodata.store.base.SQLStore`, in the same SQL for both engines
(``guard.sql``).
"""

from __future__ import annotations

import time
from pathlib import Path

GUARD_SCHEMA_FILE = Path(__file__).with_name("guard.sql")
#: Events older than this are deleted when new ones of their bucket are written.
KEEP_SECONDS = 24 * 3600.0
#: Name of the write lock the guard's transactions take (not a region).
GUARD_LOCK = "~guard"


class GuardRecords:
    """Counted events and editors' session generations; mixed into ``SQLStore``.

    Uses the store's ``_reading``, ``_writing`` and ``_execute`` (``?`` placeholders).
    """

    @staticmethod
    def guard_schema_sql() -> str:
        """Return the tables of the counters (the same text for both engines)."""
        return GUARD_SCHEMA_FILE.read_text(encoding="utf-8")

    def record_event(self, bucket: str, subject: str, at: float | None = None) -> None:
        """Count one event of ``subject`` in ``bucket``; forget the bucket's old events."""
        now = time.time() if at is None else at
        with self._writing(GUARD_LOCK) as cursor:
            self._execute(cursor, "DELETE FROM guard_events WHERE bucket = ? AND at < ?",
                          (bucket, now - KEEP_SECONDS))
            self._execute(cursor, "INSERT INTO guard_events (bucket, subject, at) "
                          "VALUES (?, ?, ?)", (bucket, subject, now))

    def recent_events(self, bucket: str, subject: str, since: float) -> tuple[int, float | None]:
        """How many events of ``subject`` since ``since``, and when the last one was."""
        with self._reading() as cursor:
            count, last = self._execute(
                cursor, "SELECT count(*), max(at) FROM guard_events "
                "WHERE bucket = ? AND subject = ? AND at >= ?", (bucket, subject, since)
            ).fetchone()
        return int(count), (None if last is None else float(last))

    def forget_events(self, bucket: str, subject: str) -> None:
        """Delete the events of ``subject`` in ``bucket`` (a successful login)."""
        with self._writing(GUARD_LOCK) as cursor:
            self._execute(cursor, "DELETE FROM guard_events WHERE bucket = ? AND subject = ?",
                          (bucket, subject))

    def session_generation(self, editor: str) -> int:
        """Return the editor's current session generation (0 until the first revocation)."""
        with self._reading() as cursor:
            row = self._execute(cursor, "SELECT generation FROM editor_sessions "
                                "WHERE editor = ?", (editor,)).fetchone()
        return int(row[0]) if row else 0

    def revoke_sessions(self, editor: str) -> int:
        """End every session of ``editor`` now; return the new generation."""
        with self._writing(GUARD_LOCK) as cursor:
            row = self._execute(cursor, "SELECT generation FROM editor_sessions "
                                "WHERE editor = ?", (editor,)).fetchone()
            generation = (int(row[0]) if row else 0) + 1
            if row:
                self._execute(cursor, "UPDATE editor_sessions SET generation = ? "
                              "WHERE editor = ?", (generation, editor))
            else:
                self._execute(cursor, "INSERT INTO editor_sessions (editor, generation) "
                              "VALUES (?, ?)", (editor, generation))
        return generation
