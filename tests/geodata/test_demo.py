"""Tests of the demonstration zonings, generated on the real Île-de-France units."""

from __future__ import annotations

import re
import shutil

import numpy as np
import pandas as pd
import pytest
import shapely
from geopandas import GeoSeries

from geodata.base import MissingRegionError, load_code_aliases, load_units
from geodata.catalog import zonings_dir
from geodata.demo import SOURCE, TERRITORY_COLUMNS, generate_demo_zonings, refresh_demo_set
from geodata.demo.structures import INHABITANTS_PER_DAC
from geodata.geometry import area_km2, dissolve

KEYS = ("dac", "cpts", "carsic", "perinatal")
PARTITIONS = ("dac", "carsic", "perinatal")
DENSE = {"75", "92", "93", "94"}
# Two IDF communes have a detached parcel inside their neighbours: Bagneaux-sur-Loing
# (77016, ~60 m²) and Châteaufort (78143, 0.016 km², enclosed by three communes of two
# départements). Whoever gets the commune cannot always get the parcel's surroundings, so
# pieces this small do not count against contiguity.
EXCLAVE_KM2 = 0.1


@pytest.fixture(scope="module")
def units():
    return load_units("11")


@pytest.fixture(scope="module")
def zonings(units):
    return generate_demo_zonings(units)


@pytest.fixture(scope="module")
def members(units, zonings):
    """Membership with each unit's population and département, per zoning."""
    info = units.set_index("code")[["population", "departement"]]
    return {key: z.membership.join(info, on="code") for key, z in zonings.items()}


def pieces(units, membership: pd.DataFrame) -> pd.Series:
    """Number of parts of each dissolved territory, exclave crumbs left out."""
    geometry = units.set_index("code").geometry.loc[membership["code"]].reset_index(drop=True)
    dissolved = dissolve(geometry, membership["territory_id"].to_numpy())
    return pd.Series({
        territory: int((area_km2(GeoSeries(shapely.get_parts(shape), crs=dissolved.crs))
                        >= EXCLAVE_KM2).sum())
        for territory, shape in dissolved.items()
    })


class TestAllZonings:
    def test_the_four_types(self, zonings):
        assert tuple(zonings) == KEYS
        assert all(zonings[key].key == key for key in KEYS)

    @pytest.mark.parametrize("key", KEYS)
    def test_every_territory_is_a_flagged_demo(self, zonings, key):
        territories = zonings[key].territories
        assert tuple(territories.columns) == TERRITORY_COLUMNS
        assert territories["illustrative"].eq(True).all()
        assert territories["nom"].str.contains("démo").all()
        assert territories["structure_porteuse"].str.startswith("Association démo").all()
        assert territories["source"].eq(SOURCE).all()
        assert territories["territory_id"].is_unique
        assert territories["territory_id"].str.fullmatch(rf"{key}-[a-z0-9-]+").all()

    @pytest.mark.parametrize("key", KEYS)
    def test_contacts_cannot_reach_anyone(self, zonings, key):
        territories = zonings[key].territories
        assert territories["telephone"].str.fullmatch(r"01 00 00 \d\d \d\d").all()
        assert territories["telephone"].is_unique
        assert territories["courriel"].str.fullmatch(r"contact@[a-z0-9-]+\.example").all()
        assert territories["site"].str.fullmatch(r"https://[a-z0-9-]+\.example").all()

    @pytest.mark.parametrize("key", KEYS)
    def test_membership_names_known_territories_and_units(self, units, zonings, key):
        zoning = zonings[key]
        assert set(zoning.membership["territory_id"]) == set(zoning.territories["territory_id"])
        assert zoning.membership["code"].isin(units["code"]).all()

    @pytest.mark.parametrize("key", KEYS)
    def test_no_unit_in_two_territories(self, zonings, key):
        assert zonings[key].membership["code"].is_unique

    @pytest.mark.parametrize("key", PARTITIONS)
    def test_partitions_cover_every_unit(self, units, zonings, key):
        assert set(zonings[key].membership["code"]) == set(units["code"])

    @pytest.mark.parametrize("key", KEYS)
    def test_territories_are_in_one_piece(self, units, zonings, key):
        counts = pieces(units, zonings[key].membership)
        assert counts[counts != 1].empty

    @pytest.mark.parametrize("key", KEYS)
    def test_dates_are_iso_and_not_after_the_update(self, zonings, key):
        territories = zonings[key].territories
        created = territories["date_creation"].dropna()
        assert created.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
        assert (created <= territories["date_mise_a_jour"].loc[created.index]).all()


