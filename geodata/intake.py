"""Check a zoning file someone hands over before any parser reads it: web and CLI alike.

The Données page (:mod:`dashboard.editing.uploads`, after decoding the browser's base64)
and ``python -m geodata validate`` take the same path, so that a file gets the same
verdict and the same French messages whichever way it comes in:

* its size is checked (``CARTOCOORD_MAX_UPLOAD_MB``, default 50 MB);
* its *content* decides its type, which must be an accepted one: a PDF, a program, an
  old ``.xls`` or an HTML page is refused whatever its name; a file whose extension
  promises another accepted type (a CSV named ``.xlsx``) is read as what it contains,
  with a warning;
* an archive (zipped Shapefile, ``.xlsx``) is refused when an entry escapes its folder
  (``../``, absolute path, symbolic link), is encrypted or nested, when it would unpack
  to more than ``CARTOCOORD_MAX_UNPACKED_MB`` (default 200 MB, the one limit) or
  compresses more than ``MAX_RATIO`` times (zip bomb); entries are then decompressed
  with counted reads, so an archive that lies about its sizes is refused too;
* the file is written to a fresh private temporary folder named after the process, read
  there, and the folder is deleted whatever happens (:func:`staged`); folders left by a
  process that died meanwhile are deleted at the next start-up or upload
  (:func:`clean_stale_folders`).

Every refusal is a French message naming the file and, for archives, the entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path, PurePosixPath

import geopandas as gpd
import pandas as pd

from geodata.zonings import Issue, Location, Severity, ValidationReport, Zoning, validate_file
from geodata.zonings.constants import MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES
from geodata.zonings.messages import fmt_size

MB = 1024**2
#: Prefix of the private folders files are read in; the process id follows.
STAGING_PREFIX = "cartocoord-upload-"
#: A folder without a process id (older versions) is stale after this many seconds.
STALE_SECONDS = 3600.0
#: Largest compression ratio of an archive entry (spreadsheets and padded .dbf files
#: reach 20 to 60; zip bombs thousands).
MAX_RATIO = 100
#: Entries smaller than this are never taken for bombs, whatever their ratio.
RATIO_FLOOR = 1 * MB
MAX_ENTRIES = 500
CHUNK = 1 * MB
#: Names GIS tools and macOS add to archives, never data.
ARCHIVE_JUNK = ("__MACOSX/", "/._", "/.DS_Store")
NESTED_ARCHIVES = (".zip", ".gz", ".tgz", ".7z", ".rar", ".tar", ".bz2", ".xz", ".kmz")
GIS_SUFFIXES = (".shp", ".gpkg", ".geojson", ".json")
GPKG_APPLICATION_IDS = (b"GPKG", b"GP10", b"GP11")


class ContentKind(StrEnum):
    """Accepted contents."""

    CSV = "csv"
    XLSX = "xlsx"
    GEOJSON = "geojson"
    GPKG = "gpkg"
    ZIP_GIS = "zip"


#: Extension → the content it promises.
SUFFIXES = {
    ".csv": ContentKind.CSV, ".txt": ContentKind.CSV, ".tsv": ContentKind.CSV,
    ".xlsx": ContentKind.XLSX, ".geojson": ContentKind.GEOJSON, ".json": ContentKind.GEOJSON,
    ".gpkg": ContentKind.GPKG, ".zip": ContentKind.ZIP_GIS,
}
#: What each accepted content is, for "contient …".
CONTENT_LABELS = {
    ContentKind.CSV: "un tableau texte (CSV)",
    ContentKind.XLSX: "un classeur Excel (.xlsx)",
    ContentKind.GEOJSON: "un fichier GeoJSON",
    ContentKind.GPKG: "un GeoPackage",
    ContentKind.ZIP_GIS: "une archive ZIP de couche géographique",
}
SUFFIX_ADVICE = {
    ContentKind.CSV: ".csv", ContentKind.XLSX: ".xlsx", ContentKind.GEOJSON: ".geojson",
    ContentKind.GPKG: ".gpkg", ContentKind.ZIP_GIS: ".zip",
}
#: Magic numbers of contents that are never accepted, with what they are.
FORBIDDEN_MAGIC = (
    (b"%PDF", "un document PDF"),
    (b"MZ", "un programme Windows"),
    (b"\x7fELF", "un programme"),
    (b"\x89PNG", "une image PNG"),
    (b"\xff\xd8\xff", "une image JPEG"),
    (b"GIF8", "une image GIF"),
    (b"\x1f\x8b", "une archive gzip"),
    (b"7z\xbc\xaf\x27\x1c", "une archive 7-Zip"),
    (b"Rar!", "une archive RAR"),
    (b"\xd0\xcf\x11\xe0", "un classeur Excel 97-2003 (.xls) ou un document Office ancien"),
    (b"\x00\x00\x27\x0a", "un Shapefile seul (.shp)"),
)
ACCEPTED = ("CSV, Excel (.xlsx), GeoJSON, GeoPackage (.gpkg) ou Shapefile zippé (.zip, avec "
            ".shp, .shx, .dbf et .prj)")

MESSAGES = {
    "no_file": "Aucun fichier reçu.",
    "corrupt_upload": "fichier mal reçu (envoi interrompu ?) : envoyez-le de nouveau.",
    "too_large": "le fichier pèse {size} : la taille maximale acceptée est {limit}.",
    "empty": "le fichier est vide.",
    "bad_extension": "extension « {suffix} » non acceptée. Formats acceptés : {accepted}.",
    "not_found": "fichier introuvable.",
    "disguised": "le fichier porte l'extension {suffix} mais contient {actual} : il est lu "
                 "comme tel (renommez-le en {advice} pour éviter toute confusion).",
    "forbidden": "le fichier est en réalité {actual} : ce type n'est pas accepté. "
                 "Formats acceptés : {accepted}.",
    "html": "le fichier est une page HTML ou XML, pas un tableau : enregistrez-le depuis le "
            "tableur au format CSV ou Excel (.xlsx).",
    "binary": "le fichier ne contient pas de texte lisible : ce n'est pas un fichier CSV.",
    "not_geopackage": "base SQLite qui n'est pas un GeoPackage : exportez la couche en "
                      "GeoPackage depuis QGIS.",
    "corrupt_archive": "archive ZIP endommagée ({detail}).",
    "too_many_entries": "l'archive contient {count} fichiers : {limit} au plus.",
    "traversal": "l'archive contient un chemin dangereux (« {entry} ») qui sort de son "
                 "dossier : archive refusée.",
    "symlink": "l'archive contient un lien symbolique (« {entry} ») : archive refusée.",
    "encrypted": "l'entrée « {entry} » de l'archive est protégée par mot de passe : "
                 "envoyez une archive sans mot de passe.",
    "nested_archive": "l'archive contient une autre archive (« {entry} ») : décompressez-la "
                      "et envoyez directement son contenu.",
    "bomb_size": "l'archive se décompresse en {size}, au-delà de la limite de {limit} "
                 "(bombe de décompression ?) : archive refusée.",
    "bomb_ratio": "l'entrée « {entry} » est compressée {ratio} fois (au plus {limit}) : "
                  "bombe de décompression probable, archive refusée.",
    "size_mismatch": "l'entrée « {entry} » ne correspond pas à ce qu'annonce l'archive "
                     "(archive altérée ?) : archive refusée.",
    "no_layer": "l'archive ne contient aucune couche géographique (.shp, .gpkg, .geojson) : "
                "fichiers trouvés : {found}.",
    "ods": "classeur OpenDocument (.ods) non pris en charge : enregistrez-le au format "
           "Excel (.xlsx) ou CSV.",
    "bad_crs": "système de coordonnées « {crs} » non reconnu : indiquez un code EPSG, par "
               "exemple EPSG:2154 (Lambert-93).",
}


class UploadRefused(Exception):
    """A file refused before being read; ``message`` is French, ``name`` the file's."""

    def __init__(self, name: str, code: str, **params: object) -> None:
        self.name, self.code = name, code
        self.message = MESSAGES[code].format(**params)
        super().__init__(f"{name} : {self.message}" if name else self.message)

    def report(self) -> ValidationReport:
        """Turn the refusal into a validation report with one error, shown like the others."""
        issue = Issue(Severity.ERROR, self.code, self.message, Location(file=self.name))
        return ValidationReport(self.name, (issue,))


