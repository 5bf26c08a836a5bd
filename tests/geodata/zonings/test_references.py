"""Reference zonings: the official levels of the base geography, exactly as the source has them."""

from __future__ import annotations

import pandas as pd
import pytest

from geodata import base, catalog
from geodata.sources import decoupage
from geodata.zonings.references import PARIS_ID, REFERENCE_KEYS, reference_zonings

UNITS = pd.DataFrame({
    "code": ["75101", "75102", "93001", "93066", "95018"],
    "departement": ["75", "75", "93", "93", "95"],
    "epci": ["200054781", "200054781", "200054781", "200054781", "200058485"],
    "ept": ["", "", "200057867", "200057867", ""],
})
NAMES = {"departement": {"75": "Paris", "93": "Seine-Saint-Denis", "95": "Val-d'Oise"},
         "epci": {"200054781": "Métropole du Grand Paris",
                  "200058485": "CA Roissy Pays de France"},
         "ept": {"200057867": "Plaine Commune"}}
SOURCES = {"departement": "Insee — départements, COG 2026",
           "epci": "Insee, DGCL — EPCI, 1er janvier 2026", "ept": "Insee — EPT 2025"}


class TestReferenceZonings:
    def test_levels_and_memberships(self) -> None:
        zonings = reference_zonings(UNITS, NAMES, SOURCES)
        assert tuple(zonings) == REFERENCE_KEYS == ("dep", "epci", "ept")
        assert zonings["dep"].units_of("93") == ("93001", "93066")
        assert zonings["epci"].units_of("200054781") == ("75101", "75102", "93001", "93066")

    def test_paris_is_a_territory_of_the_ept_level_and_the_rest_is_outside(self) -> None:
        ept = reference_zonings(UNITS, NAMES, SOURCES)["ept"]
        assert list(ept.fiches) == ["200057867", PARIS_ID]
        assert ept.fiches[PARIS_ID].nom == "Paris"
        assert ept.units_of(PARIS_ID) == ("75101", "75102")
        assert ept.territories_of("95018") == ()

    def test_official_never_illustrative_and_sourced(self) -> None:
        for key, zoning in reference_zonings(UNITS, NAMES, SOURCES).items():
            assert not zoning.illustrative
            assert zoning.source
            assert all(fiche.source == zoning.source and not fiche.illustratif
                       for fiche in zoning.fiches.values()), key
            assert zoning.source in zoning.type.long_label

    def test_a_level_without_names_is_left_out(self) -> None:
        names = {**NAMES, "ept": {}}
        assert "ept" not in reference_zonings(UNITS.drop(columns="ept"), names, SOURCES)


@pytest.fixture(scope="module")
def zonings():
    return catalog.load_reference_zonings("11")


@pytest.fixture(scope="module")
def official():
    """The EPT and EPCI of the pinned code package (fetched from npm, checked, cached)."""
    tarball = decoupage.fetch()
    return {name: decoupage.groups(tarball, name) for name in ("ept", "epci")}


def official_units(members: pd.Series, units: pd.DataFrame) -> set[str]:
    """Units of the region among the package's member communes (Paris: its arrondissements)."""
    paris = set(units.loc[units["departement"] == "75", "code"])
    codes = set(members) & set(units["code"])
    return codes | (paris if PARIS_ID in set(members) else set())


class TestIleDeFrance:
    def test_departements(self, zonings) -> None:
        units = base.load_units("11")
        dep = zonings["dep"]
        assert list(dep.fiches) == ["75", "77", "78", "91", "92", "93", "94", "95"]
        for code, group in units.groupby("departement"):
            assert set(dep.units_of(code)) == set(group["code"])

    def test_epci_match_the_base_geography_exactly(self, zonings) -> None:
        units, epci = base.load_units("11"), base.load_epci("11")
        zoning = zonings["epci"]
        assert len(zoning.fiches) == len(epci) == 52
        assert {tid: fiche.nom for tid, fiche in zoning.fiches.items()} == dict(
            zip(epci["code"], epci["nom"], strict=True))
        for code, group in units.groupby("epci"):
            assert set(zoning.units_of(code)) == set(group["code"]), code
        assert len(zoning.covered_codes()) == len(units) == 1285
        assert not zoning.shared_units()

    def test_epci_are_the_official_lists(self, zonings, official) -> None:
        units = base.load_units("11")
        epci = official["epci"]
        epci = epci[epci["group"].isin(set(epci["group"][epci["code"].isin(
            {*units["code"], PARIS_ID})]))]
        zoning = zonings["epci"]
        assert set(zoning.fiches) == set(epci["group"])
        for group, members in epci.groupby("group"):
            assert set(zoning.units_of(group)) == official_units(members["code"], units), group

    def test_ept_are_the_official_lists_and_paris(self, zonings, official) -> None:
        units = base.load_units("11")
        ept, zoning = official["ept"], zonings["ept"]
        # The Métropole du Grand Paris: its 11 EPT, and Paris, a territory on its own.
        assert ept["group"].nunique() == 11 and len(zoning.fiches) == 12
        assert list(zoning.fiches)[-1] == PARIS_ID
        for group, members in ept.groupby("group"):
            assert set(zoning.units_of(group)) == set(members["code"]), group
            assert zoning.fiches[group].nom == members["group_nom"].iloc[0]
        assert set(zoning.units_of(PARIS_ID)) == official_units([PARIS_ID], units)
        assert len(zoning.covered_codes()) == len(ept) + 20
        assert not zoning.illustrative and "EPT au 1er janvier 2025" in zoning.source
