"""One test per validation rule: a small bad file, its French message and its location."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from geodata.zonings import MAX_FILE_BYTES, Severity
from geodata.zonings.report import Location

from .support import Validate, issues


def only(report, code: str):
    found = issues(report, code)
    assert len(found) == 1, report.to_text()
    return found[0]


class TestCodes:
    def test_unknown_code_names_the_code_and_its_line(self, validate: Validate) -> None:
        zoning, report = validate("unknown_code.csv", "cpts")
        assert zoning is None
        issue = only(report, "unknown_code")
        assert issue.severity is Severity.ERROR
        assert issue.message == (
            "Code commune « 93999 » inconnu dans la géographie de référence "
            "(commune d'une autre région ou code erroné).")
        assert issue.location == Location("unknown_code.csv", line=3, column="code_insee")
        assert issue.describe() == (
            "unknown_code.csv, ligne 3, colonne « code_insee » : " + issue.message)

    def test_postal_code_is_recognised_as_such(self, validate: Validate) -> None:
        zoning, report = validate("postal_code.csv", "cpts")
        issue = only(report, "postal_code")
        assert zoning is None
        assert issue.message.startswith("« 04000 » est un code postal")
        assert (issue.location.line, issue.location.column) == (2, "code_insee")

    def test_invalid_code(self, validate: Validate) -> None:
        _, report = validate("invalid_code.csv", "cpts")
        issue = only(report, "invalid_code")
        assert "« AB12 » invalide" in issue.message
        assert issue.location.line == 3

    def test_outdated_code_names_old_and_new_commune(self, validate: Validate) -> None:
        zoning, report = validate("outdated_code.csv", "cpts")
        issue = only(report, "former_commune")
        assert issue.severity is Severity.WARNING
        assert issue.message == (
            "Code ancien « 04099 » (Vieux-Bévons) : commune fusionnée dans 04002 (Bévons) ; "
            "elle est rattachée à la commune actuelle.")
        assert issue.location.line == 3
        assert zoning is not None and zoning.territories_of("04002") == ("cpts-durance",)


class TestRows:
    def test_duplicate_row_is_a_warning_pointing_at_the_first(self, validate: Validate) -> None:
        zoning, report = validate("duplicate_row.csv", "cpts")
        issue = only(report, "duplicate_row")
        assert issue.severity is Severity.WARNING
        assert issue.message == (
            "La commune 04001 (Aubignosc) est déjà listée pour « CPTS Durance » (ligne 2) : "
            "doublon ignoré.")
        assert issue.location.line == 4
        assert zoning is not None and zoning.units_of("cpts-durance") == ("04001", "04002")

    def test_missing_name_gives_the_line(self, validate: Validate) -> None:
        zoning, report = validate("missing_name.csv", "cpts")
        issue = only(report, "missing_name")
        assert zoning is None
        assert issue.message.startswith("Nom du territoire manquant pour la commune « 04002 »")
        assert issue.location == Location("missing_name.csv", line=3, column="territoire")

    def test_empty_territory_is_kept_with_a_warning(self, validate: Validate) -> None:
        zoning, report = validate("empty_territory.csv", "cpts")
        assert zoning is not None
        assert only(report, "missing_code").location.line == 3
        issue = only(report, "empty_territory")
        assert issue.message == (
            "Le territoire « CPTS Bléone » ne contient aucune commune : "
            "il n'apparaîtra pas sur la carte.")
        assert issue.location.line == 3
        assert zoning.units_of("cpts-bleone") == ()

    def test_id_with_two_names(self, validate: Validate, tmp_path: Path) -> None:
        path = tmp_path / "cpts.csv"
        path.write_text("id;code_insee;territoire\ncpts-1;04001;CPTS A\ncpts-1;04002;CPTS B\n",
                        encoding="utf-8")
        zoning, report = validate(path, "cpts")
        issue = only(report, "id_name_conflict")
        assert issue.message == (
            "L'identifiant « cpts-1 » désigne déjà « CPTS A » (ligne 2) : « CPTS B » est "
            "regroupé avec lui.")
        assert zoning.units_of("cpts-1") == ("04001", "04002")

    def test_fiche_conflict_keeps_the_first_value(self, validate: Validate) -> None:
        zoning, report = validate("fiche_conflict.csv", "cpts")
        issue = only(report, "fiche_conflict")
        assert issue.message == (
            "Téléphone de « CPTS Durance » : « 04 92 00 00 02 » diffère de « 04 92 00 00 01 » "
            "(ligne 2) ; la première valeur est gardée.")
        assert issue.location == Location("fiche_conflict.csv", line=3, column="téléphone")
        assert zoning.fiches["cpts-durance"].telephone == "04 92 00 00 01"

    def test_commune_name_that_does_not_match_the_code(self, validate: Validate) -> None:
        _, report = validate("name_mismatch.csv", "cpts")
        issue = only(report, "name_mismatch")
        assert issue.message == (
            "Le code 04002 est celui de « Bévons », pas de « Forcalquier » : vérifiez le code.")
        assert (issue.location.line, issue.location.column) == (3, "commune")

    @pytest.mark.parametrize(("code", "column", "start"), [
        ("bad_statut", "statut", "Statut « peut-être » non reconnu"),
        ("bad_date", "date de création", "Date « l'an dernier » non reconnue"),
        ("bad_email", "courriel", "Adresse de courriel « contact(at)durance.fr » invalide"),
    ])
    def test_odd_fiche_values_are_warnings(self, validate: Validate, code: str, column: str,
                                           start: str) -> None:
        zoning, report = validate("bad_fiche_values.csv", "cpts")
        issue = only(report, code)
        assert zoning is not None
        assert issue.severity is Severity.WARNING
        assert issue.message.startswith(start)
        assert (issue.location.line, issue.location.column) == (2, column)


class TestRules:
    def test_overlap_is_an_error_for_a_partition(self, validate: Validate) -> None:
        zoning, report = validate("dac_overlap.csv", "dac")
        issue = only(report, "overlap_forbidden")
        assert zoning is None
        assert issue.message == (
            "La commune 04003 (Château-Arnoux-Saint-Auban) est rattachée à plusieurs "
            "territoires : « DAC Alpes » (ligne 4), « DAC Paris » (ligne 18). DAC : une commune "
            "ne peut appartenir qu'à un seul territoire.")
        assert issue.location.line == 18

    def test_shared_commune_is_a_warning_for_cpts(self, validate: Validate) -> None:
        zoning, report = validate("cpts_shared.csv", "cpts")
        issue = only(report, "shared_commune")
        assert zoning is not None
        assert issue.severity is Severity.WARNING
        assert issue.message.startswith(
            "Commune partagée : 75101 (Paris 1er Arrondissement) est rattachée à "
            "« CPTS Paris 1 » (ligne 2), « CPTS Paris 2 » (ligne 4), sans répartition "
            "indiquée : sa population est comptée à parts égales (50,0\u00a0% dans chacun)")
        assert zoning.shared_units() == {"75101": ("cpts-paris-1", "cpts-paris-2")}

    def test_free_rule_says_nothing_of_overlaps(self, validate: Validate) -> None:
        zoning, report = validate("dac_overlap.csv", "inconnu")
        assert zoning is not None
        assert not issues(report, "overlap_forbidden") and not issues(report, "shared_commune")

    def test_gap_in_a_partition_lists_count_and_first_communes(self, validate: Validate) -> None:
        zoning, report = validate("dac_gap.csv", "dac")
        issue = only(report, "gap")
        assert zoning is None
        assert issue.message == (
            "Département 04 : 2 communes sans territoire (04007 (Ganagobie), "
            "04008 (Saint-Étienne-les-Orgues)), alors que les DAC doivent couvrir tout le "
            "département.")
        assert issue.location == Location("dac_gap.csv")

    def test_gaps_are_only_counted_for_other_rules(self, validate: Validate) -> None:
        zoning, report = validate("dac_gap.csv", "cpts")
        assert zoning is not None
        assert only(report, "uncovered").severity is Severity.INFO

    def test_unknown_type_uses_the_free_rule_and_says_so(self, validate: Validate) -> None:
        zoning, report = validate("cpts_shared.csv", "maisons_sport_sante")
        issue = only(report, "unknown_type")
        assert issue.severity is Severity.WARNING
        assert issue.message.startswith(
            "Type de découpage « maisons_sport_sante » inconnu : aucun contrôle de "
            "chevauchement ni de couverture (types connus : dac, cpts,")
        assert zoning is not None and zoning.type.key == "maisons_sport_sante"
        assert not issues(report, "shared_commune")

    def test_type_is_guessed_from_the_file_name(self, validate: Validate) -> None:
        zoning, report = validate("dac_overlap.csv")
        assert only(report, "type_from_file_name").message == (
            "Type de découpage déduit du nom du fichier : DAC.")
        assert zoning is None

    def test_no_type_at_all_is_a_warning(self, validate: Validate) -> None:
        zoning, report = validate("unnamed_columns.csv", mapping={
            "code": "Colonne A", "nom": "Colonne B"})
        assert zoning is not None and zoning.type.key == "autre"
        assert only(report, "no_type").severity is Severity.WARNING


class TestColumns:
    def test_missing_code_column_lists_the_columns_found(self, validate: Validate) -> None:
        zoning, report = validate("no_code_column.csv", "cpts")
        issue = only(report, "no_header")
        assert zoning is None
        assert issue.message == (
            "Aucune colonne pour le code commune. Colonnes trouvées : « Nom », « Adresse », "
            "« Ville ». Nommez-la par exemple « code_insee », ou indiquez la correspondance "
            "des colonnes.")

    def test_missing_name_column(self, validate: Validate) -> None:
        _, report = validate("no_name_column.csv", "cpts")
        assert only(report, "no_header").message.startswith(
            "Aucune colonne pour le nom du territoire. Colonnes trouvées : « code_insee », "
            "« population ».")

    def test_explicit_mapping_overrides_detection(self, validate: Validate) -> None:
        zoning, report = validate("unnamed_columns.csv", "cpts",
                                  mapping={"code": "colonne a", "Nom": "Colonne B"})
        assert report.ok, report.to_text()
        assert zoning.units_of("cpts-durance") == ("04001", "04002")

    def test_mapping_to_a_missing_column(self, validate: Validate) -> None:
        zoning, report = validate("unnamed_columns.csv", "cpts",
                                  mapping={"code": "Code géo", "nom": "Colonne B"})
        assert zoning is None
        assert only(report, "mapped_column_missing").message == (
            "La colonne « Code géo » indiquée pour le code commune n'existe pas. "
            "Colonnes trouvées : « Colonne A », « Colonne B ».")

    def test_mapping_with_an_unknown_role(self, validate: Validate) -> None:
        _, report = validate("unnamed_columns.csv", "cpts", mapping={"couleur": "Colonne A"})
        assert only(report, "unknown_role").message.startswith(
            "Correspondance de colonnes : « couleur » n'est pas un contenu connu")


class TestUnreadableFiles:
    @pytest.mark.parametrize(("name", "code", "message"), [
        ("empty.csv", "file_empty", "Le fichier est vide."),
        ("header_only.csv", "no_data_rows",
         "Le fichier ne contient aucune ligne de données sous l'en-tête."),
        ("binary.csv", "binary_file",
         "Le fichier ne contient pas de texte lisible : ce n'est ni un tableau CSV ni un "
         "classeur Excel."),
        ("bad_encoding.csv", "bad_encoding",
         "Le fichier contient des caractères illisibles (U+0090) : encodage non reconnu. "
         "Enregistrez-le au format « CSV UTF-8 » depuis le tableur."),
        ("not_a_table.pdf", "unsupported_format",
         "Format non pris en charge (document PDF) : fournissez un tableau CSV ou Excel "
         "(.xlsx), ou un fichier géographique GeoJSON, GeoPackage ou Shapefile zippé."),
        ("legacy.xls", "unsupported_spreadsheet",
         "Classeur Excel 97-2003 (.xls) ou protégé par mot de passe non pris en charge : "
         "enregistrez-le au format Excel (.xlsx) ou CSV."),
        ("absent.csv", "file_not_found", "Fichier introuvable."),
    ])
    def test_is_one_french_error(self, validate: Validate, name: str, code: str,
                                 message: str) -> None:
        zoning, report = validate(name, "cpts")
        assert zoning is None
        assert [issue.code for issue in report.errors] == [code]
        assert report.errors[0].message == message

    def test_too_large_file(self, validate: Validate, tmp_path: Path) -> None:
        path = tmp_path / "enorme.csv"
        with path.open("wb") as file:
            file.truncate(MAX_FILE_BYTES + 5 * 1024**2)  # sparse: costs no disk
        _, report = validate(path, "cpts")
        assert [issue.message for issue in report.errors] == [
            "Le fichier pèse 55,0\u00a0Mo : la taille maximale acceptée est 50,0\u00a0Mo."]

    def test_truncated_archive(self, validate: Validate, tmp_path: Path) -> None:
        path = tmp_path / "cpts.xlsx"
        path.write_bytes(b"PK\x03\x04" + bytes(100))
        zoning, report = validate(path, "cpts")
        assert zoning is None and [issue.code for issue in report.errors] == ["corrupt_archive"]
        assert report.errors[0].message.startswith("Archive ZIP endommagée ou incomplète")

    def test_corrupt_workbook(self, validate: Validate, tmp_path: Path) -> None:
        path = tmp_path / "cpts.xlsx"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("xl/workbook.xml", "<pas du XML")
        zoning, report = validate(path, "cpts")
        assert zoning is None and [issue.code for issue in report.errors] == ["corrupt_workbook"]
        assert report.errors[0].message.startswith("Le classeur Excel est endommagé ou illisible")

    def test_quote_never_closed(self, validate: Validate, tmp_path: Path) -> None:
        path = tmp_path / "cpts.csv"
        path.write_text('code_insee;territoire\n04001;"CPTS A\n04002;CPTS B\n04003;CPTS B\n',
                        encoding="utf-8")
        zoning, report = validate(path, "cpts")
        assert zoning is None
        assert [(i.code, i.location.line) for i in report.errors] == [("unclosed_quote", 2)]

    def test_cell_beyond_the_csv_limit(self, validate: Validate, tmp_path: Path) -> None:
        path = tmp_path / "cpts.csv"
        path.write_text('code_insee;territoire\n04001;"' + "x" * 200_000 + '"\n',
                        encoding="utf-8")
        _, report = validate(path, "cpts")
        assert [(i.code, i.location.line) for i in report.errors] == [("csv_malformed", 2)]
        assert "guillemet jamais refermé" in report.errors[0].message

    def test_archive_that_unpacks_too_large(self, validate: Validate, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr("geodata.zonings.formats.MAX_UNCOMPRESSED_BYTES", 1000)
        path = tmp_path / "dac.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("dac.geojson", " " * 5000)
        _, report = validate(path, "dac")
        assert [issue.code for issue in report.errors] == ["archive_too_large"]

    def test_unforeseen_failure_is_still_french(self, validate: Validate, monkeypatch) -> None:
        def explode(*_: object) -> None:
            raise RuntimeError("boom")

        monkeypatch.setattr("geodata.zonings.validation.read_composition", explode)
        zoning, report = validate("cpts_bom.csv")
        assert zoning is None
        assert report.errors[0].message.startswith(
            "Erreur inattendue pendant la lecture du fichier (RuntimeError : boom).")
