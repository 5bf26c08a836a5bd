"""APL, QPV, CAF and Filosofi IRIS joined to the units, checked against the files by hand."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely

from geodata.base import load_code_aliases, load_iris, load_units
from geodata.catalog import load_indicator_table, load_observations
from geodata.config import region_dir
from geodata.observations.files import OBSERVATION_FILES, OBSERVATIONS_DIR, checked_path
from geodata.observations.filosofi import FILOSOFI_FILE
from geodata.observations.indicators import get_indicator, user_indicator
from geodata.observations.observation_tables import observation_tables, read_observation_tables
from geodata.observations.places import PlaceList
from geodata.zonings import validate_file
from geodata.zonings.iris_shares import iris_shares

PARIS = [f"751{n:02d}" for n in range(1, 21)]
AGENCY = Path(__file__).resolve().parents[2] / "fixtures" / "agency"


def raw(key: str, **options) -> pd.DataFrame:
    """A bundled file read the plain way, as a user would in a notebook."""
    return pd.read_csv(OBSERVATION_FILES[key].path, dtype=str, keep_default_na=False, **options)


def numbers(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column.str.replace(",", ".").replace(["s", "ns", "nd", "so", ""],
                                                              np.nan))


@pytest.fixture(scope="module")
def observations():
    return load_observations("11")


@pytest.fixture(scope="module")
def units():
    return load_units("11")


class TestFiles:
    @pytest.mark.parametrize("key", list(OBSERVATION_FILES))
    def test_unchanged_copies_named_in_source_md(self, key):
        file = OBSERVATION_FILES[key]
        assert hashlib.sha256(file.path.read_bytes()).hexdigest() == file.sha256
        assert checked_path(key) == file.path
        source = (OBSERVATIONS_DIR / "SOURCE.md").read_text(encoding="utf-8")
        assert file.sha256 in source and file.name in source

    def test_the_stored_tables_are_the_join_of_the_bundled_files(self, units):
        table, iris, _ = observation_tables(units, load_code_aliases("11"))
        stored_table, stored_iris = read_observation_tables(region_dir("11"))
        pd.testing.assert_frame_equal(stored_table, table)
        pd.testing.assert_frame_equal(stored_iris, iris)


class TestPovertyFromIris:
    """The acceptance check: a commune's rate from its IRIS, recomputed by hand."""

    @pytest.mark.parametrize("code", ["93001", "75118", "92050"])
    def test_weighted_by_the_2022_population(self, observations, code):
        filosofi = raw("filosofi_iris", sep=";")
        rp = raw("rp_iris", sep=";")
        rows = filosofi[filosofi["IRIS"].str.startswith(code)].merge(
            rp, left_on="IRIS", right_on="code_iris")
        rate, weight = numbers(rows["DISP_TP6021"]), numbers(rows["population_2022"])
        known = rate.notna()
        by_hand = (rate * weight)[known].sum() / weight[known].sum()
        covered = weight[known].sum() / weight.sum()
        membership = pd.DataFrame({"territory": ["T"], "code": [code]})
        result = observations.aggregate_iris(get_indicator("TP6021"), membership).loc["T"]
        assert result["value"] == pytest.approx(by_hand, abs=0.005)
        assert result["coverage"] == pytest.approx(covered, abs=0.0005)
        # Filosofi publishes integer rates: the commune's own rate agrees within a point.
        assert abs(result["value"] - observations.table.at[code, "TP6021"]) < 1.0

    def test_a_unit_share_scales_the_weights_of_its_iris(self, observations):
        indicator = get_indicator("TP6021")
        whole = pd.DataFrame({"territory": ["T", "T"], "code": ["93001", "93066"]})
        halved = whole.assign(share=[1.0, 0.5])
        plain = observations.aggregate_iris(indicator, whole).loc["T", "value"]
        shared = observations.aggregate_iris(indicator, halved).loc["T", "value"]
        # Aubervilliers is poorer than Saint-Denis: halving Saint-Denis raises the rate.
        assert observations.table.at["93001", "TP6021"] > observations.table.at["93066", "TP6021"]
        assert shared > plain

    def test_a_city_cut_by_polygons_counts_each_iris_inside_its_own(self, observations):
        """Aubervilliers cut in two along IRIS limits: each half has its IRIS' rate."""
        polygons = load_iris("11")
        here = polygons[polygons["commune"] == "93001"].sort_values("code")
        north = here["code"].iloc[: len(here) // 2]
        outlines = {"Nord": shapely.union_all(here.geometry[here["code"].isin(north)]),
                    "Sud": shapely.union_all(here.geometry[~here["code"].isin(north)])}
        # Drawn by hand, a polygon strays over its neighbours' edges: slivers count for 0.
        outlines = {tid: shape.buffer(1e-5) for tid, shape in outlines.items()}
        membership = pd.DataFrame({"territory": ["Nord", "Sud"], "code": "93001",
                                   "share": [0.5, 0.5]})
        shares = iris_shares(membership, outlines, here)
        assert shares.groupby("iris")["share"].sum().max() <= 1 + 1e-9  # never counted twice
        assert set(shares.loc[shares["share"] == 1.0, "iris"]) == set(here["code"])

        filosofi = raw("filosofi_iris", sep=";")
        rp = raw("rp_iris", sep=";")
        rows = filosofi.merge(rp, left_on="IRIS", right_on="code_iris")
        rows = rows[rows["IRIS"].str.startswith("93001")]
        rate, weight = numbers(rows["DISP_TP6021"]), numbers(rows["population_2022"])
        result = observations.aggregate_iris(get_indicator("TP6021"), membership, shares)
        for tid, chosen in (("Nord", rows["IRIS"].isin(north)),
                            ("Sud", ~rows["IRIS"].isin(north))):
            known = chosen & rate.notna()
            by_hand = (rate * weight)[known].sum() / weight[known].sum()
            assert result.loc[tid, "value"] == pytest.approx(by_hand, abs=0.005)
            assert result.loc[tid, "coverage"] == pytest.approx(
                weight[known].sum() / weight[chosen].sum(), abs=0.0005)
        # With the commune's share for every IRIS, both halves got the city's rate.
        city = observations.aggregate_iris(get_indicator("TP6021"), membership)
        assert city.loc["Nord", "value"] == pytest.approx(city.loc["Sud", "value"])
        assert result.loc["Nord", "value"] != pytest.approx(result.loc["Sud", "value"], abs=0.2)

    def test_recoded_iris_take_the_share_of_their_unnamed_polygons(self, observations, units):
        """Pierrefitte's 93059 IRIS (now 9306616xx) lie whole in the northern CPTS."""
        zoning, report = validate_file(AGENCY / "cpts-saint-denis-polygones.geojson", "cpts",
                                       units, load_code_aliases("11"))
        assert zoning is not None, report
        membership = zoning.membership.rename(columns={"territory_id": "territory"})
        shares = iris_shares(membership, zoning.outlines, load_iris("11"),
                             observations.iris["commune"])
        ex = shares[shares["iris"].str.startswith("93059")]
        by_territory = ex.groupby("territory")["share"].agg(["min", "max", "size"])
        assert by_territory["size"].eq(9).all()
        assert by_territory.loc["101", "min"] == 1.0  # CPTS Saint-Denis Nord
        assert by_territory.drop("101")["max"].eq(0.0).all()
        assert shares.groupby("iris")["share"].sum().max() <= 1 + 1e-9

    def test_overlapping_polygons_split_the_iris_they_share(self):
        polygons = load_iris("11")
        here = polygons[polygons["commune"] == "93001"]
        whole = shapely.union_all(here.geometry)
        membership = pd.DataFrame({"territory": ["A", "B"], "code": "93001",
                                   "share": [0.5, 0.5]})
        shares = iris_shares(membership, {"A": whole, "B": whole}, here)
        assert shares.groupby("iris")["share"].sum().to_numpy() == pytest.approx(1.0)
        assert (shares["share"] == 0.5).all()

    def test_counts_are_not_averaged(self, observations):
        with pytest.raises(ValueError, match="taux publié par IRIS"):
            observations.aggregate_iris(get_indicator("CAF_A"), pd.DataFrame(
                {"territory": ["T"], "code": ["93001"]}))

    def test_pierrefitte_iris_count_in_saint_denis_with_an_estimated_weight(self, observations):
        iris = observations.iris
        ex = iris[iris.index.str.startswith("93059")]
        assert len(ex) == 9 and (ex["commune"] == "93066").all()
        assert ex["population_estimated"].all()
        assert not iris.loc[iris.index.str.startswith("93066"), "population_estimated"].any()


class TestApl:
    def test_every_unit_has_a_value(self, observations, units):
        assert observations.table["APL_MG"].reindex(units["code"]).notna().all()

    def test_saint_denis_merges_pierrefitte_weighted_by_persons(self, observations):
        apl = raw("apl", sep=";").set_index("codgeo")["apl_mg"].astype(float)
        persons = pd.read_csv(FILOSOFI_FILE, sep=";", dtype=str, usecols=[
            "CODGEO", "NBPERSMENFISC21"]).set_index("CODGEO")["NBPERSMENFISC21"]
        persons = numbers(persons)
        parts = ["93066", "93059"]
        expected = (apl[parts] * persons[parts]).sum() / persons[parts].sum()
        assert observations.table.at["93066", "APL_MG"] == pytest.approx(expected)
        assert observations.table.at["93066", "APL_MG"] == pytest.approx(3.827, abs=0.001)

    def test_territories_are_population_weighted(self, observations, units):
        table = observations.table
        codes = ["75101", "77001"]
        membership = pd.DataFrame({"territory": "T", "code": codes})
        pop = table.loc[codes, "POP"]
        expected = (table.loc[codes, "APL_MG"] * pop).sum() / pop.sum()
        value = observations.aggregate(get_indicator("APL_MG"), membership).loc["T", "value"]
        assert value == pytest.approx(expected)


class TestQpv:
    def test_per_commune_counts(self, observations):
        table = observations.table
        assert table.at["93066", "QPV"] == 10
        assert table.at["77001", "QPV"] == 0  # listed nowhere: none, not missing
        assert table.loc[PARIS, "QPV"].isna().all()  # attached to Paris as a whole

    def test_a_qpv_in_several_communes_counts_once(self, observations):
        qpv = raw("qpv")
        communes = sorted(qpv.loc[qpv["code_qp"] == "QN09328M", "insee_com"])
        assert communes == ["93001", "93008", "93027", "93066"]
        membership = pd.DataFrame({"territory": "T", "code": communes})
        distinct = qpv.loc[qpv["insee_com"].isin(communes), "code_qp"].nunique()
        summed = observations.table.loc[communes, "QPV"].sum()
        value = observations.aggregate(get_indicator("QPV"), membership).loc["T", "value"]
        assert value == distinct < summed

    def test_paris_counts_only_as_a_whole(self, observations, units):
        indicator = get_indicator("QPV")
        departements = observations.aggregate_departements(indicator, units)
        assert departements.loc["75"].to_dict() == {"value": 21.0, "coverage": 1.0}
        assert departements.loc["93", "value"] == 75
        region = observations.aggregate_region(indicator, units, "IDF")
        assert region.loc["IDF", "value"] == raw("qpv").query(
            "insee_com.str[:2] in ['75','77','78','91','92','93','94','95']")["code_qp"].nunique()
        part = observations.aggregate(indicator, pd.DataFrame(
            {"territory": "T", "code": ["75118", "75119", "93001"]})).loc["T"]
        assert part["value"] == observations.table.at["93001", "QPV"]
        assert part["coverage"] < 1  # a minimum: Paris' QPV are not placed by arrondissement

    def test_share_of_population_in_a_commune_with_a_qpv_by_hand(self, observations, units):
        qpv = raw("qpv")
        with_qpv = set(qpv["insee_com"])
        seine_saint_denis = units[units["departement"] == "93"]
        population = seine_saint_denis.set_index("code")["population"].astype(float)
        expected = 100 * population[population.index.isin(with_qpv)].sum() / population.sum()
        indicator = get_indicator("QPV_COMMUNE")
        result = observations.aggregate_departements(indicator, units)
        assert result.loc["93", "value"] == pytest.approx(expected)
        assert result.loc["93", "coverage"] == 1.0
        assert 0 < expected < 100  # Coubron, Vaujours... have none
        table = observations.table
        assert table.at["93066", "QPV_COMMUNE"] == 100
        assert table.at["77001", "QPV_COMMUNE"] == 0  # none, not missing
        assert table.loc[PARIS, "QPV_COMMUNE"].isna().all()  # no QPV per arrondissement
        assert observations.enclosing_values(indicator, units).empty  # never a stand-in

    def test_share_of_a_partly_covered_commune_counts_for_its_share(self, observations):
        table = observations.table
        membership = pd.DataFrame({"territory": "T", "code": ["93066", "77001"],
                                   "share": [0.5, 1.0]})
        value = observations.aggregate(get_indicator("QPV_COMMUNE"), membership).loc["T", "value"]
        half = 0.5 * table.at["93066", "POP"]
        assert value == pytest.approx(100 * half / (half + table.at["77001", "POP"]))

    def test_symbol_layer_table_names_paris_as_a_whole(self, observations):
        rows = observations.places["qpv"].by_commune().set_index("code")
        assert rows.loc["75056", "count"] == 21 and rows.loc["75056", "whole_city"]
        assert not rows.index.isin(PARIS).any()
        assert rows.loc["93066", "count"] == 10 and not rows.loc["93066", "whole_city"]


class TestCaf:
    def test_commune_sums_include_the_former_commune(self, observations):
        caf = raw("caf", sep=";")
        rows = caf[caf["CODGEO"].str[:5].isin(["93066", "93059"])]
        assert observations.table.at["93066", "CAF_A"] == numbers(rows["A"]).sum()

    def test_a_withheld_iris_makes_a_minimum(self, observations):
        table = observations.table
        partial = table[table["CAF_A_PART"] < 1]
        assert len(partial) > 50
        code = partial.index[0]
        caf = raw("caf", sep=";")
        rows = caf[caf["CODGEO"].str.startswith(code)]
        assert numbers(rows["A"]).isna().any()
        assert table.at[code, "CAF_A"] == numbers(rows["A"]).sum()

    def test_communes_the_cnaf_does_not_publish_are_missing_not_zero(self, observations):
        table = observations.table
        assert np.isnan(table.at["77001", "CAF_A"])
        assert (table["CAF_A"].dropna() > 0).all()

    def test_territory_coverage_counts_unpublished_communes(self, observations, units):
        departements = observations.aggregate_departements(get_indicator("CAF_ARSAS"), units)
        assert departements.loc["77", "coverage"] < 0.6 < departements.loc["93", "coverage"]


class TestEnclosingValues:
    def test_secret_communes_get_the_mean_of_the_published_communes_of_their_epci(
            self, observations, units):
        indicator = get_indicator("TP6021")
        fallback = observations.enclosing_values(indicator, units)
        own = load_indicator_table("11")["TP6021"]
        assert set(fallback.index) == set(own[own.isna()].index)
        code = fallback.index[0]
        epci = units.set_index("code").at[code, "epci"]
        members = units.loc[units["epci"] == epci, "code"]
        weights = own.reindex(members).notna() * observations.table.loc[members, "NBPERSMENFISC21"]
        expected = (own.reindex(members).fillna(0) * weights).sum() / weights.sum()
        assert fallback.loc[code].to_dict() == {"value": pytest.approx(expected),
                                                 "level": "epci", "group": epci}

    def test_not_for_counts(self, observations, units):
        assert observations.enclosing_values(get_indicator("CAF_A"), units).empty


class TestAddedObservations:
    """What a user's import adds beside the built-in observations."""

    def test_values_by_iris_and_by_unit(self, observations):
        # 930019999 is no IRIS: left out.
        mine = pd.DataFrame({"MES_TAUX": [10.0, 30.0, 50.0]},
                            index=["930010101", "930010201", "930019999"])
        indicator = user_indicator("MES_TAUX", "mes-iris.csv", 1)
        added = observations.with_values(iris=mine)
        assert observations.iris_values(indicator) is None  # the original is unchanged
        assert added.iris_values(replace(indicator, iris_source="Source : mes-iris.csv")
                                 ).dropna().to_dict() == {"930010101": 10.0, "930010201": 30.0}
        by_unit = observations.with_values(units=pd.DataFrame({"MES_TAUX": [5.0]},
                                                              index=["93001"]))
        assert by_unit.table.at["93001", "MES_TAUX"] == 5.0
        assert by_unit.table["MES_TAUX"].notna().sum() == 1

    def test_a_list_of_places_counts_over_territories(self, observations):
        places = PlaceList("pass", "Permanences d'accès aux soins", "Source : test", "2026",
                           pd.DataFrame({"id": ["a", "b", "c"], "nom": ["A", "B", "C"],
                                         "code": ["93001", "93001", "93066"],
                                         "lon": [2.38, 2.39, 2.36], "lat": [48.91, 48.92, 48.93]}))
        added = observations.with_places(places)
        indicator = replace(get_indicator("QPV"), code="PASS", places="pass")
        counted = added.aggregate(indicator, pd.DataFrame(
            {"territory": ["T", "T", "U"], "code": ["93001", "93066", "77001"]}))
        assert counted["value"].to_dict() == {"T": 3.0, "U": 0.0}
        assert set(added.places) == {"qpv", "pass"} and set(observations.places) == {"qpv"}
