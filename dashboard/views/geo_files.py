"""The GeoJSON files of the coloured areas: gzipped once, named by a URL carrying their digest.

A map figure only carries the URL of its areas (:func:`geojson_url`); the browser
fetches each file once and keeps it. Each file is gzipped once per process
(:func:`geo_file`), and its URL carries a digest of its content (``?v=``): a file that
changes (a zoning edited in the store) gets a new URL, so the old one can be cached for
good. :mod:`dashboard.server.geo_routes` serves them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache

from dashboard.views.data import AppData
from dashboard.views.map_geometry import geojson_payload

ROUTE_PREFIX = "/geo"
#: Query parameter of the content digest in GeoJSON URLs.
VERSION_PARAMETER = "v"
#: Compressed once and kept: spend the CPU for the smallest file.
GZIP_LEVEL = 9
DIGEST_LENGTH = 16
#: Compressed files kept per process (Île-de-France region 0.1 MB, a département 5 kB).
FILE_CACHE_SIZE = 256


@dataclass(frozen=True)
class GeoFile:
    """One GeoJSON file, gzipped, and the digest of its content."""

    gzipped: bytes
    digest: str


@lru_cache(maxsize=FILE_CACHE_SIZE)
def geo_file(data: AppData, name: str) -> GeoFile | None:
    """Return the file :func:`geojson_url` points to, None if ``name`` is unknown."""
    payload = geojson_payload(data, name)
    if payload is None:
        return None
    body = json.dumps(payload, separators=(",", ":")).encode()
    return GeoFile(gzip.compress(body, GZIP_LEVEL, mtime=0),
                   hashlib.sha256(body).hexdigest()[:DIGEST_LENGTH])


def geojson_url(data: AppData, name: str) -> str:
    """Return the URL under which :mod:`dashboard.server.geo_routes` serves the file ``name``.

    Prepares the file (the browser asks for it right after the figure), to put the
    digest of its content in the URL.
    """
    file = geo_file(data, name)
    url = f"{ROUTE_PREFIX}/{data.region}/{name}"
    return url if file is None else f"{url}?{VERSION_PARAMETER}={file.digest}"
