"""The code history (``aliases.csv``) built from the code vintage, on a few rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geodata.build.history import code_aliases


def package(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


COMMUNES = package(
    {"code": "75056", "nom": "Paris", "type": "commune-actuelle"},
    {"code": "75101", "nom": "Paris 1er Arrondissement", "type": "arrondissement-municipal",
     "commune": "75056"},
    {"code": "75102", "nom": "Paris 2e Arrondissement", "type": "arrondissement-municipal",
     "commune": "75056"},
    {"code": "93066", "nom": "Saint-Denis", "type": "commune-actuelle"},
    {"code": "93066", "nom": "Saint-Denis", "type": "commune-deleguee", "chefLieu": "93066"},
    {"code": "93059", "nom": "Pierrefitte-sur-Seine", "type": "commune-deleguee",
     "chefLieu": "93066"},
    {"code": "91228", "nom": "Évry-Courcouronnes", "type": "commune-actuelle"},
    {"code": "92002", "nom": "Antony", "type": "commune-actuelle"},
)
UNITS = pd.DataFrame({
    "code": ["75101", "75102", "93066", "91228", "92002"],
    "departement": ["75", "75", "93", "91", "92"],
    # 75059 and 75066: Seine codes of before 1968; 75002 is today a Paris postcode.
    "anciensCodes": [np.nan, np.nan, ["75059", "75066", "93059"], ["91182"], ["75002"]],
    "commune": ["75056", "75056", np.nan, np.nan, np.nan],
})
OLD_WHEEL = pd.DataFrame({"code": ["91182"], "type": ["COM"], "nom": ["Courcouronnes"],
                          "type_nom": ["0"]})


def aliases() -> pd.DataFrame:
    return code_aliases(COMMUNES, UNITS, OLD_WHEEL).set_index("alias")


class TestCodeAliases:
    def test_a_split_city_stands_for_its_arrondissements(self) -> None:
        paris = aliases().loc["75056"]
        assert (paris["kind"], paris["codes"], paris["nom"]) == (
            "arrondissements", "75101;75102", "Paris")

    def test_delegated_commune_with_its_name(self) -> None:
        pierrefitte = aliases().loc["93059"]
        assert (pierrefitte["kind"], pierrefitte["codes"], pierrefitte["nom"]) == (
            "ancienne_commune", "93066", "Pierrefitte-sur-Seine")

    def test_former_code_of_the_same_departement_named_by_the_older_wheel(self) -> None:
        courcouronnes = aliases().loc["91182"]
        assert (courcouronnes["codes"], courcouronnes["nom"]) == ("91228", "Courcouronnes")

    def test_former_codes_of_another_departement_are_left_out(self) -> None:
        assert not {"75059", "75066", "75002"} & set(aliases().index)

    def test_a_unit_code_is_never_an_alias(self) -> None:
        assert not set(UNITS["code"]) & set(aliases().index)
