"""Drafts of zonings (« projets de découpage »): named scenarios kept beside the versions.

A draft is a list of moves (:mod:`geodata.harmonisation.moves`) on one stored version of
a zoning, saved by an editor from the harmonisation page. It is never the perimeter
shown as official: :meth:`DraftRecords.promote_draft` stores it as a new version, in one
explicit step, refused when the zoning changed since the draft's version (history and
rollback then work as for any version). :class:`DraftingStore` adds the drafts to
:class:`geodata.store.base.SQLStore`, in the same SQL for both engines (``drafts.sql``);
both engines derive from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from geodata.harmonisation.moves import apply_moves, decode_moves, encode_moves
from geodata.zonings.model import Zoning

from .base import (
    MAX_NOTE_CHARS,
    Provenance,
    SQLStore,
    StoreConflict,
    StoreError,
    VersionInfo,
    VersionKind,
    clip_note,
    now_utc,
    timestamp,
)

DRAFTS_SCHEMA_FILE = Path(__file__).with_name("drafts.sql")
#: Longest name kept (its note: :data:`~geodata.store.base.MAX_NOTE_CHARS`).
MAX_NAME_CHARS = 120

DRAFT_MESSAGES = {
    "unknown_draft": "Projet n° {id} introuvable.",
    "no_name": "Donnez un nom au projet.",
    "no_move": "Ce projet ne déplace aucune commune : rien à enregistrer.",
    "wrong_version": "La version n° {id} n'est pas une version du découpage « {key} ».",
    "stale": ("Le projet « {name} » a été établi sur la version n° {base} du découpage ; "
              "la version en service est la n° {latest}. Ouvrez le projet dans "
              "« Harmonisation », vérifiez-le et enregistrez-le de nouveau."),
}

_DRAFT_COLUMNS = ("id", "region", "zoning_key", "name", "created_at", "editor",
                  "base_version", "reference_key", "goal", "moves", "note")
_SELECT_DRAFT = f"SELECT {', '.join(_DRAFT_COLUMNS)} FROM zoning_drafts"


@dataclass(frozen=True)
class DraftInfo:
    """One saved draft: what it changes, on which version, by whom."""

    id: int
    region: str
    zoning_key: str
    name: str
    created_at: datetime
    editor: str
    base_version: int
    reference_key: str
    goal: str
    moves: str
    note: str


class DraftingStore(SQLStore):
    """The SQL store with the drafts of its zonings (engines supply the rest)."""

    def schema_sql(self) -> str:
        """Return the schema of the versions, then the table of the drafts."""
        drafts = DRAFTS_SCHEMA_FILE.read_text(encoding="utf-8")
        return super().schema_sql() + "\n" + drafts.replace("{id_column}", self.id_column)

    def save_draft(self, region: str, key: str, name: str, base_version: int, moves: str, *,
                   editor: str, reference_key: str = "", goal: str = "",
                   note: str = "") -> DraftInfo:
        """Store the moves ``moves`` on version ``base_version`` of ``key`` as a draft.

        The moves are read against that version and written back in their canonical
        form: what does not apply to it is left out.

        Raises
        ------
        StoreError
            Without a name, when no move applies, or when the version is not one of
            ``key`` in ``region``.
        """
        name = " ".join(name.split())[:MAX_NAME_CHARS]
        if not name:
            raise StoreError(DRAFT_MESSAGES["no_name"])
        info = self.version(base_version)
        if (info.region, info.zoning_key) != (region, key):
            raise StoreError(DRAFT_MESSAGES["wrong_version"].format(id=base_version, key=key))
        zoning = self.load(info.id)
        text = encode_moves(decode_moves(moves, zoning), zoning)
        if not text:
            raise StoreError(DRAFT_MESSAGES["no_move"])
        values = (region, key, name, timestamp(now_utc()), editor, info.id, reference_key,
                  goal, text, clip_note(note))
        marks = ", ".join("?" * len(values))
        with self._writing(region) as cursor:
            draft_id = self._execute(
                cursor, f"INSERT INTO zoning_drafts ({', '.join(_DRAFT_COLUMNS[1:])}) "
                f"VALUES ({marks}) RETURNING id", values).fetchone()[0]
        return self.draft(int(draft_id))

    def drafts(self, region: str, key: str | None = None) -> list[DraftInfo]:
        """Every draft of the region (or of one zoning), newest first."""
        where, params = "WHERE region = ?", (region,)
        if key is not None:
            where, params = where + " AND zoning_key = ?", (region, key)
        with self._reading() as cursor:
            rows = self._execute(cursor, f"{_SELECT_DRAFT} {where} ORDER BY id DESC",
                                 params).fetchall()
        return [_draft_info(row) for row in rows]

    def draft(self, draft_id: int) -> DraftInfo:
        """One draft. Raises :class:`StoreError` if there is none."""
        with self._reading() as cursor:
            row = self._execute(cursor, f"{_SELECT_DRAFT} WHERE id = ?",
                                (int(draft_id),)).fetchone()
        if row is None:
            raise StoreError(DRAFT_MESSAGES["unknown_draft"].format(id=draft_id))
        return _draft_info(row)

    def load_draft(self, draft_id: int) -> tuple[DraftInfo, Zoning, Zoning]:
        """Return a draft, the version it was made on, and that version with its moves."""
        info = self.draft(draft_id)
        base = self.load(info.base_version)
        return info, base, apply_moves(base, decode_moves(info.moves, base))

    def promote_draft(self, draft_id: int, *, editor: str, note: str = "") -> VersionInfo:
        """Store the draft as the next version of its zoning (kind « projet »).

        Raises
        ------
        StoreConflict
            When another version of the zoning was stored after the draft's version.
        """
        info, _, zoning = self.load_draft(draft_id)
        latest = self.latest(info.region).get(info.zoning_key)
        if latest is None or latest.id != info.base_version:
            raise StoreConflict(DRAFT_MESSAGES["stale"].format(
                name=info.name, base=self.version(info.base_version).number,
                latest=latest.number if latest else "?"))
        text = f"Projet « {info.name} » (n° {info.id})" + (f" : {note.strip()}" if note.strip()
                                                           else "")
        provenance = Provenance(editor, VersionKind.PROJECT, note=text[:MAX_NOTE_CHARS],
                                based_on=info.base_version)
        return self.add_version(info.region, info.zoning_key, zoning, provenance,
                                expected_latest=info.base_version)


def _draft_info(row: tuple) -> DraftInfo:
    values = dict(zip(_DRAFT_COLUMNS, row, strict=True))
    values["created_at"] = datetime.fromisoformat(values["created_at"])
    for name in ("id", "base_version"):
        values[name] = int(values[name])
    return DraftInfo(**values)
