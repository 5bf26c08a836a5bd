"""The on-disk layout of stored zonings, written in the very format the readers accept.

A directory holds, for each zoning ``<key>``::

    zonings.toml             [zonings.<key>] type, composition, fiches, illustrative, source
                             (and outlines, when the zoning has polygons)
    <key>.composition.csv    id_territoire;territoire;code_insee[;part]  (one row per commune;
                             ``part`` only when a share is explicit)
    <key>.fiches.csv         id_territoire;nom;type;porteur;…[;autre : <label>…]
                             (one row per territory)
    <key>.outlines.geojson   one polygon per territory (``id_territoire``), WGS84

CSV files are UTF-8 with BOM and ``;`` so that Excel opens them as they are. Loading goes
through ``validate_file``: stored zonings pass the same checks as a user's file. Fields
added to the fiches later, and the « Autres informations » columns, are written only when
a fiche has them, so that a zoning without them is written as it always was.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from os import PathLike
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from .columns import OTHER_PREFIX
from .constants import OUTPUT_CRS
from .formats import detect_format
from .messages import MESSAGES, REPORT_TEXTS
from .model import FICHE_FIELDS, LATER_FIELDS, OTHER_INFO, Fiche, Zoning
from .readers import Reading, read_fiches
from .report import FileProblem, IssueLog, ValidationReport
from .tabular import cell_text
from .validation import validate_file
from .zoning_types import ZoningTypes, load_zoning_types

METADATA_FILE = "zonings.toml"
COMPOSITION_SUFFIX = ".composition.csv"
FICHES_SUFFIX = ".fiches.csv"
OUTLINES_SUFFIX = ".outlines.geojson"
ID_HEADER = "id_territoire"
COMPOSITION_HEADERS = (ID_HEADER, "territoire", "code_insee")
PART_HEADER = "part"
#: Fields written in every fiche file, in the order files have always had; the later
#: fields (``LATER_FIELDS``) follow, only when a fiche has them.
BASE_FICHE_FIELDS = ("nom", "type", "porteur", "statut", "date_creation", "missions",
                     "public_cible", "modalites_mobilisation", "telephone", "courriel", "site",
                     "source", "date_mise_a_jour", "illustratif")
CSV_ENCODING = "utf-8-sig"
CSV_DELIMITER = ";"
METADATA_COMMENT = (
    "# Stored zonings: one [zonings.<key>] table each (written by geodata.zonings.storage).\n"
    "# type: zoning type key; illustrative: made up for the demonstration; source: origin.\n"
)
TOML_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class ZoningDirError(ValueError):
    """A stored zoning fails its checks; the message is the French report."""


def write_composition(zoning: Zoning, path: str | PathLike[str]) -> None:
    """One row per territory and unit: ``id_territoire;territoire;code_insee[;part]``."""
    if zoning.shares:
        rows = ((tid, zoning.fiches[tid].nom, code,
                 repr(zoning.shares[tid, code]) if (tid, code) in zoning.shares else "")
                for tid, code in zoning.members)
        _write_csv(Path(path), (*COMPOSITION_HEADERS, PART_HEADER), rows)
        return
    rows = ((tid, zoning.fiches[tid].nom, code) for tid, code in zoning.members)
    _write_csv(Path(path), COMPOSITION_HEADERS, rows)


def write_fiches(zoning: Zoning, path: str | PathLike[str]) -> None:
    """One row per territory, territories without any unit included."""
    fiches = list(zoning.fiches.values())
    later = [name for name in FICHE_FIELDS if name in LATER_FIELDS and name != OTHER_INFO
             and any(getattr(fiche, name) for fiche in fiches)]
    others = list(dict.fromkeys(label for fiche in fiches for label, _ in fiche.autres))
    headers = (ID_HEADER, *BASE_FICHE_FIELDS, *later, *(OTHER_PREFIX + label for label in others))
    rows = []
    for tid, fiche in zoning.fiches.items():
        values = dict(fiche.autres)
        rows.append((tid, *(cell_text(getattr(fiche, name)) for name in (*BASE_FICHE_FIELDS,
                                                                        *later)),
                     *(values.get(label, "") for label in others)))
    _write_csv(Path(path), headers, rows)


def write_outlines(zoning: Zoning, path: str | PathLike[str]) -> None:
    """One polygon per territory with an outline, as GeoJSON (WGS84)."""
    frame = gpd.GeoDataFrame({ID_HEADER: list(zoning.outlines)},
                             geometry=list(zoning.outlines.values()), crs=OUTPUT_CRS)
    pyogrio.write_dataframe(frame, Path(path), driver="GeoJSON")


def read_outlines(path: Path) -> dict[str, object]:
    """Outlines written by :func:`write_outlines`, by territory id."""
    frame = pyogrio.read_dataframe(path)
    return dict(zip(frame[ID_HEADER].astype(str), frame.geometry.to_numpy(), strict=True))


def write_zoning(zoning: Zoning, directory: str | PathLike[str], key: str | None = None) -> None:
    """Store ``zoning`` under ``key`` (its type key by default), keeping the other zonings."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    key = key or zoning.type.key
    entry = {
        "type": zoning.type.key,
        "composition": key + COMPOSITION_SUFFIX,
        "fiches": key + FICHES_SUFFIX,
        "illustrative": zoning.illustrative,
        "source": zoning.source,
    }
    write_composition(zoning, directory / entry["composition"])
    write_fiches(zoning, directory / entry["fiches"])
    if zoning.outlines:
        entry["outlines"] = key + OUTLINES_SUFFIX
        write_outlines(zoning, directory / entry["outlines"])
    entries = _read_metadata(directory) if (directory / METADATA_FILE).exists() else {}
    entries[key] = entry
    (directory / METADATA_FILE).write_text(_metadata_text(entries), encoding="utf-8")


