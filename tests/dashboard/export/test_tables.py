"""Data exports: CSV for Excel in French, GeoJSON with fiches, sources on every row."""

from __future__ import annotations

import dataclasses
import io
import json

import numpy as np
import pandas as pd
import pytest
import shapely

from dashboard.export.tables import (
    communes_csv,
    territories_csv,
    territories_geojson,
    territory_rows,
)
from dashboard.strings import ILLUSTRATIVE_NOTICE
from dashboard.views.panorama import structure_rows
from geodata.sources import POPULATION_VINTAGE, SOURCE_LINE
from tests.hostile import FORMULAS, with_fiche_texts

from .support import VIEW_93, VIEW_REGION

VALUE_HEADER = "Taux de pauvreté (seuil à 60 % du niveau de vie médian) (%)"


def read(body: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(body), sep=";", decimal=",", encoding="utf-8-sig",
                       dtype={"Code commune": str, "Département": str})


@pytest.fixture(scope="module")
def body(data) -> bytes:
    return communes_csv(data, VIEW_93)


class TestCommunesCsv:
    def test_excel_french_format(self, body) -> None:
        assert body.startswith(b"\xef\xbb\xbf")
        header, first = body.decode("utf-8-sig").splitlines()[:2]
        assert header.split(";")[:5] == ["Code commune", "Commune", "Département",
                                         "Population municipale", VALUE_HEADER]
        assert first.startswith("93001;Aubervilliers;93;88365;42;")
        assert ";36,451236;" in body.decode("utf-8-sig")  # decimal comma, full precision

    def test_one_row_per_commune_with_its_value(self, data, body) -> None:
        frame = read(body)
        assert len(frame) == 39 and set(frame["Département"]) == {"93"}
        expected = data.table["TP6021"].reindex(frame["Code commune"]).to_numpy()
        np.testing.assert_allclose(frame[VALUE_HEADER].to_numpy(), expected, rtol=1e-6)

    def test_covering_territories_and_sources_on_every_row(self, body) -> None:
        frame = read(body)
        assert frame["DAC"].str.startswith("DAC démo 93").all()
        assert frame["Source de l'indicateur"].eq("Source : Insee, Filosofi 2021").all()
        assert frame["Source de la géographie"].eq(SOURCE_LINE).all()
        assert POPULATION_VINTAGE in SOURCE_LINE
        assert frame["Source des périmètres"].str.startswith(ILLUSTRATIVE_NOTICE).all()
        assert frame["Classe sur la carte"].str.contains("%").all()

    def test_missing_values_are_empty_not_zero(self, data) -> None:
        frame = read(communes_csv(data, VIEW_REGION))
        secret = data.table["TP6021"].reindex(frame["Code commune"]).isna().to_numpy()
        assert secret.sum() > 0
        assert frame.loc[secret, VALUE_HEADER].isna().all()
        assert (frame[VALUE_HEADER].dropna() > 0).all()

    def test_uncovered_commune_is_a_zone_blanche(self, data) -> None:
        frame = read(communes_csv(data, dataclasses.replace(VIEW_REGION, zonings=("cpts",))))
        assert (frame["CPTS"] == "zone blanche").any()


class TestTerritories:
    def test_rows_are_the_structures_touching_the_departement(self, data) -> None:
        rows = territory_rows(data, VIEW_93)
        panorama = structure_rows(data)
        touching = panorama[panorama["zoning"].isin(["dac", "cpts"])
                            & panorama["departements"].str.contains("93")]
        assert len(rows) == len(touching) > 0
        assert list(rows["zoning"].unique()) == ["dac", "cpts"]
        assert rows["nom"].iloc[0] == "DAC démo 93-A"

    def test_names_sort_naturally(self, data) -> None:
        names = territory_rows(data, dataclasses.replace(VIEW_REGION, zonings=("cpts",)))["nom"]
        numbers = [int(name.split()[2]) for name in names]
        assert numbers == sorted(numbers)

    def test_csv(self, data) -> None:
        frame = read(territories_csv(data, VIEW_93))
        assert list(frame.columns[:3]) == ["Type", "Identifiant", "Nom"]
        assert frame["Illustratif"].eq("oui").all()
        assert frame[VALUE_HEADER].between(0, 100).all()
        assert frame["Part de la population couverte par la valeur (%)"].between(0, 100).all()

    def test_geojson_has_fiches_geometry_and_the_notice(self, data) -> None:
        collection = territories_geojson(data, VIEW_93)
        text = json.dumps(collection, allow_nan=False, ensure_ascii=False)  # no NaN
        assert collection["avertissement"] == ILLUSTRATIVE_NOTICE
        assert "Source : Insee, Filosofi 2021" in collection["sources"]
        features = collection["features"]
        assert len(features) == len(territory_rows(data, VIEW_93))
        properties = features[0]["properties"]
        for field in ("nom", "porteur", "statut", "missions", "telephone", "courriel",
                      "illustratif", "communes", "population", "TP6021"):
            assert field in properties
        assert properties["illustratif"] is True
        assert "DAC démo 93-A" in text

    def test_geojson_follows_rfc_7946(self, data) -> None:
        for feature in territories_geojson(data, VIEW_93)["features"]:
            shape = shapely.geometry.shape(feature["geometry"])
            assert shape.is_valid
            for polygon in getattr(shape, "geoms", [shape]):
                assert shapely.is_ccw(polygon.exterior)
            assert 2.0 < shape.centroid.x < 3.0 and 48.7 < shape.centroid.y < 49.1

    def test_without_zoning_nothing_illustrative(self, data) -> None:
        state = dataclasses.replace(VIEW_93, zonings=())
        collection = territories_geojson(data, state)
        assert collection["features"] == [] and "avertissement" not in collection
        assert read(territories_csv(data, state)).empty


@pytest.fixture(scope="module")
def hostile(data):
    return with_fiche_texts(data, "cpts", {"nom": FORMULAS, "porteur": FORMULAS,
                                          "site": FORMULAS})


class TestFormulasAreNeutralised:
    """Imported names and contacts never run as formulas in Excel (issue 16, point 2)."""

    def test_territoires_csv(self, hostile) -> None:
        frame = pd.read_csv(io.BytesIO(territories_csv(hostile, VIEW_REGION)), sep=";",
                            encoding="utf-8-sig", dtype=str, keep_default_na=False)
        for column in ("Nom", "Porteur", "Site"):
            assert {"'" + formula for formula in FORMULAS} <= set(frame[column]), column
            assert not frame[column].str.startswith(("=", "+", "-", "@", "\t", "\r")).any()

    def test_communes_csv(self, hostile) -> None:
        frame = read(communes_csv(hostile, dataclasses.replace(VIEW_REGION, zonings=("cpts",))))
        names = frame["CPTS"].astype(str)
        assert names.str.startswith("'=").any()
        assert not names.str.startswith(("=", "+", "-", "@")).any()

    def test_negative_numbers_stay_numeric(self, data) -> None:
        body = territories_csv(data, VIEW_93).decode("utf-8-sig")
        assert ";'-" not in body and ";'" not in body.replace(";'=", "")
