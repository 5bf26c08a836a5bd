"""Problems found in a zoning file, where they are, and the French report that lists them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from .messages import (
    LOCATION_TEXTS,
    MAX_EXAMPLES,
    MESSAGES,
    REPORT_TEXTS,
    SEVERITY_TITLES,
    count,
    fmt_int,
    fmt_pct,
)
from .model import Zoning

#: Issues of one kind shown in a report before "… et N autres".
MAX_SHOWN_PER_KIND = 10
#: Informations the short report keeps: what a planner checks before using a file.
PLANNER_INFOS = ("uncovered_list", "former_summary", "other_columns", "per_row_columns",
                 "slivers_dropped")


class Severity(StrEnum):
    """How serious an issue is; the values are what users read."""

    #: The file cannot be used as it is.
    ERROR = "erreur"
    #: Usable, but something looks wrong or was changed on the way.
    WARNING = "avertissement"
    #: Usable; says how the file was understood.
    INFO = "information"


@dataclass(frozen=True)
class Location:
    """Where an issue is, as the user sees it: spreadsheet line (header is line 1) or feature."""

    file: str = ""
    sheet: str | None = None
    line: int | None = None
    column: str | None = None
    feature: int | None = None
    feature_name: str | None = None

    def describe(self, with_file: bool = True) -> str:
        """``cpts.xlsx, feuille « 93 », ligne 12, colonne « Code INSEE »``."""
        parts = [self.file] if with_file and self.file else []
        if self.sheet:
            parts.append(LOCATION_TEXTS["sheet"].format(sheet=self.sheet))
        if self.line is not None:
            parts.append(LOCATION_TEXTS["line"].format(line=self.line))
        if self.column:
            parts.append(LOCATION_TEXTS["column"].format(column=self.column))
        if self.feature is not None:
            key = "feature_named" if self.feature_name else "feature"
            parts.append(LOCATION_TEXTS[key].format(feature=self.feature, name=self.feature_name))
        return ", ".join(parts)


@dataclass(frozen=True)
class Issue:
    """One problem, or one note on how the file was read."""

    severity: Severity
    #: Stable key of the message in ``messages.MESSAGES`` (``unknown_code``…).
    code: str
    message: str
    location: Location = Location()

    def describe(self, with_file: bool = True) -> str:
        """Write ``ligne 12, colonne « Code INSEE » : message``."""
        where = self.location.describe(with_file)
        return f"{where} : {self.message}" if where else self.message


class FileProblem(Exception):
    """A problem that stops the reading of a file; becomes an error issue."""

    def __init__(self, code: str, where: dict[str, object] | None = None,
                 **params: object) -> None:
        super().__init__(code)
        self.code = code
        #: Location fields (``line=``, ``feature=``…) in the file being read.
        self.where = where or {}
        self.params = params


class IssueLog:
    """Collects the issues of one file while it is read."""

    def __init__(self, file: str, messages: Mapping[str, str] = MESSAGES) -> None:
        self.file = file
        #: Templates of the issues, by key: the zoning messages unless told otherwise.
        self.messages = messages
        self.issues: list[Issue] = []

    def at(self, **where: object) -> Location:
        """Locate in this file (``line=``, ``column=``, ``sheet=``, ``feature=``…)."""
        return Location(file=self.file, **where)

    def add(self, severity: Severity, key: str, where: Location | None = None, /,
            **params: object) -> None:
        """Record issue ``key`` of the log's messages filled with ``params``."""
        message = self.messages[key].format(**params)
        self.issues.append(Issue(severity, key, message, where or self.at()))

    def error(self, key: str, where: Location | None = None, /, **params: object) -> None:
        """Record an error: the file cannot be used as it is."""
        self.add(Severity.ERROR, key, where, **params)

    def warning(self, key: str, where: Location | None = None, /, **params: object) -> None:
        """Record a warning: usable, but something looks wrong or was changed."""
        self.add(Severity.WARNING, key, where, **params)

    def info(self, key: str, where: Location | None = None, /, **params: object) -> None:
        """Record an information: how the file was understood."""
        self.add(Severity.INFO, key, where, **params)

    def problem(self, problem: FileProblem) -> None:
        """Record the problem that stopped the reading, as an error."""
        self.error(problem.code, self.at(**problem.where), **problem.params)

    @property
    def has_errors(self) -> bool:
        """Tell whether an error was recorded."""
        return any(issue.severity is Severity.ERROR for issue in self.issues)


