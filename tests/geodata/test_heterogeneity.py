"""Tests of the heterogeneity analysis on a toy grid whose answers are computed by hand.

The grid is built in Lambert-93 (EPSG:2154) with 10 km cells, then converted to WGS84 as
the base geography is: every shared edge is 10 km long in the projection the lengths are
measured in. Unit ``n`` has ``100 × n`` inhabitants::

    row 3   13  14 | 15  16        départements: 91 on the left (6,000 inhabitants),
    row 2    9  10 | 11  12                      92 on the right (7,600)
    row 1    5   6 |  7   8
    row 0    1   2 |  3   4

Zonings:

- ``dac``: ``ouest`` (the 91 half) and ``est`` (the 92 half);
- ``quad``: the four quadrants ``sw``, ``se``, ``nw``, ``ne``, nested in ``dac``;
- ``cpts``: ``c1`` = {2, 3, 4} (crosses the limit: 200 in 91, 700 in 92),
  ``c2`` = {5, 6, 9, 10}, ``c3`` = {11, 12, 15}, ``c4`` = {12, 16} (12 is shared: 600 to
  each), ``c5`` en projet without units; zones blanches {1, 7, 8, 13, 14} (4,300).
"""

from __future__ import annotations

import json
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geodata.base import load_units
from geodata.geometry import dissolve
from geodata.heterogeneity import (
    LENGTH_CRS,
    NESTED_SHARE,
    NESTING_LABELS,
    PROFILE_INDICATORS,
    Nesting,
    boundary_mismatch,
    departement_crossings,
    departement_pieces,
    gaps,
    gaps_by_departement,
    heterogeneity_summary,
    nesting_index,
    nesting_matrix,
    overlaps,
    precarity_profile,
    split_territories,
    territory_nesting,
    territory_pieces,
    unit_edges,
)
from geodata.observations.indicators import WEIGHT_CODE, get_indicator
from geodata.zonings.model import Fiche, Zoning
from geodata.zonings.zoning_types import load_zoning_types

ORIGIN = (640_000.0, 6_850_000.0)
CELL = 10_000.0
CELL_KM = CELL / 1000


def code(n: int) -> str:
    return f"{n:05d}"


def grid_units() -> gpd.GeoDataFrame:
    records = []
    for row in range(4):
        for col in range(4):
            n = row * 4 + col + 1
            x, y = ORIGIN[0] + col * CELL, ORIGIN[1] + row * CELL
            records.append({"code": code(n), "nom": f"Commune {n}",
                            "departement": "91" if col < 2 else "92", "population": 100 * n,
                            "geometry": shapely.box(x, y, x + CELL, y + CELL)})
    return gpd.GeoDataFrame(records, crs=LENGTH_CRS).to_crs("EPSG:4326")


def zoning(key: str, territories: dict[str, list[int]]) -> Zoning:
    fiches = {tid: Fiche(nom=f"Territoire {tid}", type=key) for tid in territories}
    members = tuple((tid, code(n)) for tid, ns in territories.items() for n in ns)
    return Zoning(type=load_zoning_types().get(key), fiches=fiches, members=members)


DAC = zoning("dac", {"ouest": [1, 2, 5, 6, 9, 10, 13, 14], "est": [3, 4, 7, 8, 11, 12, 15, 16]})
QUAD = zoning("quad", {"sw": [1, 2, 5, 6], "se": [3, 4, 7, 8], "nw": [9, 10, 13, 14],
                       "ne": [11, 12, 15, 16]})
CPTS = zoning("cpts", {"c1": [2, 3, 4], "c2": [5, 6, 9, 10], "c3": [11, 12, 15],
                       "c4": [12, 16], "c5": []})
ZONINGS = {"quad": QUAD, "dac": DAC, "cpts": CPTS}
# Population of the CPTS, unit 12 (1,200) shared between c3 and c4.
POP_CPTS = {"c1": 900, "c2": 3000, "c3": 1100 + 600 + 1500, "c4": 600 + 1600}


