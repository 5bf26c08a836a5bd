"""The JSON of ``python -m geodata heterogeneity``, on the grid."""

from __future__ import annotations

import json

from geodata.heterogeneity import heterogeneity_summary

from .support import DAC, ZONINGS, zoning


class TestSummary:
    def test_contract(self, units):
        summary = heterogeneity_summary(ZONINGS, units)
        assert summary == {
            "pairs": [
                {"a": "quad", "b": "dac", "nesting_index": 1.0, "split_territories": 0},
                {"a": "quad", "b": "cpts", "nesting_index": 0.507, "split_territories": 4},
                {"a": "dac", "b": "quad", "nesting_index": 0.735, "split_territories": 2},
                {"a": "dac", "b": "cpts", "nesting_index": 0.456, "split_territories": 2},
                {"a": "cpts", "b": "quad", "nesting_index": 0.86, "split_territories": 2},
                {"a": "cpts", "b": "dac", "nesting_index": 0.978, "split_territories": 1},
            ],
            "gaps": {"quad": {"units": 0, "partly_uncovered_units": 0, "population": 0},
                     "dac": {"units": 0, "partly_uncovered_units": 0, "population": 0},
                     "cpts": {"units": 5, "partly_uncovered_units": 0, "population": 4300}},
            "crossing_departements": {"quad": [], "dac": [], "cpts": ["c1"]},
        }
        json.dumps(summary, allow_nan=False)

    def test_zoning_without_population_has_no_index(self, units):
        empty = zoning("empty", {"e": []})
        summary = heterogeneity_summary({"empty": empty, "dac": DAC}, units)
        assert summary["pairs"][0]["nesting_index"] is None
        assert summary["pairs"][1] == {"a": "dac", "b": "empty", "nesting_index": 0.0,
                                       "split_territories": 0}
        assert summary["gaps"]["empty"] == {"units": 16, "partly_uncovered_units": 0,
                                            "population": 13_600}
        json.dumps(summary, allow_nan=False)