@dataclass(frozen=True)
class UploadLimits:
    """How large a file and its unpacked content may be."""

    #: The one limit of a file, and of what an archive unpacks to (web and CLI alike).
    max_bytes: int = MAX_FILE_BYTES
    max_unpacked_bytes: int = MAX_UNCOMPRESSED_BYTES
    max_ratio: float = MAX_RATIO
    ratio_floor: int = RATIO_FLOOR
    max_entries: int = MAX_ENTRIES

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> UploadLimits:
        """Read ``CARTOCOORD_MAX_UPLOAD_MB`` and ``CARTOCOORD_MAX_UNPACKED_MB``."""
        env = os.environ if environ is None else environ
        return cls(max_bytes=_megabytes(env, "CARTOCOORD_MAX_UPLOAD_MB", MAX_FILE_BYTES / MB),
                   max_unpacked_bytes=_megabytes(env, "CARTOCOORD_MAX_UNPACKED_MB",
                                                 MAX_UNCOMPRESSED_BYTES / MB))


def _megabytes(env: Mapping[str, str], name: str, default: float) -> int:
    raw = env.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise ValueError(f"{name} must be a number of megabytes, got {raw!r}") from None
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {raw!r}")
    return int(value * MB)


@dataclass(frozen=True)
class Upload:
    """A received file: its cleaned name, bytes, hash and checked content type."""

    name: str
    data: bytes
    sha256: str
    kind: ContentKind


