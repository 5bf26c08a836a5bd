"""Indicators sent from the map page: received like a zoning file, reported alike.

The browser's ``dcc.Upload`` is decoded and checked by
:func:`dashboard.editing.uploads.decode_upload` (size before and after decoding, plain
file name, type by content), then read by
:func:`geodata.observations.place_intake.read_indicators_upload`, the path that
``python -m geodata observations`` takes too: same verdict, same French report.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from dashboard.editing.place_import import refusal_issue
from dashboard.editing.uploads import decode_upload, safe_name
from dashboard.editing.zoning_admin import ReportView, issue_sections
from geodata.intake import UploadLimits, UploadRefused
from geodata.observations.indicators import Kind
from geodata.observations.place_intake import read_indicators_upload
from geodata.observations.user_indicators import IndicatorReport, UserIndicators

#: Title of the section saying what was imported and how communes get IRIS values.
IMPORTED_TITLE = "Indicateurs importés"
#: How the columns combine, as the user may choose it; anything else is a mean.
COMBINATIONS: tuple[Kind, ...] = ("rate", "count")


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
