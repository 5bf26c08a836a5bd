"""The committed base geography of Île-de-France as the app reads it: units and EPT."""

from __future__ import annotations

import pytest
import shapely

from geodata.base import load_code_aliases, load_ept, load_units

#: Établissements publics territoriaux of the Métropole du Grand Paris (INSEE, 1 January
#: 2025, as ``@etalab/decoupage-administratif`` ships them): SIREN → communes.
EPT_COMMUNES = {
    "200057966": 11,  # Vallée Sud-Grand Paris
    "200057974": 8,   # Grand Paris Seine Ouest
    "200057982": 11,  # Paris Ouest La Défense
    "200057990": 7,   # Boucle Nord de Seine
    "200057867": 8,   # Plaine Commune (Saint-Denis and Pierrefitte-sur-Seine merged)
    "200058097": 8,   # Paris Terres d'Envol
    "200057875": 9,   # Est Ensemble
    "200058790": 14,  # Grand Paris Grand Est
    "200057941": 13,  # Paris Est Marne et Bois
    "200058006": 16,  # Grand Paris Sud Est Avenir
    "200058014": 24,  # Grand-Orly Seine Bièvre
}
METROPOLE_DU_GRAND_PARIS = "200054781"


@pytest.fixture(scope="module")
def units():
    return load_units("11")


class TestEpt:
    def test_eleven_ept_of_129_communes(self, units) -> None:
        ept = load_ept("11")
        assert len(ept) == 11 and ept["code"].is_unique
        assert units.loc[units["ept"] != "", "ept"].value_counts().to_dict() == EPT_COMMUNES
        assert sum(EPT_COMMUNES.values()) == 129
        assert set(ept["code"]) == set(EPT_COMMUNES)

    def test_paris_is_in_no_ept_but_in_the_metropole(self, units) -> None:
        paris = units[units["code"].str.startswith("751")]
        assert len(paris) == 20 and paris["ept"].eq("").all()
        metropole = units[units["epci"] == METROPOLE_DU_GRAND_PARIS]
        # 11 EPT + Paris: 129 communes and the 20 arrondissements.
        assert len(metropole) == 149
        assert set(metropole.loc[metropole["ept"] == "", "code"]) == set(paris["code"])

    def test_names_and_outlines_dissolved_from_the_units(self, units) -> None:
        ept = load_ept("11").set_index("code")
        assert ept.loc["200057867", "nom"] == "Plaine Commune"
        members = units[units["ept"] == "200057867"]
        assert "93066" in set(members["code"])
        assert shapely.equals(ept.geometry["200057867"],
                              shapely.coverage_union_all(members.geometry.values))
        assert members["population"].sum() == 453_671

    def test_ept_nest_in_the_metropole(self, units) -> None:
        grouped = units[units["ept"] != ""].groupby("ept")["epci"].unique()
        assert all(list(epci) == [METROPOLE_DU_GRAND_PARIS] for epci in grouped)


class TestCodeHistory:
    def test_former_communes_of_the_same_departement(self) -> None:
        aliases = load_code_aliases("11").set_index("alias")
        former = aliases[aliases["kind"] == "ancienne_commune"]
        assert len(former) == 39
        assert former.loc["91182", "codes"] == "91228"  # Courcouronnes, 2019
        assert former.loc["93059", ["codes", "nom"]].tolist() == ["93066",
                                                               "Pierrefitte-sur-Seine"]
        # Seine and Seine-et-Oise codes of before 1968 are today's postcodes: left out.
        assert not former.index.str.startswith("75").any()
        assert former.apply(lambda row: row.name[:2] == row["codes"][:2], axis=1).all()
