"""The import of users' own observations into the indicator table."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geodata.observations.insee_files import IndicatorFileError
from geodata.observations.user_files import ImportReport, import_observation

from .support import ALIASES, mini_units


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
