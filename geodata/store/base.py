"""The versioned zoning store: its interface, its records, and the SQL both engines share.

Every change of a zoning (the demonstration set, an imported file, a fiche edited in the
dashboard, a rollback) is written as a new *version*: one row of ``zoning_versions`` and,
in the same transaction, every territory and every ``(territory, commune)`` pair of the
zoning. Versions are never updated nor deleted; the zoning shown is the latest version
of each key. Writes to one region are serialised (SQLite's write lock, a PostgreSQL
advisory lock), so two editors importing at once get versions n and n + 1, never a mix.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import shapely

from geodata.store.errors import MESSAGES, StoreConflict, StoreError
from geodata.store.guard import GuardRecords
from geodata.store.indicator_layers import IndicatorLayerRecords
from geodata.store.layer_kinds import INDICATOR_LAYERS, LAYER_TYPES, PLACE_LAYERS
from geodata.store.place_layers import PlaceLayerRecords
from geodata.zonings import Fiche, Zoning, load_zoning_types
from geodata.zonings.constants import MAX_TERRITORIES_PER_UNIT

from .content import content_hash, fiche_from_dict, fiche_to_dict, outline_wkb
from .migrations import migrate

SCHEMA_FILE = Path(__file__).with_name("schema.sql")
#: Editor recorded for the demonstration set.
SEED_EDITOR = "cartocoord"
SEED_NOTE = "Jeu de démonstration (périmètres illustratifs, non officiels)"


class VersionKind(StrEnum):
    """How a version came to be."""

    SEED = "seed"
    IMPORT = "import"
    FICHE = "fiche"
    ROLLBACK = "rollback"
    #: An editor emptied the zoning on purpose (« Vider ce découpage »).
    EMPTIED = "emptied"
    #: A draft (« projet de découpage ») promoted to the version in service.
    PROJECT = "projet"


#: Longest note of a version kept, whoever writes it (web page, command line, drafts).
MAX_NOTE_CHARS = 1000


def clip_note(text: str | None) -> str:
    """Trim a note to what is stored: at most :data:`MAX_NOTE_CHARS` characters."""
    return (text or "").strip()[:MAX_NOTE_CHARS]


@dataclass(frozen=True)
class Provenance:
    """What the caller says about a new version."""

    editor: str
    kind: VersionKind
    file_name: str = ""
    #: SHA-256 of the imported file.
    sha256: str = ""
    note: str = ""
    #: Version restored by a rollback, or edited by a fiche change.
    based_on: int | None = None


@dataclass(frozen=True)
class VersionInfo:
    """One version of one zoning, without its content (see :meth:`ZoningStore.load`)."""

    id: int
    region: str
    zoning_key: str
    number: int
    zoning_type: str
    created_at: datetime
    editor: str
    kind: VersionKind
    file_name: str
    sha256: str
    note: str
    illustrative: bool
    source: str
    based_on: int | None
    territories: int
    #: ``(territory, commune)`` pairs.
    members: int
    content_sha256: str
    #: Distinct communes covered, and those split between territories or partly covered:
    #: the counts the import report, the fiche and ``geodata summary`` give too.
    units: int = 0
    partial_units: int = 0


_VERSION_COLUMNS = (
    "id", "region", "zoning_key", "number", "zoning_type", "created_at", "editor", "kind",
    "file_name", "sha256", "note", "illustrative", "source", "based_on", "territories",
    "members", "content_sha256", "units", "partial_units",
)
_SELECT_VERSION = f"SELECT {', '.join(_VERSION_COLUMNS)} FROM zoning_versions"


def now_utc() -> datetime:
    """Return the current time, timezone-aware (UTC)."""
    return datetime.now(UTC)


def timestamp(when: datetime) -> str:
    """Fixed-width ISO 8601 in UTC, so that timestamps sort as text in both engines."""
    if when.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return when.astimezone(UTC).isoformat(timespec="microseconds")


class ZoningStore(ABC):
    """Versions of the zonings of every region; the same interface on SQLite and PostgreSQL.

    Examples
    --------
    >>> store = SQLiteStore(tmp_path / "zonings.sqlite3")      # doctest: +SKIP
    >>> store.seed("11", demo_zonings)                           # version 1 of each zoning
    >>> info = store.add_version("11", "dac", zoning,            # doctest: +SKIP
    ...                          Provenance("alice", VersionKind.IMPORT, "dac.csv"))
    >>> store.current("11")["dac"] == zoning
    True
    """

    @abstractmethod
    def revision(self, region: str) -> int | None:
        """Id of the region's latest version: a cheap query to notice any change.

        ``None`` when the region was never seeded, 0 when seeded with no zoning.
        """

    @abstractmethod
    def seed(self, region: str, zonings: Mapping[str, Zoning]) -> list[VersionInfo]:
        """Write ``zonings`` as version 1 of each, once per region (later calls do nothing)."""

    @abstractmethod
    def add_version(self, region: str, key: str, zoning: Zoning, provenance: Provenance, *,
                    expected_latest: int | None = None) -> VersionInfo:
        """Store ``zoning`` as the next version of ``key``, in one transaction.

        Raises
        ------
        StoreConflict
            If ``expected_latest`` is given and is not the latest version of ``key``.
        """

    @abstractmethod
    def versions(self, region: str, key: str | None = None) -> list[VersionInfo]:
        """Every version of the region (or of one zoning), newest first."""

    @abstractmethod
    def version(self, version_id: int) -> VersionInfo:
        """One version's record. Raises :class:`StoreError` if there is none."""

    @abstractmethod
    def load(self, version_id: int) -> Zoning:
        """Read the zoning of one version, checked against its content hash."""

    @abstractmethod
    def latest(self, region: str, at: datetime | None = None) -> dict[str, VersionInfo]:
        """Latest version of each zoning (created at or before ``at`` when given).

        Keys come in the order the zonings were first stored.
        """

    def current(self, region: str) -> dict[str, Zoning]:
        """Read the zonings shown now: the latest version of each."""
        return {key: self.load(info.id) for key, info in self.latest(region).items()}

    def zonings_at(self, region: str, at: datetime) -> dict[str, Zoning]:
        """Read the zonings as stored at ``at`` (zonings created later are absent)."""
        return {key: self.load(info.id) for key, info in self.latest(region, at).items()}

    def rollback(self, version_id: int, *, editor: str, note: str = "") -> VersionInfo:
        """Store a new version equal to version ``version_id`` (history is kept).

        The same for a zoning, a shared list of places and a shared indicator layer.
        """
        old = self.version(version_id)
        provenance = Provenance(editor, VersionKind.ROLLBACK, old.file_name, old.sha256,
                                note, based_on=version_id)
        if old.zoning_type == PLACE_LAYERS.zoning_type:
            return self.add_place_layer(old.region, old.zoning_key,
                                        self.load_place_layer(version_id), provenance)
        if old.zoning_type == INDICATOR_LAYERS.zoning_type:
            return self.add_indicator_layer(old.region, old.zoning_key,
                                            self.load_indicator_layer(version_id), provenance)
        return self.add_version(old.region, old.zoning_key, self.load(version_id), provenance)

    def update_fiche(self, region: str, key: str, territory_id: str, fiche: Fiche, *,
                     editor: str, base_version: int, note: str = "") -> VersionInfo:
        """Store a new version of ``key`` where one territory's fiche is replaced.

        Raises
        ------
        StoreConflict
            If another version of ``key`` was stored after ``base_version``.
        StoreError
            If the territory is not in ``base_version``.
        """
        zoning = self.load(base_version)
        if territory_id not in zoning.fiches:
            raise StoreError(MESSAGES["unknown_territory"].format(territory=territory_id,
                                                                  id=base_version))
        fiches = dict(zoning.fiches)
        fiches[territory_id] = fiche
        provenance = Provenance(editor, VersionKind.FICHE, note=note, based_on=base_version)
        return self.add_version(region, key, replace(zoning, fiches=fiches), provenance,
                                expected_latest=base_version)


