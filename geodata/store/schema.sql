-- Versioned zonings. One row per version in zoning_versions; the composition
-- (zoning_members) and the fiches (zoning_territories) of each version are rows of
-- their own, copied whole at every version, so that any version can be read, compared
-- or restored without replaying history. Rows are never updated nor deleted.
--
-- The same text serves SQLite and PostgreSQL: {id_column}, {bool}, {real} and {blob} are
-- filled in by the engine (geodata/store/sqlite.py, geodata/store/postgres.py). Stores
-- created before a column existed gain it when opened (MIGRATIONS in base.py).

CREATE TABLE IF NOT EXISTS store_regions (
    region      TEXT PRIMARY KEY,
    -- When the demonstration set was written as version 1 of each zoning.
    seeded_at   TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS zoning_versions (
    id              {id_column},
    region          TEXT NOT NULL,
    zoning_key      TEXT NOT NULL,
    -- 1, 2, 3… for each (region, zoning_key).
    number          INTEGER NOT NULL,
    zoning_type     TEXT NOT NULL,
    -- ISO 8601, UTC, microseconds: sorts as text.
    created_at      TEXT NOT NULL,
    editor          TEXT NOT NULL,
    -- seed (demonstration set), import (file), fiche (edited in the UI), rollback,
    -- projet (a draft promoted).
    kind            TEXT NOT NULL,
    file_name       TEXT NOT NULL DEFAULT '',
    -- SHA-256 of the imported file, as uploaded.
    sha256          TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    illustrative    {bool} NOT NULL,
    source          TEXT NOT NULL DEFAULT '',
    -- Version a rollback copies or a fiche edit starts from.
    based_on        BIGINT,
    territories     INTEGER NOT NULL,
    -- (territory, commune) pairs.
    members         INTEGER NOT NULL,
    -- Distinct communes, and those split between territories or partly covered
    -- (added with shares; filled in for older versions when the store is opened).
    units           INTEGER,
    partial_units   INTEGER,
    -- SHA-256 of the canonical content: checked on every read.
    content_sha256  TEXT NOT NULL,
    UNIQUE (region, zoning_key, number)
);

CREATE INDEX IF NOT EXISTS zoning_versions_by_region ON zoning_versions (region, id);

CREATE TABLE IF NOT EXISTS zoning_territories (
    version_id      BIGINT NOT NULL REFERENCES zoning_versions (id),
    position        INTEGER NOT NULL,
    territory_id    TEXT NOT NULL,
    nom             TEXT NOT NULL,
    date_creation   TEXT,
    -- Every field of the fiche, as a JSON object.
    fiche           TEXT NOT NULL,
    PRIMARY KEY (version_id, territory_id)
);

CREATE TABLE IF NOT EXISTS zoning_members (
    version_id      BIGINT NOT NULL REFERENCES zoning_versions (id),
    territory_id    TEXT NOT NULL,
    code            TEXT NOT NULL,
    -- Explicit share of the commune in the territory, in (0, 1); NULL: the whole commune
    -- (or, for a commune under several territories, an unknown part, derived on reading).
    share           {real},
    PRIMARY KEY (version_id, territory_id, code)
);

-- Outlines of the territories when the imported file had polygons (WKB, WGS84).
CREATE TABLE IF NOT EXISTS zoning_outlines (
    version_id      BIGINT NOT NULL REFERENCES zoning_versions (id),
    territory_id    TEXT NOT NULL,
    geometry        {blob} NOT NULL,
    PRIMARY KEY (version_id, territory_id)
);

-- Shared lists of places (issue 13): a version of zoning_versions whose zoning_type is
-- 'lieux' (geodata/store/place_layers.py); its places are rows of place_rows.
CREATE TABLE IF NOT EXISTS place_layers (
    version_id      BIGINT PRIMARY KEY REFERENCES zoning_versions (id),
    label           TEXT NOT NULL,
    vintage         TEXT NOT NULL,
    value_label     TEXT NOT NULL DEFAULT '',
    -- Cities given whole ({"75056": {"nom": "Paris", "units": [...]}}), as JSON.
    whole_cities    TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE IF NOT EXISTS place_rows (
    version_id      BIGINT NOT NULL REFERENCES zoning_versions (id),
    position        INTEGER NOT NULL,
    place_id        TEXT NOT NULL,
    nom             TEXT NOT NULL,
    code            TEXT NOT NULL,
    lon             DOUBLE PRECISION NOT NULL,
    lat             DOUBLE PRECISION NOT NULL,
    category        TEXT NOT NULL,
    value           DOUBLE PRECISION,
    at_centre       {bool} NOT NULL,
    PRIMARY KEY (version_id, position)
);

-- Shared indicator layers (issue 13): a version of zoning_versions whose zoning_type is
-- 'indicateurs' (geodata/store/indicator_layers.py); its indicators and values are one
-- JSON record (geodata/observations/session_indicators.py), the text its hash is taken of.
CREATE TABLE IF NOT EXISTS indicator_layers (
    version_id      BIGINT PRIMARY KEY REFERENCES zoning_versions (id),
    label           TEXT NOT NULL,
    record          TEXT NOT NULL
);
