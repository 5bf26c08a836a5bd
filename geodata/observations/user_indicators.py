"""Users' own indicators: a table of values by commune or by IRIS, read and reported.

A user hands over a table, one row per commune code (INSEE) or per IRIS code, with
numeric columns (a count of patients, a rate of their own survey…). :func:`read_indicator_file`
reads it with the zoning readers' own table reader (encodings, Excel, title lines:
:func:`geodata.zonings.tabular.read_sheets`), puts each row on its unit or IRIS, and
reports in French, as for a list of places, how many rows were read, placed and
rejected, and why, line by line. Each numeric column becomes an indicator
(:func:`~geodata.observations.indicators.user_indicator`) named « Vos observations : … ».

Values given by IRIS are brought to their commune as the IRIS work does: a mean weighted
by the IRIS population of the 2022 census (the report gives the share of population the
IRIS with a value cover), or, for counts, a sum when every IRIS of the commune has one.
An empty cell, « s » or « nd » is a missing value, never zero.

The file must already have passed :mod:`geodata.intake` (size, type by content, archive
checks, private temporary folder): :mod:`geodata.observations.place_intake` does that
first, for the web and the command line alike.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from geodata.clock import local_today
from geodata.observations.indicator_texts import (
    CODE_PREFIX,
    COUNT_WORDS,
    FORMULA_STARTS,
    INDICATOR_MESSAGES,
    IRIS_KEYS,
    LEVEL_NAMES,
    MAX_COLUMNS,
    MAX_LABEL_CHARS,
    MAX_ROWS,
    MISSING_CELLS,
    NAME_KEYS,
    PLACED_WORDS,
    REPORT,
)
from geodata.observations.indicators import Indicator, Kind, user_indicator
from geodata.observations.iris_sources import POPULATION
from geodata.observations.user_places import RowReport, parse_number
from geodata.zonings.codes import CodeBook, CodeKind
from geodata.zonings.columns import CODE_FALLBACK_KEYS, CODE_KEYS, key
from geodata.zonings.constants import MAX_HEADER_SCAN
from geodata.zonings.formats import Kind as FileKind
from geodata.zonings.messages import fmt_int, plural
from geodata.zonings.report import FileProblem, IssueLog
from geodata.zonings.tabular import Sheet, read_sheets
from geodata.zonings.text import clean, slugify

COMMUNE, IRIS = "commune", "iris"
#: Decimals tried when guessing how to display an imported column.
MAX_DECIMALS = 3
#: An IRIS code: its commune's code then four digits (a lost leading zero is put back).
IRIS_CODE = re.compile(r"(?:\d{5}|2[AB]\d{3})\d{4}", re.IGNORECASE)


@dataclass(frozen=True)
class UserIndicators:
    """A user's imported indicators and their values, by unit and (if given so) by IRIS.

    Attributes
    ----------
    indicators : tuple of Indicator
        One per numeric column, coded ``u-<column>``.
    units : pandas.DataFrame
        Indexed by unit code, one column per indicator code (NaN: missing).
    iris : pandas.DataFrame or None
        Indexed by IRIS code when the file gave IRIS, else None.
    filename, imported : str
        The file's name and the import day (ISO).
    label : str
        The name an editor gave it when sharing it (:mod:`geodata.observations.
        shared_indicators`); empty for a visitor's own import.
    sha256 : str
        SHA-256 of the file as uploaded (kept with a shared version).
    """

    indicators: tuple[Indicator, ...]
    units: pd.DataFrame
    iris: pd.DataFrame | None = None
    filename: str = ""
    imported: str = ""
    label: str = ""
    sha256: str = ""


@dataclass(frozen=True)
class IndicatorReport(RowReport):
    """What :func:`read_indicator_file` made of a file: counts, issues, the indicators."""

    level: str = COMMUNE
    lines: tuple[str, ...] = ()
    result: UserIndicators | None = field(default=None, compare=False)

    @property
    def ok(self) -> bool:
        """Whether the file gives at least one indicator."""
        return self.result is not None

    @property
    def headline(self) -> str:
        """One French sentence: rows read, placed, rejected."""
        if not self.ok:
            return REPORT["unusable"].format(source=self.source)
        return REPORT["counts"].format(
            source=self.source, rows=plural(self.rows, *COUNT_WORDS["read"]),
            placed=plural(self.placed, *PLACED_WORDS[self.level]),
            rejected=plural(self.rejected, *COUNT_WORDS["rejected"]))

    def detail_lines(self) -> tuple[str, ...]:
        """Values per column, and how communes got values from IRIS."""
        return self.lines


def read_indicator_file(path: Path, kind: FileKind, units: pd.DataFrame, aliases: pd.DataFrame,
                        iris: pd.DataFrame, *, combine: Kind = "rate",
                        today: dt.date | None = None) -> IndicatorReport:
    """Read a table of values by commune or IRIS and make each numeric column an indicator.

    Parameters
    ----------
    path : path
        A staged, checked file (:func:`geodata.intake.staged`): CSV or XLSX.
    kind : geodata.zonings.formats.Kind
        ``Kind.CSV`` or ``Kind.XLSX``.
    units : pandas.DataFrame
        The map's units (``code``, ``nom``).
    aliases : pandas.DataFrame
        :func:`geodata.base.load_code_aliases`: former communes, cities given whole.
    iris : pandas.DataFrame
        The region's IRIS, indexed by code: ``commune`` (unit code) and ``population``
        (RP 2022), as :class:`geodata.observations.tables.Observations` holds them.
    combine : {"rate", "count"}
        How the columns combine: means weighted by population, or sums.

    Returns
    -------
    IndicatorReport
        Never raises for a bad file: an unreadable one gives a report with one error.
    """
    name = path.name
    log = IssueLog(name, INDICATOR_MESSAGES)
    today = today or local_today()
    try:
        sheet = _first_table(read_sheets(path, kind, log))
        start, code_column, level = _header(sheet)
        headers = [clean(cell) for cell in sheet.rows[start][1]]
        rows = sheet.rows[start + 1:]
        if len(rows) > MAX_ROWS:
            raise FileProblem("too_many_rows", rows=fmt_int(len(rows)), limit=fmt_int(MAX_ROWS))
        columns = _numeric_columns(headers, rows, code_column, log)
    except FileProblem as problem:
        log.problem(problem)
        return IndicatorReport(name, tuple(log.issues))
    codes = _placed_codes(rows, code_column, level, units, aliases, iris, log)
    if not codes:
        log.error("nothing_placed")
        return IndicatorReport(name, tuple(log.issues), rows=len(rows), level=level)
    values = _values(rows, codes, columns, headers, log)
    labels = _labels(headers, columns, log)
    values.columns = list(labels)
    log.info("columns_read", code=headers[code_column], level=LEVEL_NAMES[level][1],
             columns=", ".join(f"« {label} »" for label in labels.values()))
    day = today.strftime("%d/%m/%Y")
    source = REPORT["source"].format(name=name, day=day)
    indicators = tuple(
        user_indicator(code, name, _decimals(values[code], level, combine),
                       label=REPORT["label"].format(column=label), source=source,
                       vintage=today.isoformat(), kind=combine, note=_note(combine, level),
                       iris_source=source if level == IRIS else None)
        for code, label in labels.items())
    lines = [REPORT["filled"].format(
        label=label, count=plural(int(values[code].notna().sum()), *LEVEL_NAMES[level]),
        placed=plural(len(values), *PLACED_WORDS[level]))
             for code, label in labels.items()]
    if level == IRIS:
        unit_values, iris_lines = iris_to_units(values, iris, combine, labels)
        lines += iris_lines
        result = UserIndicators(indicators, unit_values, values, name, today.isoformat())
    else:
        result = UserIndicators(indicators, values, None, name, today.isoformat())
    return IndicatorReport(name, tuple(log.issues), rows=len(rows), placed=len(values),
                           level=level, lines=tuple(lines), result=result)


def _decimals(values: pd.Series, level: str, combine: Kind) -> int:
    """Decimals of the file's values; a mean of IRIS values gets one more place at least."""
    own = decimals_of(values)
    return max(own, 1) if level == IRIS and combine == "rate" else own


