"""The bundled Filosofi file and the indicator table of the map's units."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

from geodata.base import INDICATORS_FILE, load_code_aliases, load_units
from geodata.catalog import load_indicator_table
from geodata.config import region_dir
from geodata.observations.aggregation import aggregate_departements, aggregate_region
from geodata.observations.filosofi import (
    FILOSOFI_FILE,
    FILOSOFI_SHA256,
    load_filosofi,
    read_filosofi,
    read_indicator_table,
    write_indicator_table,
)
from geodata.observations.indicators import FILOSOFI_CODES, get_indicator

from .support import ALIASES, MINI_FILOSOFI, PARIS_ARRONDISSEMENTS, mini_units

IDF_DEPARTEMENTS = ("75", "77", "78", "91", "92", "93", "94", "95")


@pytest.fixture(scope="module")
def filosofi():
    return read_filosofi()


class TestFilosofiFile:
    """The bundled file, unchanged from its source (see geodata/data/indicators/SOURCE.md)."""

    def test_checksum(self):
        assert hashlib.sha256(FILOSOFI_FILE.read_bytes()).hexdigest() == FILOSOFI_SHA256
        assert FILOSOFI_SHA256 in (FILOSOFI_FILE.parent / "SOURCE.md").read_text(encoding="utf-8")

    def test_shape(self, filosofi):
        assert len(filosofi) == 34_909
        assert len(filosofi.columns) == 27
        assert filosofi.index.is_unique
        assert (filosofi.dtypes == np.float64).all()

    def test_cities_and_arrondissements_are_both_present(self, filosofi):
        assert set(PARIS_ARRONDISSEMENTS + ["75056", "69123", "13055"]) <= set(filosofi.index)
        paris = filosofi.loc[PARIS_ARRONDISSEMENTS, "NBPERSMENFISC21"].sum()
        assert paris == pytest.approx(filosofi.loc["75056", "NBPERSMENFISC21"], rel=1e-5)

    def test_secret_counts(self, filosofi):
        assert filosofi["TP6021"].notna().sum() == 4_397
        assert filosofi["MED21"].notna().sum() == 31_304

    def test_poverty_rate_covers_94_percent_of_ile_de_france(self, filosofi):
        communes = filosofi[filosofi.index.str[:2].isin(IDF_DEPARTEMENTS)
                            & (filosofi.index != "75056")]
        weight = communes["NBPERSMENFISC21"]
        coverage = weight[communes["TP6021"].notna()].sum() / weight.sum()
        assert len(communes) == 1_286
        assert communes["TP6021"].notna().sum() == 486
        assert 0.9375 < coverage < 0.9385  # measured 0.937934

    def test_callers_get_their_own_copy(self):
        first = read_filosofi()
        first.loc["01004", "MED21"] = -1.0
        first["NEW"] = 0.0
        second = read_filosofi()
        assert second.loc["01004", "MED21"] == 21660.0
        assert "NEW" not in second


class TestLoadFilosofi:
    def test_columns_and_index(self):
        table = load_filosofi(mini_units(["75101", "77001"]), path=MINI_FILOSOFI)
        assert list(table.columns) == [*FILOSOFI_CODES, "POP", "DENSITE", "NBPERSMENFISC21",
                                       "area_km2"]
        assert list(table.index) == ["75101", "77001"]

    def test_arrondissement_rows_are_used_not_the_city(self):
        table = load_filosofi(mini_units(["75101", "75102"]), path=MINI_FILOSOFI)
        assert table["TP6021"].tolist() == [12.0, 14.0]
        assert table["NBPERSMENFISC21"].tolist() == [14945.0, 20000.0]

    def test_city_and_its_arrondissements_are_refused(self):
        with pytest.raises(ValueError, match="à la fois 75056 et ses arrondissements"):
            load_filosofi(mini_units(["75056", "75101"]), path=MINI_FILOSOFI)

    def test_secret_values_stay_missing(self):
        table = load_filosofi(mini_units(["77001", "77002", "77999"]), path=MINI_FILOSOFI)
        assert table.loc["77001", "MED21"] == 30970.0
        assert table.loc[["77001", "77002", "77999"], "TP6021"].isna().all()

    def test_population_and_density_from_the_units(self):
        table = load_filosofi(mini_units(["75101", "77001"]), path=MINI_FILOSOFI)
        assert table["POP"].tolist() == [1000.0, 2000.0]
        assert table["DENSITE"].tolist() == [500.0, 1000.0]
        assert table["area_km2"].tolist() == [2.0, 2.0]

    def test_former_commune_merged_into_its_successor(self):
        table = load_filosofi(mini_units(["93066"]), ALIASES, path=MINI_FILOSOFI)
        weight = 106397 + 30999
        assert table.loc["93066", "NBPERSMENFISC21"] == weight
        assert table.loc["93066", "TP6021"] == pytest.approx((36 * 106397 + 38 * 30999) / weight)
        assert table.loc["93066", "MED21"] == pytest.approx(
            (16620 * 106397 + 16080 * 30999) / weight)

    def test_without_aliases_the_former_commune_is_unused(self):
        table = load_filosofi(mini_units(["93066"]), path=MINI_FILOSOFI)
        assert table.loc["93066", "NBPERSMENFISC21"] == 106397
        assert table.loc["93066", "TP6021"] == 36.0


@pytest.fixture(scope="module")
def idf_units():
    return load_units("11")


@pytest.fixture(scope="module")
def idf_table(idf_units):
    return load_filosofi(idf_units, load_code_aliases("11"))


class TestIleDeFrance:
    """The Filosofi table of the committed Île-de-France base geography."""

    def test_every_unit_joins(self, idf_table):
        assert len(idf_table) == 1_285
        assert idf_table["NBPERSMENFISC21"].notna().sum() == 1_270  # 15 tiny communes secret
        assert idf_table["MED21"].notna().sum() == 1_270
        assert idf_table["TP6021"].notna().sum() == 485
        assert idf_table["POP"].sum() == 12_463_067
        # With Pierrefitte merged into Saint-Denis, no person of the file is lost.
        assert idf_table["NBPERSMENFISC21"].sum() == 11_834_617

    def test_regional_poverty_rate_and_coverage(self, idf_table, idf_units):
        region = aggregate_region(idf_table, get_indicator("TP6021"), idf_units).iloc[0]
        assert region["coverage"] == pytest.approx(0.937934, abs=1e-6)
        assert region["value"] == pytest.approx(16.797, abs=1e-3)

    def test_seine_saint_denis(self, idf_table, idf_units):
        departements = aggregate_departements(idf_table, get_indicator("TP6021"), idf_units)
        assert departements.loc["93", "value"] == pytest.approx(28.41, abs=0.01)
        assert departements.loc["93", "coverage"] == 1.0


    def test_the_stored_table_is_the_join_of_the_committed_files(self, idf_table):
        # The build stores it; a change to Filosofi, the units or the join needs a rebuild.
        stored = read_indicator_table(region_dir("11") / INDICATORS_FILE)
        pd.testing.assert_frame_equal(stored, idf_table)
        pd.testing.assert_frame_equal(load_indicator_table("11")[idf_table.columns], idf_table)


class TestStoredTable:
    def test_round_trip(self, table, tmp_path):
        path = tmp_path / INDICATORS_FILE
        write_indicator_table(table, path, source=MINI_FILOSOFI)
        pd.testing.assert_frame_equal(read_indicator_table(path, source=MINI_FILOSOFI), table)

    def test_joined_from_another_file_is_not_used(self, table, tmp_path):
        path = tmp_path / INDICATORS_FILE
        write_indicator_table(table, path, source=MINI_FILOSOFI)
        changed = tmp_path / "filosofi.csv"
        changed.write_bytes(MINI_FILOSOFI.read_bytes().replace(b"\n", b"\r\n"))
        assert read_indicator_table(path, source=changed) is None

    def test_absent(self, tmp_path):
        assert read_indicator_table(tmp_path / INDICATORS_FILE) is None
