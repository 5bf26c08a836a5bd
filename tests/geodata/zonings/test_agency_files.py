"""Files shaped like real agency listings, on the real geography of Île-de-France.

Fixtures (``tests/fixtures/agency``, written for these tests, perimeters illustrative):
three CPTS cutting Saint-Denis by polygons with properties of every JSON type, a CSV
listing Saint-Denis under two CPTS, a CSV with every contact column and two unknown ones.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geodata import base
from geodata.catalog import load_demo_zonings
from geodata.zonings import Severity, Statut, Zoning, validate_file
from geodata.zonings.constants import MAX_MEMBERS_PER_UNIT, MAX_TERRITORIES_PER_UNIT
from geodata.zonings.shares import BY_AREA, BY_POPULATION, polygon_shares

from .support import issues

AGENCY = Path(__file__).resolve().parents[2] / "fixtures" / "agency"
PROJECT = Path(__file__).resolve().parents[3]
SAINT_DENIS = "93066"


@pytest.fixture(scope="module")
def units() -> gpd.GeoDataFrame:
    return base.load_units("11")


def people(units: gpd.GeoDataFrame, *codes: str) -> int:
    """Legal population of some communes, as the built region has it."""
    return int(units.set_index("code").loc[list(codes), "population"].sum())


@pytest.fixture(scope="module")
def aliases() -> pd.DataFrame:
    return base.load_code_aliases("11")


def validate(path: Path, units, aliases, zoning_type: str = "cpts", **options):
    return validate_file(path, zoning_type, units, aliases, **options)


def populations(zoning: Zoning, units: pd.DataFrame) -> pd.Series:
    """Population of each territory: Σ population × effective share."""
    membership = zoning.membership.join(units.set_index("code")["population"], on="code")
    return (membership["population"] * membership["share"]).groupby(
        membership["territory_id"]).sum()


@pytest.fixture(scope="module")
def read(units, aliases):
    """The polygon fixture, read once for the module."""
    return validate(AGENCY / "cpts-saint-denis-polygones.geojson", units, aliases)


class TestThreeCptsInOneCity:
    def test_every_territory_is_kept_with_its_share(self, read):
        zoning, report = read
        assert zoning is not None, report.to_text()
        assert len(zoning.fiches) == 4
        assert not issues(report, "empty_territory")
        city = zoning.territories_of(SAINT_DENIS)
        assert len(city) == 3
        shares = [zoning.share_of(tid, SAINT_DENIS) for tid in city]
        # Polygons drawn 30 m beyond the city, rounded to 4 decimals: area shares.
        assert shares == pytest.approx([0.289, 0.444, 0.267], abs=0.002)
        assert sum(shares) == pytest.approx(1.0)
        assert len(zoning.partial_units(city[0])) == 1

    def test_three_outlines_inside_the_city(self, read, units):
        zoning, _ = read
        city = units.set_index("code").geometry[SAINT_DENIS]
        for tid in zoning.territories_of(SAINT_DENIS):
            outline = zoning.outlines[tid]
            assert outline.is_valid
            assert shapely.area(shapely.difference(outline, city)) < 1e-6 * shapely.area(city)
        pieces = [zoning.outlines[tid] for tid in zoning.territories_of(SAINT_DENIS)]
        assert shapely.area(shapely.union_all(pieces)) == pytest.approx(shapely.area(city),
                                                                        rel=1e-3)

    def test_properties_of_every_json_type_fill_the_fiches(self, read):
        zoning, _ = read
        north = next(f for f in zoning.fiches.values() if "Nord" in f.nom)
        assert north.courriel == "nord@cpts-exemple.fr"
        assert north.site == "https://www.cpts-nord.example"
        assert north.statut is Statut.EN_FONCTIONNEMENT
        others = dict(north.autres)
        assert others["communes"] == "93066"
        assert others["quartiers"] == "Franc-Moisin, Pierrefitte"
        assert others["contact"] == "mail : nord@cpts-exemple.fr ; tel : 01 49 00 00 01"
        assert others["nb_professionnels"] == "42"
        assert others["taux_couverture"] == "0.87"
        assert others["codes_insee"] == "93066"
        east = next(f for f in zoning.fiches.values() if "Aubervilliers" in f.nom)
        assert dict(east.autres)["codes_insee"] == "93001, 93027"
        assert east.date_creation == "2020-03"

    def test_population_is_never_counted_twice(self, read, units):
        zoning, _ = read
        coverage = zoning.coverage(units)
        total = populations(zoning, units).sum()
        assert total == pytest.approx(coverage.population_covered, abs=1)
        assert coverage.population_covered == people(units, SAINT_DENIS, "93001", "93027")

    @pytest.mark.parametrize(("name", "region"), [
        ("cpts-saint-denis-polygones.geojson", "11"), ("cpts-toulon-polygones.geojson", "93")])
    def test_command_line_accepts_the_file(self, name, region):
        try:
            base.load_units(region)
        except base.MissingRegionError:
            pytest.skip(f"region {region} is not built on this machine")
        done = subprocess.run([sys.executable, "-m", "geodata", "validate", str(AGENCY / name),
                               "--zoning", "cpts", "--region", region], cwd=PROJECT,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "4 territoires, 3 communes" in done.stdout
        assert "Communes partagées ou couvertes en partie (1) : " in done.stdout


class TestSharedCity:
    def test_a_city_under_two_cpts_counts_half_in_each(self, units, aliases):
        zoning, report = validate(AGENCY / "cpts-ville-partagee.csv", units, aliases)
        assert zoning is not None, report.to_text()
        north, south = zoning.territories_of(SAINT_DENIS)
        assert zoning.share_of(north, SAINT_DENIS) == zoning.share_of(south, SAINT_DENIS) == 0.5
        assert not zoning.membership.set_index("code").loc[SAINT_DENIS, "share_known"].any()
        by_territory = populations(zoning, units)
        assert by_territory.sum() == pytest.approx(zoning.coverage(units).population_covered,
                                                   abs=1)
        assert by_territory[north] == pytest.approx(people(units, SAINT_DENIS) / 2
                                                    + people(units, "93072"))
        assert issues(report, "shared_commune")[0].severity is Severity.WARNING
        assert "93059 → 93066 (Saint-Denis)" in issues(report, "former_summary")[0].message

    def test_report_lists_uncovered_communes_by_population(self, units, aliases):
        _, report = validate(AGENCY / "cpts-ville-partagee.csv", units, aliases)
        listed = issues(report, "uncovered_list")[0].message
        assert listed.startswith("Communes sans territoire (35 communes, ")
        montreuil = f"{people(units, '93048'):,}".replace(",", "\u00a0")
        assert f"Montreuil (93048, {montreuil} hab.), Aulnay-sous-Bois" in listed
        assert listed.endswith("et 15 autres.")

    def test_explicit_parts_are_kept(self, units, aliases, tmp_path):
        path = tmp_path / "cpts.csv"
        path.write_text("territoire;code_insee;part\nA;93066;30 %\nA;93072;\nB;93066;0,7\n",
                        encoding="utf-8")
        zoning, report = validate(path, units, aliases)
        assert zoning.share_of("a", SAINT_DENIS) == pytest.approx(0.3)
        assert zoning.share_of("b", SAINT_DENIS) == pytest.approx(0.7)
        assert zoning.share_of("a", "93072") == 1.0
        assert not issues(report, "shared_commune")

    def test_parts_over_100_percent_are_an_error(self, units, aliases, tmp_path):
        path = tmp_path / "cpts.csv"
        path.write_text("territoire;code_insee;part\nA;93066;60\nB;93066;60\n", encoding="utf-8")
        zoning, report = validate(path, units, aliases)
        assert zoning is None
        assert issues(report, "parts_over")[0].message.startswith(
            "Les parts de la commune 93066 (Saint-Denis) dépassent 100\u00a0% (120,0\u00a0%)")


class TestFicheFields:
    def test_every_column_reaches_the_fiche(self, units, aliases):
        zoning, report = validate(AGENCY / "cpts-fiches-completes.csv", units, aliases)
        assert zoning is not None, report.to_text()
        bondy = zoning.fiches["cpts-bondy-illustratif"]
        assert (bondy.courriel, bondy.telephone, bondy.site, bondy.president,
                bondy.coordination) == ("contact@cpts-bondy.example", "01 48 00 00 01",
                                        "https://www.cpts-bondy.example", "Dr Anne Martin",
                                        "Sophie Durand")
        assert bondy.autres == (("Nombre de PS adhérents", "64"),
                                ("Remarque", 'Maison de santé <b>pilote</b> & "réseau"'))
        montreuil = zoning.fiches["cpts-montreuil-illustratif"]
        assert montreuil.telephone == "01 48 00 00 02"
        assert montreuil.site == "https://cpts-montreuil.example/accueil"
        assert issues(report, "other_columns")[0].message.endswith(
            "« Nombre de PS adhérents », « Remarque ».")
        assert not report.warnings

    def test_commune_level_columns_are_not_fiche_fields(self, units, aliases, tmp_path):
        path = tmp_path / "cpts.csv"
        path.write_text("territoire;code_insee;Population 2021;Remarque\nA;93066;141441;x\n"
                        "A;93072;38720;x\n", encoding="utf-8")
        zoning, report = validate(path, units, aliases)
        assert zoning.fiches["a"].autres == (("Remarque", "x"),)
        assert "« Population 2021 »" in issues(report, "per_row_columns")[0].message


class TestBounds:
    def test_every_territory_listing_every_commune_is_refused_early(self, units, aliases,
                                                                     tmp_path):
        """The file of the probe: 300 CPTS, each listing the 1,285 communes (385,500 rows)."""
        path = tmp_path / "cpts-300.csv"
        codes = units["code"].tolist()
        with path.open("w", encoding="utf-8") as file:
            file.write("territoire;code_insee\n")
            for number in range(300):
                file.writelines(f"CPTS {number};{code}\n" for code in codes)
        zoning, report = validate(path, units, aliases)
        assert zoning is None
        refusal = report.errors[0]
        assert refusal.code == "too_many_members"
        assert refusal.message.startswith(
            f"Le fichier rattache plus de {MAX_MEMBERS_PER_UNIT * len(codes):,} couples "
            "territoire–commune".replace(",", "\u00a0"))
        # Reading stopped past 3 × 1,285 pairs, not 385,500 rows later.
        assert refusal.location.line == MAX_MEMBERS_PER_UNIT * len(codes) + 2

    def test_a_commune_in_too_many_territories_is_refused(self, units, aliases, tmp_path):
        path = tmp_path / "cpts.csv"
        rows = [f"CPTS {n};{SAINT_DENIS}" for n in range(MAX_TERRITORIES_PER_UNIT + 3)]
        path.write_text("territoire;code_insee\n" + "\n".join(rows), encoding="utf-8")
        zoning, report = validate(path, units, aliases)
        assert zoning is None
        assert [issue.code for issue in report.errors] == ["too_many_territories_for_unit"]
        assert report.errors[0].message.startswith(
            f"La commune 93066 (Saint-Denis) est rattachée à plus de {MAX_TERRITORIES_PER_UNIT} "
            "territoires de ce découpage (« CPTS 0 », « CPTS 1 », « CPTS 2 », …)")
        assert report.errors[0].location.line == MAX_TERRITORIES_PER_UNIT + 2

    def test_polygons_each_covering_the_region_are_refused(self, units, aliases, tmp_path):
        hull = shapely.convex_hull(shapely.union_all(units.geometry.to_numpy()))
        frame = gpd.GeoDataFrame({"nom": [f"CPTS {n}" for n in range(300)]},
                                 geometry=[hull] * 300, crs="EPSG:4326")
        path = tmp_path / "cpts.geojson"
        frame.to_file(path)
        zoning, report = validate(path, units, aliases)
        assert zoning is None
        assert report.errors[0].code == "polygons_overlap"

    def test_a_file_whose_codes_all_fail_is_refused(self, units, aliases, tmp_path):
        path = tmp_path / "cpts.csv"
        path.write_text("territoire;code_insee\nA;99999\nB;98000\n", encoding="utf-8")
        zoning, report = validate(path, units, aliases)
        assert zoning is None
        assert issues(report, "no_units")[0].message.startswith(
            "Aucune commune n'est rattachée à un territoire")


class TestPopulationShares:
    def test_iris_population_weighs_the_share(self, units):
        """Two IRIS cut Saint-Denis at 48.935: 100,000 people north, the rest south."""
        city = units.set_index("code").geometry[SAINT_DENIS]
        north_box, south_box = (shapely.box(2.3, 48.935, 2.5, 49.0),
                                shapely.box(2.3, 48.9, 2.5, 48.935))
        iris = gpd.GeoDataFrame({
            "code": ["930660101", "930660102"], "commune": [SAINT_DENIS] * 2,
            "population": [100_000.0, np.nan]},
            geometry=[shapely.intersection(city, north_box),
                      shapely.intersection(city, south_box)], crs="EPSG:4326")
        territory = gpd.GeoSeries([shapely.intersection(city, north_box)], index=["nord"],
                                  crs="EPSG:4326")
        by_area = polygon_shares(territory, units).kept.iloc[0]
        by_people = polygon_shares(territory, units, iris).kept.iloc[0]
        assert by_area.method == BY_AREA and by_people.method == BY_POPULATION
        # The unknown IRIS holds what the commune's population leaves.
        assert by_people.share == pytest.approx(100_000 / people(units, SAINT_DENIS), abs=1e-6)
        assert by_area.share != pytest.approx(by_people.share, abs=0.01)


def test_demonstration_and_fixtures_never_count_anyone_twice(units, aliases):
    zonings = list(load_demo_zonings("11").values())
    for name in ("cpts-saint-denis-polygones.geojson", "cpts-ville-partagee.csv",
                 "cpts-fiches-completes.csv"):
        zonings.append(validate(AGENCY / name, units, aliases)[0])
    region = units["population"].sum()
    for zoning in zonings:
        total = populations(zoning, units).sum()
        covered = zoning.coverage(units).population_covered
        assert total <= covered + 1 <= region + 1, zoning.type.key
        shares = zoning.membership.groupby("code")["share"].sum()
        assert (shares <= 1 + 1e-9).all()


def test_summary_says_the_same_counts_as_the_report(units, aliases):
    zoning, report = validate(AGENCY / "cpts-saint-denis-polygones.geojson", units, aliases)
    text = report.summary_text(units)
    assert f"{len(zoning.fiches)} territoires, {len(zoning.covered_codes())} communes" in text
    assert json.dumps(text, ensure_ascii=False)
