"""Read INSEE-shaped files (Filosofi, users' own extracts) into clean numeric tables.

INSEE's « bases communales » share one shape: a ``CODGEO`` column of commune codes and one
column per variable, ``s`` where a value is withheld (secret statistique). Copies that went
through Excel arrive with other separators, decimal commas, Latin-1 accents or codes that
lost their leading zero. :func:`read_insee_file` reads them all and otherwise says, in
French, which file, line and column is wrong; :func:`load_filosofi` builds the indicator
table of the map's units; :func:`import_observation` adds a user's file to it.

Examples
--------
>>> from geodata.base import load_code_aliases, load_units
>>> table = load_filosofi(load_units("11"), load_code_aliases("11"))
>>> float(table.loc["75119", "TP6021"])
22.0
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO, TextIO

import charset_normalizer
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from geodata.config import BUNDLED_DATA_DIR
from geodata.observations.indicators import (
    AREA_CODE,
    DENSITY_CODE,
    FILOSOFI_CODES,
    INDICATORS,
    POPULATION_CODE,
    WEIGHT_CODE,
    Indicator,
    user_indicator,
)
from geodata.sources import sha256_of

Source = str | os.PathLike | bytes | BinaryIO | TextIO

FILOSOFI_FILE = BUNDLED_DATA_DIR / "indicators" / "filosofi-2021-communes.csv"
#: Recorded in SOURCE.md next to the file; checked by the tests.
FILOSOFI_SHA256 = "145d3b90d0720e5e011fccdc05f72be500e4cca4dc077add14d28cfa77b86eef"
#: Parquet metadata of a stored indicator table: digest of the Filosofi file it comes from.
SOURCE_DIGEST_KEY = b"cartocoord.filosofi_sha256"

#: Larger files are refused before being read (an upload is held in memory).
MAX_FILE_BYTES = 20_000_000
#: Encodings a French CSV comes in, most likely first; UTF-16 is recognised by its BOM.
ENCODINGS = ("utf_8", "cp1252", "latin_1")
#: Candidate separators, preferred in this order when the header is ambiguous.
SEPARATORS = (";", "\t", ",")
#: Names of the commune code column, in order of preference (compared in upper case).
CODE_COLUMNS = ("CODGEO", "DEPCOM", "CODE_INSEE", "INSEE_COM", "COM")
#: A commune or arrondissement code, possibly without its leading zero.
CODE_SHAPE = r"(?i)\d{4,5}|2[AB]\d{3}"
#: Title lines above the header that INSEE extracts may carry.
HEADER_SEARCH_LINES = 20
#: Cells read as missing (lower-cased): ``s`` is INSEE's secret statistique, ``nd`` not available.
MISSING_VALUES = frozenset({"", "s", "nd", "nc", "na", "n/a", "nan", "-"})
#: Spaces Excel and LibreOffice put between thousands (« 12 345 »).
THOUSANDS_SEPARATORS = (" ", "\u00a0", "\u202f")
#: Names and geographic codes that sit next to the data and are not indicators.
DESCRIPTIVE_COLUMN = re.compile(
    r"^(LIB|NOM)|^(REG|DEP|EPCI|ARR|CV|TYPECOM|NATURE_EPCI|(UU|ZE|BV|AAV|TAAV|TDAAV|CATEAAV)\d{4})$",
    re.IGNORECASE)
#: File signatures of spreadsheets, archives and documents users upload instead of CSV.
BINARY_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x1f\x8b")
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: Municipal arrondissements of the cities INSEE also publishes as a whole: adding a city
#: and its arrondissements counts their population twice.
SPLIT_CITIES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "75056": tuple(f"751{number:02d}" for number in range(1, 21)),
    "69123": tuple(f"6938{number}" for number in range(1, 10)),
    "13055": tuple(f"132{number:02d}" for number in range(1, 17)),
})
#: ``kind`` of a former commune in :func:`geodata.base.load_code_aliases`.
FORMER_COMMUNE = "ancienne_commune"
#: Decimals tried when guessing how to display an imported column.
MAX_DECIMALS = 3
#: Examples quoted in a report message.
MAX_EXAMPLES = 5
DEFAULT_NAME = "fichier importé"
OS_ERRORS = {FileNotFoundError: "fichier introuvable", PermissionError: "accès refusé",
             IsADirectoryError: "c'est un dossier"}

_MESSAGES = {
    "too_large": "Le fichier « {name} » est trop volumineux ({size} Mo ; maximum {limit} Mo).",
    "unreadable": "Le fichier « {name} » n'a pas pu être lu : {reason}.",
    "empty": "Le fichier « {name} » est vide.",
    "spreadsheet": ("Le fichier « {name} » est un classeur, une archive ou un PDF, pas un "
                    "fichier texte : enregistrez-le au format CSV (séparateur « ; »)."),
    "binary": ("Le fichier « {name} » n'est pas un fichier texte CSV lisible (contenu "
               "binaire ou encodage inconnu)."),
    "no_code": ("Le fichier « {name} » n'a pas de colonne CODGEO (code commune Insee) dans "
                "ses {lines} premières lignes ; colonnes de la ligne {line} : {columns}."),
    "csv": ("Fichier « {name} », ligne {line} : structure CSV illisible (guillemet non "
            "fermé ou valeur démesurée)."),
    "no_rows": "Le fichier « {name} » ne contient aucune ligne de données après l'en-tête.",
    "duplicate_column": "Fichier « {name} », ligne {line} : la colonne « {column} » est en double.",
    "too_many_cells": ("Fichier « {name} », ligne {line} : {count} valeurs pour {expected} "
                       "colonnes d'en-tête."),
    "missing_code": "Fichier « {name} », ligne {line} : code commune absent (colonne {column}).",
    "duplicate_code": ("Fichier « {name} », ligne {line}, colonne {column} : le code commune "
                       "{code} figure déjà ligne {first}."),
    "not_numeric": ("Fichier « {name} », ligne {line}, colonne {column} : valeur non numérique "
                    "« {value} » (attendu : un nombre, ou « s » ou rien si la valeur manque)."),
    "no_new_column": ("Le fichier « {name} » n'apporte aucune nouvelle colonne numérique "
                      "(colonnes déjà présentes ou ignorées : {columns})."),
    "no_match": ("Aucun code commune du fichier « {name} » ne correspond aux communes de la "
                 "carte (codes lus, par exemple : {examples})."),
    "split_and_arrondissements": ("Les unités contiennent à la fois {city} et ses "
                                  "arrondissements : leur population serait comptée deux fois."),
}


class IndicatorFileError(ValueError):
    """A file cannot be read as an INSEE-shaped table; ``str()`` is the French message.

    Attributes
    ----------
    filename : str
    line : int or None
        Line of the file (1-based) where the problem is, if it is at one place.
    column : str or None
    """

    def __init__(self, message: str, *, filename: str, line: int | None = None,
                 column: str | None = None) -> None:
        super().__init__(message)
        self.filename = filename
        self.line = line
        self.column = column


def _error(key: str, name: str, *, line: int | None = None, column: str | None = None,
           **fields: object) -> IndicatorFileError:
    message = _MESSAGES[key].format(name=name, line=line, column=column, **fields)
    return IndicatorFileError(message, filename=name, line=line, column=column)


def _fr(number: int) -> str:
    """Integer with French thousands separators (narrow no-break space)."""
    return f"{number:,}".replace(",", "\u202f")


# --- reading ------------------------------------------------------------------------------

def read_insee_file(path_or_buffer: Source, *, filename: str | None = None,
                    max_bytes: int = MAX_FILE_BYTES) -> pd.DataFrame:
    """Read an INSEE-shaped table: one row per commune code, one float column per variable.

    Parameters
    ----------
    path_or_buffer : path, bytes or file object
        A path, the raw bytes of an upload, or a binary/text file object.
    filename : str, optional
        Name quoted in error messages (defaults to the path's name).
    max_bytes : int
        Larger files are refused, before being read when the size is known.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``CODGEO`` (5-character codes, leading zeros restored, ``2A``/``2B``
        kept), one float column per numeric column of the file. ``s``, ``nd`` and empty
        cells are NaN, never 0. Name and geography columns (``LIBGEO``, ``DEP``…) and
        columns without any number are dropped.

    Raises
    ------
    IndicatorFileError
        With a French message naming the file, and the line and column when there is one.
    """
    name = _display_name(path_or_buffer, filename)
    return _parse(_decode(_read_bytes(path_or_buffer, name, max_bytes), name), name)[0]


def _display_name(source: Source, filename: str | None) -> str:
    if filename:
        return filename
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    return Path(getattr(source, "name", "") or DEFAULT_NAME).name


def _read_bytes(source: Source, name: str, max_bytes: int) -> bytes:
    try:
        if isinstance(source, (bytes, bytearray)):
            raw = bytes(source)
        elif isinstance(source, (str, os.PathLike)):
            size = os.stat(source).st_size
            if size > max_bytes:
                raise _too_large(name, size, max_bytes)
            raw = Path(source).read_bytes()
        else:
            raw = source.read(max_bytes + 1)
            if isinstance(raw, str):
                raw = raw.encode("utf-8")
    except OSError as error:
        reason = OS_ERRORS.get(type(error), error.strerror or str(error))
        raise _error("unreadable", name, reason=reason) from error
    if len(raw) > max_bytes:
        raise _too_large(name, len(raw), max_bytes)
    return raw


def _too_large(name: str, size: int, limit: int) -> IndicatorFileError:
    megabytes = (f"{value / 1e6:.1f}".replace(".", ",") for value in (size, limit))
    return _error("too_large", name, size=next(megabytes), limit=next(megabytes))


def _decode(raw: bytes, name: str) -> str:
    """Text of the file; charset-normalizer tells UTF-8 from Windows-1252 and Latin-1."""
    if not raw.strip():
        raise _error("empty", name)
    if raw.startswith(BINARY_SIGNATURES):
        raise _error("spreadsheet", name)
    if raw.startswith(UTF16_BOMS):
        try:
            return raw.decode("utf_16")
        except UnicodeDecodeError as error:
            raise _error("binary", name) from error
    if b"\x00" in raw:
        raise _error("binary", name)
    match = charset_normalizer.from_bytes(raw, cp_isolation=list(ENCODINGS)).best()
    if match is None:
        raise _error("binary", name)
    return str(match).lstrip("\ufeff")


def _clean_name(cell: str) -> str:
    return cell.strip().strip('"').strip("\ufeff").strip()


def _parse(text: str, name: str) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Frame of the text and the names of the columns left out (text, unnamed)."""
    header_line, separator = _find_header(text, name)
    names, rows, lines = _records(text, name, header_line, separator)
    candidates = [position for position, column in enumerate(names)
                  if column.upper() in CODE_COLUMNS]
    if not candidates:  # found by _find_header, but lost to the chosen separator
        raise _no_code(name, header_line, names)
    code_position = min(candidates, key=lambda position: CODE_COLUMNS.index(
        names[position].upper()))
    cells = np.array(rows, dtype=object).reshape(len(rows), len(names))
    cells, lines = _drop_notes(cells, lines, code_position)
    codes = _codes(cells[:, code_position], lines, name, names[code_position])
    data, ignored = {}, []
    for position, column in enumerate(names):
        if position == code_position:
            continue
        if not column or DESCRIPTIVE_COLUMN.match(column):
            ignored.append(column or f"colonne {position + 1}")
            continue
        numbers = _numbers(cells[:, position], lines, name, column)
        if numbers is None:
            ignored.append(column)
        else:
            data[column] = numbers
    frame = pd.DataFrame(data, index=pd.Index(codes, name="CODGEO", dtype="str"))
    return frame, tuple(ignored)


def _find_header(text: str, name: str) -> tuple[int, str]:
    """Line number of the header (the first naming a code column) and the separator."""
    head = list(islice(io.StringIO(text, newline=""), HEADER_SEARCH_LINES))
    for number, line in enumerate(head, start=1):
        if any(_clean_name(cell).upper() in CODE_COLUMNS for cell in re.split(r"[;,\t]", line)):
            return number, max(SEPARATORS, key=line.count)
    number, first = next(((number, line) for number, line in enumerate(head, start=1)
                          if line.strip()), (1, ""))
    raise _no_code(name, number, re.split(r"[;,\t]", first))


def _no_code(name: str, line: int, cells: list[str]) -> IndicatorFileError:
    columns = ", ".join(filter(None, (_clean_name(cell) for cell in cells[:10])))
    return _error("no_code", name, line=line, lines=HEADER_SEARCH_LINES,
                  columns=columns or "aucune")


def _records(text: str, name: str, header_line: int,
             separator: str) -> tuple[list[str], list[list[str]], list[int]]:
    """Header names, data rows padded to the header width, and their line numbers."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header: list[str] | None = None
    rows, lines = [], []
    try:
        for record in reader:
            if header is None:
                if reader.line_num >= header_line:
                    header = [_clean_name(cell) for cell in record]
                    _check_header(header, name, reader.line_num)
                continue
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > len(header):
                if any(cell.strip() for cell in record[len(header):]):
                    raise _error("too_many_cells", name, line=reader.line_num,
                                 count=len(record), expected=len(header))
                record = record[:len(header)]
            rows.append(record + [""] * (len(header) - len(record)))
            lines.append(reader.line_num)
    except csv.Error as error:
        raise _error("csv", name, line=reader.line_num) from error
    if not rows:
        raise _error("no_rows", name)
    return header, rows, lines


def _drop_notes(cells: np.ndarray, lines: list[int],
                code_position: int) -> tuple[np.ndarray, list[int]]:
    """Leave out note lines (« Source : Insee… » under the table): text in the code cell only."""
    codes = pd.Series(cells[:, code_position], dtype="str").str.strip()
    odd = np.flatnonzero((codes.ne("") & ~codes.str.fullmatch(CODE_SHAPE)).to_numpy())
    keep = np.ones(len(cells), dtype=bool)
    keep[[row for row in odd if sum(bool(cell.strip()) for cell in cells[row]) == 1]] = False
    return cells[keep], [line for line, kept in zip(lines, keep, strict=True) if kept]


def _check_header(names: list[str], name: str, line: int) -> None:
    seen: set[str] = set()
    for column in filter(None, names):
        if column in seen:
            raise _error("duplicate_column", name, line=line, column=column)
        seen.add(column)


def _codes(cells: np.ndarray, lines: list[int], name: str, column: str) -> np.ndarray:
    """Commune codes, upper-cased, with the leading zero Excel drops restored (4001 → 04001)."""
    codes = pd.Series(cells, dtype="str").str.strip().str.upper()
    empty = codes.eq("").to_numpy()
    if empty.any():
        raise _error("missing_code", name, line=lines[int(empty.argmax())], column=column)
    codes = codes.where(~codes.str.fullmatch(r"\d{4}"), "0" + codes).to_numpy()
    duplicated = pd.Index(codes).duplicated()
    if duplicated.any():
        position = int(duplicated.argmax())
        first = int(np.flatnonzero(codes == codes[position])[0])
        raise _error("duplicate_code", name, line=lines[position], column=column,
                     code=codes[position], first=lines[first])
    return codes


def _numbers(cells: np.ndarray, lines: list[int], name: str,
             column: str) -> np.ndarray | None:
    """Floats of a column (decimal comma or point); None when it holds no number at all."""
    text = pd.Series(cells, dtype="str").str.strip()
    missing = text.str.lower().isin(MISSING_VALUES).to_numpy()
    cleaned = text
    for separator in THOUSANDS_SEPARATORS:  # literal replaces: ~5x faster than one regex
        cleaned = cleaned.str.replace(separator, "")
    cleaned = cleaned.str.replace(",", ".")
    numbers = pd.to_numeric(cleaned.where(~missing), errors="coerce").to_numpy(dtype=float)
    bad = ~missing & ~np.isfinite(numbers)
    if bad.any():
        if bad[~missing].all():
            return None
        position = int(bad.argmax())
        raise _error("not_numeric", name, line=lines[position], column=column,
                     value=text.iloc[position])
    return numbers


# --- Filosofi -----------------------------------------------------------------------------

@cache
def _read_filosofi_cached(path: Path) -> pd.DataFrame:
    return read_insee_file(path)


def read_filosofi(path: Path = FILOSOFI_FILE) -> pd.DataFrame:
    """Return the Filosofi file as :func:`read_insee_file` reads it, parsed once per process.

    The parsed frame is cached; each caller gets a shallow copy, which copy-on-write
    (always on in pandas 3) turns into a private one as soon as it is modified.
    """
    return _read_filosofi_cached(Path(path)).copy(deep=False)


def load_filosofi(units: pd.DataFrame, aliases: pd.DataFrame | None = None, *,
                  path: Path = FILOSOFI_FILE) -> pd.DataFrame:
    """Build the indicator table of the map's units: Filosofi, population and density.

    Parameters
    ----------
    units : pandas.DataFrame
        The base geography (:func:`geodata.base.load_units`): ``code``, ``population``,
        ``area_km2``. Paris, Lyon and Marseille as arrondissements (or as whole cities, but
        never both): the file has rows for both and the units' codes pick the right ones.
    aliases : pandas.DataFrame, optional
        :func:`geodata.base.load_code_aliases`. Filosofi 2021 predates the units' COG:
        rows of former communes (kind ``ancienne_commune``) are merged into their current
        commune — persons summed, values averaged with those weights, missing if any part
        is missing. Without it they are simply unused (in Île-de-France, 93059
        Pierrefitte-sur-Seine, ~31,000 persons, merged into 93066 Saint-Denis).
    path : path
        The Filosofi file.

    Returns
    -------
    pandas.DataFrame
        Indexed by unit code (units' order): one column per registry indicator
        (:data:`geodata.observations.indicators.INDICATORS`), then the weights
        ``NBPERSMENFISC21`` and ``area_km2``. Secret values are NaN.
    """
    codes = pd.Index(units["code"].astype("str"), name="code")
    if codes.has_duplicates:
        raise ValueError(f"Codes en double dans les unités : {codes[codes.duplicated()][0]}.")
    for city, arrondissements in SPLIT_CITIES.items():
        if city in codes and codes.isin(arrondissements).any():
            raise ValueError(_MESSAGES["split_and_arrondissements"].format(city=city))
    source = read_filosofi(path)[[*FILOSOFI_CODES, WEIGHT_CODE]]
    if aliases is not None:
        source = _merge_former_communes(source, codes, aliases)
    table = source.reindex(codes)
    population = units["population"].to_numpy(dtype=float)
    area = units["area_km2"].to_numpy(dtype=float)
    area = np.where(area > 0, area, np.nan)
    table[POPULATION_CODE] = population
    table[DENSITY_CODE] = population / area
    table[AREA_CODE] = area
    return table[[*(indicator.code for indicator in INDICATORS), WEIGHT_CODE, AREA_CODE]]


def write_indicator_table(table: pd.DataFrame, path: Path, *,
                          source: Path = FILOSOFI_FILE) -> None:
    """Store a :func:`load_filosofi` table, stamped with the digest of its Filosofi file.

    The build stores it so that the app does not parse the INSEE file at every start
    (about a second for France).
    """
    arrow = pa.Table.from_pandas(table)
    digest = sha256_of(Path(source)).encode()
    metadata = {**(arrow.schema.metadata or {}), SOURCE_DIGEST_KEY: digest}
    pq.write_table(arrow.replace_schema_metadata(metadata), path, compression="zstd")


def read_indicator_table(path: Path, *, source: Path = FILOSOFI_FILE) -> pd.DataFrame | None:
    """Read a table stored by :func:`write_indicator_table`.

    None when there is none, or when it was joined from another Filosofi file than
    ``source``: the caller joins it again rather than show stale values.
    """
    if not path.exists():
        return None
    arrow = pq.read_table(path)
    digest = sha256_of(Path(source)).encode()
    if (arrow.schema.metadata or {}).get(SOURCE_DIGEST_KEY) != digest:
        return None
    return arrow.to_pandas()


def _merge_former_communes(source: pd.DataFrame, unit_codes: pd.Index,
                           aliases: pd.DataFrame) -> pd.DataFrame:
    """Rows keyed by current commune, former communes' rows merged into their successor.

    Every Filosofi variable kept is a rate or a ratio: the merged value is the mean
    weighted by persons in fiscal households, missing unless every part has a value.
    """
    former = aliases[aliases["kind"] == FORMER_COMMUNE]
    successor = dict(zip(former["alias"], former["codes"], strict=True))
    keys = np.array([code if code in unit_codes else successor.get(code, code)
                     for code in source.index], dtype=object)
    shared = pd.Index(keys).duplicated(keep=False)
    kept = source[~shared].set_axis(pd.Index(keys[~shared], dtype="str"))
    if not shared.any():
        return kept
    parts, groups = source[shared], keys[shared]
    weight = parts[WEIGHT_CODE]
    merged = pd.DataFrame({WEIGHT_CODE: weight.groupby(groups).sum().where(
        weight.notna().groupby(groups).all())})
    for code in FILOSOFI_CODES:
        complete = (parts[code].notna() & weight.notna()).groupby(groups).all()
        weighted = (parts[code] * weight).groupby(groups).sum()
        merged[code] = (weighted / merged[WEIGHT_CODE]).where(complete)
    merged.index = merged.index.astype("str")
    return pd.concat([kept, merged[source.columns]])


# --- import of a user's file --------------------------------------------------------------

@dataclass(frozen=True)
class ImportReport:
    """What :func:`import_observation` did with a file, for the user (see :attr:`messages`).

    Attributes
    ----------
    filename : str
    indicators : tuple of Indicator
        One user indicator per new column, to keep in the user's session.
    units, matched : int
        Units on the map, and those with a row in the file.
    filled : dict
        Per new column, units with a value (not missing nor secret).
    missing_units : tuple of str
        « Nom (code) » of the units without a row in the file.
    unknown_codes : tuple of str
        Codes of the region's départements that match no unit (typos, obsolete codes).
    former_codes : tuple of (str, str)
        Former communes in the file and the unit they merged into; their rows are unused.
    split_cities : tuple of str
        Whole cities (75056…) given while the map uses their arrondissements; unused.
    outside_rows : int
        Rows of communes outside the region's départements, ignored.
    ignored_columns, existing_columns : tuple of str
        Columns left out as text or unnamed, and columns already in the table (kept as is).
    """

    filename: str
    indicators: tuple[Indicator, ...]
    units: int
    matched: int
    filled: dict[str, int] = field(default_factory=dict)
    missing_units: tuple[str, ...] = ()
    unknown_codes: tuple[str, ...] = ()
    former_codes: tuple[tuple[str, str], ...] = ()
    split_cities: tuple[str, ...] = ()
    outside_rows: int = 0
    ignored_columns: tuple[str, ...] = ()
    existing_columns: tuple[str, ...] = ()

    @property
    def messages(self) -> tuple[str, ...]:
        """French sentences summing the import up, most important first."""
        added = ", ".join(f"« {indicator.code} »" for indicator in self.indicators)
        messages = [f"Indicateurs ajoutés depuis « {self.filename} » : {added}.",
                    f"Unités de la carte présentes dans le fichier : {_fr(self.matched)} "
                    f"sur {_fr(self.units)}."]
        messages += [f"« {column} » : valeur renseignée pour {_fr(count)} sur "
                     f"{_fr(self.units)} (les autres : absentes, vides ou secret statistique)."
                     for column, count in self.filled.items() if count < self.units]
        if self.missing_units:
            messages.append(f"Unités absentes du fichier : {_fr(len(self.missing_units))} "
                            f"(par exemple : {_examples(self.missing_units)}).")
        if self.unknown_codes:
            messages.append(f"Codes inconnus, ignorés : {_fr(len(self.unknown_codes))} "
                            f"(par exemple : {_examples(self.unknown_codes)}).")
        if self.former_codes:
            pairs = [f"{code} (fusionnée dans {current})" for code, current in self.former_codes]
            messages.append(f"Anciennes communes, ignorées : {_examples(pairs)}.")
        if self.split_cities:
            messages.append("Communes données entières alors que la carte utilise leurs "
                            f"arrondissements, ignorées : {', '.join(self.split_cities)}.")
        if self.outside_rows:
            messages.append(f"Lignes hors de la région, ignorées : {_fr(self.outside_rows)}.")
        if self.ignored_columns:
            messages.append("Colonnes non numériques, ignorées : "
                            f"{', '.join(self.ignored_columns)}.")
        if self.existing_columns:
            messages.append("Colonnes déjà présentes, non remplacées : "
                            f"{', '.join(self.existing_columns)}.")
        return tuple(messages)


def _examples(items: tuple[str, ...] | list[str]) -> str:
    shown = ", ".join(items[:MAX_EXAMPLES])
    return shown + (" …" if len(items) > MAX_EXAMPLES else "")


def import_observation(table: pd.DataFrame, path: Source, units: pd.DataFrame, *,
                       filename: str | None = None, aliases: pd.DataFrame | None = None,
                       max_bytes: int = MAX_FILE_BYTES) -> tuple[pd.DataFrame, ImportReport]:
    """Add the numeric columns of a user's INSEE-shaped file to an indicator table.

    Parameters
    ----------
    table : pandas.DataFrame
        Indicator table indexed by unit code (:func:`load_filosofi`); never modified.
    path : path, bytes or file object
        The file, as for :func:`read_insee_file`.
    units : pandas.DataFrame
        The map's units (``code``, ``nom``, ``departement``).
    filename : str, optional
        Name shown to the user and used as the new indicators' source.
    aliases : pandas.DataFrame, optional
        :func:`geodata.base.load_code_aliases`, to recognise former communes.

    Returns
    -------
    merged_table : pandas.DataFrame
        A new frame: ``table`` plus one column per new column of the file.
    report : ImportReport
        The new user indicators and what was matched, ignored or unknown.

    Raises
    ------
    IndicatorFileError
        When the file is unreadable, brings no new numeric column, or matches no unit.
    """
    name = _display_name(path, filename)
    observed, ignored = _parse(_decode(_read_bytes(path, name, max_bytes), name), name)
    reserved = {*table.columns, *(indicator.code for indicator in INDICATORS)}
    new = [column for column in observed.columns if column not in reserved]
    existing = tuple(column for column in observed.columns if column in reserved)
    if not new:
        raise _error("no_new_column", name,
                     columns=", ".join([*existing, *ignored]) or "aucune")
    unit_codes = pd.Index(units["code"])
    matched = observed.index.isin(unit_codes)
    if not matched.any():
        raise _error("no_match", name, examples=_examples(list(observed.index)))

    values = observed.loc[matched, new].reindex(table.index)
    merged = table.join(values)
    indicators = tuple(user_indicator(column, name, _decimals(observed[column]))
                       for column in new)
    missing = ~unit_codes.isin(observed.index)
    report = ImportReport(
        filename=name,
        indicators=indicators,
        units=len(unit_codes),
        matched=int(matched.sum()),
        filled={column: int(values[column].notna().sum()) for column in new},
        missing_units=tuple(f"{nom} ({code})" for nom, code in
                            zip(units["nom"][missing], unit_codes[missing], strict=True)),
        ignored_columns=ignored,
        existing_columns=existing,
        **_classify_unmatched(observed.index[~matched], units, aliases),
    )
    return merged, report


def _classify_unmatched(codes: pd.Index, units: pd.DataFrame,
                        aliases: pd.DataFrame | None) -> dict:
    """Sort the file's unmatched codes: split cities, former communes, unknown, outside."""
    unit_codes = set(units["code"])
    departements = set(units["departement"])
    former = {} if aliases is None else dict(
        aliases.loc[aliases["kind"] == FORMER_COMMUNE, ["alias", "codes"]].to_numpy())
    split, former_pairs, unknown, outside = [], [], [], 0
    for code in codes:
        if code in SPLIT_CITIES and unit_codes.intersection(SPLIT_CITIES[code]):
            split.append(code)
        elif code in former:
            former_pairs.append((code, former[code]))
        elif code[:3 if code.startswith("97") else 2] in departements:
            unknown.append(code)
        else:
            outside += 1
    return {"split_cities": tuple(split), "former_codes": tuple(former_pairs),
            "unknown_codes": tuple(unknown), "outside_rows": outside}


def _decimals(values: pd.Series) -> int:
    """Fewest decimals that show every value of an imported column exactly."""
    known = values.dropna().to_numpy()
    return next((decimals for decimals in range(MAX_DECIMALS)
                 if np.allclose(known, known.round(decimals), rtol=0, atol=1e-9)),
                MAX_DECIMALS)