@pytest.fixture(scope="module")
def units() -> gpd.GeoDataFrame:
    return grid_units()


@pytest.fixture(scope="module")
def edges(units):
    return unit_edges(units)


def pieces_of(frame: pd.DataFrame, territory: str) -> dict:
    rows = frame[frame["territory_id"] == territory]
    return {(None if pd.isna(piece) else piece): population
            for piece, population in zip(rows["piece"], rows["population"], strict=True)}


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


class TestCoverage:
    def test_zones_blanches(self, units):
        blank = gaps(CPTS, units)
        assert list(blank["code"]) == [code(n) for n in (1, 7, 8, 13, 14)]
        assert isinstance(blank, gpd.GeoDataFrame)

    def test_zones_blanches_by_departement(self, units):
        by_departement = gaps_by_departement(CPTS, units)
        assert by_departement.loc["91"].to_dict() == pytest.approx({
            "units": 8, "uncovered_units": 3, "population": 6000,
            "uncovered_population": 2800, "uncovered_share": 2800 / 6000})
        assert by_departement.loc["92", "uncovered_population"] == 1500

    def test_full_zoning_has_no_gap(self, units):
        assert gaps(DAC, units).empty
        assert gaps_by_departement(DAC, units)["uncovered_units"].sum() == 0

    def test_overlap(self, units):
        shared = overlaps(CPTS, units)
        assert shared.to_dict("records") == [{
            "code": "00012", "nom": "Commune 12", "departement": "92", "population": 1200,
            "territories": ("c3", "c4")}]
        assert overlaps(DAC, units).empty


class TestBoundaries:
    def test_edges_are_the_grid_segments(self, edges):
        # 24 inner edges between two units, 16 on the outline; each exactly 10 km.
        assert len(edges.left) == 40
        assert (edges.right == -1).sum() == 16
        np.testing.assert_allclose(edges.length_km, CELL_KM, rtol=1e-6)

    def test_edges_reject_overlapping_units(self, units):
        with pytest.raises(ValueError, match="chevauchent"):
            unit_edges(pd.concat([units, units.iloc[:1]]))

    def test_nested_zoning_has_extra_boundaries_only(self, edges):
        mismatch = boundary_mismatch(QUAD, DAC, edges)
        assert list(mismatch["side"]) == ["a", "a"]
        assert set(zip(mismatch["territories"], mismatch["inside"], strict=True)) == {
            (("nw", "sw"), ("ouest",)), (("ne", "se"), ("est",))}
        assert mismatch["length_km"].tolist() == pytest.approx([2 * CELL_KM] * 2)
        assert mismatch.crs == "EPSG:4326"
        assert (mismatch.geom_type == "LineString").all()  # merged into one line each

    def test_gaps_and_shared_units_have_outlines(self, edges):
        mismatch = boundary_mismatch(CPTS, DAC, edges)
        lengths = {(row.side, row.territories, row.inside): row.length_km
                   for row in mismatch.itertuples()}
        # Counted by hand on the grid, in 10 km segments between units:
        # c1|gap 1|2, 3|7, 4|8; c1|c2 2|6; c2|gap 1|5, 9|13, 10|14; c3|c4+c3 11|12;
        # c3|c4 15|16; gap|c3+c4 8|12; gap|c3 7|11; c3+c4|c4 12|16. The DAC limit is a
        # CPTS limit except inside c1 (2|3). The region's outline is left out.
        expected = {
            ("a", ("c1",), ("ouest",)): 1, ("a", ("c1",), ("est",)): 2,
            ("a", ("c1", "c2"), ("ouest",)): 1, ("a", ("c2",), ("ouest",)): 3,
            ("a", ("c4",), ("est",)): 1, ("a", ("c3", "c4"), ("est",)): 2,
            ("a", ("c3",), ("est",)): 2,
            ("b", ("est", "ouest"), ("c1",)): 1,
        }
        assert lengths == pytest.approx({key: n * CELL_KM for key, n in expected.items()})
        assert list(mismatch["side"]) == ["a"] * 7 + ["b"]
        assert mismatch.loc[0, "territories"] == ("c2",)  # the longest first

    def test_same_zoning_has_no_mismatch(self, edges):
        mismatch = boundary_mismatch(CPTS, CPTS, edges)
        assert mismatch.empty
        assert list(mismatch.columns) == ["side", "territories", "inside", "length_km",
                                          "geometry"]


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
        assert rate.loc["c4", "value"] == pytest.approx((20 * 1200 + 30 * 1600) / 2800)
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
            "gaps": {"quad": {"units": 0, "population": 0}, "dac": {"units": 0, "population": 0},
                     "cpts": {"units": 5, "population": 4300}},
            "crossing_departements": {"quad": [], "dac": [], "cpts": ["c1"]},
        }
        json.dumps(summary, allow_nan=False)

    def test_zoning_without_population_has_no_index(self, units):
        empty = zoning("empty", {"e": []})
        summary = heterogeneity_summary({"empty": empty, "dac": DAC}, units)
        assert summary["pairs"][0]["nesting_index"] is None
        assert summary["pairs"][1] == {"a": "dac", "b": "empty", "nesting_index": 0.0,
                                       "split_territories": 0}
        assert summary["gaps"]["empty"] == {"units": 16, "population": 13_600}
        json.dumps(summary, allow_nan=False)


