"""Users' own indicators by commune or IRIS: read, placed, brought to communes, reported."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from geodata import catalog
from geodata.cli import main as cli
from geodata.observations.place_intake import read_indicators_path
from geodata.observations.session_indicators import SessionIndicators
from geodata.observations.user_indicators import decimals_of, read_indicator_file
from geodata.zonings.formats import Kind

TODAY = dt.date(2026, 12, 5)


@pytest.fixture(scope="module")
def iris():
    return catalog.load_observations("11").iris


def write(folder: Path, text: str, name: str = "obs.csv", encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def read(path, units, aliases, iris, kind=Kind.CSV, combine="rate"):
    return read_indicator_file(path, kind, units, aliases, iris, combine=combine, today=TODAY)


def test_decimals_show_every_value_exactly() -> None:
    assert decimals_of(pd.Series([1.0, 20.0, np.nan])) == 0
    assert decimals_of(pd.Series([1.25, 2.5])) == 2
    assert decimals_of(pd.Series([1 / 3])) == 3  # never more than three


class TestCommunes:
    def test_columns_become_named_indicators(self, tmp_path, units, aliases, iris) -> None:
        path = write(tmp_path, "Code commune;Commune;Patients suivis;Taux (%)\n"
                               "93066;Saint-Denis;1 234;12,5\n93001;Aubervilliers;800;\n",
                     encoding="cp1252")
        report = read(path, units, aliases, iris)
        result = report.result
        assert [i.code for i in result.indicators] == ["u-patients-suivis", "u-taux"]
        indicator = result.indicators[0]
        assert indicator.label == "Vos observations : Patients suivis"
        assert indicator.source == "Source : fichier « obs.csv », importé le 05/12/2026"
        assert indicator.weight == "POP" and indicator.iris_source is None
        assert result.units.loc["93066", "u-patients-suivis"] == 1234
        # An empty cell is missing, never zero.
        assert np.isnan(result.units.loc["93001", "u-taux"])
        assert report.headline == ("Fichier « obs.csv » : 2 lignes lues, 2 communes placées, "
                                   "0 ligne rejetée.")
        assert "« Taux (%) » : valeur pour 1 commune sur 2 communes placées." in report.to_text()

    def test_an_import_is_dated_by_france_s_day(self, tmp_path, units, aliases, iris,
                                                monkeypatch) -> None:
        class SummerNightUtc(dt.datetime):
            @classmethod
            def now(cls, tz=None):
                return dt.datetime(2026, 7, 14, 22, 30, tzinfo=dt.UTC).astimezone(tz)

        monkeypatch.setattr(dt, "datetime", SummerNightUtc)
        path = write(tmp_path, "CODGEO;Valeur\n93066;1\n")
        report = read_indicator_file(path, Kind.CSV, units, aliases, iris, combine="rate")
        assert report.result.indicators[0].source.endswith("importé le 15/07/2026")

    def test_each_rejected_row_says_why_and_where(self, tmp_path, units, aliases, iris) -> None:
        path = write(tmp_path, "CODGEO;Valeur\n93066;1\n75056;2\n93059;3\n93999;4\n93066;5\n"
                               ";6\n93000;7\n93001;=1+1\n")
        report = read(path, units, aliases, iris)
        assert (report.rows, report.placed, report.rejected) == (8, 2, 6)
        text = report.to_text()
        for line, reason in ((3, "ville entière"), (4, "ancienne commune"),
                             (5, "93999 inconnu"), (6, "figure déjà ligne 2"),
                             (7, "Code absent"), (8, "code postal"),
                             (9, "« =1+1 » de la colonne « Valeur » non numérique")):
            assert f"ligne {line} : " in text and reason in text, (line, text)
        assert np.isnan(report.result.units.loc["93001", "u-valeur"])

    def test_no_code_or_no_number(self, tmp_path, units, aliases, iris) -> None:
        report = read(write(tmp_path, "nom;valeur\nX;1\n"), units, aliases, iris)
        assert not report.ok and "code commune" in report.to_text()
        report = read(write(tmp_path, "code;nom\n93066;X\n"), units, aliases, iris)
        assert not report.ok and "Aucune colonne numérique" in report.to_text()

    def test_excel_with_a_title_line(self, tmp_path, units, aliases, iris) -> None:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Observatoire local"])
        sheet.append(["Code INSEE", "Nom", "Permanences"])
        sheet.append(["93066", "Saint-Denis", 4])
        path = tmp_path / "obs.xlsx"
        book.save(path)
        report = read(path, units, aliases, iris, Kind.XLSX)
        assert report.result.units.loc["93066", "u-permanences"] == 4, report.to_text()

    def test_formula_sign_is_removed_from_a_label(self, tmp_path, units, aliases, iris) -> None:
        report = read(write(tmp_path, 'code;"=cmd|x"\n93066;1\n'), units, aliases, iris)
        assert report.result.indicators[0].label == "Vos observations : cmd|x"
        assert "signe de formule" in report.to_text()


class TestIris:
    CODES = ("930660101", "930660102", "930660103")

    def test_mean_weighted_by_iris_population_with_the_covered_share(
            self, tmp_path, units, aliases, iris) -> None:
        known = [code for code in iris.index if code.startswith("93066")][:3]
        path = write(tmp_path, "CODE_IRIS;Part\n" + "".join(
            f"{code};{value}\n" for code, value in zip(known, (10, 20, ""), strict=True)))
        report = read(path, units, aliases, iris)
        result = report.result
        assert result.iris.loc[known[0], "u-part"] == 10
        assert result.indicators[0].iris_source == result.indicators[0].source
        weights = iris.loc[known[:2], "population"]
        expected = (10 * weights.iloc[0] + 20 * weights.iloc[1]) / weights.sum()
        assert result.units.loc["93066", "u-part"] == pytest.approx(expected)
        share = weights.sum() / iris.loc[iris["commune"] == "93066", "population"].sum()
        assert f"couvrent {share * 100:.1f} %".replace(".", ",") in report.to_text()

    def test_counts_sum_only_complete_communes(self, tmp_path, units, aliases, iris) -> None:
        arr = [code for code in iris.index if iris.at[code, "commune"] == "75101"]
        rows = "".join(f"{code};5\n" for code in arr)
        partial = [code for code in iris.index if iris.at[code, "commune"] == "75102"][:1]
        path = write(tmp_path, "IRIS;Patients\n" + rows + f"{partial[0]};3\n")
        result = read(path, units, aliases, iris, combine="count").result
        assert result.units.loc["75101", "u-patients"] == 5 * len(arr)
        assert np.isnan(result.units.loc["75102", "u-patients"])  # never a partial sum
        assert result.indicators[0].kind == "count"

    def test_commune_codes_and_bad_codes_in_an_iris_file(self, tmp_path, units, aliases,
                                                         iris) -> None:
        code = next(code for code in iris.index if code.startswith("93066"))
        path = write(tmp_path, f"IRIS;v\n{code};1\n93066;2\nABC;3\n930669999;4\n")
        text = read(path, units, aliases, iris).to_text()
        assert "code commune dans un fichier par IRIS" in text
        assert "« ABC » n'est pas un code IRIS" in text
        assert "IRIS 930669999 inconnu" in text


class TestCommandLineAndSession:
    def test_same_report_as_the_web(self, tmp_path, units, aliases, iris, capsys) -> None:
        path = write(tmp_path, "code;v\n93066;1\n99999;2\n")
        assert cli(["observations", str(path)]) == 0
        printed = capsys.readouterr().out.strip()
        assert printed == read_indicators_path(path, units, aliases, iris).to_text()
        assert "2 lignes lues, 1 commune placée, 1 ligne rejetée" in printed

    def test_refused_file_exits_1(self, tmp_path, capsys) -> None:
        path = tmp_path / "obs.csv"
        path.write_bytes(b"%PDF-1.4 not a table")
        assert cli(["observations", str(path)]) == 1
        assert "document PDF" in capsys.readouterr().out

    def test_session_round_trip_and_tampering(self, tmp_path, units, aliases, iris) -> None:
        result = read(write(tmp_path, "code;v\n93066;1,5\n93001;\n"), units, aliases,
                      iris).result
        kept = SessionIndicators(tmp_path / "kept")
        key = kept.save(result)
        loaded = kept.load(key)
        assert loaded.indicators == result.indicators
        assert loaded.units.loc["93066", "u-v"] == 1.5 and np.isnan(loaded.units.loc["93001",
                                                                                     "u-v"])
        assert kept.load("../../etc/passwd") is None and kept.load("0" * 64) is None
        path = tmp_path / "kept" / f"{key}.json"
        record = json.loads(path.read_text())
        record["units"]["columns"]["u-v"][0] = 99.0
        path.write_text(json.dumps(record))
        assert kept.load(key) is None