def check_content(name: str, data: bytes, limits: UploadLimits) -> ContentKind:
    """Return the type of ``data``, decided by its content; the extension must be known.

    A known extension that promises another accepted type is no reason to refuse: the
    content is read as what it is, and :func:`extension_warning` says so.
    """
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadRefused(name, "bad_extension", suffix=suffix or "(aucune)",
                            accepted=ACCEPTED)
    return sniff(name, data, limits)


def extension_warning(upload: Upload) -> Issue | None:
    """Return a warning when the extension promises another type than the content."""
    suffix = PurePosixPath(upload.name).suffix.lower()
    if SUFFIXES.get(suffix, upload.kind) is upload.kind:
        return None
    message = MESSAGES["disguised"].format(suffix=suffix, actual=CONTENT_LABELS[upload.kind],
                                           advice=SUFFIX_ADVICE[upload.kind])
    return Issue(Severity.WARNING, "extension_mismatch", message, Location(file=upload.name))


def sniff(name: str, data: bytes, limits: UploadLimits) -> ContentKind:
    """Tell what ``data`` is from its content alone; refuse what is never accepted."""
    head = data[:4096]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return inspect_archive(name, data, limits)
    if head.startswith(b"SQLite format 3\x00"):
        if data[68:72] in GPKG_APPLICATION_IDS:
            return ContentKind.GPKG
        raise UploadRefused(name, "not_geopackage")
    for magic, what in FORBIDDEN_MAGIC:
        if head.startswith(magic):
            raise UploadRefused(name, "forbidden", actual=what, accepted=ACCEPTED)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UploadRefused(name, "binary")
    if text[:14].lower().startswith((b"<!doctype html", b"<html", b"<?xml", b"<table")):
        raise UploadRefused(name, "html")
    if text.startswith(b"{"):
        return ContentKind.GEOJSON
    return ContentKind.CSV


def _is_junk(entry: str) -> bool:
    return any(junk in f"/{entry}" for junk in ARCHIVE_JUNK)


def _check_entry(name: str, info: zipfile.ZipInfo, limits: UploadLimits) -> None:
    """Refuse an entry that escapes its folder, links elsewhere, is encrypted or a bomb."""
    entry = info.filename
    parts = re.split(r"[\\/]", entry)
    if (entry.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", entry) or ".." in parts
            or "\x00" in entry):
        raise UploadRefused(name, "traversal", entry=entry[:120])
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UploadRefused(name, "symlink", entry=entry[:120])
    if info.flag_bits & 0x1:
        raise UploadRefused(name, "encrypted", entry=entry[:120])
    if not info.is_dir() and entry.lower().endswith(NESTED_ARCHIVES) and not _is_junk(entry):
        raise UploadRefused(name, "nested_archive", entry=entry[:120])
    if info.file_size > limits.ratio_floor:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio:
            raise UploadRefused(name, "bomb_ratio", entry=entry[:120], ratio=f"{ratio:.0f}",
                                limit=f"{limits.max_ratio:.0f}")


