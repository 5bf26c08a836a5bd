"""The analyses on the real units of Île-de-France, EPCI and départements as zonings."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest

from geodata.base import load_units
from geodata.geometry import dissolve
from geodata.heterogeneity import (
    LENGTH_CRS,
    Nesting,
    boundary_mismatch,
    departement_crossings,
    territory_nesting,
    unit_edges,
)
from geodata.zonings.model import Fiche, Zoning
from geodata.zonings.zoning_types import load_zoning_types


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
        # Paris, 2,103,778 of its 7,142,540 inhabitants (populations légales 2023).
        assert nesting.loc["200054781", "main_share"] == pytest.approx(0.295, abs=0.001)
        others = nesting.drop(index="200054781")
        index = (others["population"] * others["main_share"]).sum() / others["population"].sum()
        assert index == pytest.approx(0.951, abs=0.001)
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
