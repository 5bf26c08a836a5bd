"""Lists of places a visitor imported, kept for their session only, on the server's disk.

A visitor's import is theirs: it is never written to the shared store, and nobody else
can list it. It is kept as a JSON file named by its content hash (the browser's session
holds only that hash), so that every worker of the server finds it for the map, the
exports and the meeting mode; at most :data:`MAX_KEPT` are kept, the oldest removed
first.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from geodata.config import LOCAL_DATA_DIR
from geodata.observations.place_records import content_hash, layer_from_record, layer_record
from geodata.observations.places import PlaceList

MAX_KEPT = 500
KEY_SHAPE = re.compile(r"[0-9a-f]{64}")


class SessionLayers:
    """Imported lists of places on disk, named by the hash of their content."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def save(self, layer: PlaceList) -> str:
        """Keep a list of places; return its key (the hash of its content) for the session."""
        key = content_hash(layer)
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{key}.json"
        if path.exists():
            path.touch()
            return key
        partial = path.with_suffix(".part")
        partial.write_text(json.dumps(layer_record(layer), ensure_ascii=False), encoding="utf-8")
        partial.replace(path)
        self._prune()
        return key

    def load(self, key: str | None) -> PlaceList | None:
        """Return a kept list of places (None: no key, malformed, removed or altered)."""
        if not key or not KEY_SHAPE.fullmatch(key):
            return None
        try:
            layer = layer_from_record(json.loads(
                (self.folder / f"{key}.json").read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return layer if content_hash(layer) == key else None

    def _prune(self) -> None:
        kept = sorted(self.folder.glob("*.json"), key=lambda path: path.stat().st_mtime,
                      reverse=True)
        for path in kept[MAX_KEPT:]:
            path.unlink(missing_ok=True)


@cache
def session_layers() -> SessionLayers:
    """Return the process's store of imported lists, in the local data directory."""
    return SessionLayers(LOCAL_DATA_DIR / "session-places")
