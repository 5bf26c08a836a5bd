"""Tests of the INSEE file reader, the Filosofi table and the import of users' files."""

from __future__ import annotations

import hashlib
import io
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geodata.base import INDICATORS_FILE, load_code_aliases, load_units
from geodata.catalog import load_indicator_table
from geodata.config import region_dir
from geodata.observations.aggregation import aggregate_departements, aggregate_region
from geodata.observations.filosofi import (
    FILOSOFI_FILE,
    FILOSOFI_SHA256,
    ImportReport,
    IndicatorFileError,
    import_observation,
    load_filosofi,
    read_filosofi,
    read_indicator_table,
    read_insee_file,
    write_indicator_table,
)
from geodata.observations.indicators import INDICATORS, get_indicator

FIXTURES = Path(__file__).parent / "fixtures" / "indicators"
MINI_FILOSOFI = FIXTURES / "filosofi-mini.csv"
IDF_DEPARTEMENTS = ("75", "77", "78", "91", "92", "93", "94", "95")
PARIS_ARRONDISSEMENTS = [f"751{number:02d}" for number in range(1, 21)]
NAN = float("nan")


def frame(columns: dict, codes: list[str]) -> pd.DataFrame:
    return pd.DataFrame(columns, index=pd.Index(codes, name="CODGEO", dtype="str"))


class TestReaderVariations:
    def test_semicolon_decimal_comma_latin1(self):
        result = read_insee_file(FIXTURES / "semicolon-comma-latin1.csv")
        expected = frame({"TP6021": [17.0, 25.0, 18.0], "MED21": [21660.0, 19910.0, 22890.0],
                          "Part_allocataires_aidés": [12.5, NAN, 9.25]},
                         ["01004", "75119", "2A004"])
        pd.testing.assert_frame_equal(result, expected)

    def test_comma_decimal_point_bom(self):
        result = read_insee_file(FIXTURES / "comma-point-bom.csv")
        expected = frame({"TP6021": [17.0, 25.0], "MED21": [21660.0, 19910.5]},
                         ["01004", "75119"])
        pd.testing.assert_frame_equal(result, expected)

    def test_lost_leading_zeros_are_restored_corsica_kept(self):
        result = read_insee_file(FIXTURES / "lost-leading-zeros.csv")
        assert list(result.index) == ["04001", "01004", "2A004", "2B033", "75101"]
        assert result.loc["04001", "MED21"] == 21660.0  # « 21 660 »

    def test_secret_and_missing_values_are_nan_never_zero(self):
        result = read_insee_file(FIXTURES / "secret-values.csv")
        expected = frame({"TP6021": [NAN, NAN, 17.0, 0.0],
                          "MED21": [25820.0, 24480.0, 21660.0, NAN],
                          "PPSOC21": [NAN, NAN, 7.0, 0.0]},
                         ["01001", "01002", "01004", "01005"])
        pd.testing.assert_frame_equal(result, expected)

    def test_title_lines_and_geography_columns(self):
        result = read_insee_file(FIXTURES / "title-lines.csv")
        expected = frame({"TP6021": [18.0, 36.0]}, ["2A004", "93066"])
        pd.testing.assert_frame_equal(result, expected)

    @pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8"])
    def test_excel_unicode_text_and_other_encodings(self, encoding):
        text = "CODGEO\tPart_œuvrée\r\n01004\t1 234,5\r\n"
        result = read_insee_file(text.encode(encoding), filename="export.txt")
        pd.testing.assert_frame_equal(result, frame({"Part_œuvrée": [1234.5]}, ["01004"]))

    @pytest.mark.parametrize("make", [
        lambda path: path,
        lambda path: str(path),
        lambda path: path.read_bytes(),
        lambda path: io.BytesIO(path.read_bytes()),
        lambda path: io.StringIO(path.read_text(encoding="utf-8")),
    ], ids=["path", "str", "bytes", "binary buffer", "text buffer"])
    def test_sources(self, make):
        result = read_insee_file(make(FIXTURES / "lost-leading-zeros.csv"))
        assert result.index[0] == "04001"

    def test_note_lines_under_the_table_are_skipped(self):
        result = read_insee_file(b"CODGEO;X\n01001;1\n01002;\n\nSource : Insee\n", filename="f")
        pd.testing.assert_frame_equal(result, frame({"X": [1.0, NAN]}, ["01001", "01002"]))


