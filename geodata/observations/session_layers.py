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
from geodata.kept_files import KeptFiles
from geodata.observations.place_records import content_hash, layer_from_record, layer_record
from geodata.observations.places import PlaceList

MAX_KEPT = 500
KEY_SHAPE = re.compile(r"[0-9a-f]{64}")


class SessionLayers:
    """Imported lists of places on disk, named by the hash of their content."""

    def __init__(self, folder: Path) -> None:
        self.files = KeptFiles(folder, MAX_KEPT)

    def save(self, layer: PlaceList) -> str:
        """Keep a list of places; return its key (the hash of its content) for the session."""
        key = content_hash(layer)
        self.files.keep(f"{key}.json",
                        json.dumps(layer_record(layer), ensure_ascii=False).encode("utf-8"))
        return key

    def load(self, key: str | None) -> PlaceList | None:
        """Return a kept list of places (None: no key, malformed, removed or altered)."""
        if not key or not KEY_SHAPE.fullmatch(key):
            return None
        data = self.files.read(f"{key}.json")
        try:
            layer = layer_from_record(json.loads(data)) if data is not None else None
        except (ValueError, KeyError, TypeError):
            return None
        return layer if layer is not None and content_hash(layer) == key else None


@cache
def session_layers() -> SessionLayers:
    """Return the process's store of imported lists, in the local data directory."""
    return SessionLayers(LOCAL_DATA_DIR / "session-places")
