"""A list of places sent from the map page: received like a zoning file, reported alike.

The browser's ``dcc.Upload`` is decoded and checked by
:func:`dashboard.editing.uploads.decode_upload` (size before and after decoding, plain
file name, type by content), then read by
:func:`geodata.observations.place_intake.read_places_upload`, the path that
``python -m geodata places`` takes too: same verdict, same French report.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from dashboard.editing.uploads import decode_upload, safe_name
from dashboard.editing.zoning_admin import ReportView, issue_sections
from geodata.intake import UploadLimits, UploadRefused
from geodata.observations.place_intake import read_places_upload
from geodata.observations.places import PlaceList
from geodata.observations.user_places import PlaceReport
from geodata.zonings.report import Issue, Location, Severity

#: Longest name of a layer typed by the user.
MAX_LABEL_CHARS = 80
#: Title of the section listing the categories read.
CATEGORIES_TITLE = "Catégories"


def receive_places(contents: str | None, filename: str | None, label: str | None,
                   units: gpd.GeoDataFrame, aliases: pd.DataFrame, *,
                   limits: UploadLimits | None = None) -> tuple[PlaceList | None, ReportView]:
    """Decode, check and read a list of places from ``dcc.Upload``; never raises.

    Returns the list (None when unusable) and its report laid out for the page.
    """
    name = safe_name(filename) if filename else ""
    label = " ".join((label or "").split())[:MAX_LABEL_CHARS] or None
    try:
        upload = decode_upload(contents, filename, limits)
    except UploadRefused as refusal:
        issue = Issue(Severity.ERROR, refusal.code, refusal.message,
                      Location(file=refusal.name or name))
        report = PlaceReport(refusal.name or name, (issue,))
    else:
        report = read_places_upload(upload, units, aliases, label=label, limits=limits)
    return report.layer, place_report_view(report)


def place_report_view(report: PlaceReport) -> ReportView:
    """Lay out a list's report: counts, categories, then the issues by severity."""
    categories = report.category_lines()
    sections = ((CATEGORIES_TITLE, categories),) if categories else ()
    return ReportView(report.ok, report.headline, sections + issue_sections(report.issues))
