"""The pair of zonings: status maps, mismatched limits and split table, without a browser."""

from __future__ import annotations

import pandas as pd
import pytest
import shapely

from dashboard import strings
from dashboard.figures.geojson import Outline, lines_outline
from dashboard.figures.map import ZoningLayer
from dashboard.palettes import OutlineStyle
from dashboard.views.analysis import scope_units
from dashboard.views.data import AppData
from dashboard.views.pair import (
    MISMATCH_STYLES,
    STATUS_COLOURS,
    mismatch_figure,
    mismatch_lengths,
    pair_view,
    split_columns,
    split_rows,
    status_figure,
)
from geodata.heterogeneity import boundary_mismatch, nesting_matrix, split_territories, unit_edges

from .support import fields

URLS = ("/geo/11/a.json", "/geo/11/b.json")


def territories_frame() -> pd.DataFrame:
    return pd.DataFrame({"code": ["t1", "t2", "t3", "t4"],
                         "nom": ["Un", "Deux", "Trois", "Quatre"]})


def nesting_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "population": [100.0, 200.0, 50.0],
        "pieces": [1, 2, 0],
        "main": ["b1", "b1", None],
        "main_share": [1.0, 0.6, 0.0],
        "outside_share": [0.0, 0.0, 1.0],
        "status": ["nested", "split", "outside"],
    }, index=pd.Index(["t1", "t2", "t3"], name="territory_id"))


LAYER = ZoningLayer("dac", "DAC", Outline([0.0, 1.0], [0.0, 1.0]),
                    OutlineStyle("#000000", "solid", 2.5))
BOUNDS = (0.0, 0.0, 1.0, 1.0)
DEPS = Outline([0.0, 1.0, None, 2.0, 3.0], [0.0, 0.0, None, 1.0, 1.0])


class TestStatusFigure:
    def figure(self) -> dict:
        return status_figure(territories_frame(), nesting_frame(), "/geo/x.json", LAYER, DEPS,
                             BOUNDS, "DAC", {"b1": "DAC Nord"}, "paire|cpts|dac|")

    def test_each_territory_coloured_by_its_status(self) -> None:
        fill = self.figure()["data"][0]
        colours = [fill["colorscale"][2 * z][1] for z in fill["z"]]

        assert fill["locations"] == ["t1", "t2", "t3", "t4"]
        assert colours == [STATUS_COLOURS["nested"], STATUS_COLOURS["split"],
                           STATUS_COLOURS["outside"], STATUS_COLOURS[""]]

    def test_hover_names_status_and_main_territory(self) -> None:
        hover = self.figure()["data"][0]["customdata"]

        assert hover[1] == ("<b>Deux</b><br>Partagé entre plusieurs territoires DAC<br>"
                            "DAC Nord : 60\u202f% de la population")
        assert hover[3] == "<b>Quatre</b><br>" + strings.PAIR_NO_POPULATION

    def test_other_zoning_outlined_and_shared_extent(self) -> None:
        traces = {trace["uid"]: trace for trace in self.figure()["data"]}

        assert traces["zoning-dac"]["line"]["color"] == "#000000"
        assert traces["extent"]["lon"] == [0.0, 1.0]
        assert traces["extent"]["marker"]["opacity"] == 0
        assert self.figure()["layout"]["uirevision"] == "paire|cpts|dac|"


class TestMismatch:
    def mismatch(self) -> pd.DataFrame:
        import geopandas as gpd
        return gpd.GeoDataFrame({
            "side": ["a", "a", "b"],
            "length_km": [1.5, 2.0, 0.25],
        }, geometry=[shapely.LineString([(0, 0), (1, 0)]),
                     shapely.MultiLineString([[(2, 2), (3, 3)], [(4, 4), (5, 5)]]),
                     shapely.LineString([(9, 9), (8, 8)])], crs="EPSG:4326")

    def test_lengths_per_side(self) -> None:
        assert mismatch_lengths(self.mismatch()) == {"a": 3.5, "b": 0.25}
        assert mismatch_lengths(self.mismatch().iloc[:0]) == {"a": 0.0, "b": 0.0}

    def test_lines_separated_by_none(self) -> None:
        outline = lines_outline(self.mismatch().geometry[:2])

        assert outline.lon == [0.0, 1.0, None, 2.0, 3.0, None, 4.0, 5.0]

    def test_two_colours_with_french_legend(self) -> None:
        figure = mismatch_figure(self.mismatch(), ("CPTS", "DAC"), (LAYER, LAYER), DEPS, BOUNDS,
                                 "paire")
        traces = {trace["uid"]: trace for trace in figure["data"]}

        assert traces["mismatch-a"]["name"] == "Limites propres aux CPTS"
        assert traces["mismatch-b"]["name"] == "Limites propres aux DAC"
        assert traces["mismatch-a"]["line"]["color"] == MISMATCH_STYLES["a"].colour
        assert traces["mismatch-b"]["line"]["color"] == MISMATCH_STYLES["b"].colour
        assert traces["mismatch-b"]["lon"] == [9.0, 8.0]
        assert traces["common-0"]["name"] == strings.MISMATCH_COMMON