def inspect_archive(name: str, data: bytes, limits: UploadLimits) -> ContentKind:
    """Check every entry of a ZIP archive and say whether it is a workbook or a GIS layer."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > limits.max_entries:
                raise UploadRefused(name, "too_many_entries", count=len(infos),
                                    limit=limits.max_entries)
            for info in infos:
                _check_entry(name, info, limits)
            unpacked = sum(info.file_size for info in infos)
            if unpacked > limits.max_unpacked_bytes:
                raise UploadRefused(name, "bomb_size", size=fmt_size(unpacked),
                                    limit=fmt_size(limits.max_unpacked_bytes))
            names = [info.filename for info in infos if not info.is_dir()]
            mimetype = (archive.read("mimetype")[:200] if "mimetype" in names else b"")
    except zipfile.BadZipFile as exc:
        raise UploadRefused(name, "corrupt_archive", detail=str(exc)) from None
    if "xl/workbook.xml" in names:
        return ContentKind.XLSX
    if b"opendocument" in mimetype:
        raise UploadRefused(name, "ods")
    if not any(PurePosixPath(entry).suffix.lower() in GIS_SUFFIXES
               for entry in names if not _is_junk(entry)):
        found = ", ".join(entry for entry in names[:8] if not _is_junk(entry)) or "aucun"
        raise UploadRefused(name, "no_layer", found=found[:300])
    return ContentKind.ZIP_GIS


def _copy_entry(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, sink,
                budget: list[int], limits: UploadLimits) -> None:
    """Decompress one entry into ``sink`` with counted reads; refuse lies and overruns."""
    written = 0
    try:
        with archive.open(info) as source:
            while chunk := source.read(CHUNK):
                written += len(chunk)
                budget[0] += len(chunk)
                if written > info.file_size:
                    raise UploadRefused(name, "size_mismatch", entry=info.filename[:120])
                if budget[0] > limits.max_unpacked_bytes:
                    raise UploadRefused(name, "bomb_size", size=fmt_size(budget[0]),
                                        limit=fmt_size(limits.max_unpacked_bytes))
                if sink is not None:
                    sink.write(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error):
        # zipfile checks the CRC at the end of each entry: a forged archive ends here.
        raise UploadRefused(name, "size_mismatch", entry=info.filename[:120]) from None
    if written != info.file_size:
        raise UploadRefused(name, "size_mismatch", entry=info.filename[:120])


def _unpack_checked(upload: Upload, target: Path, limits: UploadLimits) -> None:
    """Write a checked archive to ``target``.

    A workbook is written as is once every entry was decompressed within the limits; a
    GIS archive is rebuilt (compressed) from its checked entries, so that GDAL
    reads only what was verified.
    """
    budget = [0]
    with zipfile.ZipFile(io.BytesIO(upload.data)) as archive:
        entries = [info for info in archive.infolist()
                   if not info.is_dir() and not _is_junk(info.filename)]
        if upload.kind is ContentKind.XLSX:
            for info in entries:
                _copy_entry(upload.name, archive, info, None, budget, limits)
            target.write_bytes(upload.data)
            return
        with zipfile.ZipFile(target, "w") as rebuilt:
            for info in entries:
                clean = zipfile.ZipInfo("/".join(part for part in info.filename.split("/")
                                                 if part), info.date_time)
                clean.compress_type = zipfile.ZIP_DEFLATED
                with rebuilt.open(clean, "w", force_zip64=True) as sink:
                    _copy_entry(upload.name, archive, info, sink, budget, limits)


def upload_tmp_root() -> str | None:
    """Parent of the temporary folders (``CARTOCOORD_UPLOAD_TMP``, else the system's)."""
    return os.environ.get("CARTOCOORD_UPLOAD_TMP") or None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def clean_stale_folders(root: str | None = None, now: float | None = None) -> list[Path]:
    """Delete the reading folders left by processes that died while reading a file.

    A folder is named after its process (``cartocoord-upload-<pid>-…``): it is stale
    when that process is gone. Called at start-up and before each new file. Returns
    the folders deleted.
    """
    parent = Path(root or upload_tmp_root() or tempfile.gettempdir())
    now = time.time() if now is None else now
    removed = []
    for folder in parent.glob(STAGING_PREFIX + "*"):
        found = re.match(re.escape(STAGING_PREFIX) + r"(\d+)-", folder.name)
        with contextlib.suppress(OSError):
            if not folder.is_dir() or folder.is_symlink() or folder.stat().st_uid != os.getuid():
                continue
            if (found and not _alive(int(found[1]))) or (
                    not found and now - folder.stat().st_mtime > STALE_SECONDS):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


@contextmanager
def staged(upload: Upload, limits: UploadLimits | None = None) -> Iterator[Path]:
    """Write the upload to a private temporary folder, deleted when the block ends.

    The file is named with the extension of its content (a CSV named ``.xlsx`` is read
    as ``.csv``). A GIS archive is rebuilt from its checked entries, compressed: a
    process killed while reading leaves no more than it received.

    Raises
    ------
    UploadRefused
        When an archive turns out to lie about its content while being unpacked.
    """
    limits = limits or UploadLimits.from_env()
    clean_stale_folders()
    root = tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-",
                            dir=upload_tmp_root())  # mode 0700
    try:
        name = upload.name
        if extension_warning(upload) is not None:
            name = PurePosixPath(name).stem + SUFFIX_ADVICE[upload.kind]
        target = Path(root) / name
        if upload.kind in (ContentKind.XLSX, ContentKind.ZIP_GIS):
            _unpack_checked(upload, target, limits)
        else:
            target.write_bytes(upload.data)
        yield target
    finally:
        shutil.rmtree(root, ignore_errors=True)