def error_of(source, **options) -> IndicatorFileError:
    with pytest.raises(IndicatorFileError) as caught:
        read_insee_file(source, **options)
    return caught.value


class TestReaderErrors:
    def test_no_codgeo_column(self):
        error = error_of(b"code;TP6021\n01001;12\n", filename="taux.csv")
        assert str(error) == ("Le fichier « taux.csv » n'a pas de colonne CODGEO (code commune "
                              "Insee) dans ses 20 premières lignes ; colonnes de la ligne 1 : "
                              "code, TP6021.")

    def test_empty_file(self):
        assert str(error_of(b"", filename="vide.csv")) == "Le fichier « vide.csv » est vide."

    def test_header_without_rows(self):
        assert str(error_of(b"CODGEO;TP6021\n", filename="entete.csv")) == (
            "Le fichier « entete.csv » ne contient aucune ligne de données après l'en-tête.")

    def test_non_numeric_value_names_line_and_column(self):
        error = error_of(FIXTURES / "non-numeric-value.csv")
        assert str(error) == (
            "Fichier « non-numeric-value.csv », ligne 12, colonne TP6021 : valeur non "
            "numérique « abc » (attendu : un nombre, ou « s » ou rien si la valeur manque).")
        assert (error.filename, error.line, error.column) == (
            "non-numeric-value.csv", 12, "TP6021")

    def test_duplicate_codgeo(self):
        error = error_of(b"CODGEO;MED21\n01001;1\n01002;2\n1001;3\n", filename="doublons.csv")
        assert str(error) == ("Fichier « doublons.csv », ligne 4, colonne CODGEO : le code "
                              "commune 01001 figure déjà ligne 2.")

    def test_missing_code(self):
        error = error_of(b"CODGEO;MED21\n01001;1\n;2\n", filename="trou.csv")
        assert str(error) == "Fichier « trou.csv », ligne 3 : code commune absent (colonne CODGEO)."

    def test_duplicate_column(self):
        error = error_of(b"CODGEO;MED21;MED21\n01001;1;2\n", filename="col.csv")
        assert str(error) == "Fichier « col.csv », ligne 1 : la colonne « MED21 » est en double."

    def test_too_many_cells(self):
        error = error_of(b"CODGEO;MED21\n01001;1;2\n", filename="large.csv")
        assert str(error) == ("Fichier « large.csv », ligne 2 : 3 valeurs pour 2 colonnes "
                              "d'en-tête.")

    @pytest.mark.parametrize("content", [
        bytes(range(256)) * 8,
        bytes(range(128, 256)) * 20,
    ], ids=["binary", "garbage"])
    def test_binary_or_garbage(self, content):
        assert str(error_of(content, filename="image.png")) == (
            "Le fichier « image.png » n'est pas un fichier texte CSV lisible (contenu binaire ou "
            "encodage inconnu).")

    def test_spreadsheet(self):
        assert str(error_of(b"PK\x03\x04" + bytes(100), filename="taux.xlsx")) == (
            "Le fichier « taux.xlsx » est un classeur, une archive ou un PDF, pas un fichier "
            "texte : enregistrez-le au format CSV (séparateur « ; »).")

    @pytest.mark.parametrize("as_path", [True, False], ids=["path", "bytes"])
    def test_too_large(self, tmp_path, as_path):
        path = tmp_path / "gros.csv"
        path.write_bytes(b"CODGEO;X\n" + b"01001;1\n" * 200)
        source = path if as_path else path.read_bytes()
        error = error_of(source, filename="gros.csv", max_bytes=1000)
        assert str(error) == ("Le fichier « gros.csv » est trop volumineux (0,0 Mo ; maximum "
                              "0,0 Mo).")

    def test_missing_file(self, tmp_path):
        assert str(error_of(tmp_path / "absent.csv")) == (
            "Le fichier « absent.csv » n'a pas pu être lu : fichier introuvable.")

    def test_is_a_value_error(self):
        assert issubclass(IndicatorFileError, ValueError)


