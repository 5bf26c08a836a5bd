"""Receive a zoning file from the browser without trusting anything about it.

A file sent through ``dcc.Upload`` arrives as a base64 ``data:`` URL and a name typed by
someone else's computer. Its size is checked before and after decoding
(``CARTOCOORD_MAX_UPLOAD_MB``; Flask's ``MAX_CONTENT_LENGTH`` refuses larger requests
earlier, and only editors may send that much: :mod:`dashboard.server.limits`), its name
is reduced to a plain file name; then it takes the path every file takes, from the web
or the command line: :mod:`geodata.intake` (type by content, archive checks, private
temporary folder).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import re
import unicodedata
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geodata.intake import (
    MB,
    Upload,
    UploadLimits,
    UploadRefused,
    check_content,
    validate_upload,
)
from geodata.zonings import ValidationReport, Zoning
from geodata.zonings.messages import fmt_size

MAX_NAME_CHARS = 100


def request_size_limit(limits: UploadLimits | None = None) -> int:
    """Flask's ``MAX_CONTENT_LENGTH``: the largest file once in base64, plus the JSON around."""
    limits = limits or UploadLimits.from_env()
    return math.ceil(limits.max_bytes / 3) * 4 + 1 * MB


def safe_name(filename: str | None) -> str:
    r"""Reduce a name to a plain file name: no folder, control character nor odd dot.

    Examples
    --------
    >>> safe_name("../../etc/passwd")
    'passwd'
    >>> safe_name("C:\\\\Users\\\\moi\\\\CPTS 93.xlsx")
    'CPTS 93.xlsx'
    """
    name = unicodedata.normalize("NFC", str(filename or "")).replace("\\", "/")
    name = name.rsplit("/", 1)[-1]
    name = "".join(char for char in name
                   if char.isprintable() and char not in '<>:"|?*' and char != "\x00")
    name = name.strip().strip(".").strip() or "fichier"
    if len(name) > MAX_NAME_CHARS:
        suffix = Path(name).suffix[:10]
        name = name[:MAX_NAME_CHARS - len(suffix)] + suffix
    return name


def parse_crs(text: str | None) -> str | None:
    """Read an EPSG code typed by the user (``2154``, ``EPSG:2154``); None when empty.

    Only EPSG codes are accepted: a free string would reach PROJ unchecked.
    """
    value = (text or "").strip()
    if not value:
        return None
    found = re.fullmatch(r"(?:epsg\s*:?\s*)?(\d{4,6})", value, flags=re.IGNORECASE)
    if not found:
        raise UploadRefused("", "bad_crs", crs=value[:40])
    return f"EPSG:{found[1]}"


def decode_upload(contents: str | None, filename: str | None,
                  limits: UploadLimits | None = None) -> Upload:
    """Check and decode what ``dcc.Upload`` sent (``contents``, ``filename``).

    Raises
    ------
    UploadRefused
        For a missing, oversized, empty, disguised or dangerous file.
    """
    limits = limits or UploadLimits.from_env()
    if not contents:
        raise UploadRefused(safe_name(filename) if filename else "", "no_file")
    name = safe_name(filename)
    header, _, payload = contents.partition(",")
    if not header.startswith("data:") or not header.endswith(";base64"):
        raise UploadRefused(name, "corrupt_upload")
    estimated = len(payload) // 4 * 3
    if estimated > limits.max_bytes + 3:
        raise UploadRefused(name, "too_large", size=fmt_size(estimated),
                            limit=fmt_size(limits.max_bytes))
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise UploadRefused(name, "corrupt_upload") from None
    if not data:
        raise UploadRefused(name, "empty")
    if len(data) > limits.max_bytes:
        raise UploadRefused(name, "too_large", size=fmt_size(len(data)),
                            limit=fmt_size(limits.max_bytes))
    kind = check_content(name, data, limits)
    return Upload(name, data, hashlib.sha256(data).hexdigest(), kind)


def receive(contents: str | None, filename: str | None, zoning_type: str | None,
            units: gpd.GeoDataFrame, aliases: pd.DataFrame, *, crs_text: str | None = None,
            limits: UploadLimits | None = None, iris: gpd.GeoDataFrame | None = None
            ) -> tuple[Upload | None, Zoning | None, ValidationReport]:
    """Decode, check, stage and validate a file from ``dcc.Upload``, in one call.

    Returns the upload (None when refused before reading), the zoning (None unless the
    file is usable) and the French report.
    """
    name = safe_name(filename) if filename else ""
    try:
        crs = parse_crs(crs_text)
        upload = decode_upload(contents, filename, limits)
    except UploadRefused as refusal:
        refusal.name = refusal.name or name
        return None, None, refusal.report()
    zoning, report = validate_upload(upload, zoning_type, units, aliases, crs=crs, limits=limits,
                                     iris=iris)
    return upload, zoning, report
