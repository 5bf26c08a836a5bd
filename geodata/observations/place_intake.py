"""A list of places handed over on the web or the command line: one path, one verdict.

The file takes the zoning uploads' path (:mod:`geodata.intake`: size, type by content,
archive checks, a private temporary folder deleted afterwards), then
:func:`~geodata.observations.user_places.read_place_file` reads it there. Only tables
(CSV, Excel) are lists of places: any other accepted content is refused with a French
message, as is everything :mod:`geodata.intake` refuses.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geodata.intake import ContentKind, Upload, UploadLimits, UploadRefused, read_path, staged
from geodata.observations.place_texts import REPORT
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
