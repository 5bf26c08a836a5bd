"""The reader of INSEE-shaped files: the shapes real files come in, and the French errors."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from geodata.observations.insee_files import IndicatorFileError, read_insee_file

from .support import FIXTURES, NAN


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