@pytest.fixture(scope="module")
def filosofi():
    return read_filosofi()


class TestFilosofiFile:
    """The bundled file, unchanged from its source (see geodata/data/indicators/SOURCE.md)."""

    def test_checksum(self):
        assert hashlib.sha256(FILOSOFI_FILE.read_bytes()).hexdigest() == FILOSOFI_SHA256
        assert FILOSOFI_SHA256 in (FILOSOFI_FILE.parent / "SOURCE.md").read_text(encoding="utf-8")

    def test_shape(self, filosofi):
        assert len(filosofi) == 34_909
        assert len(filosofi.columns) == 27
        assert filosofi.index.is_unique
        assert (filosofi.dtypes == np.float64).all()

    def test_cities_and_arrondissements_are_both_present(self, filosofi):
        assert set(PARIS_ARRONDISSEMENTS + ["75056", "69123", "13055"]) <= set(filosofi.index)
        paris = filosofi.loc[PARIS_ARRONDISSEMENTS, "NBPERSMENFISC21"].sum()
        assert paris == pytest.approx(filosofi.loc["75056", "NBPERSMENFISC21"], rel=1e-5)

    def test_secret_counts(self, filosofi):
        assert filosofi["TP6021"].notna().sum() == 4_397
        assert filosofi["MED21"].notna().sum() == 31_304

    def test_poverty_rate_covers_94_percent_of_ile_de_france(self, filosofi):
        communes = filosofi[filosofi.index.str[:2].isin(IDF_DEPARTEMENTS)
                            & (filosofi.index != "75056")]
        weight = communes["NBPERSMENFISC21"]
        coverage = weight[communes["TP6021"].notna()].sum() / weight.sum()
        assert len(communes) == 1_286
        assert communes["TP6021"].notna().sum() == 486
        assert 0.9375 < coverage < 0.9385  # measured 0.937934

    def test_callers_get_their_own_copy(self):
        first = read_filosofi()
        first.loc["01004", "MED21"] = -1.0
        first["NEW"] = 0.0
        second = read_filosofi()
        assert second.loc["01004", "MED21"] == 21660.0
        assert "NEW" not in second


def mini_units(codes: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"code": codes, "nom": codes, "departement": [c[:2] for c in codes],
                         "population": np.arange(1, len(codes) + 1) * 1000,
                         "area_km2": np.full(len(codes), 2.0)})


ALIASES = pd.DataFrame({"alias": ["75056", "93059"],
                        "kind": ["arrondissements", "ancienne_commune"],
                        "codes": [";".join(PARIS_ARRONDISSEMENTS), "93066"],
                        "nom": ["Paris", "Pierrefitte-sur-Seine"]})


class TestLoadFilosofi:
    def test_columns_and_index(self):
        table = load_filosofi(mini_units(["75101", "77001"]), path=MINI_FILOSOFI)
        assert list(table.columns) == [*(indicator.code for indicator in INDICATORS),
                                       "NBPERSMENFISC21", "area_km2"]
        assert list(table.index) == ["75101", "77001"]

    def test_arrondissement_rows_are_used_not_the_city(self):
        table = load_filosofi(mini_units(["75101", "75102"]), path=MINI_FILOSOFI)
        assert table["TP6021"].tolist() == [12.0, 14.0]
        assert table["NBPERSMENFISC21"].tolist() == [14945.0, 20000.0]

    def test_city_and_its_arrondissements_are_refused(self):
        with pytest.raises(ValueError, match="à la fois 75056 et ses arrondissements"):
            load_filosofi(mini_units(["75056", "75101"]), path=MINI_FILOSOFI)

    def test_secret_values_stay_missing(self):
        table = load_filosofi(mini_units(["77001", "77002", "77999"]), path=MINI_FILOSOFI)
        assert table.loc["77001", "MED21"] == 30970.0
        assert table.loc[["77001", "77002", "77999"], "TP6021"].isna().all()

    def test_population_and_density_from_the_units(self):
        table = load_filosofi(mini_units(["75101", "77001"]), path=MINI_FILOSOFI)
        assert table["POP"].tolist() == [1000.0, 2000.0]
        assert table["DENSITE"].tolist() == [500.0, 1000.0]
        assert table["area_km2"].tolist() == [2.0, 2.0]

    def test_former_commune_merged_into_its_successor(self):
        table = load_filosofi(mini_units(["93066"]), ALIASES, path=MINI_FILOSOFI)
        weight = 106397 + 30999
        assert table.loc["93066", "NBPERSMENFISC21"] == weight
        assert table.loc["93066", "TP6021"] == pytest.approx((36 * 106397 + 38 * 30999) / weight)
        assert table.loc["93066", "MED21"] == pytest.approx(
            (16620 * 106397 + 16080 * 30999) / weight)

    def test_without_aliases_the_former_commune_is_unused(self):
        table = load_filosofi(mini_units(["93066"]), path=MINI_FILOSOFI)
        assert table.loc["93066", "NBPERSMENFISC21"] == 106397
        assert table.loc["93066", "TP6021"] == 36.0


