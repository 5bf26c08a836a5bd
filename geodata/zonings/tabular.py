"""Read a CSV or XLSX table into rows numbered as a spreadsheet shows them (header is line 1)."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .constants import (
    BAD_CHAR_SHARE,
    BINARY_CHAR_SHARE,
    MAX_COLUMNS,
    SNIFF_CHARS,
    SWALLOWED_ROWS,
)
from .formats import Kind
from .messages import NO, YES, plain_list
from .report import FileProblem, IssueLog

DELIMITERS = (";", "\t", ",")
#: Excel's first-line hint naming the delimiter; Excel does not show it as a row.
EXCEL_SEP_LINE = re.compile(r"sep=(.)\r?\n")
#: Characters a text table never holds: controls other than tab and line breaks.
UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
#: A UTF-8 text decoded once too often shows "Ã" or "Â" before another Latin-1 character.
MOJIBAKE = re.compile(r"[ÃÂ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2013-\u2122]")
LEGACY_ENCODINGS = (("cp1252", "Windows-1252"), ("latin-1", "Latin-1 (ISO-8859-1)"))

Row = tuple[int, tuple[str, ...]]


@dataclass(frozen=True)
class Sheet:
    """The non-blank rows of one sheet (``name`` is None for a CSV), with their line numbers."""

    name: str | None
    rows: tuple[Row, ...]


def read_sheets(path: Path, kind: Kind, log: IssueLog) -> list[Sheet]:
    """Every sheet of a CSV (one) or XLSX file.

    Raises
    ------
    FileProblem
        For binary content, an unknown encoding, a malformed CSV or a damaged workbook.
    """
    if kind is Kind.XLSX:
        return _read_workbook(path)
    return [Sheet(None, _read_csv(decode(path.read_bytes(), log)))]


def decode(data: bytes, log: IssueLog) -> str:
    """Text of a CSV file: UTF-8 with or without BOM, UTF-16, else Windows-1252/Latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:4096]:
        text = _decode_utf16_without_bom(data)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data, log)
    _check_readable(text)
    return _fix_mojibake(text, log)


def _decode_utf16_without_bom(data: bytes) -> str:
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if max(even, odd) < len(head) // 4 or min(even, odd) > len(head) // 20:
        raise FileProblem("binary_file")
    return data.decode("utf-16-le" if odd > even else "utf-16-be", errors="replace")


def _decode_legacy(data: bytes, log: IssueLog) -> str:
    """Windows-1252 (what French Excel writes), else Latin-1, which decodes any byte."""
    (windows, windows_label), (latin, latin_label) = LEGACY_ENCODINGS
    try:
        text, label = data.decode(windows), windows_label
    except UnicodeDecodeError:
        text, label = data.decode(latin), latin_label
    log.info("encoding_used", encoding=label)
    return text


def _check_readable(text: str) -> None:
    bad = UNREADABLE.findall(text)
    if not text or not bad:
        return
    if len(bad) > BINARY_CHAR_SHARE * len(text):
        raise FileProblem("binary_file")
    if len(bad) > BAD_CHAR_SHARE * len(text):
        examples = plain_list(dict.fromkeys(f"U+{ord(char):04X}" for char in bad), limit=3)
        raise FileProblem("bad_encoding", examples=examples)


def _fix_mojibake(text: str, log: IssueLog) -> str:
    found = MOJIBAKE.search(text)
    if not found:
        return text
    for encoding, _ in LEGACY_ENCODINGS:
        try:
            fixed = text.encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
        log.warning("mojibake_fixed", sample=found.group())
        return fixed
    return text


def _read_csv(text: str) -> tuple[Row, ...]:
    hint = EXCEL_SEP_LINE.match(text)
    if hint:
        delimiter, text = hint.group(1), text[hint.end():]
    else:
        delimiter = _sniff_delimiter(text[:SNIFF_CHARS])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[Row] = []
    line = consumed = 0
    try:
        for line, cells in enumerate(reader, start=1):
            consumed = reader.line_num
            if any(cell.strip() for cell in cells):
                rows.append((line, tuple(cells)))
    except csv.Error as error:
        start = consumed + 1  # physical line where the unreadable record starts
        record = "\n".join(text.splitlines()[start - 1:reader.line_num])
        if "field larger than field limit" in str(error) and '"' not in record:
            # No quote in the record: a cell is huge because the file has no line
            # breaks or is no table at all, not because a quote was left open.
            raise FileProblem("csv_cell_too_long", {"line": start},
                              limit=f"{csv.field_size_limit():,}".replace(",", "\u202f")
                              ) from None
        raise FileProblem("csv_malformed", {"line": line + 1}) from None
    _check_closed_quotes(rows, delimiter)
    return tuple(rows)


def _check_closed_quotes(rows: list[Row], delimiter: str) -> None:
    """Refuse a last cell that swallowed the following rows (a quote never closed).

    Line breaks inside quoted cells are normal; several swallowed lines that each hold the
    delimiter are not.
    """
    if not rows:
        return
    line, cells = rows[-1]
    for cell in cells:
        swallowed = [part for part in cell.split("\n")[1:] if delimiter in part]
        if len(swallowed) >= SWALLOWED_ROWS:
            raise FileProblem("unclosed_quote", {"line": line})


def _sniff_delimiter(sample: str) -> str:
    """Choose the delimiter that splits most rows into the same number (> 1) of fields."""
    def score(delimiter: str) -> tuple[bool, int, int]:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, strict=False)
        widths = Counter(len(cells) for cells in reader if any(c.strip() for c in cells))
        if not widths:
            return (False, 0, 0)
        width, frequency = widths.most_common(1)[0]
        return (width > 1, frequency, width)

    return max(DELIMITERS, key=score)


def _read_workbook(path: Path) -> list[Sheet]:
    # Imported here: a tenth of a second of every start-up, for the rare XLSX upload.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            # openpyxl warns in English about features it skips (data validation, styles).
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileProblem("corrupt_workbook", detail=str(exc) or type(exc).__name__) from None
    sheets = []
    for sheet in workbook.worksheets:
        merged = {}
        for cells in sheet.merged_cells.ranges:
            value = sheet.cell(cells.min_row, cells.min_col).value
            for row in range(cells.min_row, cells.max_row + 1):
                for column in range(cells.min_col, cells.max_col + 1):
                    merged[row, column] = value
        rows = []
        width = min(sheet.max_column, MAX_COLUMNS)
        for line, values in enumerate(sheet.iter_rows(max_col=width, values_only=True), start=1):
            cells = tuple(
                cell_text(merged.get((line, column), value))
                for column, value in enumerate(values, start=1)
            )
            if any(cell.strip() for cell in cells):
                rows.append((line, cells))
        sheets.append(Sheet(sheet.title, tuple(rows)))
    workbook.close()
    return sheets


def cell_text(value: object) -> str:
    """Write a spreadsheet or GIS value as the user typed it: ``4001`` not ``4001.0``.

    Dates are given in ISO 8601, booleans as oui/non.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