def _note(combine: Kind, level: str) -> str:
    if combine == "count":
        return REPORT["note_count"]
    return REPORT["note_rate"].format(iris=REPORT["note_iris"] if level == IRIS else "")


def _first_table(sheets: Sequence[Sheet]) -> Sheet:
    for sheet in sheets:
        if len(sheet.rows) >= 2:
            return sheet
    raise FileProblem("no_rows")


def _header(sheet: Sheet) -> tuple[int, int, str]:
    """Row of the header, column of the codes and their level (commune or IRIS).

    An IRIS column wins over a commune one (IRIS files usually carry their commune too).
    """
    for index, (_, cells) in enumerate(sheet.rows[:MAX_HEADER_SCAN]):
        keys = [key(cell) for cell in cells]
        for words, level in ((IRIS_KEYS, IRIS), (CODE_KEYS, COMMUNE),
                             (CODE_FALLBACK_KEYS, COMMUNE)):
            found = next((position for position, name in enumerate(keys) if name in words),
                         None)
            if found is not None:
                return index, found, level
    found = ", ".join(f"« {clean(cell)} »" for cell in sheet.rows[0][1][:12])
    raise FileProblem("no_code", found=found)


def _numeric_columns(headers: Sequence[str], rows: Sequence[tuple[int, tuple[str, ...]]],
                     code_column: int, log: IssueLog) -> list[int]:
    """Columns holding at least one number, names and codes left out."""
    numeric, ignored = [], []
    for position, header in enumerate(headers):
        if position == code_column or key(header) in NAME_KEYS or key(header) in CODE_KEYS \
                or key(header) in IRIS_KEYS:
            continue
        cells = (_cell(cells, position) for _, cells in rows)
        if any(parse_number(cell) is not None for cell in cells if cell):
            numeric.append(position)
        elif header:
            ignored.append(f"« {header[:MAX_LABEL_CHARS]} »")
    if ignored:
        log.info("ignored_columns", columns=", ".join(ignored))
    if not numeric:
        raise FileProblem("no_numeric", found=", ".join(f"« {h} »" for h in headers[:12]))
    if len(numeric) > MAX_COLUMNS:
        log.warning("too_many_columns", count=fmt_int(len(numeric)), limit=fmt_int(MAX_COLUMNS),
                    dropped=plural(len(numeric) - MAX_COLUMNS, *COUNT_WORDS["dropped"]))
        numeric = numeric[:MAX_COLUMNS]
    return numeric


