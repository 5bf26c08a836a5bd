"""Recognise a file by its content, not its extension: users rename, zip and mislabel files."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath

from .constants import MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES
from .messages import fmt_size, plain_list
from .report import FileProblem

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
SQLITE_MAGIC = b"SQLite format 3\x00"
PDF_MAGIC = b"%PDF"
SHP_MAGIC = b"\x00\x00\x27\x0a"
GEOJSON_HINTS = (b'"FeatureCollection"', b'"Feature"', b'"features"')
GIS_SUFFIXES = (".shp", ".gpkg", ".geojson", ".json")
SHAPEFILE_SIDECARS = (".shx", ".dbf")
#: Names GIS tools and macOS add to archives, never a layer.
ARCHIVE_JUNK = ("__MACOSX/", "/._")


class Kind(StrEnum):
    """How a file is read: as a table (CSV, XLSX) or through GDAL."""

    CSV = "csv"
    XLSX = "xlsx"
    GEO = "geo"


@dataclass(frozen=True)
class Detected:
    """What a file is, and for geographic data the path GDAL reads it from."""

    kind: Kind
    gdal_path: str = ""
    #: Every layer an archive holds, when it holds several (the first is read).
    layers: tuple[str, ...] = ()


def detect_format(path: Path) -> Detected:
    """Kind of a zoning file, checked for existence and size.

    Raises
    ------
    FileProblem
        For a missing, empty, too large or unsupported file.
    """
    if not path.is_file():
        raise FileProblem("file_not_found")
    size = path.stat().st_size
    if size == 0:
        raise FileProblem("file_empty")
    with path.open("rb") as file:
        head = file.read(4096)
    if head.startswith(ZIP_MAGIC):  # limited by what it unpacks to, not by its own size
        return _detect_archive(path)
    if size > MAX_FILE_BYTES:
        raise FileProblem("file_too_large", size=fmt_size(size), limit=fmt_size(MAX_FILE_BYTES))
    if head.startswith(OLE_MAGIC):
        raise FileProblem("unsupported_spreadsheet",
                          what="Excel 97-2003 (.xls) ou protégé par mot de passe")
    if head.startswith(SQLITE_MAGIC):
        return Detected(Kind.GEO, str(path))
    if head.startswith(SHP_MAGIC):
        return Detected(Kind.GEO, str(path))
    if head.startswith(PDF_MAGIC):
        raise FileProblem("unsupported_format", what="document PDF")
    looks_json = head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")
    if looks_json and any(hint in head for hint in GEOJSON_HINTS):
        return Detected(Kind.GEO, str(path))
    return Detected(Kind.CSV)


def _detect_archive(path: Path) -> Detected:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            mimetype = archive.read("mimetype") if "mimetype" in archive.namelist() else b""
    except (zipfile.BadZipFile, OSError) as exc:
        raise FileProblem("corrupt_archive", detail=str(exc)) from None
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise FileProblem("archive_too_large", size=fmt_size(unpacked),
                          limit=fmt_size(MAX_UNCOMPRESSED_BYTES))
    names = [info.filename for info in infos
             if not info.is_dir() and not any(junk in f"/{info.filename}" for junk in ARCHIVE_JUNK)]
    if "xl/workbook.xml" in names:
        return Detected(Kind.XLSX)
    if b"opendocument.spreadsheet" in mimetype:
        raise FileProblem("unsupported_spreadsheet", what="OpenDocument (.ods)")
    layers = sorted(name for name in names if PurePosixPath(name).suffix.lower() in GIS_SUFFIXES)
    if not layers:
        raise FileProblem("archive_without_layer", found=plain_list(names) or "aucun")
    # Shapefiles first: a .json beside them is usually metadata, not a layer.
    layers.sort(key=lambda name: PurePosixPath(name).suffix.lower() != ".shp")
    chosen = layers[0]
    if chosen.lower().endswith(".shp"):
        stem = chosen[:-4].lower()
        present = {name.lower() for name in names}
        missing = [ext for ext in SHAPEFILE_SIDECARS if stem + ext not in present]
        if missing:
            raise FileProblem("shapefile_incomplete", layer=PurePosixPath(chosen).name,
                              missing=" et ".join(missing))
    return Detected(Kind.GEO, f"/vsizip/{path.resolve()}/{chosen}",
                    tuple(layers) if len(layers) > 1 else ())
