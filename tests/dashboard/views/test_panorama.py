"""The panorama grid: one row per structure of every zoning, its columns, the filter."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard.views.panorama import KEY_INDICATORS, grid_columns, panorama_rows, structure_rows
from dashboard.views.territories import precarity_profile, territory_summary

#: Demonstration zonings: structures per zoning.
STRUCTURES = {"dac": 22, "cpts": 101, "carsic": 2, "perinatal": 5}
#: Populations légales 2023, in force on 1 January 2026 (20 arrondissements for Paris).
REGION_POPULATION = 12_463_067


@pytest.fixture(scope="module")
def rows(data) -> pd.DataFrame:
    return structure_rows(data).set_index("id")


class TestStructureRows:
    def test_one_row_per_structure(self, data, rows) -> None:
        assert len(rows) == sum(STRUCTURES.values()) == 130
        assert rows["zoning"].value_counts().to_dict() == STRUCTURES
        assert set(rows.index) == {ref for ref in data.choices.territories
                                   if ref.partition(":")[0] in data.stored}

    def test_reference_levels_are_not_structures(self, data, rows) -> None:
        assert data.references == ("dep", "epci", "ept")
        assert not rows["zoning"].isin(data.references).any()

    @pytest.mark.parametrize("ref", ["dac:dac-93-a", "cpts:cpts-31", "carsic:carsic-est"])
    def test_size_matches_the_fiche(self, data, rows, ref) -> None:
        key, tid = ref.split(":")
        summary = territory_summary(data, key, tid)
        row = rows.loc[ref]
        assert (row["communes"], row["population"], row["departements"]) == (
            summary.communes, summary.population, ", ".join(summary.departements))
        assert (row["type"], row["nom"]) == (data.zonings[key].type.label,
                                             data.zonings[key].fiches[tid].nom)

    def test_indicators_match_the_fiche_to_the_hundredth(self, data, rows) -> None:
        indicators = tuple(data.indicator(code) for code in KEY_INDICATORS)
        profile = precarity_profile(data, "dac", "dac-93-a", indicators)["territory"]
        assert rows.loc["dac:dac-93-a", list(KEY_INDICATORS)].tolist() == pytest.approx(
            profile.round(2).tolist())

    @pytest.mark.parametrize("zoning", ["dac", "carsic", "perinatal"])
    def test_zonings_covering_the_region_once_add_up_to_its_population(self, rows,
                                                                       zoning) -> None:
        shown = rows[rows["zoning"] == zoning]
        assert shown["population"].sum() == REGION_POPULATION
        assert shown["communes"].sum() == 1285

    def test_cpts_leave_zones_blanches(self, rows) -> None:
        cpts = rows[rows["zoning"] == "cpts"]
        assert cpts["communes"].sum() == 974
        assert cpts["population"].sum() < REGION_POPULATION


class TestPanoramaRows:
    def test_no_departement_shows_everything(self, data) -> None:
        assert len(panorama_rows(data, ())) == 130

    @pytest.mark.parametrize(("departements", "expected"), [
        (("93",), {"DAC": 3, "CPTS": 11, "CARSIC": 1, "Réseaux périnatalité": 1}),
        (("75",), {"DAC": 4, "CPTS": 14, "CARSIC": 1, "Réseaux périnatalité": 3}),
    ])
    def test_structures_touching_the_departements(self, data, departements,
                                                  expected) -> None:
        shown = panorama_rows(data, departements)
        assert pd.Series([row["type"] for row in shown]).value_counts().to_dict() == expected
        assert all(set(departements) & set(row["departements"].split(", ")) for row in shown)

    def test_several_departements_are_a_union(self, data) -> None:
        ids = {row["id"] for row in panorama_rows(data, ("75", "93"))}
        assert ids == ({row["id"] for row in panorama_rows(data, ("75",))}
                       | {row["id"] for row in panorama_rows(data, ("93",))})

    def test_rows_are_strict_json_with_none_for_missing_values(self, data) -> None:
        shown = panorama_rows(data, ())
        json.dumps(shown, allow_nan=False)
        assert any(row["TP6021"] is None for row in shown)  # every commune secret


class TestGridColumns:
    def test_a_column_for_each_shown_field(self, data) -> None:
        fields = [column["field"] for column in grid_columns(data)]
        assert fields == ["type", "nom", "statut", "departements", "communes", "population",
                          "partagees", *KEY_INDICATORS]
        assert set(fields) <= set(panorama_rows(data, ())[0])

    def test_indicator_headers_in_french_with_unit(self, data) -> None:
        headers = {column["field"]: column["headerName"] for column in grid_columns(data)}
        assert headers["TP6021"] == "Taux de pauvreté (%)"
        assert headers["MED21"] == "Niveau de vie médian (€)"

    def test_numbers_are_formatted_the_french_way(self, data) -> None:
        formatters = {column["field"]: column.get("valueFormatter", {}).get("function")
                      for column in grid_columns(data)}
        assert formatters["population"] == "frenchNumber(params.value, 0)"
        assert formatters["TP6021"] == "frenchNumber(params.value, 1)"
        assert formatters["nom"] is None