class TestDeterminism:
    def test_same_seed_same_zonings(self, units, zonings):
        again = generate_demo_zonings(units)
        for key in KEYS:
            pd.testing.assert_frame_equal(again[key].territories, zonings[key].territories)
            pd.testing.assert_frame_equal(again[key].membership, zonings[key].membership)

    def test_another_seed_other_perimeters(self, units, zonings):
        other = generate_demo_zonings(units, seed=7)
        assert not other["cpts"].membership.equals(zonings["cpts"].membership)


class TestDac:
    def test_twenty_two(self, zonings):
        assert len(zonings["dac"].territories) == 22

    def test_each_inside_one_departement(self, members):
        assert members["dac"].groupby("territory_id")["departement"].nunique().eq(1).all()

    def test_counts_follow_population(self, units, members):
        counts = members["dac"].groupby("departement")["territory_id"].nunique()
        population = units.groupby("departement")["population"].sum()
        quota = population / population.sum() * 22
        assert counts.min() >= 1
        assert (counts - quota).abs().max() < 1
        assert counts["75"] == counts.max()

    def test_named_after_their_departement(self, members, zonings):
        departement = members["dac"].groupby("territory_id")["departement"].first()
        for row in zonings["dac"].territories.itertuples():
            assert re.fullmatch(rf"DAC démo {departement[row.territory_id]}-[A-Z]", row.nom)
            assert row.territory_id == f"dac-{row.nom.removeprefix('DAC démo ').lower()}"

    def test_balanced_within_departement(self, members):
        population = members["dac"].groupby(["departement", "territory_id"])["population"].sum()
        spread = population.groupby("departement").agg(lambda p: p.max() / p.min())
        assert spread.max() < 1.35

    def test_all_in_operation(self, zonings):
        assert zonings["dac"].territories["statut"].eq("en fonctionnement").all()


class TestCpts:
    def test_about_a_hundred(self, zonings):
        assert 90 <= len(zonings["cpts"].territories) <= 110

    def test_cover_four_fifths_of_the_population(self, units, members):
        share = members["cpts"]["population"].sum() / units["population"].sum()
        assert 0.75 <= share <= 0.85

    def test_zones_blanches_in_several_departements_dense_ones_included(self, units, zonings):
        blank = units.loc[~units["code"].isin(zonings["cpts"].membership["code"]), "departement"]
        assert blank.nunique() >= 3
        assert DENSE & set(blank)

    def test_one_or_two_cross_a_departement_limit(self, members):
        departements = members["cpts"].groupby("territory_id")["departement"].nunique()
        assert 1 <= (departements > 1).sum() <= 2

    def test_sizes_like_real_cpts(self, members):
        population = members["cpts"].groupby("territory_id")["population"].sum()
        dense = members["cpts"].groupby("territory_id")["departement"].first().isin(DENSE)
        # Paris 15e alone has 233,000 inhabitants: no CPTS can be smaller than one unit.
        assert population[dense].between(30_000, 250_000).all()
        assert population.between(10_000, 250_000).all()

    def test_rural_cpts_are_larger(self, units, members):
        area = units.set_index("code")["area_km2"]
        by_cpts = members["cpts"].assign(area=members["cpts"]["code"].map(area))
        territory = by_cpts.groupby("territory_id").agg(
            area=("area", "sum"), departement=("departement", "first"))
        median = territory.groupby("departement")["area"].median()
        assert median["77"] > 5 * median[["92", "93", "94"]].max()

    def test_some_in_project(self, zonings):
        territories = zonings["cpts"].territories
        projects = territories["statut"].eq("en projet")
        assert territories["statut"].isin(["en projet", "en fonctionnement"]).all()
        assert 0.10 <= projects.mean() <= 0.20
        assert territories.loc[projects, "date_creation"].isna().all()
        created = territories.loc[~projects, "date_creation"]
        assert created.between("2018-01-01", "2025-12-31").all()

    def test_numbered_and_named_after_a_commune(self, units, zonings):
        names = set(units["nom"])
        for number, row in enumerate(zonings["cpts"].territories.itertuples(), start=1):
            assert row.territory_id == f"cpts-{number}"
            prefix, commune = row.nom.split(" — ")
            assert prefix == f"CPTS démo {number}"
            assert commune in names


