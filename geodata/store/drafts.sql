-- Drafts of zonings (« projets de découpage », geodata/store/drafts.py): a named list of
-- moves of units between territories, on one stored version of a zoning. A draft is
-- never the perimeter shown as official: promoting it stores a new version of the
-- zoning, with the usual history and rollback. Rows are never updated nor deleted.
CREATE TABLE IF NOT EXISTS zoning_drafts (
    id              {id_column},
    region          TEXT NOT NULL,
    zoning_key      TEXT NOT NULL,
    name            TEXT NOT NULL,
    -- ISO 8601, UTC, microseconds, as zoning_versions.created_at.
    created_at      TEXT NOT NULL,
    editor          TEXT NOT NULL,
    -- The version the moves apply to.
    base_version    BIGINT NOT NULL REFERENCES zoning_versions (id),
    -- Key of the zoning it was made to nest in (or to follow), and the goal.
    reference_key   TEXT NOT NULL DEFAULT '',
    goal            TEXT NOT NULL DEFAULT '',
    -- The moves, in the text form of geodata.harmonisation.moves.
    moves           TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT ''
);

CREATE INDEX IF NOT EXISTS zoning_drafts_by_region ON zoning_drafts (region, id);
