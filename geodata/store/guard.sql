-- Security records every worker of every server must share (geodata/store/guard.py).
-- Unlike the versions, these rows are updated and deleted: they are counters, not history.

-- One row per counted event: a failed login (bucket "login-address" or
-- "login-password", subject the address or a keyed hash of the password tried, never
-- the password), an export started (bucket "export", subject the address).
CREATE TABLE IF NOT EXISTS guard_events (
    bucket      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    -- Seconds since the epoch (UTC).
    at          DOUBLE PRECISION NOT NULL
);

CREATE INDEX IF NOT EXISTS guard_events_by_subject ON guard_events (bucket, subject, at);

-- An editor's sessions are valid while they carry the editor's current generation:
-- logging out (or an administrator) adds 1, and every older session cookie is refused.
CREATE TABLE IF NOT EXISTS editor_sessions (
    editor      TEXT PRIMARY KEY,
    generation  INTEGER NOT NULL
);