class TestCarsic:
    def test_east_and_west(self, zonings):
        assert sorted(zonings["carsic"].territories["nom"]) == ["CARSIC démo Est",
                                                               "CARSIC démo Ouest"]

    def test_split_along_departement_lines(self, members):
        sides = members["carsic"].groupby("departement")["territory_id"].nunique()
        assert sides.eq(1).all()

    def test_west_is_west(self, units, members):
        x = units.set_index("code").geometry.representative_point().x
        mean_x = members["carsic"].assign(x=members["carsic"]["code"].map(x)).groupby(
            "territory_id")["x"].mean()
        assert mean_x["carsic-ouest"] < mean_x["carsic-est"]


class TestPerinatal:
    def test_four_or_five(self, zonings):
        assert 4 <= len(zonings["perinatal"].territories) <= 5

    def test_on_infra_and_inter_departemental_territories(self, members):
        per_network = members["perinatal"].groupby("territory_id")["departement"].nunique()
        per_departement = members["perinatal"].groupby("departement")["territory_id"].nunique()
        assert (per_network > 1).any()
        assert (per_departement > 1).any()

    def test_made_of_whole_dac(self, zonings):
        dac = zonings["dac"].membership.set_index("code")["territory_id"]
        networks = zonings["perinatal"].membership.assign(
            dac=zonings["perinatal"].membership["code"].map(dac))
        assert networks.groupby("dac")["territory_id"].nunique().eq(1).all()


@pytest.fixture(scope="module")
def paca():
    try:
        return load_units("93")
    except MissingRegionError:
        pytest.skip("Provence-Alpes-Côte d'Azur is not built on this machine")


class TestOtherRegions:
    def test_counts_scale_with_population(self, paca):
        zonings = generate_demo_zonings(paca)
        population = paca["population"].sum()
        assert len(zonings["dac"].territories) == round(population / INHABITANTS_PER_DAC)
        assert len(zonings["carsic"].territories) == 2
        for key in PARTITIONS:
            assert np.array_equal(np.sort(zonings[key].membership["code"].to_numpy()),
                                  np.sort(paca["code"].to_numpy()))
        dac = zonings["dac"].membership.join(paca.set_index("code")["departement"], on="code")
        assert dac.groupby("territory_id")["departement"].nunique().eq(1).all()


class TestRefresh:
    """A rebuild keeps the demonstration perimeters, whatever the population vintage."""

    @pytest.fixture
    def stored(self, tmp_path):
        shutil.copytree(zonings_dir("11"), tmp_path, dirs_exist_ok=True)
        return tmp_path

    @staticmethod
    def compositions(directory) -> dict[str, bytes]:
        return {path.name: path.read_bytes() for path in sorted(directory.glob("*.csv"))}

    def test_the_committed_set_is_kept_as_it_is(self, units, stored):
        before = self.compositions(stored)
        keys, kept = refresh_demo_set(units, load_code_aliases("11"), stored)
        assert kept and keys == list(KEYS)
        assert self.compositions(stored) == before

    def test_a_former_code_is_rewritten_as_the_current_commune(self, units, stored):
        path = stored / "dac.composition.csv"
        path.write_text(path.read_text(encoding="utf-8-sig").replace(";93066\n", ";93059\n"),
                        encoding="utf-8-sig")
        _, kept = refresh_demo_set(units, load_code_aliases("11"), stored)
        text = path.read_text(encoding="utf-8-sig")
        assert kept and ";93059" not in text and "dac-93-a;DAC démo 93-A;93066" in text

    def test_a_set_that_no_longer_covers_the_units_is_generated_again(self, units, stored):
        path = stored / "carsic.composition.csv"
        lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
        path.write_text("".join(lines[:-1]), encoding="utf-8-sig")  # a commune left out
        keys, kept = refresh_demo_set(units, load_code_aliases("11"), stored)
        assert not kept and keys == list(KEYS)
        assert len(path.read_text(encoding="utf-8-sig").splitlines()) == len(units) + 1

    def test_regenerate_draws_new_perimeters_from_the_current_populations(self, units,
                                                                          stored):
        _, kept = refresh_demo_set(units, load_code_aliases("11"), stored, regenerate=True)
        assert not kept
