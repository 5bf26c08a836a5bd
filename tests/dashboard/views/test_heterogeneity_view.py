"""Heterogeneity and zones blanches views: figures, tables and CSV columns, without a browser.

Builders are checked on small frames made by hand; the views on the demo data of
Île-de-France, against :mod:`geodata.heterogeneity` computed directly.
"""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
import shapely
from dash.exceptions import PreventUpdate

from dashboard import strings
from dashboard.callbacks.heterogeneity import fill_gaps, fill_nesting, fill_pair
from dashboard.callbacks.pages import PAGE_IDS, show_page
from dashboard.figures.geojson import Outline
from dashboard.figures.map import ZoningLayer
from dashboard.palettes import COLORBREWER, OutlineStyle
from dashboard.views.data import AppData, load_app_data
from dashboard.views.heterogeneity_view import (
    MISMATCH_STYLES,
    NESTING_COLORSCALE,
    STATUS_COLOURS,
    crossing_columns,
    crossing_view,
    format_index,
    gaps_departement_columns,
    gaps_view,
    gaps_zoning_key,
    heatmap_figure,
    lines_outline,
    mismatch_figure,
    mismatch_lengths,
    need_columns,
    need_rows,
    need_scores,
    nesting_view,
    overlap_columns,
    overlap_rows,
    pair_view,
    records,
    scope_units,
    split_columns,
    split_rows,
    status_figure,
    zoning_labels,
)
from dashboard.views.state import ViewState, to_url
from dashboard.views.transitions import (
    choose_pair_side,
    close_pair,
    open_pair,
    set_control,
)
from geodata.heterogeneity import (
    boundary_mismatch,
    gaps,
    gaps_by_departement,
    nesting_matrix,
    split_territories,
    unit_edges,
)

URLS = ("/geo/11/a.json", "/geo/11/b.json")


@pytest.fixture(scope="module")
def data() -> AppData:
    return load_app_data()


def store_of(state: ViewState) -> dict:
    pathname, search = to_url(state)
    return {"pathname": pathname, "search": search}


def small_matrix() -> pd.DataFrame:
    return pd.DataFrame({
        "a": ["dac", "dac", "cpts", "cpts", "peri", "peri"],
        "b": ["cpts", "peri", "dac", "peri", "dac", "cpts"],
        "nesting_index": [0.5, 1.0, 0.934, np.nan, 0.25, 0.0],
        "territories": [2, 2, 40, 40, 3, 3],
        "split_territories": [1, 0, 3, 0, 2, 3],
        "outside_share": [0.2, 0.0, 0.0, 0.0, 0.0, 0.0],
    })


LABELS = {"dac": "DAC", "cpts": "CPTS", "peri": "Réseaux périnatalité"}


