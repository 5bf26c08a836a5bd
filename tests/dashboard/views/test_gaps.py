"""The zones blanches page: list by need, shared communes and the view, without a browser."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from dashboard import strings
from dashboard.views.analysis import records, scope_units
from dashboard.views.data import AppData
from dashboard.views.gaps import gaps_view, gaps_zoning_key, need_rows, need_scores, overlap_rows
from dashboard.views.state import ViewState
from geodata.heterogeneity import gaps, gaps_by_departement


class TestNeedRows:
    def uncovered(self) -> pd.DataFrame:
        return pd.DataFrame({
            "code": ["1", "2", "3", "4", "5"],
            "nom": ["Petite pauvre", "Grande", "Secrète", "Moyenne", "Secrète grande"],
            "departement": ["93", "93", "77", "94", "77"],
            "population": [1000, 50000, 300, 20000, 4000],
        })

    def rates(self) -> pd.Series:
        return pd.Series({"1": 45.0, "2": 12.0, "3": np.nan, "4": 30.0, "5": np.nan})

    def test_sorted_by_need_then_withheld_by_population(self) -> None:
        rows = need_rows(self.uncovered(), self.rates())

        # Needs: 450, 6000, -, 6000, -: ties by population, withheld rates last.
        assert rows["commune"].tolist() == ["Grande", "Moyenne", "Petite pauvre",
                                            "Secrète grande", "Secrète"]
        assert rows["rang"].tolist() == [1, 2, 3, 4, 5]
        assert rows["besoin"].tolist()[:3] == [6000, 6000, 450]
        assert math.isnan(rows["besoin"].iloc[3])

    def test_need_is_population_times_rate(self) -> None:
        scores = need_scores(pd.Series([1000, 200]), pd.Series([12.5, np.nan]))
        assert scores.iloc[0] == 125 and math.isnan(scores.iloc[1])

    def test_records_turn_missing_into_null(self) -> None:
        rows = records(need_rows(self.uncovered(), self.rates()))
        assert rows[-1]["taux_pauvrete"] is None and rows[-1]["besoin"] is None


class TestOverlapRows:
    def test_territory_names_joined(self, data: AppData) -> None:
        zoning = data.zonings["cpts"]
        first, second = list(zoning.fiches)[:2]
        shared = pd.DataFrame({"code": ["93066", "93001"],
                               "nom": ["Saint-Denis", "Aubervilliers"],
                               "departement": ["93", "93"], "population": [113000, 86000],
                               "territories": [(first, second)] * 2,
                               "shares": [(0.5, 0.5), (0.25, 0.75)], "known": [False, True]})

        rows = overlap_rows(shared, zoning)

        assert rows["territoires"].iloc[0] == (f"{zoning.fiches[first].nom} / "
                                               f"{zoning.fiches[second].nom}")
        assert rows["repartition"].tolist() == ["non précisée (parts égales)",
                                                 "25,0\u202f% / 75,0\u202f%"]

    def test_a_commune_covered_in_part_is_listed_for_its_uncovered_people(self) -> None:
        uncovered = pd.DataFrame({"code": ["93066", "93001"],
                                  "nom": ["Saint-Denis", "Aubervilliers"],
                                  "departement": ["93", "93"], "population": [141441, 86375],
                                  "uncovered_share": [0.4, 1.0]})
        rows = need_rows(uncovered, pd.Series({"93066": 30.0, "93001": 25.0}))
        # Need: 86,375 × 25 % before 56,576 × 30 %.
        assert rows[["commune", "population", "part_non_couverte"]].to_dict("records") == [
            {"commune": "Aubervilliers", "population": 86375, "part_non_couverte": 100.0},
            {"commune": "Saint-Denis", "population": 56576, "part_non_couverte": 40.0}]


class TestGapsView:
    def test_uncovered_communes_match_geodata(self, data: AppData) -> None:
        view = gaps_view(data, ViewState(departements=("93", "94")), "/geo/x.json")
        units = scope_units(data, ("93", "94"))
        expected = gaps(data.zonings["cpts"], units)

        assert view.zoning == "cpts"
        assert set(view.needs["code"]) == set(expected["code"])
        assert view.uncovered_units == len(expected)
        assert view.by_departement["communes_non_couvertes"].sum() == len(expected)
        assert (view.by_departement["population_non_couverte"].sum()
                == gaps_by_departement(data.zonings["cpts"], units)["uncovered_population"].sum())

    def test_list_sorted_by_need(self, data: AppData) -> None:
        needs = gaps_view(data, ViewState(), "/geo/x.json").needs
        known = needs["besoin"].dropna()

        assert known.is_monotonic_decreasing
        assert needs["besoin"].iloc[: len(known)].notna().all()

    def test_figure_greys_covered_and_colours_uncovered(self, data: AppData) -> None:
        view = gaps_view(data, ViewState(departements=("93",)), "/geo/x.json")
        covered, uncovered = view.figure["data"][:2]
        communes = scope_units(data, ("93",))["code"]

        assert (covered["uid"], uncovered["uid"]) == ("covered", "gaps")
        assert sorted(covered["locations"] + uncovered["locations"]) == sorted(communes)
        assert set(uncovered["locations"]) == set(view.needs["code"])
        assert view.legend.count == len(uncovered["locations"])
        assert view.figure["data"][-1]["name"] == strings.GAPS_OUTLINE

    def test_zoning_without_gaps(self, data: AppData) -> None:
        view = gaps_view(data, ViewState(gaps_zoning="dac"), "/geo/x.json")
        assert view.uncovered_units == 0 and view.needs.empty

    def test_unknown_zoning_falls_back_to_one_with_gaps(self, data: AppData) -> None:
        assert gaps_zoning_key(data, "nope") == "cpts"