@pytest.fixture(scope="module")
def idf() -> gpd.GeoDataFrame:
    return load_units("11")


@pytest.fixture(scope="module")
def stand_ins(idf) -> dict[str, Zoning]:
    """EPCI and départements as zonings of the real Île-de-France units."""
    def by(column: str) -> Zoning:
        fiches = {tid: Fiche(nom=tid, type=column) for tid in sorted(idf[column].unique())}
        return Zoning(type=load_zoning_types().get(column), fiches=fiches,
                      members=tuple(zip(idf[column], idf["code"], strict=True)))
    return {"epci": by("epci"), "departement": by("departement")}


class TestIleDeFrance:
    def test_epci_nest_in_departements_except_the_metropole(self, idf, stand_ins):
        nesting = territory_nesting(stand_ins["epci"], stand_ins["departement"], idf)
        # The Métropole du Grand Paris spans 75, 92, 93, 94 and parts of 91 and 95.
        assert nesting.loc["200054781", "pieces"] == 6
        assert nesting.loc["200054781", "main_share"] == pytest.approx(0.31, abs=0.01)
        others = nesting.drop(index="200054781")
        index = (others["population"] * others["main_share"]).sum() / others["population"].sum()
        assert index == pytest.approx(0.952, abs=0.001)
        assert (nesting["status"] == Nesting.SPLIT).sum() == 7
        assert len(nesting) == 52

    def test_departement_outlines_match_the_dissolved_ones(self, idf, stand_ins):
        edges = unit_edges(idf)
        departement = idf["departement"].to_numpy()
        inner = (edges.right >= 0)
        between = inner & (departement[edges.left] != departement[np.maximum(edges.right, 0)])
        from_edges = 2 * edges.length_km[between].sum() + edges.length_km[~inner].sum()
        dissolved = dissolve(idf.geometry, departement).to_crs(LENGTH_CRS).length.sum() / 1000
        assert from_edges == pytest.approx(dissolved, rel=1e-6)
        mismatch = boundary_mismatch(stand_ins["departement"], stand_ins["epci"], edges)
        # Every département limit an EPCI straddles, and nothing else, is département-only.
        assert set(mismatch.loc[mismatch["side"] == "a", "inside"].explode()) == set(
            departement_crossings(stand_ins["epci"], idf)["territory_id"])
