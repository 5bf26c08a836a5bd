"""How territories divide among those of another zoning, or among départements, on the grid."""

from __future__ import annotations

import pandas as pd
import pytest

from geodata.heterogeneity import (
    NESTED_SHARE,
    NESTING_LABELS,
    Nesting,
    departement_crossings,
    departement_pieces,
    nesting_index,
    nesting_matrix,
    split_territories,
    territory_nesting,
    territory_pieces,
)

from .support import CPTS, DAC, POP_CPTS, QUAD, ZONINGS, pieces_of, zoning


class TestPieces:
    def test_split_territory_divides_its_population(self, units):
        pieces = territory_pieces(CPTS, DAC, units)
        assert pieces_of(pieces, "c1") == {"est": 700, "ouest": 200}
        c1 = pieces[pieces["territory_id"] == "c1"]
        assert list(c1["piece"]) == ["est", "ouest"]  # largest piece first
        assert list(c1["share"]) == pytest.approx([7 / 9, 2 / 9])
        assert list(c1["units"]) == [2, 1]

    def test_shared_unit_counts_by_its_part(self, units):
        pieces = territory_pieces(CPTS, DAC, units)
        assert pieces_of(pieces, "c3") == {"est": POP_CPTS["c3"]}
        assert pieces_of(pieces, "c4") == {"est": POP_CPTS["c4"]}

    def test_part_outside_the_other_zoning_is_a_missing_piece(self, units):
        pieces = territory_pieces(DAC, CPTS, units)
        assert pieces_of(pieces, "ouest") == {"c2": 3000, None: 2800, "c1": 200}
        assert pieces_of(pieces, "est") == {"c3": 3200, "c4": 2200, None: 1500, "c1": 700}
        assert pieces.groupby("territory_id")["share"].sum().tolist() == pytest.approx([1, 1])

    def test_territories_in_fiche_order_without_empty_ones(self, units):
        pieces = territory_pieces(CPTS, DAC, units)
        assert list(pieces["territory_id"].unique()) == ["c1", "c2", "c3", "c4"]
        assert list(pieces.columns) == ["territory_id", "piece", "units", "population", "share"]


class TestNesting:
    def test_nested_zoning_has_index_one(self, units):
        assert nesting_index(QUAD, DAC, units) == pytest.approx(1.0)
        assert (territory_nesting(QUAD, DAC, units)["status"] == Nesting.NESTED).all()

    def test_index_weighs_the_main_share_by_population(self, units):
        # c1 keeps 700 of 900 in est; c2, c3, c4 are whole: (700 + 3000 + 3200 + 2200) / 9300.
        assert nesting_index(CPTS, DAC, units) == pytest.approx(9100 / 9300)
        # ouest: 4600 of 6000 in nw; est: 5400 of 7600 in ne.
        assert nesting_index(DAC, QUAD, units) == pytest.approx(10_000 / 13_600)

    def test_gaps_of_the_other_zoning_are_never_inside(self, units):
        # ouest: main c2 (3000), est: main c3 (3200); 4,300 inhabitants in zones blanches.
        assert nesting_index(DAC, CPTS, units) == pytest.approx(6200 / 13_600)

    def test_territory_status_and_main_piece(self, units):
        nesting = territory_nesting(CPTS, DAC, units)
        assert list(nesting.index) == ["c1", "c2", "c3", "c4"]  # c5 has no population
        assert nesting.loc["c1", "status"] == Nesting.SPLIT
        assert nesting.loc["c1", "main"] == "est"
        assert nesting.loc["c1", "main_share"] == pytest.approx(7 / 9)
        assert nesting.loc["c1", "pieces"] == 2
        assert list(nesting["status"][1:]) == [Nesting.NESTED] * 3
        assert nesting["population"].to_dict() == POP_CPTS

    def test_territory_in_a_gap_is_outside(self, units):
        gap = zoning("gap", {"g": [13, 14], "h": [1, 5]})
        nesting = territory_nesting(gap, CPTS, units)
        assert nesting.loc["g", "status"] == Nesting.OUTSIDE
        assert nesting.loc["g", "main_share"] == 0.0 and pd.isna(nesting.loc["g", "main"])
        assert nesting.loc["h", "status"] == Nesting.SPLIT
        assert nesting.loc["h", "outside_share"] == pytest.approx(100 / 600)
        assert nesting_index(gap, CPTS, units) == pytest.approx(500 / 3300)

    def test_small_piece_below_the_tolerance_still_nests(self, units):
        # 1,000 of 101,000 inhabitants across the limit: main share 0.990 ≥ NESTED_SHARE.
        almost = units.assign(population=[100_000 if n == 2 else 1000 if n == 3 else 100
                                          for n in range(1, 17)])
        nesting = territory_nesting(zoning("x", {"t": [2, 3]}), DAC, almost)
        assert nesting.loc["t", "main_share"] == pytest.approx(100 / 101)
        assert 100 / 101 >= NESTED_SHARE
        assert nesting.loc["t", "status"] == Nesting.NESTED

    def test_split_territories_lists_their_named_pieces(self, units):
        split = split_territories(CPTS, QUAD, units)
        assert list(split["territory_id"]) == ["c1", "c1", "c2", "c2"]
        assert list(split["piece"]) == ["se", "sw", "nw", "sw"]
        assert list(split["population"]) == [700, 200, 1900, 1100]
        assert split.loc[0, "nom"] == "Territoire c1"
        assert split.loc[0, "piece_nom"] == "Territoire se"

    def test_split_territories_names_the_part_outside(self, units):
        split = split_territories(DAC, CPTS, units)
        outside = split[split["piece"].isna()]
        assert list(outside["piece_nom"]) == ["Hors CPTS", "Hors CPTS"]
        assert list(outside["population"]) == [2800, 1500]

    def test_every_status_has_a_french_label(self):
        assert set(NESTING_LABELS) == set(Nesting)
        assert NESTING_LABELS[Nesting.NESTED].format(label="DAC") == "Inclus dans un territoire DAC"

    def test_matrix_has_every_ordered_pair(self, units):
        matrix = nesting_matrix(ZONINGS, units)
        assert list(zip(matrix["a"], matrix["b"], strict=True)) == [
            ("quad", "dac"), ("quad", "cpts"), ("dac", "quad"), ("dac", "cpts"),
            ("cpts", "quad"), ("cpts", "dac")]
        row = matrix.set_index(["a", "b"]).loc[("dac", "cpts")]
        assert row["nesting_index"] == pytest.approx(6200 / 13_600)
        assert row["outside_share"] == pytest.approx(4300 / 13_600)
        assert (row["territories"], row["nested"], row["split_territories"]) == (2, 0, 2)
        square = matrix.pivot(index="a", columns="b", values="nesting_index")
        assert square.loc["quad", "dac"] == pytest.approx(1.0)


class TestDepartements:
    def test_crossing_territory_with_population_on_each_side(self, units):
        crossing = departement_crossings(CPTS, units)
        assert list(crossing["territory_id"]) == ["c1", "c1"]
        assert list(crossing["piece"]) == ["92", "91"]
        assert list(crossing["population"]) == [700, 200]
        assert list(crossing["units"]) == [2, 1]

    def test_nested_zoning_crosses_nothing(self, units):
        assert departement_crossings(QUAD, units).empty

    def test_first_row_is_the_main_departement(self, units):
        pieces = departement_pieces(CPTS, units).drop_duplicates("territory_id")
        assert dict(zip(pieces["territory_id"], pieces["piece"], strict=True)) == {
            "c1": "92", "c2": "91", "c3": "92", "c4": "92"}
