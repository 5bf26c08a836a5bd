"""A user's table handed over on the web or the command line: one path, one verdict.

A list of places or a table of indicators takes the zoning uploads' path
(:mod:`geodata.intake`: size, type by content, archive checks, a private temporary
folder deleted afterwards), then :func:`~geodata.observations.user_places.read_place_file`
or :func:`~geodata.observations.user_indicators.read_indicator_file` reads it there.
Only tables (CSV, Excel) are accepted: any other accepted content is refused with a
French message, as is everything :mod:`geodata.intake` refuses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geodata.intake import ContentKind, Upload, UploadLimits, UploadRefused, read_path, staged
from geodata.observations.indicator_texts import REPORT as INDICATOR_REPORT
from geodata.observations.indicators import Kind as Combine
from geodata.observations.place_texts import REPORT
from geodata.observations.user_indicators import IndicatorReport, read_indicator_file
from geodata.observations.user_places import PlaceReport, read_place_file
from geodata.zonings.formats import Kind
from geodata.zonings.report import Issue, Location, Severity

#: Contents read as lists of places, and how the table reader calls them.
TABLE_KINDS = {ContentKind.CSV: Kind.CSV, ContentKind.XLSX: Kind.XLSX}


def _refused(name: str, code: str, message: str) -> PlaceReport:
    return PlaceReport(name, (Issue(Severity.ERROR, code, message, Location(file=name)),))


def read_places_upload(upload: Upload, units: gpd.GeoDataFrame, aliases: pd.DataFrame, *,
                       label: str | None = None, limits: UploadLimits | None = None,
                       today: dt.date | None = None) -> PlaceReport:
    """Read a checked upload as a list of places; never raises for a bad file."""
    if upload.kind not in TABLE_KINDS:
        return _refused(upload.name, "not_a_table", REPORT["not_a_table"])
    try:
        with staged(upload, limits) as path:
            return read_place_file(path, TABLE_KINDS[upload.kind], units, aliases,
                                   label=label, today=today)
    except UploadRefused as refusal:
        return _refused(upload.name, refusal.code, refusal.message)


def read_places_path(path: Path, units: gpd.GeoDataFrame, aliases: pd.DataFrame, *,
                     label: str | None = None,
                     limits: UploadLimits | None = None) -> PlaceReport:
    """Read a file of the command line exactly as the map page reads an upload."""
    try:
        upload = read_path(path, limits)
    except UploadRefused as refusal:
        return _refused(refusal.name, refusal.code, refusal.message)
    return read_places_upload(upload, units, aliases, label=label, limits=limits)


def _indicators_refused(name: str, code: str, message: str) -> IndicatorReport:
    return IndicatorReport(name, _refused(name, code, message).issues)


def read_indicators_upload(upload: Upload, units: gpd.GeoDataFrame, aliases: pd.DataFrame,
                           iris: pd.DataFrame, *, combine: Combine = "rate",
                           limits: UploadLimits | None = None,
                           today: dt.date | None = None) -> IndicatorReport:
    """Read a checked upload as a table of indicators; never raises for a bad file."""
    if upload.kind not in TABLE_KINDS:
        return _indicators_refused(upload.name, "not_a_table", INDICATOR_REPORT["not_a_table"])
    try:
        with staged(upload, limits) as path:
            report = read_indicator_file(path, TABLE_KINDS[upload.kind], units, aliases, iris,
                                         combine=combine, today=today)
    except UploadRefused as refusal:
        return _indicators_refused(upload.name, refusal.code, refusal.message)
    if report.result is None:
        return report
    # The file's own hash goes with the indicators: a shared version records it.
    return replace(report, result=replace(report.result, sha256=upload.sha256))


def read_indicators_path(path: Path, units: gpd.GeoDataFrame, aliases: pd.DataFrame,
                         iris: pd.DataFrame, *, combine: Combine = "rate",
                         limits: UploadLimits | None = None) -> IndicatorReport:
    """Read a file of the command line exactly as the map page reads an upload."""
    try:
        upload = read_path(path, limits)
    except UploadRefused as refusal:
        return _indicators_refused(refusal.name, refusal.code, refusal.message)
    return read_indicators_upload(upload, units, aliases, iris, combine=combine, limits=limits)