class TestHeatmap:
    def test_cells_hold_the_index_of_row_in_column_diagonal_empty(self) -> None:
        trace = heatmap_figure(small_matrix(), LABELS)["data"][0]

        assert trace["type"] == "heatmap"
        assert trace["x"] == trace["y"] == ["dac", "cpts", "peri"]
        assert trace["z"] == [[None, 0.5, 1.0], [0.934, None, None], [0.25, 0.0, None]]
        assert trace["text"] == [["", "0,50", "1,00"], ["0,93", "", "n.d."],
                                 ["0,25", "0,00", ""]]
        assert (trace["zmin"], trace["zmax"]) == (0, 1)

    def test_axes_show_french_labels_and_first_zoning_on_top(self) -> None:
        layout = heatmap_figure(small_matrix(), LABELS)["layout"]

        assert layout["xaxis"]["ticktext"] == ["DAC", "CPTS", "Réseaux<br>périnatalité"]
        assert layout["yaxis"]["autorange"] == "reversed"
        assert layout["xaxis"]["title"]["text"] == strings.NESTING_AXIS_B
        assert layout["yaxis"]["title"]["text"] == strings.NESTING_AXIS_A

    def test_hover_says_emboitement_of_a_in_b(self) -> None:
        hover = heatmap_figure(small_matrix(), LABELS)["data"][0]["customdata"]

        assert hover[1][0].startswith("Emboîtement des CPTS dans les DAC : <b>0,93</b>")
        assert "3 territoires CPTS sur 40" in hover[1][0]
        assert "20" in hover[0][1] and "hors des territoires CPTS" in hover[0][1]
        assert hover[0][0] == ""

    def test_sequential_colour_blind_safe_scale(self) -> None:
        trace = heatmap_figure(small_matrix(), LABELS)["data"][0]

        assert [colour for _, colour in trace["colorscale"]] == list(COLORBREWER["Blues"][9])
        assert trace["colorscale"] == NESTING_COLORSCALE
        assert trace["colorscale"] is not NESTING_COLORSCALE  # callers may edit it
        assert trace["colorbar"]["ticktext"] == ["0", "0,25", "0,5", "0,75", "1"]

    def test_values_equal_nesting_matrix_on_demo_data(self, data: AppData) -> None:
        expected = nesting_matrix(data.zonings, data.units)
        trace = heatmap_figure(nesting_view(data, ()), zoning_labels(data))["data"][0]

        for row in expected.itertuples():
            cell = trace["z"][trace["y"].index(row.a)][trace["x"].index(row.b)]
            assert cell == pytest.approx(row.nesting_index)

    @pytest.mark.parametrize(("value", "text"), [(0.934, "0,93"), (1.0, "1,00"),
                                                 (float("nan"), "n.d."), (None, "n.d.")])
    def test_format_index(self, value, text: str) -> None:
        assert format_index(value) == text


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


def fields(columns: list[dict]) -> list[str]:
    return [column["field"] for column in columns]


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


class TestCsvColumns:
    """Every table exports its columns with French headers (``csvExportParams`` ``;``)."""

    @pytest.mark.parametrize(("columns", "headers"), [
        (crossing_columns(), strings.CROSSINGS_COLUMNS),
        (need_columns(), strings.GAPS_COLUMNS),
        (gaps_departement_columns(), strings.GAPS_DEPARTEMENT_COLUMNS),
        (overlap_columns(), strings.OVERLAPS_COLUMNS),
    ])
    def test_headers_are_the_french_catalogue(self, columns: list[dict],
                                              headers: dict[str, str]) -> None:
        assert fields(columns) == list(headers)
        assert [column["headerName"] for column in columns] == list(headers.values())

    def test_rows_have_exactly_the_columns(self, data: AppData) -> None:
        view = gaps_view(data, ViewState(), "/geo/x.json")
        crossings = crossing_view(data, ())

        assert list(view.needs.columns) == fields(need_columns())
        assert list(view.by_departement.columns) == fields(gaps_departement_columns())
        assert list(view.overlaps.columns) == fields(overlap_columns())
        assert list(crossings.columns) == fields(crossing_columns())

    def test_layout_grids_export_with_semicolons(self) -> None:
        from dashboard.layouts.heterogeneity import gaps_page, nesting_page

        def grids(component) -> list:
            found = [component] if type(component).__name__ == "AgGrid" else []
            children = getattr(component, "children", None)
            for child in children if isinstance(children, list) else [children]:
                if child is not None and hasattr(child, "to_plotly_json"):
                    found += grids(child)
            return found

        data = load_app_data()
        every = grids(nesting_page(data)) + grids(gaps_page(data))
        assert len(every) == 5
        for grid in every:
            assert grid.csvExportParams["columnSeparator"] == ";"
            assert grid.csvExportParams["fileName"].endswith(".csv")
            assert grid.csvExportParams["allColumns"] is True


class TestOverlapRows:
    def test_territory_names_joined(self, data: AppData) -> None:
        zoning = data.zonings["cpts"]
        first, second = list(zoning.fiches)[:2]
        shared = pd.DataFrame({"code": ["93066"], "nom": ["Saint-Denis"], "departement": ["93"],
                               "population": [113000], "territories": [(first, second)]})

        rows = overlap_rows(shared, zoning)

        assert rows["territoires"].iloc[0] == (f"{zoning.fiches[first].nom} / "
                                               f"{zoning.fiches[second].nom}")


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


