"""Read the bundled IRIS files: Filosofi 2021 (IRIS), CAF 2020 (IRIS), RP 2022 populations.

All three are ``;``-separated, one row per 9-character IRIS code (commune code + 4
digits), decimal commas; INSEE's ``s``, ``ns``, ``nd``, ``so`` and CNAF's blank cells are
withheld values: NaN, never 0. Columns are renamed to the codes of the indicator registry
(:mod:`geodata.observations.indicators`), so that an IRIS table and the commune table
name the same statistic the same way.
"""

from __future__ import annotations

from functools import cache
from types import MappingProxyType

import pandas as pd

from geodata.observations.files import checked_path

#: Cells that mean « withheld / not significant / not available » in these files.
MISSING_MARKERS = ("", "s", "ns", "nd", "so", "nc")
IRIS_CODE_LENGTH = 9
#: Filosofi IRIS column → registry code of the same statistic.
FILOSOFI_IRIS_COLUMNS = MappingProxyType({
    "DISP_TP6021": "TP6021", "DISP_MED21": "MED21", "DISP_PPMINI21": "PPMINI21",
    "DISP_PPLOGT21": "PPLOGT21", "DISP_PPSOC21": "PPSOC21", "DISP_RD21": "RD21",
})
#: CNAF column → registry code: counts of recipients at 31/12/2020.
CAF_COLUMNS = MappingProxyType({
    "A": "CAF_A", "PERCOU": "CAF_PERCOU", "ARSAS": "CAF_ARSAS", "APPA": "CAF_APPA",
    "AAL": "CAF_AAL", "AAAH": "CAF_AAAH", "AM": "CAF_AM",
})
#: RP 2022 columns: the IRIS population (weight of IRIS values) and its type.
RP_POPULATION, RP_TYPE = "population_2022", "type_iris"
POPULATION = "population"
TYPE_IRIS = "type_iris"


def _read(key: str, code_column: str, columns: dict[str, str]) -> pd.DataFrame:
    """One file indexed by IRIS code: numbers as floats, the IRIS type as text."""
    raw = pd.read_csv(checked_path(key), sep=";", dtype=str, keep_default_na=False,
                      usecols=[code_column, *columns])
    frame = pd.DataFrame(index=pd.Index(raw[code_column].str.strip(), name="iris"))
    for column, name in columns.items():
        text = raw[column].str.strip()
        if name == TYPE_IRIS:
            frame[name] = text.to_numpy()
            continue
        numbers = text.where(~text.str.lower().isin(MISSING_MARKERS)).str.replace(",", ".")
        frame[name] = pd.to_numeric(numbers, errors="raise").to_numpy(dtype=float)
    return frame[frame.index.str.len() == IRIS_CODE_LENGTH]


@cache
def _filosofi_iris() -> pd.DataFrame:
    return _read("filosofi_iris", "IRIS", dict(FILOSOFI_IRIS_COLUMNS))


@cache
def _caf_iris() -> pd.DataFrame:
    return _read("caf", "CODGEO", dict(CAF_COLUMNS))


@cache
def _rp_iris() -> pd.DataFrame:
    return _read("rp_iris", "code_iris", {RP_TYPE: TYPE_IRIS, RP_POPULATION: POPULATION})


def read_filosofi_iris() -> pd.DataFrame:
    """Filosofi 2021 by IRIS (IRIS geography of 2022): the registry's Filosofi codes."""
    return _filosofi_iris().copy(deep=False)


def read_caf_iris() -> pd.DataFrame:
    """CAF recipients at 31/12/2020 by IRIS: ``CAF_A``, ``CAF_ARSAS``… (counts)."""
    return _caf_iris().copy(deep=False)


def read_rp_iris() -> pd.DataFrame:
    """Read the population of each IRIS in the 2022 census (Île-de-France) and its type."""
    return _rp_iris().copy(deep=False)


def missing_population(units: pd.DataFrame, share: float = 0.05) -> pd.Series:
    """Estimate the population of each unit that its IRIS rows of the RP 2022 leave out.

    The RP file has no row at all for the IRIS of some merged communes (the former
    Pierrefitte-sur-Seine inside Saint-Denis). Their population is estimated as the
    unit's population minus the sum of its IRIS in the RP, when that gap exceeds
    ``share`` of the unit's population (smaller gaps are the difference between the
    vintages of the two counts, not a missing part).

    Returns
    -------
    pandas.Series
        Indexed by unit code, only the units with such a gap (units the RP file does not
        cover at all, outside Île-de-France, are not listed).
    """
    rp = _rp_iris()
    counted = rp[POPULATION].groupby(rp.index.str[:5]).sum()
    population = units.set_index("code")["population"].astype(float)
    gap = (population - counted.reindex(population.index)).dropna()
    return gap[gap > share * population.reindex(gap.index)].rename(POPULATION)
