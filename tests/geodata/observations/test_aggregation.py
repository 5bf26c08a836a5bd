"""Tests of the aggregation of commune values into territories, computed by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geodata.observations.aggregation import (
    REGION_TERRITORY,
    aggregate,
    aggregate_departements,
    aggregate_indicator,
    aggregate_region,
)
from geodata.observations.indicators import get_indicator

NAN = float("nan")

# Five communes: C has a secret value, E has no value and no weight.
VALUES = pd.Series({"A": 10.0, "B": 20.0, "C": NAN, "D": 40.0, "E": NAN})
WEIGHTS = pd.Series({"A": 100.0, "B": 300.0, "C": 100.0, "D": 50.0, "E": NAN})
# B belongs to T1 and T2; T4 holds E and a code absent from the values.
MEMBERSHIP = pd.DataFrame({
    "territory": ["T1", "T1", "T1", "T2", "T2", "T3", "T4", "T4"],
    "code": ["A", "B", "C", "B", "D", "C", "E", "Z"],
})


@pytest.fixture(scope="module")
def rates():
    return aggregate(VALUES, WEIGHTS, MEMBERSHIP, "rate")


class TestRates:
    def test_weighted_mean_over_communes_with_a_value(self, rates):
        # (10 × 100 + 20 × 300) / (100 + 300); a secret counted as 0 would give 14.
        assert rates.loc["T1", "value"] == pytest.approx(17.5)
        assert rates.loc["T1", "coverage"] == pytest.approx(400 / 500)

    def test_commune_in_two_territories_counts_in_both(self, rates):
        assert rates.loc["T2", "value"] == pytest.approx((20 * 300 + 40 * 50) / 350)
        assert rates.loc["T2", "coverage"] == 1.0

    def test_territory_without_value(self, rates):
        assert math.isnan(rates.loc["T3", "value"])
        assert rates.loc["T3", "coverage"] == 0.0

    def test_territory_without_weight(self, rates):
        assert math.isnan(rates.loc["T4", "value"])
        assert rates.loc["T4", "coverage"] == 0.0

    def test_territories_in_order_of_appearance(self, rates):
        assert list(rates.index) == ["T1", "T2", "T3", "T4"]
        assert list(rates.columns) == ["value", "coverage"]
        assert rates.index.name == "territory"

    def test_ratio_is_a_weighted_mean_too(self, rates):
        pd.testing.assert_frame_equal(aggregate(VALUES, WEIGHTS, MEMBERSHIP, "ratio"), rates)

    def test_duplicate_membership_rows_count_once(self, rates):
        doubled = pd.concat([MEMBERSHIP, MEMBERSHIP.iloc[:1]])
        pd.testing.assert_frame_equal(aggregate(VALUES, WEIGHTS, doubled, "rate"), rates)


class TestCountsAndDensity:
    def test_count_is_a_sum_of_known_values(self):
        population = pd.Series({"A": 1000.0, "B": 3000.0, "C": NAN, "D": 500.0})
        weights = pd.Series({"A": 1000.0, "B": 3000.0, "C": 800.0, "D": 500.0})
        result = aggregate(population, weights, MEMBERSHIP.iloc[:6], "count")
        assert result.loc["T1", "value"] == 4000.0
        assert result.loc["T1", "coverage"] == pytest.approx(4000 / 4800)
        assert result.loc["T2", "value"] == 3500.0
        assert math.isnan(result.loc["T3", "value"])

    def test_density_is_total_population_over_total_area(self):
        population = pd.Series({"A": 1000.0, "B": 3000.0, "D": 500.0})
        area = pd.Series({"A": 2.0, "B": 10.0, "D": 0.5})
        membership = pd.DataFrame({"territory": ["T"] * 3, "code": ["A", "B", "D"]})
        result = aggregate(population / area, area, membership, "density")
        assert result.loc["T", "value"] == pytest.approx(4500 / 12.5)
        assert result.loc["T", "coverage"] == 1.0


class TestErrors:
    def test_unknown_kind(self):
        with pytest.raises(ValueError, match="Type d'agrégation inconnu : 'mean'"):
            aggregate(VALUES, WEIGHTS, MEMBERSHIP, "mean")

    def test_duplicate_codes_in_values(self):
        values = pd.concat([VALUES, VALUES.iloc[:1]])
        with pytest.raises(ValueError, match="Codes commune en double dans les valeurs"):
            aggregate(values, WEIGHTS, MEMBERSHIP, "rate")


@pytest.fixture(scope="module")
def units():
    return pd.DataFrame({"code": ["A", "B", "C", "D"], "departement": ["75", "75", "93", "93"],
                         "nom": ["a", "b", "c", "d"]})


@pytest.fixture(scope="module")
def table():
    return pd.DataFrame({
        "TP6021": [10.0, 20.0, NAN, 40.0],
        "POP": [1000.0, 3000.0, 800.0, 500.0],
        "DENSITE": [500.0, 300.0, 80.0, 1000.0],
        "NBPERSMENFISC21": [100.0, 300.0, 100.0, 50.0],
        "area_km2": [2.0, 10.0, 10.0, 0.5],
    }, index=pd.Index(["A", "B", "C", "D"], name="code"))


class TestComparisonLevels:
    def test_departements(self, table, units):
        result = aggregate_departements(table, get_indicator("TP6021"), units)
        assert list(result.index) == ["75", "93"]
        assert result.loc["75", "value"] == pytest.approx(17.5)
        assert result.loc["93", "value"] == pytest.approx(40.0)
        assert result.loc["93", "coverage"] == pytest.approx(50 / 150)

    def test_region(self, table, units):
        result = aggregate_region(table, get_indicator("TP6021"), units)
        assert list(result.index) == [REGION_TERRITORY]
        assert result.iloc[0]["value"] == pytest.approx((1000 + 6000 + 2000) / 450)
        assert result.iloc[0]["coverage"] == pytest.approx(450 / 550)

    @pytest.mark.parametrize(("code", "expected"), [
        ("POP", 5300.0),
        ("DENSITE", 5300 / 22.5),
    ])
    def test_each_kind_uses_its_weight(self, table, units, code, expected):
        membership = pd.DataFrame({"territory": "R", "code": units["code"]})
        result = aggregate_indicator(table, get_indicator(code), membership)
        assert result.loc["R", "value"] == pytest.approx(expected)
        assert result.loc["R", "coverage"] == 1.0