@pytest.fixture(scope="module")
def idf_units():
    return load_units("11")


@pytest.fixture(scope="module")
def idf_table(idf_units):
    return load_filosofi(idf_units, load_code_aliases("11"))


class TestIleDeFrance:
    """The Filosofi table of the committed Île-de-France base geography."""

    def test_every_unit_joins(self, idf_table):
        assert len(idf_table) == 1_285
        assert idf_table["NBPERSMENFISC21"].notna().sum() == 1_270  # 15 tiny communes secret
        assert idf_table["MED21"].notna().sum() == 1_270
        assert idf_table["TP6021"].notna().sum() == 485
        assert idf_table["POP"].sum() == 12_174_880
        # With Pierrefitte merged into Saint-Denis, no person of the file is lost.
        assert idf_table["NBPERSMENFISC21"].sum() == 11_834_617

    def test_regional_poverty_rate_and_coverage(self, idf_table, idf_units):
        region = aggregate_region(idf_table, get_indicator("TP6021"), idf_units).iloc[0]
        assert region["coverage"] == pytest.approx(0.937934, abs=1e-6)
        assert region["value"] == pytest.approx(16.797, abs=1e-3)

    def test_seine_saint_denis(self, idf_table, idf_units):
        departements = aggregate_departements(idf_table, get_indicator("TP6021"), idf_units)
        assert departements.loc["93", "value"] == pytest.approx(28.41, abs=0.01)
        assert departements.loc["93", "coverage"] == 1.0


    def test_the_stored_table_is_the_join_of_the_committed_files(self, idf_table):
        # The build stores it; a change to Filosofi, the units or the join needs a rebuild.
        stored = read_indicator_table(region_dir("11") / INDICATORS_FILE)
        pd.testing.assert_frame_equal(stored, idf_table)
        pd.testing.assert_frame_equal(load_indicator_table("11"), idf_table)


class TestStoredTable:
    def test_round_trip(self, table, tmp_path):
        path = tmp_path / INDICATORS_FILE
        write_indicator_table(table, path, source=MINI_FILOSOFI)
        pd.testing.assert_frame_equal(read_indicator_table(path, source=MINI_FILOSOFI), table)

    def test_joined_from_another_file_is_not_used(self, table, tmp_path):
        path = tmp_path / INDICATORS_FILE
        write_indicator_table(table, path, source=MINI_FILOSOFI)
        changed = tmp_path / "filosofi.csv"
        changed.write_bytes(MINI_FILOSOFI.read_bytes().replace(b"\n", b"\r\n"))
        assert read_indicator_table(path, source=changed) is None

    def test_absent(self, tmp_path):
        assert read_indicator_table(tmp_path / INDICATORS_FILE) is None


@pytest.fixture()
def table():
    return load_filosofi(mini_units(["75101", "75102", "93066", "77001"]), path=MINI_FILOSOFI)


