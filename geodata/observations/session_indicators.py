"""Indicators a visitor imported, kept for their session only, on the server's disk.

As for the lists of places (:mod:`geodata.observations.session_layers`): a visitor's
import is never written to the shared store and nobody else can list it. It is kept as
a JSON file named by the hash of its content; the browser's session holds only that
hash, so that every worker finds it for the map, the fiches and the exports.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
from functools import cache
from pathlib import Path

import pandas as pd

from geodata.config import LOCAL_DATA_DIR
from geodata.kept_files import KeptFiles
from geodata.observations.indicators import Indicator
from geodata.observations.session_layers import KEY_SHAPE, MAX_KEPT
from geodata.observations.user_indicators import UserIndicators


def _frame_record(frame: pd.DataFrame | None) -> dict | None:
    if frame is None:
        return None
    return {"index": [str(code) for code in frame.index],
            "columns": {column: [None if math.isnan(value) else float(value)
                                 for value in frame[column].to_numpy(dtype=float)]
                        for column in frame.columns}}


def _frame(record: dict | None) -> pd.DataFrame | None:
    if record is None:
        return None
    frame = pd.DataFrame({column: pd.Series(values, dtype=float)
                          for column, values in record["columns"].items()})
    frame.index = pd.Index(record["index"], name="code", dtype=str)
    return frame


def indicators_record(imported: UserIndicators) -> dict:
    """Everything an import holds, as plain JSON values.

    A shared layer's name and its file's hash are written only when set: the record, and
    so the key, of an import kept before they existed stays the same.
    """
    record = {"filename": imported.filename, "imported": imported.imported,
              "indicators": [dataclasses.asdict(indicator)
                             for indicator in imported.indicators],
              "units": _frame_record(imported.units), "iris": _frame_record(imported.iris)}
    record.update({name: value for name in ("label", "sha256")
                   if (value := getattr(imported, name))})
    return record


def indicators_from_record(record: dict) -> UserIndicators:
    """Read back :func:`indicators_record` (raises on a malformed record)."""
    indicators = tuple(Indicator(**{**fields, "notes": tuple(fields["notes"])})
                       for fields in record["indicators"])
    return UserIndicators(indicators, _frame(record["units"]), _frame(record["iris"]),
                          str(record["filename"]), str(record["imported"]),
                          str(record.get("label", "")), str(record.get("sha256", "")))


def canonical(record: dict) -> bytes:
    """Return the one text of a record that its key and a version's hash are taken of."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


class SessionIndicators:
    """Imported indicators on disk, named by the hash of their content."""

    def __init__(self, folder: Path) -> None:
        self.files = KeptFiles(folder, MAX_KEPT)

    def save(self, imported: UserIndicators) -> str:
        """Keep an import; return its key (the hash of its content) for the session."""
        data = canonical(indicators_record(imported))
        key = hashlib.sha256(data).hexdigest()
        self.files.keep(f"{key}.json", data)
        return key

    def load(self, key: str | None) -> UserIndicators | None:
        """Return a kept import (None: no key, malformed, removed or altered)."""
        if not key or not KEY_SHAPE.fullmatch(key):
            return None
        data = self.files.read(f"{key}.json")
        if data is None or hashlib.sha256(data).hexdigest() != key:
            return None
        try:
            return indicators_from_record(json.loads(data))
        except (ValueError, KeyError, TypeError):
            return None


@cache
def session_indicators() -> SessionIndicators:
    """Return the process's store of imported indicators, in the local data directory."""
    return SessionIndicators(LOCAL_DATA_DIR / "session-indicators")
