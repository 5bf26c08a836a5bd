"""Filosofi 2021 joined to the map's units: the indicator table, built, stored, read back.

:func:`load_filosofi` joins the INSEE file (read by
:func:`~geodata.observations.insee_files.read_insee_file`) to the units, with population
and density; the build stores the result (:func:`write_indicator_table`) so that the app
reads it back at start-up (:func:`read_indicator_table`).

Examples
--------
>>> from geodata.base import load_code_aliases, load_units
>>> table = load_filosofi(load_units("11"), load_code_aliases("11"))
>>> float(table.loc["75119", "TP6021"])
22.0
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from geodata.config import BUNDLED_DATA_DIR
from geodata.observations.code_history import combine_by_unit, current_units
from geodata.observations.indicators import (
    AREA_CODE,
    DENSITY_CODE,
    FILOSOFI_CODES,
    POPULATION_CODE,
    WEIGHT_CODE,
)
from geodata.observations.insee_files import SPLIT_CITIES, read_insee_file
from geodata.sources import sha256_of

FILOSOFI_FILE = BUNDLED_DATA_DIR / "indicators" / "filosofi-2021-communes.csv"
#: Recorded in SOURCE.md next to the file; checked by the tests.
FILOSOFI_SHA256 = "145d3b90d0720e5e011fccdc05f72be500e4cca4dc077add14d28cfa77b86eef"
#: Parquet metadata of a stored indicator table: digest of the Filosofi file it comes from.
SOURCE_DIGEST_KEY = b"cartocoord.filosofi_sha256"
#: Units holding a city and its arrondissements would count their population twice.
SPLIT_AND_ARRONDISSEMENTS = ("Les unités contiennent à la fois {city} et ses "
                             "arrondissements : leur population serait comptée deux fois.")


@cache
def _read_filosofi_cached(path: Path) -> pd.DataFrame:
    return read_insee_file(path)


def read_filosofi(path: Path = FILOSOFI_FILE) -> pd.DataFrame:
    """Return the Filosofi file as :func:`read_insee_file` reads it, parsed once per process.

    The parsed frame is cached; each caller gets a shallow copy, which copy-on-write
    (always on in pandas 3) turns into a private one as soon as it is modified.
    """
    return _read_filosofi_cached(Path(path)).copy(deep=False)


def load_filosofi(units: pd.DataFrame, aliases: pd.DataFrame | None = None, *,
                  path: Path = FILOSOFI_FILE) -> pd.DataFrame:
    """Build the indicator table of the map's units: Filosofi, population and density.

    Parameters
    ----------
    units : pandas.DataFrame
        The base geography (:func:`geodata.base.load_units`): ``code``, ``population``,
        ``area_km2``. Paris, Lyon and Marseille as arrondissements (or as whole cities, but
        never both): the file has rows for both and the units' codes pick the right ones.
    aliases : pandas.DataFrame, optional
        :func:`geodata.base.load_code_aliases`. Filosofi 2021 predates the units' COG:
        rows of former communes (kind ``ancienne_commune``) are merged into their current
        commune — persons summed, values averaged with those weights, missing if any part
        is missing. Without it they are simply unused (in Île-de-France, 93059
        Pierrefitte-sur-Seine, ~31,000 persons, merged into 93066 Saint-Denis).
    path : path
        The Filosofi file.

    Returns
    -------
    pandas.DataFrame
        Indexed by unit code (units' order): one column per Filosofi indicator of the
        registry (:data:`geodata.observations.indicators.FILOSOFI_CODES`), population
        and density, then the weights ``NBPERSMENFISC21`` and ``area_km2``. Secret
        values are NaN. The other observations (APL, QPV, CAF) are joined by
        :func:`geodata.catalog.load_indicator_table`.
    """
    codes = pd.Index(units["code"].astype("str"), name="code")
    if codes.has_duplicates:
        raise ValueError(f"Codes en double dans les unités : {codes[codes.duplicated()][0]}.")
    for city, arrondissements in SPLIT_CITIES.items():
        if city in codes and codes.isin(arrondissements).any():
            raise ValueError(SPLIT_AND_ARRONDISSEMENTS.format(city=city))
    source = read_filosofi(path)[[*FILOSOFI_CODES, WEIGHT_CODE]]
    if aliases is not None:
        # Every Filosofi variable kept is a rate or a ratio, weighted by persons.
        source, _ = combine_by_unit(source, current_units(source.index, set(codes), aliases),
                                    source[WEIGHT_CODE], rates=FILOSOFI_CODES)
    table = source.reindex(codes)
    population = units["population"].to_numpy(dtype=float)
    area = units["area_km2"].to_numpy(dtype=float)
    area = np.where(area > 0, area, np.nan)
    table[POPULATION_CODE] = population
    table[DENSITY_CODE] = population / area
    table[AREA_CODE] = area
    return table[[*FILOSOFI_CODES, POPULATION_CODE, DENSITY_CODE, WEIGHT_CODE, AREA_CODE]]


def write_indicator_table(table: pd.DataFrame, path: Path, *,
                          source: Path = FILOSOFI_FILE) -> None:
    """Store a :func:`load_filosofi` table, stamped with the digest of its Filosofi file.

    The build stores it so that the app does not parse the INSEE file at every start
    (about a second for France).
    """
    arrow = pa.Table.from_pandas(table)
    digest = sha256_of(Path(source)).encode()
    metadata = {**(arrow.schema.metadata or {}), SOURCE_DIGEST_KEY: digest}
    pq.write_table(arrow.replace_schema_metadata(metadata), path, compression="zstd")


def read_indicator_table(path: Path, *, source: Path = FILOSOFI_FILE) -> pd.DataFrame | None:
    """Read a table stored by :func:`write_indicator_table`.

    None when there is none, or when it was joined from another Filosofi file than
    ``source``: the caller joins it again rather than show stale values.
    """
    if not path.exists():
        return None
    arrow = pq.read_table(path)
    digest = sha256_of(Path(source)).encode()
    if (arrow.schema.metadata or {}).get(SOURCE_DIGEST_KEY) != digest:
        return None
    return arrow.to_pandas()