def validate_upload(upload: Upload, zoning_type: str | None, units: gpd.GeoDataFrame,
                    aliases: pd.DataFrame, *, crs: str | None = None,
                    limits: UploadLimits | None = None,
                    iris: gpd.GeoDataFrame | None = None) -> tuple[Zoning | None, ValidationReport]:
    """Read and check an upload with :func:`geodata.zonings.validate_file`, in a temporary place.

    Never raises for a bad file: a refusal becomes a report with one error. ``iris``
    weighs the shares of communes cut by polygons by population.
    """
    try:
        with staged(upload, limits) as path:
            zoning, report = validate_file(path, zoning_type, units, aliases, crs=crs,
                                           iris=iris)
    except UploadRefused as refusal:
        return None, refusal.report()
    warning = extension_warning(upload)
    if warning is not None:
        report = replace(report, issues=(warning, *report.issues))
    return zoning, report


def read_path(path: Path, limits: UploadLimits | None = None) -> Upload:
    """Read a file given on the command line as the web receives one.

    Raises
    ------
    UploadRefused
        For a missing, empty, oversized, unsupported or dangerous file.
    """
    limits = limits or UploadLimits.from_env()
    name = path.name
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise FileNotFoundError(path)
    except OSError:
        raise UploadRefused(name, "not_found") from None
    if size == 0:
        raise UploadRefused(name, "empty")
    if size > limits.max_bytes:
        raise UploadRefused(name, "too_large", size=fmt_size(size),
                            limit=fmt_size(limits.max_bytes))
    data = path.read_bytes()
    return Upload(name, data, hashlib.sha256(data).hexdigest(), check_content(name, data, limits))


def validate_path(path: Path, zoning_type: str | None, units: gpd.GeoDataFrame,
                  aliases: pd.DataFrame, *, crs: str | None = None,
                  limits: UploadLimits | None = None,
                  iris: gpd.GeoDataFrame | None = None) -> tuple[Zoning | None, ValidationReport]:
    """Check a file of the command line exactly as the Données page checks an upload."""
    try:
        upload = read_path(path, limits)
    except UploadRefused as refusal:
        return None, refusal.report()
    return validate_upload(upload, zoning_type, units, aliases, crs=crs, limits=limits,
                           iris=iris)