@dataclass(frozen=True)
class ValidationReport:
    """Everything found while reading one file, and the zoning when it is usable."""

    source: str
    issues: tuple[Issue, ...]
    zoning: Zoning | None = None

    def _of(self, severity: Severity) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.severity is severity)

    @property
    def errors(self) -> tuple[Issue, ...]:
        """Return the problems that make the file unusable."""
        return self._of(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """Return what looks wrong or was changed in a usable file."""
        return self._of(Severity.WARNING)

    @property
    def infos(self) -> tuple[Issue, ...]:
        """Return the notes on how the file was understood."""
        return self._of(Severity.INFO)

    @property
    def ok(self) -> bool:
        """Tell whether the file is usable (no error)."""
        return not self.errors

    def __str__(self) -> str:
        return self.to_text()

    def to_text(self, limit: int = MAX_SHOWN_PER_KIND) -> str:
        """Every issue, grouped by severity, at most ``limit`` of each kind."""
        sections = [_section(self._of(severity), severity, limit) for severity in Severity]
        return "\n\n".join(s for s in sections if s) or REPORT_TEXTS["no_issue"]

    def summary_text(self, units: pd.DataFrame, limit: int = MAX_SHOWN_PER_KIND) -> str:
        """Short report for the command line: totals, errors, warnings, what to check.

        Totals come when the file is usable; the informations kept are those a planner
        checks (:data:`PLANNER_INFOS`).

        ``units`` (columns ``code``, ``population``) is the region the shares refer to.
        """
        if self.zoning is None:
            head = REPORT_TEXTS["unusable"].format(
                source=self.source, errors=count(len(self.errors), "error"))
            lines = [head]
        else:
            zoning, coverage = self.zoning, self.zoning.coverage(units)
            lines = [
                REPORT_TEXTS["usable"].format(source=self.source, label=zoning.type.label),
                REPORT_TEXTS["totals"].format(
                    territories=count(len(zoning.fiches), "territory"),
                    communes=count(coverage.units_covered, "commune"),
                    covered_share=fmt_pct(coverage.unit_share),
                    population=count(coverage.population_covered, "habitant"),
                    population_share=fmt_pct(coverage.population_share),
                ),
            ]
            partial = partial_summary(zoning, units)
            if partial:
                lines.append(partial)
        kept = {Severity.INFO: tuple(issue for issue in self.infos
                                     if issue.code in PLANNER_INFOS)}
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
            section = _section(kept.get(severity, self._of(severity)), severity, limit)
            if section:
                lines += ["", section]
        return "\n".join(lines)


def partial_summary(zoning: Zoning, units: pd.DataFrame, limit: int = MAX_EXAMPLES) -> str:
    """« Communes partagées ou couvertes en partie (1) : Saint-Denis (93066, …) : « A » 27,3 %, … ».

    Empty when every covered commune lies whole in one territory.
    """
    codes = zoning.partial_codes()
    if not codes:
        return ""
    shown = units[units["code"].isin(list(codes))].sort_values(
        ["population", "code"], ascending=[False, True])
    items = []
    for code, nom, population in zip(shown["code"], shown["nom"], shown["population"],
                                     strict=True):
        tids = zoning.territories_of(code)
        parts = ", ".join(f"« {zoning.fiches[tid].nom} » {fmt_pct(zoning.share_of(tid, code))}"
                          for tid in tids)
        unknown = any((tid, code) not in zoning.shares for tid in tids) and len(tids) > 1
        items.append(REPORT_TEXTS["partial_item"].format(
            nom=nom, code=code, population=fmt_int(int(population)), parts=parts,
            unknown=REPORT_TEXTS["partial_unknown"] if unknown else ""))
    return REPORT_TEXTS["partial"].format(
        count=fmt_int(len(codes)),
        communes=" ; ".join(items[:limit]) + (" ; …" if len(items) > limit else ""))


def _section(issues: tuple[Issue, ...], severity: Severity, limit: int) -> str:
    if not issues:
        return ""
    singular, plural = SEVERITY_TITLES[severity.value]
    lines = [f"{plural if len(issues) > 1 else singular} ({fmt_int(len(issues))}) :"]
    totals = Counter(issue.code for issue in issues)
    shown: Counter[str] = Counter()
    for issue in issues:
        shown[issue.code] += 1
        if shown[issue.code] <= limit:
            lines.append(f"  - {issue.describe(with_file=False)}")
        elif shown[issue.code] == limit + 1:
            more = totals[issue.code] - limit
            lines.append(f"  - {REPORT_TEXTS['more'].format(count=fmt_int(more))}")
    return "\n".join(lines)
