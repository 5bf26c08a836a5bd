"""Read composition tables (one row per territory and commune) and fiche tables.

Files come from agencies and are made by hand: the header may sit under a title, columns
have any name, codes lost their leading zero, Paris is 75056, cells hold line breaks. The
readers accept all of that and say what they did; they refuse only what they cannot
interpret, with the line as a spreadsheet numbers it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from .bounds import MembershipGuard
from .codes import CodeBook, CodeKind, Resolution, looks_like_code
from .columns import (
    CODE,
    COMMUNE_NAME,
    NAME,
    PART,
    TERRITORY_ID,
    Columns,
    detect_columns,
)
from .constants import MAX_HEADER_SCAN
from .formats import Kind
from .membership import SHARE_TOLERANCE
from .messages import (
    MAX_HEADERS_SHOWN,
    QUOTE_CHARS,
    ROLE_LABELS,
    commune_label,
    count,
    fmt_pct,
    former_label,
    quoted_list,
)
from .model import Fiche, Zoning
from .report import FileProblem, IssueLog, Location
from .tabular import Sheet, read_sheets
from .territories import TerritoryCollector
from .text import clean
from .zoning_types import ZoningType, ZoningTypes

#: Header suggested when a required column is missing.
EXAMPLE_HEADERS = {CODE: "code_insee", NAME: "territoire", TERRITORY_ID: "id_territoire"}


@dataclass(frozen=True)
class Reading:
    """What every reader needs: the expected type, the type catalogue, explicit columns, the log."""

    zoning_type: ZoningType
    types: ZoningTypes
    #: Column role → header, overriding detection.
    mapping: Mapping[str, str]
    log: IssueLog

    def columns(self, headers: Sequence[str]) -> Columns:
        """Roles of the columns of one header row (see ``detect_columns``)."""
        return detect_columns(headers, self.zoning_type, self.types, self.mapping)

    def missing_column(self, role: str, headers: Sequence[str]) -> FileProblem:
        """Build the problem of a required or mapped column absent from ``headers``."""
        found = quoted_list((h for h in headers if h), limit=MAX_HEADERS_SHOWN) or "aucune"
        if role in self.mapping:
            return FileProblem("mapped_column_missing", column=self.mapping[role],
                               role=ROLE_LABELS[role], found=found)
        return FileProblem("no_header", role=ROLE_LABELS[role], found=found,
                           example=EXAMPLE_HEADERS[role])


@dataclass(frozen=True)
class ReadResult:
    """A zoning read from a file, and where in the file each part of it came from."""

    zoning: Zoning
    #: Line or feature of each ``(territory id, code)`` pair.
    origins: Mapping[tuple[str, str], Location]
    #: First line or feature of each territory.
    places: Mapping[str, Location]
    #: Former commune codes met, with the current codes they were mapped to.
    former: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Block:
    """The data rows of one sheet under its header."""

    sheet: str | None
    columns: Columns
    header_line: int
    #: Whether non-blank rows (a title, notes) sit above the header.
    title_rows: bool
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def read_composition(path: Path, kind: Kind, book: CodeBook, reading: Reading) -> ReadResult:
    """Zoning of a composition table; every problem goes to the reading's log.

    Raises
    ------
    FileProblem
        When the table cannot be interpreted at all (no code or name column, no data).
    """
    composition = _Composition(book, reading)
    for block in _blocks(path, kind, reading, (CODE, NAME)):
        for line, cells in block.rows:
            composition.add_row(block.columns, cells, reading.log.at(sheet=block.sheet, line=line))
    return composition.result()


def read_fiches(path: Path, kind: Kind, reading: Reading) -> dict[str, Fiche]:
    """Fiches of a table with one row per territory: id, name and any fiche column."""
    territories = TerritoryCollector(reading.zoning_type, reading.log)
    for block in _blocks(path, kind, reading, (TERRITORY_ID, NAME)):
        columns = block.columns
        for line, cells in block.rows:
            where = reading.log.at(sheet=block.sheet, line=line)
            given_id = clean(columns.value(cells, TERRITORY_ID))
            if not given_id:
                reading.log.warning("missing_fiche_id",
                                    replace(where, column=columns.header(TERRITORY_ID)))
                continue
            name = clean(columns.value(cells, NAME)) or given_id
            territories.add(name, given_id, columns.fiche_values(cells), where, columns,
                            columns.other_values(cells))
    return territories.fiches()


def _blocks(path: Path, kind: Kind, reading: Reading, required: tuple[str, ...]) -> list[_Block]:
    """Find the data rows under the header of each sheet having the ``required`` columns."""
    log = reading.log
    sheets = read_sheets(path, kind, log)
    several = len(sheets) > 1
    found = {sheet.name: _block(sheet, reading, required, several) for sheet in sheets}
    blocks = [block for block in found.values() if block is not None]
    if not blocks:
        raise _missing_columns(sheets[0], reading, required)
    skipped = [name for name, block in found.items() if block is None]
    if skipped:
        log.info("sheets_read", read=quoted_list((b.sheet for b in blocks), limit=20),
                 skipped=quoted_list(skipped, limit=20))
    for block in blocks:
        if block.title_rows:
            log.info("header_row", log.at(sheet=block.sheet), line=block.header_line)
        missing = [role for role in reading.mapping if role not in block.columns.roles]
        if missing:
            raise reading.missing_column(missing[0], block.columns.headers)
    log.info("columns_used", log.at(sheet=blocks[0].sheet), columns=blocks[0].columns.describe())
    if not any(block.rows for block in blocks):
        raise FileProblem("no_data_rows")
    return blocks


def _block(sheet: Sheet, reading: Reading, required: tuple[str, ...],
           several: bool) -> _Block | None:
    """Take the rows under the first top row of the sheet holding the required columns."""
    for rank, (line, cells) in enumerate(sheet.rows[:MAX_HEADER_SCAN]):
        columns = reading.columns(tuple(clean(cell) for cell in cells))
        if all(role in columns.roles for role in required):
            return _Block(sheet.name if several else None, columns, line, rank > 0,
                          sheet.rows[rank + 1:])
    return None


def _missing_columns(sheet: Sheet, reading: Reading, required: tuple[str, ...]) -> FileProblem:
    """Build the problem to report when no row of the first sheet has the required columns."""
    if not sheet.rows:
        return FileProblem("no_data_rows")
    candidates = [reading.columns(tuple(clean(cell) for cell in cells))
                  for _, cells in sheet.rows[:MAX_HEADER_SCAN]]
    best = max(candidates, key=lambda columns: len(columns.roles))
    role = next(role for role in required if role not in best.roles)
    return reading.missing_column(role, best.headers)


class _Composition:
    """The territories and memberships read so far from a composition table."""

    def __init__(self, book: CodeBook, reading: Reading) -> None:
        self.book, self.reading, self.log = book, reading, reading.log
        self.territories = TerritoryCollector(reading.zoning_type, reading.log)
        self.origins: dict[tuple[str, str], Location] = {}
        self.shares: dict[tuple[str, str], float] = {}
        self.holders: dict[str, list[str]] = {}
        self.former: dict[str, tuple[str, ...]] = {}
        self.padded: list[Resolution] = []
        self.guard = MembershipGuard(len(book.names))

    def result(self) -> ReadResult:
        if self.padded:
            first = self.padded[0]
            self.log.info("codes_padded", count=count(len(self.padded), "code"),
                          sample=clean(first.raw), fixed=first.code)
        fiches = self.territories.fiches()
        zoning = Zoning(self.reading.zoning_type, fiches, tuple(self.origins),
                        shares=self._checked_shares(fiches))
        return ReadResult(zoning, self.origins, self.territories.locations(),
                          MappingProxyType(self.former))

    def _checked_shares(self, fiches: Mapping[str, Fiche]) -> dict[tuple[str, str], float]:
        """Explicit parts; a commune whose parts exceed 100 % is an error (parts dropped)."""
        totals: dict[str, list[tuple[str, float]]] = {}
        for (tid, code), share in self.shares.items():
            totals.setdefault(code, []).append((tid, share))
        shares = dict(self.shares)
        for code, parts in totals.items():
            total = sum(share for _, share in parts)
            if total > 1 + SHARE_TOLERANCE:
                self.log.error("parts_over", self.origins[parts[-1][0], code],
                               commune=commune_label(code, self.book.name_of(code)),
                               total=fmt_pct(total), territories=", ".join(
                                   f"« {fiches[tid].nom} » {fmt_pct(share)}"
                                   for tid, share in parts))
                for tid, _ in parts:
                    del shares[tid, code]
        return shares

    def add_row(self, columns: Columns, cells: tuple[str, ...], where: Location) -> None:
        raw_code, name = columns.value(cells, CODE), clean(columns.value(cells, NAME))
        if not name:
            self._nameless_row(columns, cells, where)
            return
        tid = self.territories.add(name, columns.value(cells, TERRITORY_ID),
                                   columns.fiche_values(cells), where, columns,
                                   columns.other_values(cells))
        self.guard.territory(tid, where)
        at_code = replace(where, column=columns.header(CODE))
        if not clean(raw_code):
            self.log.warning("missing_code", at_code, name=name)
            return
        resolution = self.book.resolve(raw_code)
        if resolution.padded:
            self.padded.append(resolution)
        if not self._report_resolution(resolution, at_code):
            return
        given_name = clean(columns.value(cells, COMMUNE_NAME))
        if given_name and not self.book.name_matches(resolution.code, given_name):
            self.log.warning(
                "name_mismatch", replace(where, column=columns.header(COMMUNE_NAME)),
                code=resolution.code, expected=self.book.name_of(resolution.code),
                given=given_name)
        self._add_members(tid, resolution, where, at_code)
        raw_part = clean(columns.value(cells, PART))
        if raw_part:
            self._add_part(tid, resolution, raw_part, replace(where, column=columns.header(PART)))

    def _add_part(self, tid: str, resolution: Resolution, raw: str, where: Location) -> None:
        """Record the explicit part of a commune in a territory (``25 %``, ``0,25``)."""
        share = parse_part(raw)
        if share is None:
            self.log.error("bad_part", where, value=raw)
        elif resolution.kind is not CodeKind.UNIT:
            self.log.warning("part_ignored", where, value=raw, code=resolution.code,
                             nom=self.book.name_of(resolution.code))
        else:
            self.shares[tid, resolution.code] = share

    def _nameless_row(self, columns: Columns, cells: tuple[str, ...], where: Location) -> None:
        """Report a code without territory as an error; ignore any other lone text (a note)."""
        raw_code = clean(columns.value(cells, CODE))
        if raw_code and looks_like_code(raw_code):
            self.log.error("missing_name", replace(where, column=columns.header(NAME)),
                           code=raw_code)
        else:
            text = next(clean(cell) for cell in cells if clean(cell))
            self.log.info("line_ignored", where, text=text[:QUOTE_CHARS])

    def _add_members(self, tid: str, resolution: Resolution, where: Location,
                     at_code: Location) -> None:
        """Record the units of a row; a row adding nothing new is a duplicate."""
        known = [code for code in resolution.units if (tid, code) in self.origins]
        for code in resolution.units:
            if (tid, code) in self.origins:
                continue
            holders = self.holders.setdefault(code, [])
            self.guard.member(code, self.book.name_of(code),
                              tuple(self.territories.name(t) for t in holders), where)
            holders.append(tid)
            self.origins[tid, code] = where
        # A parent commune overlapping arrondissements listed elsewhere is no duplicate.
        if known and (resolution.kind is not CodeKind.PARENT
                      or len(known) == len(resolution.units)):
            shown = resolution.units[0] if len(resolution.units) == 1 else resolution.code
            self.log.warning("duplicate_row", at_code, territory=self.territories.name(tid),
                             commune=commune_label(shown, self.book.name_of(shown)),
                             first=self.origins[tid, known[0]].describe(with_file=False))

    def _report_resolution(self, resolution: Resolution, where: Location) -> bool:
        """Say how a code was understood; False when it designates no unit."""
        code, book, log = resolution.code, self.book, self.log
        match resolution.kind:
            case CodeKind.INVALID:
                log.error("invalid_code", where, value=clean(resolution.raw))
            case CodeKind.POSTAL:
                log.error("postal_code", where, value=code)
            case CodeKind.UNKNOWN:
                log.error("unknown_code", where, code=code)
            case CodeKind.PARENT:
                log.info("parent_expanded", where, code=code, nom=book.name_of(code),
                         count=len(resolution.units))
            case CodeKind.FORMER:
                self.former[code] = resolution.units
                targets = ", ".join(commune_label(c, book.name_of(c)) for c in resolution.units)
                log.warning("former_commune", where,
                            former=former_label(code, book.name_of(code)), target=targets)
        return bool(resolution.units)


#: A part written as a fraction or a percentage: ``0,25``, ``25 %``, ``25``.
PART_VALUE = re.compile(r"(\d+(?:[.,]\d*)?|[.,]\d+)\s*(%?)")


def parse_part(raw: str) -> float | None:
    """Share in (0, 1] of a « part » cell; a value above 1, or with %, is a percentage.

    Examples
    --------
    >>> parse_part("0,25"), parse_part("25 %"), parse_part("25"), parse_part("0")
    (0.25, 0.25, 0.25, None)
    """
    found = PART_VALUE.fullmatch(clean(raw).replace("\u00a0", " "))
    if not found:
        return None
    value = float(found.group(1).replace(",", "."))
    if found.group(2) or value > 1:
        value /= 100
    return value if 0 < value <= 1 else None