class TestSplitRows:
    def pieces(self) -> pd.DataFrame:
        return pd.DataFrame({
            "territory_id": ["t2", "t2", "t5", "t5", "t5"],
            "nom": ["Deux", "Deux", "Cinq", "Cinq", "Cinq"],
            "piece": ["b1", "b2", "b2", "b1", None],
            "piece_nom": ["DAC Nord", "DAC Sud", "DAC Sud", "DAC Nord", "Hors DAC"],
            "units": [3, 2, 4, 1, 1],
            "population": [120.0, 80.0, 500.0, 300.0, 200.0],
            "share": [0.6, 0.4, 0.5, 0.3, 0.2],
        })

    def nesting(self) -> pd.DataFrame:
        frame = nesting_frame()
        frame.loc["t5"] = [1000.0, 2, "b2", 0.5, 0.2, "split"]
        return frame

    def test_one_row_per_territory_largest_first(self) -> None:
        rows = split_rows(self.pieces(), self.nesting(), {"b1": "DAC Nord", "b2": "DAC Sud"})

        assert fields(split_columns("CPTS", "DAC")) == list(rows.columns)
        assert rows["territoire"].tolist() == ["Cinq", "Deux"]
        assert rows.iloc[0].to_dict() == {
            "territoire": "Cinq", "population": 1000, "part_principale": 50.0,
            "principal": "DAC Sud", "pieces": 2, "hors": 20.0,
            "repartition": "DAC Sud : 50\u202f% ; DAC Nord : 30\u202f% ; Hors DAC : 20\u202f%",
        }

    def test_french_headers_name_both_zonings(self) -> None:
        headers = [column["headerName"] for column in split_columns("CPTS", "DAC")]

        assert headers[:5] == ["Territoire CPTS", "Population", "Part principale (%)",
                               "Territoire DAC principal", "Pièces"]

    def test_no_split_territory(self) -> None:
        rows = split_rows(self.pieces().iloc[:0], self.nesting(), {})
        assert rows.empty and list(rows.columns) == fields(split_columns("", ""))


class TestPairView:
    def test_three_maps_share_extent_and_view(self, data: AppData) -> None:
        view = pair_view(data, "cpts", "dac", (), URLS)
        extents = [next(t for t in f["data"] if t["uid"] == "extent") for f in view.figures]
        revisions = {f["layout"]["uirevision"] for f in view.figures}

        assert len(view.figures) == 3
        assert all(extent == extents[0] for extent in extents)
        assert len(revisions) == 1
        assert view.figures[0]["data"][0]["geojson"] == URLS[0]
        assert view.figures[1]["data"][0]["geojson"] == URLS[1]

    def test_index_split_table_and_lengths_match_geodata(self, data: AppData) -> None:
        departements = ("93", "94")
        units = scope_units(data, departements)
        a, b = data.zonings["cpts"], data.zonings["dac"]
        view = pair_view(data, "cpts", "dac", departements, URLS)
        matrix = nesting_matrix(data.zonings, units).set_index(["a", "b"])
        split = split_territories(a, b, units)
        mismatch = boundary_mismatch(a, b, unit_edges(units))

        assert view.index == pytest.approx(matrix.loc[("cpts", "dac"), "nesting_index"])
        assert view.reverse_index == pytest.approx(matrix.loc[("dac", "cpts"), "nesting_index"])
        assert len(view.split) == split["territory_id"].nunique() == view.split_counts[0]
        assert view.mismatch_km["a"] == pytest.approx(
            mismatch.loc[mismatch["side"] == "a", "length_km"].sum())
        assert view.has_gaps == (True, False)

    def test_scope_is_the_chosen_departements(self, data: AppData) -> None:
        assert set(scope_units(data, ("93",))["departement"]) == {"93"}
        assert len(scope_units(data, ())) == len(data.units)
