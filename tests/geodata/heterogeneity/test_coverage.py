"""Zones blanches and communes claimed twice, on the grid."""

from __future__ import annotations

import geopandas as gpd
import pytest

from geodata.heterogeneity import gaps, gaps_by_departement, overlaps, partly_uncovered
from geodata.zonings import Zoning

from .support import CPTS, DAC, code


class TestCoverage:
    def test_zones_blanches(self, units):
        blank = gaps(CPTS, units)
        assert list(blank["code"]) == [code(n) for n in (1, 7, 8, 13, 14)]
        assert isinstance(blank, gpd.GeoDataFrame)

    def test_zones_blanches_by_departement(self, units):
        by_departement = gaps_by_departement(CPTS, units)
        assert by_departement.loc["91"].to_dict() == pytest.approx({
            "units": 8, "uncovered_units": 3, "partly_uncovered_units": 0, "population": 6000,
            "uncovered_population": 2800, "uncovered_share": 2800 / 6000})
        assert by_departement.loc["92", "uncovered_population"] == 1500

    def test_full_zoning_has_no_gap(self, units):
        assert gaps(DAC, units).empty
        assert gaps_by_departement(DAC, units)["uncovered_units"].sum() == 0

    def test_overlap(self, units):
        shared = overlaps(CPTS, units)
        assert shared.to_dict("records") == [{
            "code": "00012", "nom": "Commune 12", "departement": "92", "population": 1200,
            "territories": ("c3", "c4"), "shares": (0.5, 0.5), "known": False}]
        assert overlaps(DAC, units).empty

    def test_a_commune_is_a_zone_blanche_for_its_uncovered_part_only(self, units):
        # c1 covers 40 % of commune 1 (100 inhabitants) by polygon: 60 left uncovered.
        cut = Zoning(CPTS.type, CPTS.fiches, (*CPTS.members, ("c1", code(1))),
                     shares={("c1", code(1)): 0.4})
        by_departement = gaps_by_departement(cut, units)
        assert by_departement.loc["91", "uncovered_units"] == 2
        assert by_departement.loc["91", "partly_uncovered_units"] == 1
        assert by_departement.loc["91", "uncovered_population"] == pytest.approx(2800 - 40)
        assert list(gaps(cut, units)["code"]) == [code(n) for n in (7, 8, 13, 14)]
        partly = partly_uncovered(cut, units)
        assert partly[["code", "uncovered_share"]].to_dict("records") == [
            {"code": code(1), "uncovered_share": pytest.approx(0.6)}]
