"""The observations beside Filosofi, joined to the region's units once, at build time.

Two tables, stored in the region directory and stamped with the digests of the bundled
files they come from (:func:`write_observation_tables`; :func:`read_observation_tables`
reads them back, or returns None when a file changed since, so the caller joins again):

* per unit (``observations.parquet``): the DREES APL, the number of QPV 2024, and the CAF
  2020 counts summed over the IRIS of each commune with, for each, the share of the
  commune's IRIS population that the published IRIS hold (``CAF_A_PART``…: below 1, the
  sum is a minimum);
* per IRIS (``iris-observations.parquet``): every IRIS of the region in Filosofi IRIS,
  CAF or the RP 2022, in the geography of its file, with its unit (through the code
  history: Pierrefitte's 93059 IRIS belong to Saint-Denis 93066), its RP 2022
  population (the weight of IRIS values) and its values.

IRIS observations need IRIS populations, which only the Île-de-France census file gives
here: elsewhere the IRIS table is empty and the CAF columns are missing.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from geodata.observations.code_history import combine_by_unit, current_units
from geodata.observations.files import OBSERVATION_FILES, checked_path, files_stamp
from geodata.observations.filosofi import read_filosofi
from geodata.observations.indicators import (
    APL_CODE,
    KNOWN_SHARE_SUFFIX,
    QPV_CODE,
    WEIGHT_CODE,
)
from geodata.observations.iris_sources import (
    CAF_COLUMNS,
    FILOSOFI_IRIS_COLUMNS,
    POPULATION,
    TYPE_IRIS,
    missing_population,
    read_caf_iris,
    read_filosofi_iris,
    read_rp_iris,
)
from geodata.observations.places import load_qpv

UNIT_FILE = "observations.parquet"
IRIS_FILE = "iris-observations.parquet"
STAMP_KEY = b"cartocoord.observation_files"
COMMUNE = "commune"
ESTIMATED = "population_estimated"
#: The IRIS is in the CAF file (published or withheld): the rows a CAF sum is made of.
IN_CAF = "in_caf"
CAF_CODES = tuple(CAF_COLUMNS.values())
FILOSOFI_IRIS_CODES = tuple(FILOSOFI_IRIS_COLUMNS.values())


def iris_table(units: pd.DataFrame, aliases: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Every IRIS of the region's units in the IRIS files, with unit, weight and values.

    Returns the table (indexed by IRIS code) and what was estimated: IRIS of a former
    commune absent from the RP 2022 share equally the population their unit misses
    there (:func:`~geodata.observations.iris_sources.missing_population`).
    """
    filosofi, caf, rp = read_filosofi_iris(), read_caf_iris(), read_rp_iris()
    unit_codes = set(units["code"])
    counted = set(rp.index.str[:5]) & unit_codes
    codes = filosofi.index.union(caf.index).union(rp.index)
    commune = current_units(codes.str[:5], unit_codes, aliases)
    keep = np.isin(commune, list(counted))
    codes, commune = codes[keep], commune[keep]
    table = pd.DataFrame({COMMUNE: commune}, index=pd.Index(codes, name="iris"))
    table[TYPE_IRIS] = rp[TYPE_IRIS].reindex(codes).to_numpy()
    table[POPULATION] = rp[POPULATION].reindex(codes).to_numpy()
    table[ESTIMATED] = False
    table = table.join(filosofi).join(caf)
    table[IN_CAF] = table.index.isin(caf.index)
    estimated = {}
    former = table.index.str[:5] != table[COMMUNE]
    gaps = missing_population(units)
    for unit, rows in table[former & table[POPULATION].isna()].groupby(COMMUNE).groups.items():
        if unit in gaps.index:
            table.loc[rows, POPULATION] = round(gaps[unit] / len(rows))
            table.loc[rows, ESTIMATED] = True
            estimated[unit] = {"iris": sorted(rows), "population": round(float(gaps[unit]))}
    return table.sort_index(), estimated


