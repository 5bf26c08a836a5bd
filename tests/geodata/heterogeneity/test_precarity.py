"""Precarity profile of each territory, on the grid."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from geodata.heterogeneity import PROFILE_INDICATORS, precarity_profile
from geodata.observations.indicators import WEIGHT_CODE, get_indicator

from .support import CPTS, code


@pytest.fixture(scope="module")
def table(units) -> pd.DataFrame:
    """TP6021 10 % in 91 (secret in 9), 20 % in 92 but 30 % in 16; MED21 20,000 / 25,000 €."""
    population = units["population"].to_numpy(dtype=float)
    right = (units["departement"] == "92").to_numpy()
    rate = np.where(right, 20.0, 10.0)
    rate[units["code"] == code(16)] = 30.0
    rate[units["code"] == code(9)] = np.nan
    return pd.DataFrame({
        "TP6021": rate, "MED21": np.where(right, 25_000.0, 20_000.0), "POP": population,
        WEIGHT_CODE: population,
    }, index=pd.Index(units["code"], name="CODGEO"))


@pytest.fixture(scope="module")
def profile(units, table) -> pd.DataFrame:
    indicators = [get_indicator(c) for c in ("TP6021", "MED21", "POP")]
    return precarity_profile(CPTS, units, table, indicators).set_index(
        ["indicator", "territory_id"])


class TestPrecarityProfile:
    def test_weighted_values_and_coverage(self, profile):
        rate = profile.loc["TP6021"]
        assert rate.loc["c1", "value"] == pytest.approx((10 * 200 + 20 * 700) / 900)
        assert rate.loc["c2", "value"] == pytest.approx(10.0)
        assert rate.loc["c2", "coverage"] == pytest.approx(2100 / 3000)
        # 12 is shared with c3 in unknown parts: half its weight in each.
        assert rate.loc["c4", "value"] == pytest.approx((20 * 600 + 30 * 1600) / 2200)
        assert math.isnan(rate.loc["c5", "value"]) and rate.loc["c5", "coverage"] == 0.0

    def test_rank_follows_the_direction(self, profile):
        # Poverty: higher is more precarious. Median income: lower is, ties share a rank.
        assert profile.loc["TP6021", "rank"].fillna(0).tolist() == [3, 4, 2, 1, 0]
        assert profile.loc["MED21", "rank"].fillna(0).tolist() == [2, 1, 3, 3, 0]
        assert profile.loc["POP", "rank"].isna().all()

    def test_gap_to_the_main_departement_and_the_region(self, profile):
        rate = profile.loc["TP6021"]
        departement_92 = (20 * 6000 + 30 * 1600) / 7600
        region = (10 * 5100 + 20 * 6000 + 30 * 1600) / 12_700
        assert rate.loc["c1", "departement"] == "92"
        assert rate.loc["c1", "departement_value"] == pytest.approx(departement_92)
        assert rate.loc["c1", "gap_departement"] == pytest.approx(16_000 / 900 - departement_92)
        assert rate.loc["c2", "gap_departement"] == pytest.approx(0.0)
        assert rate.loc["c1", "gap_region"] == pytest.approx(16_000 / 900 - region)
        assert rate["region_value"].tolist() == pytest.approx([region] * 5)
        assert pd.isna(rate.loc["c5", "departement"])

    def test_default_indicators_are_the_precarity_ones(self):
        assert PROFILE_INDICATORS
        assert all(indicator.direction for indicator in PROFILE_INDICATORS)
