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
from dashboard.formatting import plural
from geodata.intake import UploadLimits, UploadRefused
from geodata.observations.place_intake import read_places_upload
from geodata.observations.places import PlaceList
from geodata.observations.user_places import PlaceReport
from geodata.zonings.messages import fmt_int
from geodata.zonings.report import Issue, Location, Severity

#: Longest name of a layer typed by the user.
MAX_LABEL_CHARS = 80
#: Title of the section listing the categories read.
CATEGORIES_TITLE = "Catégories"
#: Comparison of two versions of a shared list of places.
COMPARE_TEXTS = {
    "identical": "Les deux versions sont identiques.",
    "counts": "{added}, {removed} ({old} → {new}).",
    "category": "« {category} » : {old} → {new}.",
    "label": "Nom de la couche : « {old} » → « {new} ».",
}


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
        report = PlaceReport(refusal.name or name, (refusal_issue(refusal, name),))
    else:
        report = read_places_upload(upload, units, aliases, label=label, limits=limits)
    return report.layer, place_report_view(report)


def refusal_issue(refusal: UploadRefused, name: str) -> Issue:
    """Describe the one error of a file refused before being read (size, type, encoding)."""
    return Issue(Severity.ERROR, refusal.code, refusal.message,
                 Location(file=refusal.name or name))


def place_report_view(report: PlaceReport) -> ReportView:
    """Lay out a list's report: counts, categories, then the issues by severity."""
    categories = report.category_lines()
    sections = ((CATEGORIES_TITLE, categories),) if categories else ()
    return ReportView(report.ok, report.headline, sections + issue_sections(report.issues))


def compare_place_lines(old: PlaceList, new: PlaceList) -> list[str]:
    """Say how two versions of a shared list differ: places added, removed, by category."""
    before, after = set(_place_keys(old)), set(_place_keys(new))
    if before == after and old.label == new.label:
        return [COMPARE_TEXTS["identical"]]
    lines = [COMPARE_TEXTS["counts"].format(
        added=plural(len(after - before), "lieu ajouté", "lieux ajoutés"),
        removed=plural(len(before - after), "retiré", "retirés"),
        old=fmt_int(len(old.places)), new=plural(len(new.places), "lieu", "lieux"))]
    old_counts = old.places["category"].value_counts()
    new_counts = new.places["category"].value_counts()
    for category in sorted(set(old_counts.index) | set(new_counts.index)):
        was, now = int(old_counts.get(category, 0)), int(new_counts.get(category, 0))
        if was != now:
            lines.append(COMPARE_TEXTS["category"].format(
                category=category, old=fmt_int(was), new=plural(now, "lieu", "lieux")))
    if old.label != new.label:
        lines.append(COMPARE_TEXTS["label"].format(old=old.label, new=new.label))
    return lines


def _place_keys(layer: PlaceList) -> list[tuple]:
    """Identify each place across versions: its name, category and position."""
    places = layer.places
    return list(zip(places["nom"], places["category"], places["lon"].round(5),
                    places["lat"].round(5), strict=True))
