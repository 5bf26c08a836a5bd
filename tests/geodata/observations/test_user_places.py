"""Users' lists of places: read as agencies write them, placed, and reported in French."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from geodata.cli import main as cli
from geodata.observations.place_intake import read_places_path
from geodata.observations.place_texts import MAX_CATEGORIES, NO_CATEGORY, OTHER_CATEGORIES
from geodata.observations.user_places import read_place_file
from geodata.zonings.formats import Kind

TODAY = dt.date(2026, 12, 5)


def write(folder: Path, text: str, name: str = "lieux.csv", encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def read(path: Path, units, aliases, kind: Kind = Kind.CSV):
    return read_place_file(path, kind, units, aliases, today=TODAY)


class TestLocation:
    def test_french_decimals_in_windows_1252(self, tmp_path, units, aliases) -> None:
        path = write(tmp_path, "Nom;Catégorie;Latitude;Longitude\n"
                               "PASS de l'hôpital Delafontaine;PASS;48,9411;2,3566\n"
                               "CCAS d'Aubervilliers;CCAS;48,9146;2,3821\n", encoding="cp1252")
        report = read(path, units, aliases)
        places = report.layer.places
        assert report.rows == report.placed == 2
        assert places["code"].tolist() == ["93066", "93001"]
        assert places["nom"].tolist()[0] == "PASS de l'hôpital Delafontaine"
        assert not places["at_centre"].any()
        assert "Windows-1252" in report.to_text()

    def test_lambert93_metres_are_converted(self, tmp_path, units, aliases) -> None:
        path = write(tmp_path, "nom,coordxet,coordyet\nHôpital,652868.4,6871428.6\n")
        report = read(path, units, aliases)
        row = report.layer.places.iloc[0]
        assert (round(row.lon, 4), round(row.lat, 4), row.code) == (2.3566, 48.9411, "93066")
        assert "Lambert-93" in report.to_text()

    def test_swapped_coordinates_are_put_back(self, tmp_path, units, aliases) -> None:
        path = write(tmp_path, "nom;lat;lon\nX;2,3566;48,9411\n")
        report = read(path, units, aliases)
        assert report.layer.places.iloc[0]["code"] == "93066"
        assert "inversées" in report.to_text()

    def test_one_column_holding_both(self, tmp_path, units, aliases) -> None:
        path = write(tmp_path, 'nom;geo_point_2d\nX;"48.9411, 2.3566"\n')
        assert read(path, units, aliases).layer.places.iloc[0]["code"] == "93066"

    def test_code_only_puts_the_place_at_the_commune_centre(self, tmp_path, units,
                                                            aliases) -> None:
        path = write(tmp_path, "Code INSEE;Nom\n93066;Permanence\n93059;Ancienne\n75056;Paris\n")
        report = read(path, units, aliases)
        places = report.layer.places.set_index("nom")
        assert places["at_centre"].all()
        assert places.loc["Ancienne", "code"] == "93066"  # former commune, merged
        assert places.loc["Paris", "code"] == "75056"  # the whole city, never the 1er
        assert report.layer.whole_cities["75056"][0] == "75101"
        assert report.at_centre == 3
        assert "dont 3 au centre de leur commune" in report.headline

    def test_coordinates_win_over_a_code_that_disagrees(self, tmp_path, units,
                                                        aliases) -> None:
        path = write(tmp_path, "nom;lat;lon;code commune\nX;48,9411;2,3566;93001\n")
        report = read(path, units, aliases)
        assert report.layer.places.iloc[0]["code"] == "93066"
        assert "pas dans la commune 93001" in report.to_text()


class TestRejections:
    def test_each_rejected_row_says_why_and_where(self, tmp_path, units, aliases) -> None:
        path = write(tmp_path, "nom;lat;lon;code\n"
                               "Bon;48,9411;2,3566;\n"
                               "Illisible;abc;2,3;\n"
                               "Marseille;43,2965;5,3698;\n"
                               "Rien;;;\n"
                               "Inconnu;;;93999\n"
                               "Postal;;;93000\n")
        report = read(path, units, aliases)
        assert (report.rows, report.placed, report.rejected) == (6, 1, 5)
        text = report.to_text()
        assert report.headline == ("Fichier « lieux.csv » : 6 lignes lues, 1 lieu placé, "
                                   "5 lignes rejetées.")
        for line, reason in ((3, "illisibles"), (4, "hors de la région"),
                             (5, "Ni coordonnées ni code"), (6, "93999 inconnu"),
                             (7, "code postal")):
            assert f"ligne {line} : " in text and reason in text

    def test_no_column_to_place_them(self, tmp_path, units, aliases) -> None:
        report = read(write(tmp_path, "nom;adresse\nX;1 rue de Paris\n"), units, aliases)
        assert not report.ok
        assert "latitude" in report.to_text() and "« adresse »" in report.to_text()

    def test_nothing_placed_is_an_error(self, tmp_path, units, aliases) -> None:
        report = read(write(tmp_path, "nom;lat;lon\nX;43,3;5,4\n"), units, aliases)
        assert report.layer is None
        assert "Aucun lieu n'a pu être placé" in report.to_text()

    def test_a_formula_is_kept_as_text(self, tmp_path, units, aliases) -> None:
        path = write(tmp_path, 'nom;lat;lon\n"=HYPERLINK(""http://x"")";48,9411;2,3566\n')
        assert read(path, units, aliases).layer.places.iloc[0]["nom"].startswith("=HYPER")


class TestCategoriesAndValues:
    def test_value_column_and_missing_category(self, tmp_path, units, aliases) -> None:
        path = write(tmp_path, "nom;catégorie;lat;lon;Nombre de passages\n"
                               "A;PASS;48,9411;2,3566;1 200\nB;;48,9146;2,3821;n/a\n")
        report = read(path, units, aliases)
        places = report.layer.places
        assert places["value"].iloc[0] == 1200
        assert places["category"].tolist() == ["PASS", NO_CATEGORY]
        assert report.layer.value_label == "Nombre de passages"
        assert "« n/a » de la colonne « Nombre de passages » non numérique" in report.to_text()

    def test_rare_categories_are_grouped(self, tmp_path, units, aliases) -> None:
        rows = "".join(f"L{i};type {i};48,9411;2,3566\n" for i in range(MAX_CATEGORIES + 3))
        report = read(write(tmp_path, "nom;type;lat;lon\n" + rows), units, aliases)
        categories = set(report.layer.places["category"])
        assert len(categories) == MAX_CATEGORIES and OTHER_CATEGORIES in categories

    def test_excel_workbook(self, tmp_path, units, aliases) -> None:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Lieux d'accueil"])  # a title line above the table
        sheet.append([])
        sheet.append(["Nom", "Type", "Latitude", "Longitude"])
        sheet.append(["Accueil de jour", "Accueil", 48.9411, 2.3566])
        path = tmp_path / "lieux.xlsx"
        book.save(path)
        report = read(path, units, aliases, Kind.XLSX)
        assert report.placed == 1, report.to_text()

    def test_layer_names_its_source_and_date(self, tmp_path, units, aliases) -> None:
        report = read(write(tmp_path, "nom;lat;lon\nX;48,9411;2,3566\n", "PASS 93.csv"),
                      units, aliases)
        layer = report.layer
        assert (layer.key, layer.label, layer.vintage) == ("pass-93", "PASS 93", "2026-12-05")
        assert layer.source == "Source : fichier « PASS 93.csv », importé le 05/12/2026"


class TestCommandLine:
    def test_same_report_as_the_web(self, tmp_path, units, aliases, capsys) -> None:
        path = write(tmp_path, "nom;lat;lon\nX;48,9411;2,3566\nY;43;5\n")
        assert cli(["places", str(path)]) == 0
        printed = capsys.readouterr().out
        assert printed.strip() == read_places_path(path, units, aliases).to_text()
        assert "2 lignes lues, 1 lieu placé, 1 ligne rejetée" in printed

    def test_refused_file_exits_1(self, tmp_path, capsys) -> None:
        path = tmp_path / "lieux.csv"
        path.write_bytes(b"%PDF-1.4 not a table")
        assert cli(["places", str(path)]) == 1
        assert "document PDF" in capsys.readouterr().out

    def test_geojson_is_no_list_of_places(self, tmp_path, capsys) -> None:
        path = tmp_path / "lieux.geojson"
        path.write_text('{"type": "FeatureCollection", "features": []}')
        assert cli(["places", str(path)]) == 1
        assert "tableau" in capsys.readouterr().out
