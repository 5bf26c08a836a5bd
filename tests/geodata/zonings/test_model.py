"""The zoning model: helpers agree with each other on any membership, and nothing mutates."""

from __future__ import annotations

import dataclasses
import random

import geopandas as gpd
import pandas as pd
import pytest

from geodata.zonings import FICHE_FIELDS, FICHE_LABELS, Fiche, Statut, Zoning, load_zoning_types

CPTS = load_zoning_types().get("cpts")


def random_zoning(seed: int, codes: list[str]) -> Zoning:
    rng = random.Random(seed)
    tids = [f"t{n}" for n in range(rng.randint(1, 6))]
    fiches = {tid: Fiche(nom=f"CPTS {tid}", type="cpts") for tid in tids}
    members = [(rng.choice(tids), code) for code in codes if rng.random() < 0.7]
    members += [(rng.choice(tids), rng.choice(codes)) for _ in range(rng.randint(0, 4))]
    return Zoning(CPTS, fiches, tuple(members))


SEEDS = range(25)


class TestHelpersAgree:
    @pytest.mark.parametrize("seed", SEEDS)
    def test_units_of_and_territories_of_are_inverse(self, seed: int,
                                                     units: gpd.GeoDataFrame) -> None:
        zoning = random_zoning(seed, list(units["code"]))
        for tid in zoning.fiches:
            for code in zoning.units_of(tid):
                assert tid in zoning.territories_of(code)
        for code in units["code"]:
            for tid in zoning.territories_of(code):
                assert code in zoning.units_of(tid)

    @pytest.mark.parametrize("seed", SEEDS)
    def test_coverage_counts_distinct_units(self, seed: int, units: gpd.GeoDataFrame) -> None:
        zoning = random_zoning(seed, list(units["code"]))
        coverage = zoning.coverage(units)
        covered = {code for _, code in zoning.members}
        assert coverage.units == len(units)
        assert coverage.units_covered == len(covered) == len(zoning.covered_codes())
        assert coverage.population_covered == units.loc[
            units["code"].isin(covered), "population"].sum()
        assert 0 <= coverage.population_share <= 1
        assert coverage.unit_share == len(covered) / len(units)

    @pytest.mark.parametrize("seed", SEEDS)
    def test_covers_is_membership_in_covered_codes(self, seed: int,
                                                   units: gpd.GeoDataFrame) -> None:
        zoning = random_zoning(seed, list(units["code"]))
        codes = pd.concat([units["code"], pd.Series(["99999"], dtype="str")])
        expected = [code in zoning.covered_codes() for code in codes]
        assert zoning.covers(codes).tolist() == expected
        assert zoning.covers(pd.Index(codes)).tolist() == expected
        assert not zoning.covers(codes).all()

    @pytest.mark.parametrize("seed", SEEDS)
    def test_shared_units_are_those_under_several_territories(
            self, seed: int, units: gpd.GeoDataFrame) -> None:
        zoning = random_zoning(seed, list(units["code"]))
        expected = {code for code in units["code"] if len(zoning.territories_of(code)) > 1}
        assert set(zoning.shared_units()) == expected

    @pytest.mark.parametrize("seed", SEEDS)
    def test_tables_match_the_helpers(self, seed: int, units: gpd.GeoDataFrame) -> None:
        zoning = random_zoning(seed, list(units["code"]))
        membership = zoning.membership
        assert list(membership.columns) == ["territory_id", "code", "share", "share_known"]
        assert len(membership) == len(set(zoning.members)) == len(zoning.members)
        for tid, group in membership.groupby("territory_id"):
            assert tuple(group["code"]) == zoning.units_of(tid)
        territories = zoning.territories
        assert list(territories.index) == list(zoning.fiches)
        assert list(territories.columns) == list(FICHE_FIELDS)


class TestZoning:
    def test_members_are_deduplicated_and_ordered_by_territory(self) -> None:
        fiches = {"b": Fiche("B", "cpts"), "a": Fiche("A", "cpts")}
        zoning = Zoning(CPTS, fiches, (("a", "2"), ("b", "9"), ("a", "1"), ("a", "2")))
        assert zoning.members == (("b", "9"), ("a", "1"), ("a", "2"))

    def test_territory_without_unit_is_allowed(self) -> None:
        zoning = Zoning(CPTS, {"a": Fiche("A", "cpts", statut=Statut.EN_PROJET)}, ())
        assert zoning.units_of("a") == ()
        with pytest.raises(KeyError):
            zoning.units_of("z")

    def test_members_must_name_known_territories(self) -> None:
        with pytest.raises(ValueError, match="without a fiche"):
            Zoning(CPTS, {"a": Fiche("A", "cpts")}, (("b", "75101"),))

    def test_is_immutable(self) -> None:
        zoning = Zoning(CPTS, {"a": Fiche("A", "cpts")}, (("a", "75101"),))
        with pytest.raises(dataclasses.FrozenInstanceError):
            zoning.source = "autre"  # type: ignore[misc]
        with pytest.raises(TypeError):
            zoning.fiches["b"] = Fiche("B", "cpts")  # type: ignore[index]
        membership, territories = zoning.membership, zoning.territories
        membership.loc[0, "code"] = "99999"
        territories.loc["a", "nom"] = "Autre"
        assert zoning.members == (("a", "75101"),)
        assert zoning.territories.loc["a", "nom"] == "A"

    def test_equal_zonings_hash_alike(self) -> None:
        def build() -> Zoning:
            return Zoning(CPTS, {"a": Fiche("A", "cpts")}, (("a", "75101"),), source="ARS")

        assert build() == build()
        assert len({build(), build()}) == 1

    def test_every_fiche_field_has_a_french_label(self) -> None:
        assert list(FICHE_LABELS) == list(FICHE_FIELDS)
        assert [s.value for s in Statut] == ["en projet", "en fonctionnement"]
