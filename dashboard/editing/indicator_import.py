"""Indicators sent from the map page: received like a zoning file, reported alike.

The browser's ``dcc.Upload`` is decoded and checked by
:func:`dashboard.editing.uploads.decode_upload` (size before and after decoding, plain
file name, type by content), then read by
:func:`geodata.observations.place_intake.read_indicators_upload`, the path that
``python -m geodata observations`` takes too: same verdict, same French report.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd

from dashboard.editing.place_import import refusal_issue
from dashboard.editing.uploads import decode_upload, safe_name
from dashboard.editing.zoning_admin import ReportView, issue_sections
from dashboard.formatting import plural
from dashboard.place_strings import INDICATORS_NONE
from geodata.intake import UploadLimits, UploadRefused
from geodata.observations.indicators import Kind
from geodata.observations.place_intake import read_indicators_upload
from geodata.observations.shared_indicators import SharingError, declared_layer
from geodata.observations.user_indicators import IndicatorReport, UserIndicators

#: Title of the section saying what was imported and how communes get IRIS values.
IMPORTED_TITLE = "Indicateurs importés"
#: How the columns combine, as the user may choose it; anything else is a mean.
COMBINATIONS: tuple[Kind, ...] = ("rate", "count")
#: Comparison of two versions of a shared indicator layer.
COMPARE_TEXTS = {
    "identical": "Les deux versions sont identiques.",
    "added": "Indicateurs ajoutés : {labels}.",
    "removed": "Indicateurs retirés : {labels}.",
    "values": "« {label} » : {changed}, {gained}, {lost}.",
    "source": "Source : « {old} » → « {new} ».",
}


def receive_indicators(contents: str | None, filename: str | None, combine: str | None,
                       units: gpd.GeoDataFrame, aliases: pd.DataFrame, iris: pd.DataFrame, *,
                       limits: UploadLimits | None = None
                       ) -> tuple[UserIndicators | None, ReportView]:
    """Decode, check and read a table of indicators from ``dcc.Upload``; never raises.

    Returns the indicators (None when the file is unusable) and the report for the page.
    """
    name = safe_name(filename) if filename else ""
    kind: Kind = combine if combine in COMBINATIONS else "rate"  # type: ignore[assignment]
    try:
        upload = decode_upload(contents, filename, limits)
    except UploadRefused as refusal:
        report = IndicatorReport(refusal.name or name, (refusal_issue(refusal, name),))
    else:
        report = read_indicators_upload(upload, units, aliases, iris, combine=kind,
                                        limits=limits)
    return report.result, indicator_report_view(report)


def indicator_report_view(report: IndicatorReport) -> ReportView:
    """Lay out an import's report: counts, values and coverage, then issues by severity."""
    sections = ((IMPORTED_TITLE, report.lines),) if report.lines else ()
    return ReportView(report.ok, report.headline, sections + issue_sections(report.issues))


def shared_layer(imported: UserIndicators | None, label: str | None, producer: str | None,
                 day_text: str | None, today: dt.date) -> UserIndicators:
    """Make the session's import the shared layer an editor declares; never stores anything.

    Raises
    ------
    SharingError
        With a French message: nothing imported, or what :func:`~geodata.observations.
        shared_indicators.declared_layer` refuses.
    """
    if imported is None:
        raise SharingError(INDICATORS_NONE)
    return declared_layer(imported, label, producer, day_text, today)


def compare_indicator_lines(old: UserIndicators, new: UserIndicators) -> list[str]:
    """Say how two versions of a shared layer differ: indicators, values, source."""
    before = {indicator.code: indicator for indicator in old.indicators}
    after = {indicator.code: indicator for indicator in new.indicators}
    lines = []
    if added := [after[code].label for code in after if code not in before]:
        lines.append(COMPARE_TEXTS["added"].format(labels=", ".join(added)))
    if removed := [before[code].label for code in before if code not in after]:
        lines.append(COMPARE_TEXTS["removed"].format(labels=", ".join(removed)))
    for code in (code for code in after if code in before):
        was, now = old.units[code].dropna(), new.units[code].dropna()
        common = was.index.intersection(now.index)
        changed = int((was[common] - now[common]).abs().gt(1e-9).sum())
        gained, lost = len(now.index.difference(was.index)), len(was.index.difference(now.index))
        if changed or gained or lost:
            lines.append(COMPARE_TEXTS["values"].format(
                label=after[code].label, changed=plural(changed, "valeur modifiée",
                                                        "valeurs modifiées"),
                gained=plural(gained, "commune ajoutée", "communes ajoutées"),
                lost=plural(lost, "commune retirée", "communes retirées")))
        if before[code].source != after[code].source:
            lines.append(COMPARE_TEXTS["source"].format(old=before[code].source,
                                                        new=after[code].source))
    return lines or [COMPARE_TEXTS["identical"]]