class SQLStore(GuardRecords, PlaceLayerRecords, IndicatorLayerRecords, ZoningStore):
    """The store written once in SQL; engines supply connections, locks and the dialect.

    Queries are written with ``?`` placeholders; :attr:`placeholder` replaces them.
    """

    placeholder = "?"
    #: Filled into ``schema.sql``.
    id_column = "INTEGER PRIMARY KEY AUTOINCREMENT"
    bool_type = "INTEGER"
    real_type = "REAL"
    blob_type = "BLOB"

    # -- engine hooks -------------------------------------------------------------------

    @abstractmethod
    def _reading(self) -> AbstractContextManager[Any]:
        """Give a cursor for reads (each version is immutable once committed)."""

    @abstractmethod
    def _writing(self, region: str) -> AbstractContextManager[Any]:
        """Give a cursor inside a transaction holding the region's write lock.

        Commits when the block ends, rolls everything back if it raises.
        """

    @abstractmethod
    def _columns_of(self, cursor: Any, table: str) -> set[str]:
        """Names of the columns of ``table``."""

    def schema_sql(self) -> str:
        """Return the schema for this engine."""
        return self._fill(SCHEMA_FILE.read_text(encoding="utf-8")) + "\n" + self.guard_schema_sql()

    def _fill(self, text: str) -> str:
        for name, value in (("{id_column}", self.id_column), ("{bool}", self.bool_type),
                            ("{real}", self.real_type), ("{blob}", self.blob_type)):
            text = text.replace(name, value)
        return text

    def _migrate(self, cursor: Any) -> list[str]:
        """Add the columns this store lacks (created by an earlier version of the app)."""
        return migrate(cursor, self._columns_of, self._fill)

    def _sql(self, text: str) -> str:
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    def _execute(self, cursor: Any, text: str, params: tuple = ()) -> Any:
        cursor.execute(self._sql(text), params)
        return cursor

    # -- reads --------------------------------------------------------------------------

    def revision(self, region: str) -> int | None:
        """See :meth:`ZoningStore.revision`."""
        with self._reading() as cursor:
            row = self._execute(cursor, (
                "SELECT (SELECT max(id) FROM zoning_versions WHERE region = ?), "
                "(SELECT count(*) FROM store_regions WHERE region = ?)"), (region, region)
            ).fetchone()
        if not row[1]:
            return None
        return int(row[0] or 0)

    def versions(self, region: str, key: str | None = None) -> list[VersionInfo]:
        """See :meth:`ZoningStore.versions`."""
        where, params = "WHERE region = ?", (region,)
        if key is not None:
            where, params = where + " AND zoning_key = ?", (region, key)
        with self._reading() as cursor:
            rows = self._execute(cursor, f"{_SELECT_VERSION} {where} ORDER BY id DESC",
                                 params).fetchall()
        return [_version_info(row) for row in rows]

    def version(self, version_id: int) -> VersionInfo:
        """See :meth:`ZoningStore.version`."""
        with self._reading() as cursor:
            row = self._execute(cursor, f"{_SELECT_VERSION} WHERE id = ?",
                                (int(version_id),)).fetchone()
        if row is None:
            raise StoreError(MESSAGES["unknown_version"].format(id=version_id))
        return _version_info(row)

    def load(self, version_id: int) -> Zoning:
        """See :meth:`ZoningStore.load`."""
        info = self.version(version_id)
        with self._reading() as cursor:
            territories = self._execute(
                cursor, "SELECT territory_id, fiche FROM zoning_territories "
                "WHERE version_id = ? ORDER BY position", (info.id,)).fetchall()
            members = self._execute(
                cursor, "SELECT territory_id, code, share FROM zoning_members "
                "WHERE version_id = ?", (info.id,)).fetchall()
            outlines = self._execute(
                cursor, "SELECT territory_id, geometry FROM zoning_outlines "
                "WHERE version_id = ?", (info.id,)).fetchall()
        zoning = Zoning(
            type=load_zoning_types().get(info.zoning_type),
            fiches={tid: fiche_from_dict(json.loads(fiche)) for tid, fiche in territories},
            members=tuple((tid, code) for tid, code, _ in members),
            illustrative=info.illustrative,
            source=info.source,
            shares={(tid, code): float(share) for tid, code, share in members
                    if share is not None},
            outlines={tid: shapely.from_wkb(bytes(geometry)) for tid, geometry in outlines},
        )
        if content_hash(zoning) != info.content_sha256:
            raise StoreError(MESSAGES["corrupt"].format(id=info.id))
        return zoning

    def latest(self, region: str, at: datetime | None = None) -> dict[str, VersionInfo]:
        """See :meth:`ZoningStore.latest` (zonings only, not the shared layers)."""
        return self._latest(region, at, None)

    def _latest(self, region: str, at: datetime | None,
                layer_type: str | None) -> dict[str, VersionInfo]:
        """Latest version of each zoning (``layer_type`` None), or of each shared layer."""
        if layer_type is None:
            where = (f"WHERE region = ? AND zoning_type NOT IN "
                     f"({', '.join('?' * len(LAYER_TYPES))})")
            params: tuple = (region, *LAYER_TYPES)
        else:
            where, params = "WHERE region = ? AND zoning_type = ?", (region, layer_type)
        if at is not None:
            where, params = where + " AND created_at <= ?", (*params, timestamp(at))
        with self._reading() as cursor:
            ids = [row[0] for row in self._execute(
                cursor, f"SELECT max(id) FROM zoning_versions {where} GROUP BY zoning_key "
                "ORDER BY min(id)", params).fetchall()]
            if not ids:
                return {}
            marks = ", ".join("?" * len(ids))
            rows = self._execute(cursor, f"{_SELECT_VERSION} WHERE id IN ({marks})",
                                 tuple(ids)).fetchall()
        by_id = {row[0]: _version_info(row) for row in rows}
        return {by_id[vid].zoning_key: by_id[vid] for vid in ids}

    # -- writes -------------------------------------------------------------------------

    def seed(self, region: str, zonings: Mapping[str, Zoning]) -> list[VersionInfo]:
        """See :meth:`ZoningStore.seed`."""
        with self._writing(region) as cursor:
            done = self._execute(cursor, "SELECT 1 FROM store_regions WHERE region = ?",
                                 (region,)).fetchone()
            if done:
                return []
            provenance = Provenance(SEED_EDITOR, VersionKind.SEED, note=SEED_NOTE)
            infos = [self._write(cursor, region, key, zoning, provenance)
                     for key, zoning in zonings.items()]
            self._execute(cursor, "INSERT INTO store_regions (region, seeded_at) VALUES (?, ?)",
                          (region, timestamp(now_utc())))
        return infos

    def add_version(self, region: str, key: str, zoning: Zoning, provenance: Provenance, *,
                    expected_latest: int | None = None) -> VersionInfo:
        """See :meth:`ZoningStore.add_version`.

        A zoning without any commune is refused (:class:`StoreError`) unless the editor
        empties it on purpose (:attr:`VersionKind.EMPTIED`): an import whose codes all
        failed must not blank the layer for everyone.
        """
        if not zoning.members and VersionKind(provenance.kind) is not VersionKind.EMPTIED:
            raise StoreError(MESSAGES["empty"].format(key=key))
        _check_size(key, zoning)
        with self._writing(region) as cursor:
            if expected_latest is not None:
                self._check_latest(cursor, region, key, expected_latest)
            return self._write(cursor, region, key, zoning, provenance)

    def _check_latest(self, cursor: Any, region: str, key: str, expected: int) -> None:
        row = self._execute(cursor, f"{_SELECT_VERSION} WHERE region = ? AND zoning_key = ? "
                            "ORDER BY id DESC LIMIT 1", (region, key)).fetchone()
        if row is None:
            raise StoreError(MESSAGES["no_zoning"].format(key=key, region=region))
        latest = _version_info(row)
        if latest.id != int(expected):
            raise StoreConflict(MESSAGES["conflict"].format(
                key=key, latest=latest.number, editor=latest.editor,
                when=latest.created_at.strftime("%d/%m/%Y %H:%M")))

    def _write(self, cursor: Any, region: str, key: str, zoning: Zoning,
               provenance: Provenance) -> VersionInfo:
        """Insert one version and its rows; the caller's transaction makes it atomic."""
        info = self._insert_version(
            cursor, region, key, zoning.type.key, provenance,
            illustrative=bool(zoning.illustrative), source=zoning.source,
            territories=len(zoning.fiches), members=len(zoning.members),
            content_sha256=content_hash(zoning), units=len(zoning.covered_codes()),
            partial_units=len(zoning.partial_codes()))
        self._insert_territories(cursor, info.id, zoning)
        self._insert_members(cursor, info.id, zoning)
        return info

    def _insert_version(self, cursor: Any, region: str, key: str, zoning_type: str,
                        provenance: Provenance, *, illustrative: bool, source: str,
                        territories: int, members: int, content_sha256: str, units: int = 0,
                        partial_units: int = 0) -> VersionInfo:
        """Insert the row of the next version of ``key`` (a zoning or a list of places)."""
        number = self._execute(
            cursor, "SELECT coalesce(max(number), 0) FROM zoning_versions "
            "WHERE region = ? AND zoning_key = ?", (region, key)).fetchone()[0] + 1
        info = VersionInfo(
            id=0, region=region, zoning_key=key, number=int(number),
            zoning_type=zoning_type, created_at=now_utc(), editor=provenance.editor,
            kind=VersionKind(provenance.kind), file_name=provenance.file_name,
            sha256=provenance.sha256, note=provenance.note, illustrative=illustrative,
            source=source, based_on=provenance.based_on, territories=territories,
            members=members, content_sha256=content_sha256, units=units,
            partial_units=partial_units,
        )
        values = [getattr(info, name) for name in _VERSION_COLUMNS[1:]]
        values[_VERSION_COLUMNS.index("created_at") - 1] = timestamp(info.created_at)
        values[_VERSION_COLUMNS.index("kind") - 1] = str(info.kind)
        marks = ", ".join("?" * len(values))
        version_id = self._execute(
            cursor, f"INSERT INTO zoning_versions ({', '.join(_VERSION_COLUMNS[1:])}) "
            f"VALUES ({marks}) RETURNING id", tuple(values)).fetchone()[0]
        return replace(info, id=int(version_id))

    def _insert_territories(self, cursor: Any, version_id: int, zoning: Zoning) -> None:
        rows = [(version_id, position, tid, fiche.nom, fiche.date_creation,
                 json.dumps(fiche_to_dict(fiche), ensure_ascii=False))
                for position, (tid, fiche) in enumerate(zoning.fiches.items())]
        cursor.executemany(self._sql(
            "INSERT INTO zoning_territories (version_id, position, territory_id, nom, "
            "date_creation, fiche) VALUES (?, ?, ?, ?, ?, ?)"), rows)

    def _insert_members(self, cursor: Any, version_id: int, zoning: Zoning) -> None:
        shares = zoning.shares
        cursor.executemany(self._sql(
            "INSERT INTO zoning_members (version_id, territory_id, code, share) "
            "VALUES (?, ?, ?, ?)"),
            [(version_id, tid, code, shares.get((tid, code))) for tid, code in zoning.members])
        if zoning.outlines:
            cursor.executemany(self._sql(
                "INSERT INTO zoning_outlines (version_id, territory_id, geometry) "
                "VALUES (?, ?, ?)"),
                [(version_id, tid, outline_wkb(geometry))
                 for tid, geometry in zoning.outlines.items()])