class TestCrossings:
    def test_population_on_each_side(self, data: AppData) -> None:
        rows = crossing_view(data, ())
        by_territory = rows.groupby(["zonage", "territoire"])

        assert (by_territory.size() >= 2).all()
        assert by_territory["part"].sum().between(99.5, 100.5).all()

    def test_filter_keeps_territories_touching_the_departements(self, data: AppData) -> None:
        rows = crossing_view(data, ("95",))
        touching = rows.groupby("territoire")["departement"].agg(
            lambda deps: any(dep.startswith("95 ") for dep in deps))

        assert len(rows) and touching.all()
        assert not rows["departement"].str.startswith("95 ").all()  # other sides kept


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


class TestTransitions:
    def test_click_on_a_cell_opens_the_pair(self, data: AppData) -> None:
        state = open_pair(data, ViewState(page="heterogeneite"), "cpts", "dac")
        assert (state.pair_a, state.pair_b) == ("cpts", "dac")

    @pytest.mark.parametrize(("a", "b"), [("cpts", "cpts"), ("cpts", None), ("x", "dac")])
    def test_invalid_cells_change_nothing(self, data: AppData, a, b) -> None:
        assert open_pair(data, ViewState(), a, b) == ViewState()

    def test_choosing_the_other_side_swaps(self, data: AppData) -> None:
        state = ViewState(pair_a="cpts", pair_b="dac")

        assert choose_pair_side(data, state, "pair_a", "dac") == ViewState(pair_a="dac",
                                                                            pair_b="cpts")
        assert choose_pair_side(data, state, "pair_b", "carsic").pair_b == "carsic"
        assert choose_pair_side(data, state, "pair_b", None) == state

    def test_controls_of_the_new_pages(self, data: AppData) -> None:
        state = set_control(data, ViewState(), "pair_a", "dac")
        state = set_control(data, state, "pair_b", "cpts")
        state = set_control(data, state, "gaps_zoning", "carsic")

        assert (state.pair_a, state.pair_b, state.gaps_zoning) == ("dac", "cpts", "carsic")
        assert set_control(data, state, "gaps_zoning", "nope") == state
        assert close_pair(state).pair_a is None and close_pair(state).pair_b is None


class TestCallbacks:
    def test_pages_are_computed_only_while_shown(self) -> None:
        store = store_of(ViewState(page="carte"))
        for fill in (fill_nesting, fill_pair, fill_gaps):
            with pytest.raises(PreventUpdate):
                fill(store)

    def test_pair_section_hidden_without_a_pair(self) -> None:
        style, close, hint, *_ = fill_pair(store_of(ViewState(page="heterogeneite")))
        assert style == close == {"display": "none"} and hint == strings.PAIR_HINT

    def test_pair_section_filled(self) -> None:
        out = fill_pair(store_of(ViewState(page="heterogeneite", pair_a="cpts", pair_b="dac")))
        style, close, _summary, title_a, title_b, *figures = out[:8]

        assert style is None and close is None
        assert title_a == "Les CPTS, selon leur emboîtement dans les DAC"
        assert title_b == "Les DAC, selon leur emboîtement dans les CPTS"
        assert all(figure["data"] for figure in figures)
        assert out[-2][0]["headerName"] == "Territoire CPTS"

    @pytest.mark.parametrize("page", list(PAGE_IDS))
    def test_exactly_one_page_shown_and_its_link_active(self, page: str) -> None:
        store = store_of(ViewState(page=page))
        out = show_page(store)
        count = len(PAGE_IDS)
        styles, hrefs, classes = out[:count], out[count:2 * count], out[2 * count:]

        assert [style is None for style in styles] == [p == page for p in PAGE_IDS]
        assert all(href.endswith(store["search"]) for href in hrefs)
        assert ["--active" in name for name in classes] == [p == page for p in PAGE_IDS]


def test_view_module_does_not_import_dash() -> None:
    code = ("import sys\nimport dashboard.views.heterogeneity_view\n"
            "assert 'dash' not in sys.modules, 'dash imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True)