def caf_by_unit(iris: pd.DataFrame) -> pd.DataFrame:
    """Sum each CAF count over the IRIS of each unit, with the share of weight it covers.

    A withheld IRIS is left out of the sum (never 0); ``<code>_PART`` is the RP 2022
    population of the published IRIS over that of the unit's IRIS in the CAF file: below
    1 the sum is a minimum. A unit without any published IRIS has no value.
    """
    rows = iris[iris[IN_CAF]]
    weight = rows[POPULATION].fillna(0.0)
    by_unit = rows.groupby(COMMUNE)
    total = weight.groupby(rows[COMMUNE]).sum()
    result = pd.DataFrame(index=pd.Index(sorted(by_unit.groups), name="code"))
    for code in CAF_CODES:
        published = weight.where(rows[code].notna(), 0.0).groupby(rows[COMMUNE]).sum()
        result[code] = by_unit[code].sum(min_count=1)
        result[code + KNOWN_SHARE_SUFFIX] = (published / total.where(total > 0)).where(
            result[code].notna())
    return result


def apl_by_unit(units: pd.DataFrame, aliases: pd.DataFrame) -> tuple[pd.Series, dict]:
    """DREES APL per unit; merged communes weighted by Filosofi's persons, if all known."""
    raw = pd.read_csv(checked_path("apl"), sep=";", dtype=str, keep_default_na=False)
    numbers = pd.to_numeric(raw["apl_mg"].str.strip(), errors="coerce").to_numpy(dtype=float)
    values = pd.DataFrame({APL_CODE: numbers},
                          index=pd.Index(raw["codgeo"].str.strip(), name="code"))
    values = values[~values.index.duplicated()]
    unit = current_units(values.index, set(units["code"]), aliases)
    persons = read_filosofi()[WEIGHT_CODE].reindex(values.index)
    merged, combined = combine_by_unit(values, unit, persons, rates=[APL_CODE])
    return merged[APL_CODE], combined


def unit_table(units: pd.DataFrame, aliases: pd.DataFrame,
               iris: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """APL, QPV and CAF per unit (in the units' order), and what was combined."""
    codes = pd.Index(units["code"].astype(str), name="code")
    apl, combined = apl_by_unit(units, aliases)
    table = pd.DataFrame(index=codes)
    table[APL_CODE] = apl.reindex(codes)
    table[QPV_CODE] = load_qpv(codes, aliases).count_by_unit(codes)
    caf = caf_by_unit(iris).reindex(codes)
    for code in CAF_CODES:
        table[code] = caf[code]
        table[code + KNOWN_SHARE_SUFFIX] = caf[code + KNOWN_SHARE_SUFFIX]
    return table, {"apl_combined": combined}


def observation_tables(units: pd.DataFrame,
                       aliases: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Build the per-unit and per-IRIS tables of the region, and the notes for the provenance."""
    iris, estimated = iris_table(units, aliases)
    table, notes = unit_table(units, aliases, iris)
    caf = iris[iris[IN_CAF]]
    return table, iris, {
        "files": {file.key: {"file": file.name, "sha256": file.sha256,
                             "source_line": file.source, "vintage": file.vintage}
                  for file in OBSERVATION_FILES.values()},
        "iris_observations": len(iris),
        "iris_population_estimated": estimated,
        "caf_units": int(table[CAF_CODES[0]].notna().sum()),
        "caf_units_with_withheld_iris": int((table[CAF_CODES[0] + KNOWN_SHARE_SUFFIX] < 1).sum()),
        "caf_iris": len(caf),
        **notes,
    }


def write_observation_tables(units: pd.DataFrame, aliases: pd.DataFrame,
                             out_dir: Path) -> dict:
    """Build and store both tables in ``out_dir``; return the notes for the provenance."""
    table, iris, notes = observation_tables(units, aliases)
    for frame, name in ((table, UNIT_FILE), (iris, IRIS_FILE)):
        arrow = pa.Table.from_pandas(frame)
        metadata = {**(arrow.schema.metadata or {}), STAMP_KEY: files_stamp().encode()}
        pq.write_table(arrow.replace_schema_metadata(metadata), out_dir / name,
                       compression="zstd")
    return notes


def read_observation_tables(region_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Both stored tables, or None when absent or built from other files than the bundled ones."""
    frames = []
    for name in (UNIT_FILE, IRIS_FILE):
        path = region_dir / name
        if not path.exists():
            return None
        arrow = pq.read_table(path)
        if (arrow.schema.metadata or {}).get(STAMP_KEY) != files_stamp().encode():
            return None
        frames.append(arrow.to_pandas())
    return frames[0], frames[1]