def _version_info(row: tuple) -> VersionInfo:
    values = dict(zip(_VERSION_COLUMNS, row, strict=True))
    values["created_at"] = datetime.fromisoformat(values["created_at"])
    values["kind"] = VersionKind(values["kind"])
    values["illustrative"] = bool(values["illustrative"])
    values["based_on"] = None if values["based_on"] is None else int(values["based_on"])
    for name in ("id", "number", "territories", "members", "units", "partial_units"):
        values[name] = int(values[name] or 0)
    return VersionInfo(**values)


def _check_size(key: str, zoning: Zoning) -> None:
    """Refuse what no import accepts, whatever path it came by (rollback of an old version).

    The bounds of :mod:`geodata.zonings.bounds` are checked on the file; here the one that
    holds without the region's communes at hand: a commune under a handful of territories
    at most, and at most that many territories per commune listed. Together they bound
    the memberships, hence the memory of drawing the zoning, by the communes it lists.
    """
    per_unit = Counter(code for _, code in zoning.members)
    crowded = max(per_unit.values(), default=0)
    if crowded > MAX_TERRITORIES_PER_UNIT:
        raise StoreError(MESSAGES["too_large"].format(key=key, count=crowded,
                                                      limit=MAX_TERRITORIES_PER_UNIT))
    if len(zoning.fiches) > MAX_TERRITORIES_PER_UNIT * max(len(per_unit), 1):
        raise StoreError(MESSAGES["too_many_territories"].format(
            key=key, count=len(zoning.fiches),
            units=(f"{len(per_unit)} communes rattachées" if len(per_unit) > 1
                   else f"{len(per_unit)} commune rattachée")))
