"""The IRIS mesh and the hatched stand-in values, on the real data of Île-de-France."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from dashboard import strings
from dashboard.export.texts import view_sources
from dashboard.figures.patches import changes, signature
from dashboard.views.data import load_app_data
from dashboard.views.geo_files import geo_file
from dashboard.views.map_geometry import (
    IRIS_AREAS,
    Selection,
    areas,
    geojson_name,
    geojson_payload,
    selection_named,
)
from dashboard.views.map_view import map_figure, map_legend, mesh_choice
from dashboard.views.shading import area_values, unit_value_text
from dashboard.views.state import COMMUNE_MESH, IRIS_MESH, ViewState, parse_url, to_url
from dashboard.views.transitions import click_map, set_control

IRIS_93 = ViewState(departements=("93",), zonings=("dac",), indicator="TP6021", mesh=IRIS_MESH)
#: At most this share of the default map's area may be grey (no value shown at all).
GREY_AREA_BUDGET = 0.10


@pytest.fixture(scope="module")
def data():
    return load_app_data()


def grey_area_share(data, state: ViewState) -> float:
    """Share of the map's area without any value, own or stand-in (areas in km², EPSG:3035)."""
    selection = Selection.of(state, data)
    values = area_values(data, selection, state.indicator)
    grey = np.isnan(values.own) & np.isnan(values.stand_in)
    shown = areas(data, selection)
    area = pd.concat([data.iris_index["area_km2"], data.unit_index["area_km2"]])
    sizes = area.reindex(shown["code"]).to_numpy()
    assert not np.isnan(sizes).any()
    return float(sizes[grey].sum() / sizes.sum())


class TestDefaultView:
    """Point 4 of issue 13: the first map says something on nearly all of its area."""

    def test_the_default_view_is_at_most_ten_percent_grey(self, data) -> None:
        state = data.default_state
        assert (state.departements, state.mesh) == ((), COMMUNE_MESH)
        assert grey_area_share(data, state) <= GREY_AREA_BUDGET

    def test_poverty_rate_one_choice_away_hatches_withheld_communes(self, data) -> None:
        poverty = replace(data.default_state, indicator="TP6021")
        values = area_values(data, Selection.of(poverty, data), "TP6021")
        # 800 of 1,285 units are withheld, 64 % of the area: grey without stand-ins.
        assert np.isnan(values.own).sum() == 800
        assert grey_area_share(data, poverty) <= GREY_AREA_BUDGET
        assert values.stand_in_label == strings.LEGEND_STAND_IN_GROUP
        legend = map_legend(data, poverty)
        assert legend.stand_in.count == 800 and legend.count == 1285

    def test_a_withheld_commune_names_the_group_it_is_shown_with(self, data) -> None:
        poverty = replace(data.default_state, indicator="TP6021")
        selection = Selection.of(poverty, data)
        values = area_values(data, selection, "TP6021")
        index = int(np.flatnonzero(~np.isnan(values.stand_in))[0])
        text = values.texts[index]
        assert text.startswith("secret statistique ; moyenne des communes publiées de l'EPCI ")
        epci = data.unit_index.at[areas(data, selection)["code"].iat[index], "epci"]
        assert data.group_names[epci] in text

    def test_counts_are_never_stood_in(self, data) -> None:
        caf = replace(data.default_state, indicator="CAF_ARSAS")
        values = area_values(data, Selection.of(caf, data), "CAF_ARSAS")
        assert np.isnan(values.stand_in).all() and values.stand_in_label is None