def load_zoning_dir(directory: str | PathLike[str], units: gpd.GeoDataFrame,
                    aliases: pd.DataFrame, types: ZoningTypes | None = None) -> dict[str, Zoning]:
    """Every zoning stored in ``directory``, keyed as in ``zonings.toml``.

    Raises
    ------
    ZoningDirError
        When a stored zoning does not pass its checks: stored data is generated or
        reviewed, so a failure is a bug to surface rather than a zoning to hide.
    """
    directory = Path(directory)
    types = types or load_zoning_types()
    zonings, failures = {}, []
    for key, entry in _read_metadata(directory).items():
        zoning, report = validate_file(directory / entry["composition"], entry.get("type", key),
                                       units, aliases, types=types)
        if "fiches" in entry and zoning is not None:
            fiches, report = _read_fiches(directory / entry["fiches"], zoning, types)
            zoning = None if fiches is None else replace(zoning, fiches=fiches)
        if zoning is None:
            failures.append(report)
            continue
        outlines = read_outlines(directory / entry["outlines"]) if "outlines" in entry else {}
        zonings[key] = replace(zoning, illustrative=bool(entry.get("illustrative", False)),
                               source=str(entry.get("source", "")), outlines=outlines)
    if failures:
        raise ZoningDirError("\n\n".join(
            [REPORT_TEXTS["dir_unusable"].format(directory=directory)]
            + [f"{report.source}\n{report.to_text()}" for report in failures]))
    return zonings


def _read_fiches(path: Path, zoning: Zoning,
                 types: ZoningTypes) -> tuple[dict[str, Fiche] | None, ValidationReport]:
    """Complete the composition's fiches from the fiche file; None on errors."""
    log = IssueLog(path.name)
    stored: dict[str, Fiche] = {}
    try:
        stored = read_fiches(path, detect_format(path).kind, Reading(zoning.type, types, {}, log))
    except FileProblem as problem:
        log.problem(problem)
    report = ValidationReport(path.name, tuple(log.issues))
    if log.has_errors:
        return None, report
    # Fiches without composition rows are territories whose perimeter is not known yet.
    return {tid: stored.get(tid, fiche) for tid, fiche in zoning.fiches.items()} | stored, report


def _read_metadata(directory: Path) -> dict[str, dict]:
    path = directory / METADATA_FILE
    try:
        with path.open("rb") as file:
            entries = tomllib.load(file).get("zonings", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ZoningDirError(MESSAGES["bad_metadata"].format(detail=f"{path} : {exc}")) from None
    for key, entry in entries.items():
        if "composition" not in entry:
            raise ZoningDirError(MESSAGES["metadata_missing_file"].format(
                key=key, field="composition"))
    return entries


def _metadata_text(entries: dict[str, dict]) -> str:
    blocks = [METADATA_COMMENT]
    for key, entry in entries.items():
        lines = [f"[zonings.{_toml_key(key)}]"]
        lines += [f"{_toml_key(name)} = {_toml_value(value)}" for name, value in entry.items()]
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def _toml_key(key: str) -> str:
    return key if TOML_BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def _toml_value(value: object) -> str:
    """Write a TOML value; JSON strings, numbers and string arrays are valid TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    with path.open("w", encoding=CSV_ENCODING, newline="") as file:
        writer = csv.writer(file, delimiter=CSV_DELIMITER)
        writer.writerow(headers)
        writer.writerows(rows)
