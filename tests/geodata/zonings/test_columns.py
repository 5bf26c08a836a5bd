"""Column headers as agencies write them, and the role each one gets."""

from __future__ import annotations

import pytest

from geodata.zonings import load_zoning_types
from geodata.zonings.columns import detect_columns

TYPES = load_zoning_types()


def roles(headers: list[str], zoning_type: str = "cpts", mapping: dict | None = None) -> dict:
    columns = detect_columns(headers, TYPES.get(zoning_type), TYPES, mapping or {})
    return {role: headers[index] for role, index in columns.roles.items()}


class TestCode:
    @pytest.mark.parametrize("header", [
        "code INSEE", "Code_Insee", "CODGEO", "code commune", "DEPCOM", "INSEE_COM", "com",
        "Code INSEE 2024", "N° INSEE", "code géographique ",
    ])
    def test_code_headers(self, header: str) -> None:
        assert roles([header, "territoire"])["code"] == header

    def test_postal_code_is_never_the_commune_code(self) -> None:
        assert "code" not in roles(["Code postal", "territoire"])

    def test_bare_code_only_as_a_last_resort(self) -> None:
        assert roles(["code", "CODGEO", "nom"])["code"] == "CODGEO"
        assert roles(["code", "nom"])["code"] == "code"


class TestName:
    @pytest.mark.parametrize(("headers", "expected"), [
        (["code_insee", "Nom commune", "Nom de la CPTS"], "Nom de la CPTS"),
        (["code_insee", "nom", "CPTS"], "CPTS"),
        (["code_insee", "libellé"], "libellé"),
        (["code_insee", "Structure porteuse", "Territoire"], "Territoire"),
        (["code_insee", "structure"], "structure"),
        (["code_insee", "DAC"], "DAC"),
    ])
    def test_territory_name(self, headers: list[str], expected: str) -> None:
        assert roles(headers)["nom"] == expected

    def test_type_specific_name_wins_over_generic(self) -> None:
        assert roles(["code_insee", "nom", "Nom DAC"], "dac")["nom"] == "Nom DAC"

    def test_commune_name_is_not_the_territory(self) -> None:
        found = roles(["code_insee", "Nom de la commune"])
        assert found == {"code": "code_insee", "nom_commune": "Nom de la commune"}


class TestOtherRoles:
    def test_fiche_columns(self) -> None:
        found = roles(["INSEE_COM", "Identifiant", "CPTS", "Porteur", "État d'avancement",
                       "Année de création", "Tél.", "Mail", "Site internet",
                       "Date de MAJ", "Public cible", "Modalités de mobilisation"])
        assert found == {
            "code": "INSEE_COM", "nom": "CPTS", "territory_id": "Identifiant",
            "porteur": "Porteur", "statut": "État d'avancement",
            "date_creation": "Année de création", "telephone": "Tél.", "courriel": "Mail",
            "site": "Site internet", "date_mise_a_jour": "Date de MAJ",
            "public_cible": "Public cible", "modalites_mobilisation": "Modalités de mobilisation",
        }

    @pytest.mark.parametrize("header", ["territory_id", "id_territoire", "Code CPTS", "ID"])
    def test_territory_id(self, header: str) -> None:
        assert roles(["code_insee", header, "nom"])["territory_id"] == header

    def test_mapping_wins(self) -> None:
        found = roles(["A", "B", "CODGEO"], mapping={"code": "a", "nom": "B"})
        assert (found["code"], found["nom"]) == ("A", "B")
