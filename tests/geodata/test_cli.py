"""The command-line contract: JSON payloads and exit codes that other tools rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geodata.catalog import zonings_dir

PROJECT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geodata", *args], cwd=PROJECT,
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def summary() -> dict:
    result = run("summary")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


class TestSummary:
    def test_base_geography(self, summary: dict) -> None:
        assert summary["region"] == "11"
        # 1,265 communes and Paris by its 20 arrondissements, never Paris twice.
        assert (summary["units"], summary["communes"], summary["arrondissements"]) == (
            1285, 1265, 20)
        assert summary["population"] == 12_463_067
        assert summary["departements"] == ["75", "77", "78", "91", "92", "93", "94", "95"]
        assert summary["ept"] == 11

    def test_population_vintage_and_sources(self, summary: dict) -> None:
        assert summary["population_vintage"] == (
            "populations légales 2023, en vigueur au 1er janvier 2026")
        assert summary["population_vintage"] in summary["population_source"]
        assert summary["sources"]["codes"] == "@etalab/decoupage-administratif 6.0.0"

    def test_demo_zonings(self, summary: dict) -> None:
        zonings = summary["zonings"]
        assert set(zonings) == {"dac", "cpts", "carsic", "perinatal"}
        assert zonings["dac"]["territories"] == 22
        assert zonings["dac"]["units_covered"] == 1285
        assert all(zoning["illustrative"] for zoning in zonings.values())
        assert 0.75 < zonings["cpts"]["population_covered"] / summary["population"] < 0.85

    def test_indicators(self, summary: dict) -> None:
        assert summary["indicators"][:6] == ["TP6021", "MED21", "PPMINI21", "PPLOGT21",
                                             "PPSOC21", "RD21"]

    def test_indicator_sources_and_vintages(self, summary: dict) -> None:
        sources = {row["code"]: row for row in summary["indicator_sources"]}
        assert [row["code"] for row in summary["indicator_sources"]] == summary["indicators"]
        assert sources["APL_MG"]["source"] == ("Source : DREES, APL aux médecins généralistes "
                                               "(millésime non précisé par la source)")
        assert sources["APL_MG"]["vintage"] == "millésime non précisé par la source"
        assert sources["QPV"]["source"] == "Source : ANCT, QPV 2024"
        assert sources["QPV_COMMUNE"]["source"] == "Source : ANCT, QPV 2024"
        assert sources["QPV_COMMUNE"]["vintage"] == "2024"
        assert sources["QPV_COMMUNE"]["label"].startswith("Part de la population")
        assert sources["CAF_ARSAS"]["source"] == "Source : Cnaf, allocataires au 31/12/2020"
        assert sources["TP6021"]["iris_source"] == "Source : Insee, Filosofi 2021 (IRIS)"
        assert sources["TP6021"]["units_with_value"] == 485
        assert sources["APL_MG"]["units_with_value"] == 1285

    def test_iris(self, summary: dict) -> None:
        assert summary["iris"]["units"] == 2752
        assert summary["iris"]["per_departement"] == {"75": 992, "92": 616, "93": 614,
                                                      "94": 530}
        assert summary["iris"]["communes"] == 142
        assert summary["iris"]["weights"] == "Source : Insee, RP 2022 (IRIS)"


class TestValidate:
    def test_usable_file_exits_0_with_a_french_report(self) -> None:
        result = run("validate", str(zonings_dir("11") / "dac.composition.csv"), "--zoning", "dac")
        assert result.returncode == 0, result.stdout
        assert "22 territoires" in result.stdout

    @pytest.mark.parametrize(("content", "expected"), [
        (b"code;nom\n99999;X\n", "99999"),
        (b"\x00\x01\x02garbage" * 50, "ne contient pas de texte lisible"),
        (b"", "vide"),
    ])
    def test_bad_file_exits_1_without_traceback(self, tmp_path: Path, content: bytes,
                                                 expected: str) -> None:
        path = tmp_path / "perimetres.csv"
        path.write_bytes(content)
        result = run("validate", str(path), "--zoning", "dac")
        assert result.returncode == 1
        assert expected in result.stdout
        assert "Traceback" not in result.stdout + result.stderr

    def test_missing_file(self, tmp_path: Path) -> None:
        result = run("validate", str(tmp_path / "absent.csv"))
        assert result.returncode == 1
        assert "Traceback" not in result.stdout + result.stderr


class TestBuild:
    def test_an_unknown_region_exits_1_listing_the_codes(self) -> None:
        result = run("build", "--region", "99")
        assert result.returncode == 1
        assert "Code de région inconnu : '99'" in result.stderr
        assert "Traceback" not in result.stderr

    def test_all_regions_are_the_committed_one_and_those_built_here(self, tmp_path,
                                                                     monkeypatch) -> None:
        from geodata import build

        for region in ("93", "all"):
            (tmp_path / "regions" / region).mkdir(parents=True)
            (tmp_path / "regions" / region / "provenance.json").write_text("{}")
        (tmp_path / "regions" / "84").mkdir()  # never built: no provenance
        monkeypatch.setattr(build, "LOCAL_DATA_DIR", tmp_path)
        assert build.built_regions() == ["11", "93", "all"]

    def test_region_and_all_regions_exclude_each_other(self) -> None:
        result = run("build", "--region", "93", "--all-regions")
        assert result.returncode == 2
        assert "not allowed with argument" in result.stderr


def test_heterogeneity_contract() -> None:
    result = run("heterogeneity")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    pairs = {(pair["a"], pair["b"]): pair for pair in payload["pairs"]}
    assert len(pairs) == 12
    assert pairs[("dac", "carsic")]["nesting_index"] == 1.0
    assert 0 < pairs[("cpts", "dac")]["nesting_index"] < 1
    assert payload["gaps"]["dac"] == {"units": 0, "partly_uncovered_units": 0, "population": 0}
    assert payload["gaps"]["cpts"]["units"] > 0
    assert len(payload["crossing_departements"]["cpts"]) == 2


class TestHarmonise:
    def test_demonstration_cpts_nest_in_the_dac(self) -> None:
        result = run("harmonise", "--zoning", "cpts", "--reference", "dac")
        assert result.returncode == 0, result.stderr
        payload = json.loads(result.stdout)
        assert payload["index_before"] < 0.95
        assert payload["index_after"] == 1.0
        assert payload["population_moved"] > 0
        assert payload["population_moved"] == round(sum(move["population"]
                                                        for move in payload["moves"]))
        assert payload["units_moved"] == len(payload["moves"])
        assert {move["from"] for move in payload["moves"]} <= {
            f"cpts-{n}" for n in range(1, 200)}
        assert all(move["proposed"] for move in payload["moves"])

    def test_reference_follows_the_zoning(self) -> None:
        result = run("harmonise", "--zoning", "cpts", "--reference", "dac",
                     "--objectif", "reference", "--departements", "93")
        payload = json.loads(result.stdout)
        assert payload["edited"] == "dac"
        assert payload["scope"]["units"] == 39
        assert payload["index_after"] == 1.0
        assert all(move["from"].startswith("dac-") for move in payload["moves"])

    @pytest.mark.parametrize(("args", "expected"), [
        (("--zoning", "epci", "--reference", "dac"), "Découpage à ajuster « epci » inconnu"),
        (("--zoning", "cpts", "--reference", "cpts"), "doivent être différents"),
        (("--zoning", "cpts", "--reference", "epci", "--objectif", "reference"),
         "ne peut pas être modifiée"),
        (("--zoning", "cpts", "--reference", "dac", "--departements", "13"),
         "Département « 13 » absent"),
    ])
    def test_bad_request_exits_1_with_a_french_message(self, args, expected) -> None:
        result = run("harmonise", *args)
        assert result.returncode == 1
        assert expected in result.stderr
        assert "Traceback" not in result.stderr


class TestSharedIndicators:
    """``observations --enregistrer``: the web page's « Enregistrer pour tous », in a shell."""

    @pytest.fixture
    def env(self, tmp_path: Path) -> dict[str, str]:
        return {**os.environ, "CARTOCOORD_STORE_FILE": str(tmp_path / "store.sqlite3")}

    @staticmethod
    def table(folder: Path, rows: str = "93066;120\n93008;45\n93001;\n") -> Path:
        path = folder / "patients.csv"
        path.write_text("Code commune;Patients suivis\n" + rows, encoding="utf-8")
        return path

    @staticmethod
    def share(env: dict[str, str], path: Path, *extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "geodata", "observations", str(path), "--effectifs",
             "--enregistrer", "Patients suivis", "--source", "ORS Île-de-France",
             "--editeur", "alice", *extra], cwd=PROJECT, capture_output=True, text=True,
            check=False, env=env)

    def test_stored_then_listed_by_summary(self, env, tmp_path: Path) -> None:
        result = self.share(env, self.table(tmp_path), "--date", "30/06/2026",
                            "--note", "premier envoi")
        assert result.returncode == 0, result.stderr
        assert "3 lignes lues, 3 communes placées, 0 ligne rejetée" in result.stdout
        assert ("Couche « Patients suivis » enregistrée pour tous : version n° 1 "
                "(indicateurs:patients-suivis).") in result.stdout
        summary = subprocess.run([sys.executable, "-m", "geodata", "summary"], cwd=PROJECT,
                                 capture_output=True, text=True, check=False, env=env)
        (layer,) = json.loads(summary.stdout)["shared_indicators"]
        assert (layer["key"], layer["label"], layer["version"], layer["editor"],
                layer["file"]) == ("indicateurs:patients-suivis", "Patients suivis", 1,
                                   "alice", "patients.csv")
        (indicator,) = layer["indicators"]
        assert indicator == {
            "code": "p-patients-suivis--patients-suivis",
            "label": "Patients suivis : Patients suivis",
            "source": "Source : ORS Île-de-France, données au 30/06/2026",
            "vintage": "2026-06-30", "units_with_value": 2}

    @pytest.mark.parametrize(("extra", "said"), [
        (("--date", "31/02/2026"), "date des données"),
        (("--date", "30/06/2026", "--editeur", " "), "identifiant de l'éditeur"),
        (("--date", "30/06/2026", "--source", ""), "producteur"),
    ])
    def test_a_bad_declaration_stores_nothing(self, env, tmp_path: Path, extra,
                                              said) -> None:
        result = self.share(env, self.table(tmp_path), *extra)
        assert result.returncode == 1
        assert said in result.stderr and "Traceback" not in result.stderr
        assert not (tmp_path / "store.sqlite3").exists() or "version n°" not in result.stdout

    def test_a_bad_file_stores_nothing(self, env, tmp_path: Path) -> None:
        result = self.share(env, self.table(tmp_path, "99999;1\n"), "--date", "30/06/2026")
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "inutilisable" in result.stdout and "version n°" not in result.stdout