class TestIrisMesh:
    def test_iris_of_seine_saint_denis(self, data) -> None:
        selection = Selection.of(IRIS_93, data)
        assert selection.coloured == IRIS_AREAS
        shown = areas(data, selection)
        assert len(shown) == 614 and (shown["commune"].str[:2] == "93").all()
        assert geojson_name(selection) == "iris-detail-93.json"
        assert selection_named(data, "iris-detail-93.json") == replace(selection, zonings=())

    def test_iris_and_communes_side_by_side(self, data) -> None:
        state = replace(IRIS_93, departements=("77", "93"))
        shown = areas(data, Selection.of(state, data))
        iris = shown["code"].str.len() == 9
        assert iris.sum() == 614 and (shown.loc[~iris, "code"].str[:2] == "77").all()
        assert map_legend(data, state).mesh == "Maille : IRIS (93), communes ailleurs"

    @pytest.mark.parametrize(("change", "reason"), [
        ({"departements": ()}, strings.MESH_CHOOSE.format(departements="75, 92, 93, 94")),
        ({"departements": ("77",)}, strings.MESH_CHOOSE.format(departements="75, 92, 93, 94")),
        ({"colour_by": "dac"}, strings.MESH_BY_TERRITORY),
        ({"indicator": "APL_MG"}, strings.MESH_NOT_PUBLISHED),
    ])
    def test_communes_stay_where_iris_cannot_show(self, data, change, reason) -> None:
        state = replace(IRIS_93, **change)
        assert Selection.of(state, data).mesh == COMMUNE_MESH
        options, hint = mesh_choice(data, state)
        assert hint == reason
        assert [option["disabled"] for option in options] == [False, True]

    def test_values_weights_and_stand_ins(self, data) -> None:
        selection = Selection.of(IRIS_93, data)
        values = area_values(data, selection, "TP6021")
        codes = areas(data, selection)["code"]
        own = pd.Series(values.own, index=codes.to_numpy())
        assert own["930010101"] == data.observations.iris.at["930010101", "TP6021"]
        # Pierrefitte's IRIS were recoded in 2025: no value of their own, Saint-Denis'.
        recoded = [code for code in codes if code.startswith("9306616")]
        assert len(recoded) == 9 and np.isnan(own[recoded]).all()
        stand_in = pd.Series(values.stand_in, index=codes.to_numpy())
        assert (stand_in[recoded] == data.table.at["93066", "TP6021"]).all()
        text = values.texts[codes.tolist().index(recoded[0])]
        assert text.startswith(f"{strings.HOVER_IRIS_MISSING} ; commune : 36,")
        assert map_legend(data, IRIS_93).stand_in.label == strings.LEGEND_STAND_IN_COMMUNE

    def test_hover_names_the_iris_and_its_commune(self, data) -> None:
        figure = map_figure(data, IRIS_93, "/geo/11/iris-detail-93.json")
        choropleth = figure["data"][0]
        index = choropleth["locations"].index("930660101")
        name, commune, dac = choropleth["customdata"][index][:3]
        assert name.startswith("IRIS ")
        assert commune == "<br>Commune : Saint-Denis (93066)"
        assert dac.startswith("<br>DAC : DAC démo 93-")
        # The commune's line always, then the shown zonings' (the DAC) only.
        assert choropleth["hovertemplate"].endswith(
            "%{customdata[1]}%{customdata[2]}<extra></extra>")
        assert figure["data"][1]["uid"] == "hatch" and figure["data"][1]["lon"]

    def test_a_commune_not_divided_is_its_own_iris(self, data) -> None:
        whole = data.iris_index[data.iris_index["type_iris"] == "Z"]
        code = whole.index[0]
        state = replace(IRIS_93, departements=(code[:2],), indicator="MED21")
        selection = Selection.of(state, data)
        values = area_values(data, selection, "MED21")
        index = areas(data, selection)["code"].tolist().index(code)
        assert values.own[index] == data.table.at[whole.at[code, "commune"], "MED21"]
        assert np.isnan(values.stand_in[index])

    def test_caf_counts_by_iris_without_stand_ins(self, data) -> None:
        state = replace(IRIS_93, indicator="CAF_ARSAS")
        legend = map_legend(data, state)
        assert legend.stand_in is None
        assert legend.missing.label == "Non publié (commune de moins de 10 000 habitants environ)"
        assert legend.source == "Source : Cnaf, allocataires au 31/12/2020 ; valeurs " \
                                "communales : Cnaf, allocataires au 31/12/2020"

    def test_recolouring_keeps_the_iris(self, data) -> None:
        before = map_figure(data, IRIS_93, "/x.json")
        after = replace(IRIS_93, indicator="MED21")
        rebuilt = map_figure(data, after, "/x.json")
        found, _ = changes(signature(before), rebuilt)
        assert found  # a patch of the same areas, not a whole figure
        patched = [dict(trace) for trace in before["data"]]
        for index, name, value in found:
            patched[index][name] = value
        assert patched == rebuilt["data"]

    def test_geometry_fits_the_budget(self, data) -> None:
        name = geojson_name(Selection.of(IRIS_93, data))
        assert len(geojson_payload(data, name)["features"]) == 614
        assert len(geo_file(data, name).gzipped) < 60_000

    def test_sources_of_exports_name_the_iris_file(self, data) -> None:
        assert view_sources(data, IRIS_93).indicator == (
            "Source : Insee, Filosofi 2021 (IRIS) ; valeurs communales : Insee, Filosofi 2021")
        commune = view_sources(data, replace(IRIS_93, mesh=COMMUNE_MESH))
        assert commune.indicator == "Source : Insee, Filosofi 2021"


