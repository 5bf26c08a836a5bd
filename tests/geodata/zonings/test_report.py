"""The French report: locations, grouping, truncation, the short summary."""

from __future__ import annotations

from geodata.zonings import Severity, ValidationReport
from geodata.zonings.report import IssueLog, Location

from .support import Validate


class TestLocation:
    def test_table_location(self) -> None:
        where = Location("cpts.xlsx", sheet="93", line=12, column="Code INSEE")
        assert where.describe() == "cpts.xlsx, feuille « 93 », ligne 12, colonne « Code INSEE »"
        assert where.describe(with_file=False) == "feuille « 93 », ligne 12, colonne « Code INSEE »"

    def test_feature_location(self) -> None:
        assert Location("dac.gpkg", feature=3).describe() == "dac.gpkg, entité n° 3"
        assert Location(feature=3, feature_name="DAC 93").describe() == "entité n° 3 (« DAC 93 »)"


class TestText:
    def test_kinds_beyond_the_limit_are_summed_up(self) -> None:
        log = IssueLog("cpts.csv")
        for line in range(2, 6):
            log.error("unknown_code", log.at(line=line), code=f"9300{line}")
        log.warning("missing_name", log.at(line=9), code="93001")
        report = ValidationReport("cpts.csv", tuple(log.issues))
        assert report.to_text(limit=2) == "\n".join([
            "Erreurs (4) :",
            "  - ligne 2 : Code commune « 93002 » inconnu dans la géographie de référence "
            "(commune d'une autre région ou code erroné).",
            "  - ligne 3 : Code commune « 93003 » inconnu dans la géographie de référence "
            "(commune d'une autre région ou code erroné).",
            "  - … et 2 autres du même genre.",
            "",
            "Avertissement (1) :",
            "  - ligne 9 : Nom du territoire manquant pour la commune « 93001 » (si les cellules "
            "étaient fusionnées, répétez le nom sur chaque ligne).",
        ])
        assert [i.severity for i in report.issues].count(Severity.ERROR) == len(report.errors)
        assert not report.ok

    def test_empty_report(self) -> None:
        assert ValidationReport("x.csv", ()).to_text() == "Aucun problème détecté."


class TestSummary:
    def test_usable_file(self, validate: Validate, units) -> None:
        _, report = validate("cpts_shared.csv")
        assert report.summary_text(units).splitlines()[:3] == [
            "Fichier « cpts_shared.csv » : découpage CPTS utilisable.",
            "2 territoires, 2 communes (12,5\u00a0% des communes de la région), "
            "7\u00a0000 habitants couverts (5,1\u00a0% de la population).",
            "Communes partagées ou couvertes en partie (1) : Paris 1er Arrondissement (75101, "
            "3\u00a0000 hab.) : « CPTS Paris 1 » 50,0\u00a0%, « CPTS Paris 2 » 50,0\u00a0% "
            "(répartition non précisée : parts égales).",
        ]
        assert "Commune partagée : 75101" in report.summary_text(units)

    def test_unusable_file(self, validate: Validate, units) -> None:
        _, report = validate("unknown_code.csv", "cpts")
        summary = report.summary_text(units)
        assert summary.startswith(
            "Fichier « unknown_code.csv » : 1 erreur, découpage inutilisable.")
        assert "ligne 3, colonne « code_insee » : Code commune « 93999 » inconnu" in summary