def _cell(cells: Sequence[str], position: int) -> str:
    return clean(cells[position]) if position < len(cells) else ""


def _placed_codes(rows: Sequence[tuple[int, tuple[str, ...]]], code_column: int, level: str,
                  units: pd.DataFrame, aliases: pd.DataFrame, iris: pd.DataFrame,
                  log: IssueLog) -> dict[int, str]:
    """Row index → unit or IRIS code, for each row that lands on one; a warning otherwise."""
    book = CodeBook.from_frames(units, aliases)
    placed: dict[int, str] = {}
    first_line: dict[str, int] = {}
    for index, (line, cells) in enumerate(rows):
        where = log.at(line=line)
        raw = _cell(cells, code_column)
        if not raw:
            log.warning("missing_code", where)
            continue
        code = (_iris_code(raw, book, iris, log, where) if level == IRIS
                else _unit_code(raw, book, log, where))
        if code is None:
            continue
        if code in first_line:
            log.warning("duplicate_code", where, code=code, first=first_line[code])
            continue
        first_line[code] = line
        placed[index] = code
    return placed


def _unit_code(raw: str, book: CodeBook, log: IssueLog, where) -> str | None:
    resolution = book.resolve(raw)
    if resolution.kind is CodeKind.UNIT:
        return resolution.code
    if resolution.kind is CodeKind.PARENT:
        log.warning("code_parent", where, code=resolution.code,
                    nom=book.name_of(resolution.code) or resolution.code)
    elif resolution.kind is CodeKind.FORMER:
        log.warning("code_former", where, code=resolution.code, commune=", ".join(
            book.name_of(code) or code for code in resolution.units))
    else:
        log.warning(f"code_{resolution.kind}", where, code=raw[:20])
    return None


