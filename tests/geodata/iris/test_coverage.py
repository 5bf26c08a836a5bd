"""IRIS sub-units: the tiling on small shapes, and the committed layer of Île-de-France."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

from geodata.base import load_iris, load_provenance, load_units
from geodata.build import build_region
from geodata.iris.build import IRIS_FILES
from geodata.iris.coverage import tile_communes
from geodata.observations.iris_sources import read_rp_iris

IRIS_DEPARTEMENTS = {"75": 992, "92": 616, "93": 614, "94": 530}


def load_iris_file(directory) -> gpd.GeoDataFrame:
    return gpd.read_parquet(directory / IRIS_FILES["detail"])


def units_frame(shapes: dict[str, shapely.Geometry], departement: str = "93") -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"code": list(shapes), "nom": [f"Commune {c}" for c in shapes],
                             "departement": departement}, geometry=list(shapes.values()),
                            crs="EPSG:4326")


def iris_frame(rows: list[tuple[str, str, shapely.Geometry]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"code": [code for code, _, _ in rows],
                             "nom": [f"IRIS {code}" for code, _, _ in rows],
                             "type_iris": "H", "commune": [commune for _, commune, _ in rows]},
                            geometry=[shape for _, _, shape in rows], crs="EPSG:4326")


@pytest.fixture(scope="module")
def tiling():
    """Three square communes, IRIS drawn as badly as the published ones."""
    units = units_frame({"93001": box(0, 0, 0.01, 0.01), "93002": box(0.01, 0, 0.02, 0.01),
                         "93003": box(0, 0.01, 0.02, 0.02)})
    iris = iris_frame([
        # West half of 93001, straying 0.0005° into nothing and overlapping its neighbour.
        ("930010101", "93001", box(-0.0005, 0, 0.0052, 0.01)),
        # East half, leaving a gap at the top and straying into 93002.
        ("930010102", "93001", box(0.005, 0, 0.0106, 0.0095)),
        ("930020000", "93002", box(0.01, 0, 0.02, 0.01)),
    ])
    return units, tile_communes(units, iris, ("93",))


class TestTiling:

    def test_a_valid_coverage_whose_union_is_each_commune(self, tiling):
        units, result = tiling
        frame = result.iris
        assert shapely.coverage_is_valid(frame.geometry.to_numpy())
        for code, outline in zip(units["code"], result.units, strict=True):
            parts = frame.loc[frame["commune"] == code].geometry.to_numpy()
            assert shapely.equals(shapely.coverage_union_all(parts), outline), code
            assert shapely.equals(outline, units.set_index("code").geometry[code]), code

    def test_adjustments_are_counted(self, tiling):
        _, result = tiling
        clipped = dict(result.adjustments["clipped"])
        assert set(clipped) == {"930010101", "930010102"}
        # 0.0005° of longitude by 0.01° of latitude, at the equator.
        assert clipped["930010101"] == pytest.approx(0.0005 * 111_320 * 0.01 * 110_574, rel=0.01)
        assert result.adjustments["overlaps"]
        assert [commune for commune, _ in result.adjustments["gaps"]] == ["93001"]
        assert result.adjustments["lost"] == []

    def test_a_commune_without_iris_is_one_sub_unit(self, tiling):
        units, result = tiling
        whole = result.iris.set_index("code").loc["930030000"]
        assert (whole["type_iris"], whole["commune"]) == ("Z", "93003")
        assert whole["nom"] == "Commune 93003"
        assert result.adjustments["whole_communes"] == ["93003"]

    def test_the_overlap_goes_to_one_iris_and_the_gap_is_filled(self, tiling):
        _, result = tiling
        frame = result.iris.set_index("code")
        west, east = frame.geometry["930010101"], frame.geometry["930010102"]
        assert shapely.area(shapely.intersection(west, east)) == 0
        assert shapely.area(west) + shapely.area(east) == pytest.approx(0.0001)


@pytest.fixture(scope="module")
def iris():
    return load_iris("11")


@pytest.fixture(scope="module")
def units():
    return load_units("11")


class TestIleDeFrance:
    """The layer ``python -m geodata build`` commits for Paris and the petite couronne."""

    def test_every_iris_of_the_four_departements(self, iris):
        assert iris["code"].str[:2].value_counts().to_dict() == IRIS_DEPARTEMENTS
        assert iris["code"].is_unique and (iris["code"].str.len() == 9).all()
        assert (iris["code"].str[:5] == iris["commune"]).all()
        assert set(iris["type_iris"]) == {"H", "A", "D", "Z"}

    @pytest.mark.parametrize("level", ["detail", "overview"])
    def test_a_valid_coverage_matching_the_communes(self, units, level):
        layer = load_iris("11", level)
        assert shapely.is_valid(layer.geometry.to_numpy()).all()
        assert shapely.coverage_is_valid(layer.geometry.to_numpy())
        four = units[units["departement"].isin(IRIS_DEPARTEMENTS)].set_index("code")
        assert set(layer["commune"]) == set(four.index)
        unions = layer.groupby("commune").geometry.agg(
            lambda shapes: shapely.coverage_union_all(shapes.to_numpy()))
        equal = shapely.equals(unions.to_numpy(), four.geometry.reindex(unions.index).to_numpy())
        assert equal.all(), list(unions.index[~equal])
        others = units.loc[~units["departement"].isin(IRIS_DEPARTEMENTS)].geometry.to_numpy()
        mixed = pd.concat([layer.geometry, pd.Series(others)]).to_numpy()
        assert shapely.coverage_is_valid(mixed)

    def test_weights_are_the_2022_census(self, iris):
        rp = read_rp_iris()["population"]
        known = iris[~iris["population_estimated"]]
        pd.testing.assert_series_equal(known.set_index("code")["population"],
                                       rp.reindex(known["code"]).rename_axis("code"),
                                       check_names=False)
        estimated = iris[iris["population_estimated"]]
        assert sorted(estimated["code"]) == [f"9306616{n:02d}" for n in range(1, 10)]
        gap = load_provenance("11")["iris"]["weights"]["estimated"]["93066"]["population"]
        assert estimated["population"].sum() == pytest.approx(gap, abs=5)

    def test_the_provenance_reports_the_adjustments(self):
        section = load_provenance("11")["iris"]
        adjustments = section["adjustments"]
        assert adjustments["iris_clipped_to_their_commune"]["count"] > 1000
        assert adjustments["gaps_filled"]["km2"] > 10
        assert adjustments["iris_lost"] == []
        # The units only gain the nodes where IRIS limits meet their edges: none moves.
        assert adjustments["units_given_iris_nodes"]["max_shift_m"] < 0.001
        assert section["checks"] == {"coverage_valid": True, "units_equal_to_their_iris": 142}
        assert section["source"]["source_line"] == "IGN, Insee — Contours IRIS"



def test_the_region_build_makes_the_committed_iris(units, iris, tmp_path):
    """``python -m geodata build`` (its region step) rebuilds the same IRIS and units."""
    provenance = build_region("11", tmp_path)
    rebuilt = load_iris_file(tmp_path)
    assert list(rebuilt["code"]) == list(iris["code"])
    assert shapely.equals(rebuilt.geometry.to_numpy(), iris.geometry.to_numpy()).all()
    rebuilt_units = gpd.read_parquet(tmp_path / "units-detail.parquet")
    assert shapely.equals(rebuilt_units.geometry.to_numpy(), units.geometry.to_numpy()).all()
    assert provenance["iris"]["units"] == len(iris)
    assert provenance["iris"]["adjustments"] == load_provenance("11")["iris"]["adjustments"]
