"""Messy but valid composition tables: what agencies really send."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from geodata.zonings import Severity, Statut
from geodata.zonings.report import Location

from .support import Validate, issues

PARIS = tuple(f"751{n:02d}" for n in range(1, 9))
ALPES = tuple(f"04{n:03d}" for n in range(1, 9))


def read_ok(validate: Validate, path: str | Path, zoning_type: str | None = None, **options):
    zoning, report = validate(path, zoning_type, **options)
    assert zoning is not None, report.to_text()
    return zoning, report


class TestEncodingsAndSeparators:
    def test_utf8_with_bom_and_crlf(self, validate: Validate) -> None:
        zoning, report = read_ok(validate, "cpts_bom.csv")
        assert list(zoning.fiches) == ["cpts-durance", "cpts-paris-centre"]
        assert zoning.fiches["cpts-durance"].nom == "CPTS Durance"
        assert not issues(report, "encoding_used")

    def test_windows_1252_with_commas_and_quoted_commas(self, validate: Validate) -> None:
        zoning, report = read_ok(validate, "perinatal_latin1.csv")
        names = [fiche.nom for fiche in zoning.fiches.values()]
        assert names == ["Réseau Périnatal Haute-Provence", "Réseau Périnatal Paris, Rive Droite"]
        assert issues(report, "encoding_used")[0].message == (
            "Fichier lu avec l'encodage Windows-1252.")
        assert zoning.type.key == "perinatal" and report.ok

    @pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
    def test_utf16_as_excel_unicode_text(self, validate: Validate, tmp_path: Path,
                                         encoding: str) -> None:
        path = tmp_path / "cpts.txt"
        path.write_bytes("code_insee\tterritoire\n04001\tCPTS Bléone\n".encode(encoding))
        zoning, _ = read_ok(validate, path, "cpts")
        assert zoning.fiches["cpts-bleone"].nom == "CPTS Bléone"

    def test_double_encoded_accents_are_repaired(self, validate: Validate,
                                                 tmp_path: Path) -> None:
        path = tmp_path / "cpts.csv"
        text = "code_insee;territoire\n04001;CPTS Vallée de l'Ubaye\n"
        path.write_text(text.encode("utf-8").decode("cp1252"), encoding="utf-8")
        zoning, report = read_ok(validate, path, "cpts")
        assert zoning.fiches["cpts-vallee-de-l-ubaye"].nom == "CPTS Vallée de l'Ubaye"
        assert issues(report, "mojibake_fixed")[0].severity is Severity.WARNING


    def test_excel_separator_hint_is_not_a_row(self, validate: Validate,
                                               tmp_path: Path) -> None:
        path = tmp_path / "cpts.csv"
        path.write_text("sep=,\ncode_insee,territoire\n04001,CPTS A\n99999,CPTS A\n",
                        encoding="utf-8")
        _, report = validate(path, "cpts")
        assert [(i.code, i.location.line) for i in report.errors] == [("unknown_code", 3)]


class TestCodes:
    def test_lost_leading_zeros_and_parent_commune(self, validate: Validate) -> None:
        zoning, report = read_ok(validate, "dac_lost_zeros.csv")
        assert zoning.units_of("dac-alpes") == ALPES
        assert zoning.units_of("dac-paris") == PARIS
        assert issues(report, "codes_padded")[0].message == (
            "Zéro initial perdu par le tableur, puis rétabli : 8 codes "
            "(par exemple « 4001 » lu « 04001 »).")
        expanded = issues(report, "parent_expanded")[0]
        assert expanded.message == "Code « 75056 » (Paris) remplacé par ses 8 arrondissements."
        assert expanded.severity is Severity.INFO and expanded.location.line == 10
        assert report.ok and not report.warnings


class TestMessyText:
    def test_line_breaks_double_spaces_and_trailing_semicolons(self,
                                                               validate: Validate) -> None:
        zoning, _ = read_ok(validate, "cpts_multiline.csv")
        fiche = zoning.fiches["cpts-vallee-de-la-durance"]
        assert fiche.nom == "CPTS Vallée de la Durance"
        assert fiche.courriel == "contact@cpts-durance.fr"
        assert zoning.fiches["cpts-paris-1-2"].nom == "CPTS Paris 1-2"
        assert zoning.units_of("cpts-vallee-de-la-durance") == ("04001", "04002")

    def test_lines_are_numbered_as_a_spreadsheet_shows_them(self, validate: Validate) -> None:
        _, report = read_ok(validate, "cpts_multiline.csv")
        assert issues(report, "header_row")[0].message == (
            "En-tête lu ligne 3 : les lignes précédentes sont ignorées.")
        # The quoted name spans two text lines but is one spreadsheet row (line 4).
        duplicate = issues(report, "duplicate_row")[0]
        assert duplicate.location.line == 6 and "(ligne 5)" in duplicate.message
        variant = issues(report, "name_variant")[0]
        assert variant.message == (
            "« cpts vallee de la durance » est lu comme le territoire "
            "« CPTS Vallée de la Durance » (ligne 4).")
        ignored = issues(report, "line_ignored")[0]
        assert ignored.location.line == 9
        assert ignored.message == "Ligne ignorée (texte hors du tableau : « Source : ARS, 2024 »)."

    def test_free_column_names_and_fiche_values(self, validate: Validate) -> None:
        zoning, report = read_ok(validate, "cpts_free_columns.csv")
        assert issues(report, "columns_used")[0].message == (
            "Colonnes utilisées : code commune = « DEPCOM », territoire = « Libellé », "
            "nom de commune = « Nom de la commune », structure porteuse = « Structure porteuse », "
            "statut = « Statut », date de création = « Date de création », "
            "courriel = « E-mail », site internet = « Site web ».")
        bievre = zoning.fiches["val-de-bievre"]
        assert bievre.nom == "Val de Bièvre"  # no "CPTS" prefix: accepted as it is
        assert bievre.type == "cpts"
        assert bievre.porteur == "Association Santé Bièvre"
        assert bievre.statut is Statut.EN_FONCTIONNEMENT
        assert bievre.courriel == "accueil@bievre.fr"
        assert bievre.site == "https://www.cpts-bievre.fr"
        assert bievre.date_creation == "2021-03-15"
        durance = zoning.fiches["haute-durance"]
        assert (durance.statut, durance.date_creation) == (Statut.EN_PROJET, "2023")
        assert zoning.units_of("val-de-bievre") == ("04001", "04002")
        # "Château-Arnoux" for "Château-Arnoux-Saint-Auban" is no mismatch.
        assert not issues(report, "name_mismatch")


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """An agency workbook: title, merged name cells, numeric codes, a notes sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "CPTS 04"
    sheet.append(["Composition des CPTS au 1er janvier 2024"])
    sheet.append([])
    sheet.append(["Code INSEE", "Commune", "CPTS", "Date de création", "Tél."])
    sheet.append([4001, "Aubignosc", "CPTS Durance", dt.datetime(2020, 6, 1), 492000001])
    sheet.append([4002, "Bévons", None, None, None])
    sheet.append([4003.0, "Château-Arnoux-Saint-Auban", None, None, None])
    sheet.merge_cells("C4:C6")
    sheet.append([4004, "Digne-les-Bains", "CPTS Bléone", None, None])
    sheet.append([99999, "Ailleurs", "CPTS Bléone", None, None])
    notes = book.create_sheet("Notes")
    notes.append(["Fichier établi par la délégation départementale."])
    paris = book.create_sheet("Paris")
    paris.append(["code_insee", "territoire"])
    paris.append(["75056", "CPTS Paris"])
    path = tmp_path / "listing.xlsx"
    book.save(path)
    return path


