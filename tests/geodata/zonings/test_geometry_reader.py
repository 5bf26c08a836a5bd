"""Outline files: GeoJSON, GeoPackage, zipped Shapefile; approximate limits; CRS problems."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geodata.zonings import Severity, Statut

from .support import Validate, issues

#: Territories of the synthetic grid used to build outline files.
DAC = {**dict.fromkeys([f"04{n:03d}" for n in range(1, 9)], "DAC Alpes"),
       **dict.fromkeys([f"751{n:02d}" for n in range(1, 9)], "DAC Paris")}


def outlines(units: gpd.GeoDataFrame, crs: str = "EPSG:4326") -> gpd.GeoDataFrame:
    """DAC outlines dissolved from the grid, with a French attribute name."""
    frame = units.assign(nom_dac=units["code"].map(DAC)).dissolve("nom_dac").reset_index()
    return frame[["nom_dac", "geometry"]].to_crs(crs)


def zipped_shapefile(frame: gpd.GeoDataFrame, directory: Path, *, prj: bool = True) -> Path:
    shapefile = directory / "shp" / "dac_idf.shp"
    shapefile.parent.mkdir()
    frame.to_file(shapefile)
    archive = directory / "dac_idf.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for part in shapefile.parent.iterdir():
            if prj or part.suffix != ".prj":
                zipped.write(part, f"export/{part.name}")
    return archive


def geojson(path: Path, features: list[tuple[dict, dict | None]]) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": properties, "geometry": geometry}
        for properties, geometry in features]}), encoding="utf-8")
    return path


class TestApproximateGeoJSON:
    def test_units_go_to_the_largest_share(self, validate: Validate) -> None:
        zoning, report = validate("cpts_approx.geojson")
        assert zoning is not None, report.to_text()
        assert zoning.units_of("cpts-ouest") == ("04001", "04002", "04003", "04004")
        assert zoning.units_of("cpts-est") == tuple(f"751{n:02d}" for n in range(1, 9))
        assert zoning.units_of("cpts-nord") == ("04005", "04006")
        assert zoning.territories_of("04007") == ()

    def test_partly_covered_units_keep_their_share(self, validate: Validate) -> None:
        zoning, report = validate("cpts_approx.geojson")
        assert zoning.share_of("cpts-nord", "04005") == pytest.approx(0.490, abs=1e-3)
        assert zoning.share_of("cpts-ouest", "04001") == 1.0
        partial = issues(report, "partial_from_polygons")
        assert partial[0].message == (
            "Commune couverte en partie par les contours : 04005 (Entrevennes) — "
            "« CPTS Nord » 49,0\u00a0% (part de la surface) ; 51,0\u00a0% de la commune hors "
            "de tout contour.")
        assert partial[0].location.describe() == (
            "cpts_approx.geojson, entité n° 3 (« CPTS Nord »)")

    def test_digitising_slivers_are_dropped_and_reported(self, validate: Validate) -> None:
        zoning, report = validate("cpts_approx.geojson")
        assert zoning.territories_of("04002") == ("cpts-ouest",)
        assert issues(report, "slivers_dropped")[0].message.startswith(
            "Débords de contour ignorés (7 morceaux, moins de 2,0\u00a0% de la commune ou bande "
            "de moins de 50 m de large) : 04002 (Bévons) dans « CPTS Est » (0,6\u00a0%)")

    def test_a_commune_cut_in_two_goes_to_both(self, validate: Validate, units,
                                               tmp_path: Path) -> None:
        path = geojson(tmp_path / "cpts.geojson", [
            ({"nom": "CPTS A"}, shapely.geometry.mapping(shapely.box(2.20, 48.70, 2.2275, 48.75))),
            ({"nom": "CPTS B"}, shapely.geometry.mapping(shapely.box(2.2275, 48.70, 2.25, 48.75))),
        ])
        zoning, report = validate(path)
        assert zoning.territories_of("04001") == ("cpts-a", "cpts-b")
        assert zoning.share_of("cpts-a", "04001") == pytest.approx(0.55)
        assert zoning.share_of("cpts-b", "04001") == pytest.approx(0.45)
        assert set(zoning.outlines) == {"cpts-a", "cpts-b"}
        assert not issues(report, "empty_territory")
        assert zoning.coverage(units).population_covered == 1000

    def test_attributes_fill_the_fiches(self, validate: Validate) -> None:
        zoning, _ = validate("cpts_approx.geojson")
        ouest = zoning.fiches["cpts-ouest"]
        assert (ouest.statut, ouest.telephone) == (Statut.EN_FONCTIONNEMENT, "04 92 00 00 10")
        assert zoning.fiches["cpts-est"].statut is None

    def test_invalid_geometry_is_repaired_and_named(self, validate: Validate,
                                                    tmp_path: Path) -> None:
        bow_tie = {"type": "Polygon", "coordinates": [[
            [2.20, 48.70], [2.30, 48.80], [2.30, 48.70], [2.20, 48.80], [2.20, 48.70]]]}
        square = shapely.geometry.mapping(shapely.box(2.30, 48.70, 2.40, 48.90))
        path = geojson(tmp_path / "cpts.geojson", [
            ({"nom": "CPTS Carrée"}, square), ({"nom": "CPTS Papillon"}, bow_tie)])
        zoning, report = validate(path)
        repaired = issues(report, "geometry_repaired")[0]
        assert repaired.message == "Géométrie invalide (auto-intersection) réparée automatiquement."
        assert repaired.location.describe(with_file=False) == "entité n° 2 (« CPTS Papillon »)"
        assert zoning is not None and zoning.units_of("cpts-papillon")


class TestFormats:
    def test_geopackage_in_lambert93(self, validate: Validate, units, tmp_path: Path) -> None:
        path = tmp_path / "dac.gpkg"
        outlines(units, "EPSG:2154").to_file(path, layer="dac")
        zoning, report = validate(path)
        assert zoning is not None, report.to_text()
        assert set(zoning.members) == {(f"dac-{n.split()[1].lower()}", c) for c, n in DAC.items()}
        assert not report.warnings

    def test_geopackage_with_several_layers(self, validate: Validate, units,
                                            tmp_path: Path) -> None:
        path = tmp_path / "dac.gpkg"
        units.representative_point().to_frame("geometry").to_file(path, layer="points")
        outlines(units).to_file(path, layer="perimetres")
        zoning, report = validate(path, "dac")
        assert zoning is not None, report.to_text()
        assert issues(report, "several_layers")[0].message == (
            "Le fichier contient plusieurs couches (« points », « perimetres ») : "
            "« perimetres » est lue.")

    def test_zipped_shapefile_found_inside_the_archive(self, validate: Validate, units,
                                                       tmp_path: Path) -> None:
        zoning, report = validate(zipped_shapefile(outlines(units, "EPSG:2154"), tmp_path))
        assert zoning is not None, report.to_text()
        assert zoning.type.key == "dac" and len(zoning.members) == 16

    def test_shapefile_without_prj_in_lambert93(self, validate: Validate, units,
                                                tmp_path: Path) -> None:
        archive = zipped_shapefile(outlines(units, "EPSG:2154"), tmp_path, prj=False)
        zoning, report = validate(archive)
        assert zoning is None
        assert [issue.message for issue in report.errors] == [
            "Le fichier n'indique pas son système de coordonnées, et ses coordonnées "
            "ressemblent à du Lambert-93 : ajoutez le fichier .prj du Shapefile (dans la même "
            "archive) ou déclarez le système EPSG:2154."]

    def test_declared_crs_rescues_a_shapefile_without_prj(self, validate: Validate, units,
                                                          tmp_path: Path) -> None:
        archive = zipped_shapefile(outlines(units, "EPSG:2154"), tmp_path, prj=False)
        zoning, report = validate(archive, crs="EPSG:2154")
        assert zoning is not None, report.to_text()
        assert len(zoning.members) == 16
        assert issues(report, "crs_overridden")

    def test_shapefile_without_prj_in_degrees(self, validate: Validate, units,
                                              tmp_path: Path) -> None:
        zoning, report = validate(zipped_shapefile(outlines(units), tmp_path, prj=False))
        assert zoning is not None
        assert issues(report, "missing_crs_degrees")[0].severity is Severity.WARNING

    def test_shapefile_without_prj_in_another_projection(self, validate: Validate, units,
                                                         tmp_path: Path) -> None:
        # Web Mercator coordinates of Paris fall within the Lambert-93 ranges.
        archive = zipped_shapefile(outlines(units, "EPSG:3857"), tmp_path, prj=False)
        _, report = validate(archive)
        assert [issue.message for issue in report.errors] == [
            "Le fichier n'indique pas son système de coordonnées, et ses coordonnées "
            "ressemblent à du Web Mercator : ajoutez le fichier .prj (dans la même archive) ou "
            "déclarez le système EPSG:3857."]

    @pytest.mark.parametrize(("xoff", "code"), [
        (-300_000, "missing_crs_lambert93"),  # Lambert-93, but another region
        (-2_000_000, "missing_crs_unknown"),
    ])
    def test_shapefile_without_prj_off_the_region(self, validate: Validate, units,
                                                  tmp_path: Path, xoff: int, code: str) -> None:
        far = outlines(units, "EPSG:2154")
        far["geometry"] = far.translate(xoff=xoff)
        _, report = validate(zipped_shapefile(far, tmp_path, prj=False))
        assert [issue.code for issue in report.errors] == [code]

    def test_broken_geojson(self, validate: Validate, tmp_path: Path) -> None:
        path = tmp_path / "cpts.geojson"
        path.write_text('{"type": "FeatureCollection", "features": [{"type": ', encoding="utf-8")
        _, report = validate(path)
        assert [issue.code for issue in report.errors] == ["gis_unreadable"]
        assert str(tmp_path) not in report.errors[0].message

    def test_unknown_declared_crs(self, validate: Validate) -> None:
        _, report = validate("cpts_approx.geojson", crs="Lambert 2 étendu")
        assert [issue.code for issue in report.errors] == ["bad_crs"]

    def test_geojson_with_lambert93_coordinates(self, validate: Validate,
                                                tmp_path: Path) -> None:
        square = shapely.geometry.mapping(shapely.box(650_000, 6_860_000, 660_000, 6_870_000))
        path = geojson(tmp_path / "cpts.geojson", [({"nom": "CPTS L93"}, square)])
        _, report = validate(path)
        assert [issue.code for issue in report.errors] == ["crs_mismatch"]
        assert report.errors[0].message == (
            "Les coordonnées (x de 650\u00a0000 à 660\u00a0000, y de 6\u00a0860\u00a0000 à "
            "6\u00a0870\u00a0000) ne correspondent pas au système déclaré (EPSG:4326) : elles "
            "ressemblent à du Lambert-93, déclarez EPSG:2154.")

    def test_archive_without_layer(self, validate: Validate, tmp_path: Path) -> None:
        path = tmp_path / "cpts.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("lisez-moi.txt", "rien")
        _, report = validate(path)
        assert report.errors[0].message == (
            "L'archive ZIP ne contient aucune couche géographique (.shp, .gpkg, .geojson) ni "
            "classeur : fichiers trouvés : lisez-moi.txt.")

    def test_incomplete_shapefile(self, validate: Validate, units, tmp_path: Path) -> None:
        archive = zipped_shapefile(outlines(units), tmp_path)
        trimmed = tmp_path / "trimmed.zip"
        with zipfile.ZipFile(archive) as source, zipfile.ZipFile(trimmed, "w") as target:
            for name in source.namelist():
                if not name.endswith(".dbf"):
                    target.writestr(name, source.read(name))
        _, report = validate(trimmed, "dac")
        assert report.errors[0].message == (
            "Shapefile « dac_idf.shp » incomplet : il manque .dbf (à mettre dans la même "
            "archive).")


class TestContent:
    @pytest.mark.parametrize(("features", "code", "message"), [
        ([({"nom": "CPTS"}, {"type": "Point", "coordinates": [2.25, 48.75]})], "not_polygons",
         "Les entités sont de type point : des contours de territoires (polygones) sont "
         "attendus."),
        ([({"nom": "CPTS"}, shapely.geometry.mapping(shapely.box(5, 45, 5.1, 45.1)))],
         "outside_region",
         "Les contours ne recouvrent aucune commune de la région : vérifiez le système de "
         "coordonnées ou la région choisie."),
        ([({"id": 1}, shapely.geometry.mapping(shapely.box(2.2, 48.7, 2.3, 48.8)))],
         "no_header",
         "Aucune colonne pour le nom du territoire. Colonnes trouvées : « id ». Nommez-la par "
         "exemple « territoire », ou indiquez la correspondance des colonnes."),
        ([], "no_features", "Le fichier géographique ne contient aucune entité."),
    ])
    def test_unusable_outlines(self, validate: Validate, tmp_path: Path, features: list,
                               code: str, message: str) -> None:
        zoning, report = validate(geojson(tmp_path / "cpts.geojson", features))
        assert zoning is None
        assert [(issue.code, issue.message) for issue in report.errors] == [(code, message)]

    def test_feature_without_geometry_is_skipped(self, validate: Validate,
                                                 tmp_path: Path) -> None:
        path = geojson(tmp_path / "cpts.geojson", [
            ({"nom": "CPTS A"}, shapely.geometry.mapping(shapely.box(2.2, 48.7, 2.3, 48.8))),
            ({"nom": "CPTS vide"}, None),
        ])
        zoning, report = validate(path)
        assert zoning is not None
        skipped = issues(report, "missing_geometry")[0]
        assert skipped.describe(with_file=False) == (
            "entité n° 2 (« CPTS vide ») : Entité sans géométrie : ignorée.")

    def test_feature_without_name(self, validate: Validate, tmp_path: Path) -> None:
        path = geojson(tmp_path / "cpts.geojson", [
            ({"nom": "CPTS A"}, shapely.geometry.mapping(shapely.box(2.2, 48.7, 2.3, 48.8))),
            ({"nom": None}, shapely.geometry.mapping(shapely.box(2.3, 48.7, 2.4, 48.8))),
        ])
        zoning, report = validate(path)
        assert zoning is None
        error = report.errors[0]
        assert (error.code, error.location.feature) == ("missing_feature_name", 2)
        assert error.describe(with_file=False) == "entité n° 2 : Nom du territoire manquant."