def _iris_code(raw: str, book: CodeBook, iris: pd.DataFrame, log: IssueLog,
               where) -> str | None:
    code = raw.strip().upper()
    if re.fullmatch(r"\d{8}", code):
        code = "0" + code
    if IRIS_CODE.fullmatch(code):
        if code in iris.index:
            return code
        commune = book.resolve(code[:5])
        log.warning("iris_unknown" if commune.units and set(commune.units)
                    & set(iris["commune"]) else "iris_no_mesh", where, code=code)
        return None
    if book.resolve(code).kind is not CodeKind.INVALID:
        log.warning("commune_in_iris_file", where, code=code[:20])
    else:
        log.warning("iris_code_invalid", where, code=raw[:20])
    return None


def _values(rows: Sequence[tuple[int, tuple[str, ...]]], codes: dict[int, str],
            columns: list[int], headers: Sequence[str], log: IssueLog) -> pd.DataFrame:
    """One float column per numeric column, indexed by the placed codes (NaN: missing)."""
    data: dict[str, list[float]] = {str(position): [] for position in columns}
    for index in codes:
        line, cells = rows[index]
        for position in columns:
            text = _cell(cells, position)
            number = parse_number(text) if text.lower() not in MISSING_CELLS else None
            if number is None and text.lower() not in MISSING_CELLS:
                log.warning("bad_number", log.at(line=line), value=text[:40],
                            column=headers[position][:MAX_LABEL_CHARS])
            data[str(position)].append(float("nan") if number is None else number)
    return pd.DataFrame(data, index=pd.Index(list(codes.values()), name="code"), dtype=float)


def _labels(headers: Sequence[str], columns: list[int], log: IssueLog) -> dict[str, str]:
    """Name each indicator (code → column label), in file order; labels made harmless."""
    labels: dict[str, str] = {}
    for position in columns:
        label = headers[position][:MAX_LABEL_CHARS] or f"colonne {position + 1}"
        if label.startswith(FORMULA_STARTS):
            stripped = label.lstrip("".join(FORMULA_STARTS)).strip() or f"colonne {position + 1}"
            log.info("formula_label", label=label[:40])
            label = stripped
        stem = CODE_PREFIX + (slugify(label)[:40] or str(position + 1))
        code, number = stem, 2
        while code in labels:
            code, number = f"{stem}-{number}", number + 1
        labels[code] = label
    return labels


def iris_to_units(values: pd.DataFrame, iris: pd.DataFrame, combine: Kind,
                  labels: dict[str, str]) -> tuple[pd.DataFrame, list[str]]:
    """Bring values by IRIS to their commune, and say how much each column covers.

    Means are weighted by the IRIS population (RP 2022) over the IRIS with a value; sums
    are given only for communes whose every IRIS has a value (else missing, never a
    partial sum). Every IRIS of the communes concerned counts in the covered share.
    """
    communes = iris["commune"].reindex(values.index)
    concerned = iris[iris["commune"].isin(set(communes))]
    weights = concerned[POPULATION].astype(float).fillna(0.0)
    frame = values.reindex(concerned.index)
    result, lines = {}, []
    for code, label in labels.items():
        known = frame[code].notna()
        if combine == "count":
            complete = known.groupby(concerned["commune"]).all()
            sums = frame[code].groupby(concerned["commune"]).sum(min_count=1)
            result[code] = sums.where(complete)
            lines.append(REPORT["iris_sum"].format(
                label=label, complete=plural(int(complete.sum()), *COUNT_WORDS["communes"]),
                communes=fmt_int(len(complete))))
            continue
        weighted = (frame[code] * weights).where(known)
        totals = weights.where(known).groupby(concerned["commune"]).sum()
        result[code] = weighted.groupby(concerned["commune"]).sum(min_count=1) / totals.where(
            totals > 0)
        share = float(weights[known].sum() / weights.sum()) if weights.sum() else 0.0
        lines.append(REPORT["iris_share"].format(
            label=label, share=f"{share * 100:.1f} %".replace(".", ","),
            communes=plural(concerned["commune"].nunique(), *COUNT_WORDS["communes"])))
    units = pd.DataFrame(result)
    units.index.name = "code"
    return units, lines


def decimals_of(values: pd.Series) -> int:
    """Fewest decimals that show every value of an imported column exactly."""
    known = values.dropna().to_numpy()
    return next((decimals for decimals in range(MAX_DECIMALS)
                 if np.allclose(known, known.round(decimals), rtol=0, atol=1e-9)),
                MAX_DECIMALS)