class TestWorkbook:
    def test_merged_cells_numeric_codes_and_several_sheets(self, validate: Validate,
                                                           workbook: Path) -> None:
        zoning, report = validate(workbook, "cpts")
        assert [issue.code for issue in report.errors] == ["unknown_code"]
        assert report.errors[0].location == Location(
            "listing.xlsx", sheet="CPTS 04", line=8, column="Code INSEE")
        assert zoning is None

    def test_workbook_content(self, validate: Validate, workbook: Path,
                              tmp_path: Path) -> None:
        book = openpyxl.load_workbook(workbook)
        book["CPTS 04"].delete_rows(8)
        fixed = tmp_path / "fixed.xlsx"
        book.save(fixed)
        zoning, report = read_ok(validate, fixed, "cpts")
        assert zoning.units_of("cpts-durance") == ("04001", "04002", "04003")
        assert zoning.units_of("cpts-paris") == PARIS
        durance = zoning.fiches["cpts-durance"]
        assert (durance.date_creation, durance.telephone) == ("2020-06-01", "04 92 00 00 01")
        assert issues(report, "sheets_read")[0].message == (
            "Feuilles lues : « CPTS 04 », « Paris ». Feuilles ignorées (sans colonnes "
            "reconnues) : « Notes ».")
        assert issues(report, "header_row")[0].location.sheet == "CPTS 04"