class TestImportObservation:
    UNITS = mini_units(["75101", "75102", "93066", "77001"])

    def test_new_column_becomes_a_user_indicator(self, table):
        content = "CODGEO;LIBGEO;TX_CHOM;TP6021\n75101;Paris 1er;8,5;99\n75102;Paris 2e;s;99\n"
        merged, report = import_observation(table, content.encode("cp1252"), self.UNITS,
                                            filename="chômage.csv")
        assert merged.loc["75101", "TX_CHOM"] == 8.5
        assert math.isnan(merged.loc["75102", "TX_CHOM"])  # secret, not zero
        assert merged["TP6021"].equals(table["TP6021"])
        (indicator,) = report.indicators
        assert (indicator.code, indicator.label, indicator.source, indicator.kind,
                indicator.decimals) == ("TX_CHOM", "TX_CHOM", "Source : chômage.csv", "rate", 1)
        assert report.matched == 2
        assert report.filled == {"TX_CHOM": 1}
        assert report.ignored_columns == ("LIBGEO",)
        assert report.existing_columns == ("TP6021",)
        assert report.messages[:2] == (
            "Indicateurs ajoutés depuis « chômage.csv » : « TX_CHOM ».",
            "Unités de la carte présentes dans le fichier : 2 sur 4.")
        assert "Colonnes déjà présentes, non remplacées : TP6021." in report.messages

    def test_unknown_codes_are_reported_not_fatal(self, table):
        codes = ["75101", "75056", "93059", "93999", "77998", "01001", "2A004"]
        content = "CODGEO;X\n" + "".join(f"{code};1\n" for code in codes)
        merged, report = import_observation(table, content.encode(), self.UNITS,
                                            filename="x.csv", aliases=ALIASES)
        assert report.split_cities == ("75056",)
        assert report.former_codes == (("93059", "93066"),)
        assert report.unknown_codes == ("93999", "77998")
        assert report.outside_rows == 2
        assert report.missing_units == ("75102 (75102)", "93066 (93066)", "77001 (77001)")
        assert "Codes inconnus, ignorés : 2 (par exemple : 93999, 77998)." in report.messages
        assert "Anciennes communes, ignorées : 93059 (fusionnée dans 93066)." in report.messages
        assert "Lignes hors de la région, ignorées : 2." in report.messages
        assert merged["X"].notna().sum() == 1

    def test_examples_are_limited(self, table):
        content = "CODGEO;X\n75101;1\n" + "".join(f"770{n:02d};1\n" for n in range(10, 20))
        _, report = import_observation(table, content.encode(), self.UNITS, filename="x.csv")
        assert ("Codes inconnus, ignorés : 10 (par exemple : 77010, 77011, 77012, 77013, "
                "77014 …).") in report.messages

    def test_no_matching_code_is_an_error(self, table):
        with pytest.raises(IndicatorFileError, match=r"Aucun code commune du fichier « x.csv » "
                           r"ne correspond aux communes de la carte \(codes lus, par exemple : "
                           r"01001\)\."):
            import_observation(table, b"CODGEO;X\n01001;1\n", self.UNITS, filename="x.csv")

    def test_no_new_column_is_an_error(self, table):
        with pytest.raises(IndicatorFileError, match=r"n'apporte aucune nouvelle colonne "
                           r"numérique \(colonnes déjà présentes ou ignorées : TP6021, LIBGEO\)"):
            import_observation(table, b"CODGEO;LIBGEO;TP6021\n75101;Paris;1\n", self.UNITS,
                               filename="x.csv")

    @pytest.mark.parametrize("content", [
        b"CODGEO;X\n75101;abc\n75102;1\n",
        b"CODGEO;X\n01001;1\n",
        b"",
    ], ids=["bad value", "no match", "empty"])
    def test_table_untouched_on_error(self, table, content):
        before = table.copy()
        with pytest.raises(IndicatorFileError):
            import_observation(table, content, self.UNITS, filename="x.csv")
        pd.testing.assert_frame_equal(table, before)

    def test_table_untouched_on_success(self, table):
        before = table.copy()
        merged, _ = import_observation(table, b"CODGEO;X\n75101;1\n", self.UNITS, filename="x.csv")
        pd.testing.assert_frame_equal(table, before)
        assert "X" in merged and "X" not in table

    def test_report_is_immutable(self, table):
        _, report = import_observation(table, b"CODGEO;X\n75101;1\n", self.UNITS, filename="x.csv")
        assert isinstance(report, ImportReport)
        with pytest.raises(AttributeError):
            report.matched = 0