class TestStateAndActions:
    def test_the_mesh_travels_in_the_url(self, data) -> None:
        pathname, search = to_url(IRIS_93)
        assert "maille=iris" in search
        assert parse_url(pathname, search, data.choices) == IRIS_93
        assert "maille" not in to_url(replace(IRIS_93, mesh=COMMUNE_MESH))[1]
        assert parse_url("/", "?maille=quartier", data.choices).mesh == COMMUNE_MESH

    def test_the_control_sets_it(self, data) -> None:
        state = replace(IRIS_93, mesh=COMMUNE_MESH)
        assert set_control(data, state, "mesh", "iris").mesh == IRIS_MESH
        assert set_control(data, state, "mesh", "bogus") == state

    def test_clicking_an_iris_selects_its_commune(self, data) -> None:
        assert click_map(data, IRIS_93, "930660101").commune == "93066"


def test_paris_arrondissements_name_the_qpv_of_paris_as_a_whole(data) -> None:
    state = ViewState(departements=("75",), zonings=(), indicator="QPV")
    selection = Selection.of(state, data)
    values = area_values(data, selection, "QPV")
    assert np.isnan(values.own).all()  # never a count per arrondissement
    assert set(values.texts) == {
        "Paris (ensemble) : 21 — non réparti par arrondissement par la source"}
    legend = map_legend(data, state)
    assert legend.missing.label == "Paris : QPV non répartis par arrondissement par la source"


@pytest.mark.parametrize(("indicator", "code", "expected"), [
    ("TP6021", "93066", "36,5\u202f%"),
    ("TP6021", "77001", "secret statistique"),
    ("QPV", "75118", "Paris (ensemble) : 21 — non réparti par arrondissement par la source"),
    ("CAF_A", "93066", "38\u202f822\u00a0allocataires"),
])
def test_one_unit_as_the_map_says_it(data, indicator, code, expected) -> None:
    assert unit_value_text(data, data.indicator(indicator), code) == expected


def test_a_sum_over_withheld_iris_is_a_minimum(data) -> None:
    partial = data.table.index[data.table["CAF_A_PART"] < 0.99][0]
    text = unit_value_text(data, data.indicator("CAF_A"), partial)
    assert text.startswith("au moins ") and "(IRIS non publiés : " in text


def test_woods_and_activity_iris_keep_no_value(data) -> None:
    """The Bois de Boulogne has no inhabitant: the 16e's median income says nothing of it."""
    state = replace(IRIS_93, departements=("75",), indicator="MED21")
    selection = Selection.of(state, data)
    values = area_values(data, selection, "MED21")
    types = data.iris_index["type_iris"].reindex(areas(data, selection)["code"]).to_numpy()
    lacking = np.isnan(values.own)
    assert (lacking & (types == "D")).any()
    assert np.isnan(values.stand_in[types != "H"]).all()
    assert np.isfinite(values.stand_in[lacking & (types == "H")]).all()


@pytest.mark.parametrize(("state", "indicator"), [
    (replace(IRIS_93, departements=("75",), indicator="MED21"), "MED21"),
    (ViewState(departements=("75",), zonings=(), indicator="QPV_COMMUNE"), "QPV_COMMUNE"),
    (replace(IRIS_93, indicator="CAF_A"), "CAF_A"),
])
def test_hover_and_legend_give_the_same_reason_for_a_missing_value(data, state,
                                                                    indicator) -> None:
    """An area without value hovers with the words its legend row says, not another reason."""
    values = area_values(data, Selection.of(state, data), indicator)
    lacking = np.isnan(values.own) & np.isnan(values.stand_in)
    assert lacking.any()
    label = map_legend(data, state).missing.label
    assert {values.texts[index] for index in np.flatnonzero(lacking)} == {label}
    assert "secret statistique" not in label
