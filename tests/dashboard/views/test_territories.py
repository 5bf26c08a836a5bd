"""Who covers a commune, what a territory holds: on four communes by hand, then on the demo data."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from dashboard.views.data import AppData
from dashboard.views.territories import (
    covering_structures,
    hover_lines,
    iris_profile,
    overlapping_structures,
    precarity_profile,
    territory_summary,
)
from geodata import base
from geodata.observations.indicators import get_indicator
from geodata.zonings import Fiche, Statut, Zoning, load_zoning_types, validate_file

# Four communes: A and B in 93, C and D in 94. C's poverty rate is withheld (secret).
CODES = ("93001", "93002", "94001", "94002")
A, B, C, D = CODES
POPULATION = (1000, 3000, 1500, 1000)
#: Persons in fiscal households, the weight of rates.
WEIGHTS = (1000, 3000, 1500, 1000)
POVERTY = (10.0, 20.0, np.nan, 30.0)

#: Territory → communes. dac-3 is a project without a perimeter yet; D has no CPTS;
#: B belongs to both CARSIC.
MEMBERS = {
    "dac": {"dac-1": (B, C, D), "dac-2": (A,), "dac-3": ()},
    "cpts": {"cpts-1": (A, B), "cpts-2": (C,)},
    "carsic": {"carsic-1": (A, B, C), "carsic-2": (B, D)},
}
NAMES = {"dac-1": "DAC Nord", "dac-2": "DAC Sud", "dac-3": "DAC en projet",
         "cpts-1": "CPTS Canal", "cpts-2": "CPTS Plaine",
         "carsic-1": "CARSIC Ouest", "carsic-2": "CARSIC Est"}


def _zoning(key: str) -> Zoning:
    zoning_type = load_zoning_types().get(key)
    fiches = {tid: Fiche(nom=NAMES[tid], type=zoning_type.label, statut=Statut.EN_FONCTIONNEMENT,
                         telephone=f"01 00 00 00 0{index}", courriel=f"{tid}@example.org",
                         site=f"https://{tid}.example.org")
              for index, tid in enumerate(MEMBERS[key])}
    members = tuple((tid, code) for tid, codes in MEMBERS[key].items() for code in codes)
    return Zoning(zoning_type, fiches, members)


@pytest.fixture(scope="module")
def tiny() -> AppData:
    """An AppData of four square communes and three zonings."""
    units = gpd.GeoDataFrame({
        "code": CODES, "nom": ["Alpha", "Bravo", "Charlie", "Delta"],
        "departement": ["93", "93", "94", "94"], "population": POPULATION,
    }, geometry=[shapely.box(i, 0, i + 1, 1) for i in range(4)], crs="EPSG:4326")
    departements = units.dissolve("departement").reset_index()[["departement", "geometry"]]
    departements = departements.rename(columns={"departement": "code"})
    table = pd.DataFrame({"TP6021": POVERTY, "POP": POPULATION, "NBPERSMENFISC21": WEIGHTS},
                         index=pd.Index(CODES, name="code"), dtype=float)
    return AppData(region="test", provenance={}, units=units, overview=units,
                   departements=departements, departements_overview=departements,
                   table=table, zonings={key: _zoning(key) for key in MEMBERS})


def _refs(covering) -> tuple[str, ...]:
    return tuple(territory["ref"] for territory in covering.territories)


class TestCoveringStructures:
    @pytest.mark.parametrize(("code", "expected"), [
        (A, {"dac": ("dac:dac-2",), "cpts": ("cpts:cpts-1",), "carsic": ("carsic:carsic-1",)}),
        (B, {"dac": ("dac:dac-1",), "cpts": ("cpts:cpts-1",),
             "carsic": ("carsic:carsic-1", "carsic:carsic-2")}),
        (D, {"dac": ("dac:dac-1",), "cpts": (), "carsic": ("carsic:carsic-2",)}),
    ])
    def test_every_zoning_with_its_territories(self, tiny, code, expected) -> None:
        covering = covering_structures(tiny, code)
        assert {item.zoning_key: _refs(item) for item in covering} == expected

    def test_zonings_in_the_data_order_with_their_labels(self, tiny) -> None:
        covering = covering_structures(tiny, A)
        assert [(item.zoning_key, item.zoning_label) for item in covering] == [
            ("dac", "DAC"), ("cpts", "CPTS"), ("carsic", "CARSIC")]

    def test_territory_carries_name_status_and_contacts(self, tiny) -> None:
        (territory,) = covering_structures(tiny, A)[0].territories
        assert territory == {"ref": "dac:dac-2", "nom": "DAC Sud",
                             "statut": Statut.EN_FONCTIONNEMENT, "telephone": "01 00 00 00 01",
                             "courriel": "dac-2@example.org",
                             "site": "https://dac-2.example.org", "share": "",
                             "illustratif": False}

    def test_shared_commune_says_each_share_and_illustrative_zonings_say_so(self, tiny,
                                                                            data) -> None:
        carsic = covering_structures(tiny, B)[2]
        assert [t["share"] for t in carsic.territories] == ["part non précisée"] * 2
        assert not carsic.illustrative and carsic.uncovered == 0.0
        demo = covering_structures(data, "93066")
        assert all(item.illustrative and all(t["illustratif"] for t in item.territories)
                   for item in demo if item.zoning_key in data.stored)
        # The official levels (départements, EPCI, EPT) are real.
        assert not any(item.illustrative or any(t["illustratif"] for t in item.territories)
                       for item in demo if item.zoning_key in data.references)

    def test_saint_denis_in_the_demo_data(self, data) -> None:
        covering = covering_structures(data, "93066")
        assert {item.zoning_key: _refs(item) for item in covering} == {
            "dac": ("dac:dac-93-a",), "cpts": ("cpts:cpts-69",),
            "carsic": ("carsic:carsic-est",), "perinatal": ("perinatal:perinatal-est",),
            "dep": ("dep:93",), "epci": ("epci:200054781",), "ept": ("ept:200057867",)}
        for item in covering:
            if item.zoning_key in data.references:
                continue  # official levels: no contact to show
            (territory,) = item.territories
            assert all(territory[field] for field in ("telephone", "courriel", "site"))

    def test_la_courneuve_is_a_cpts_zone_blanche(self, data) -> None:
        # 93027 lies in no demo CPTS (15 of the 39 communes of 93 are zones blanches).
        covering = {item.zoning_key: item for item in covering_structures(data, "93027")}
        assert covering["cpts"].territories == ()
        assert all(len(covering[key].territories) == 1 for key in ("dac", "carsic", "perinatal"))


class TestHoverLines:
    def test_one_line_per_zoning_in_the_order_asked(self, tiny) -> None:
        lines = hover_lines(tiny, ("cpts", "dac"))
        assert lines[A] == "CPTS : CPTS Canal<br>DAC : DAC Sud"

    def test_shared_commune_names_every_territory(self, tiny) -> None:
        assert hover_lines(tiny, ("carsic",))[B] == (
            "CARSIC : CARSIC Ouest (part non précisée) / CARSIC Est (part non précisée)")

    def test_uncovered_commune_says_zone_blanche(self, tiny) -> None:
        assert hover_lines(tiny, ("dac", "cpts"))[D] == "DAC : DAC Nord<br>CPTS : zone blanche"

    def test_no_zoning_no_line(self, tiny) -> None:
        lines = hover_lines(tiny, ())
        assert lines.to_dict() == dict.fromkeys(CODES, "")

    def test_every_commune_of_the_region(self, data) -> None:
        lines = hover_lines(data, ("dac", "cpts"))
        assert lines.index.tolist() == data.units["code"].tolist()
        assert lines["93027"] == "DAC : DAC démo 93-A<br>CPTS : zone blanche"


class TestTerritorySummary:
    @pytest.mark.parametrize(("tid", "expected"), [
        ("dac-1", (3, 5500, ("93", "94"), "93")),
        ("dac-2", (1, 1000, ("93",), "93")),
        ("dac-3", (0, 0, (), None)),
    ])
    def test_size_and_departements(self, tiny, tid, expected) -> None:
        summary = territory_summary(tiny, "dac", tid)
        assert (summary.communes, summary.population, summary.departements,
                summary.main_departement) == expected

    def test_main_departement_is_the_most_populated(self, data) -> None:
        # cpts-31 straddles 78 and 95.
        summary = territory_summary(data, "cpts", "cpts-31")
        population = data.unit_index.loc[list(data.zonings["cpts"].units_of("cpts-31"))]
        by_departement = population.groupby("departement")["population"].sum()
        assert summary.departements == ("78", "95")
        assert summary.main_departement == by_departement.idxmax()


@pytest.fixture(scope="module")
def profile(tiny) -> pd.DataFrame:
    """Profile of dac-1 (B, C, D) for a rate and a count."""
    return precarity_profile(tiny, "dac", "dac-1", (get_indicator("TP6021"), get_indicator("POP")))


class TestPrecarityProfile:
    """Hand-computed: rates weighted by persons in fiscal households, counts summed."""

    def test_rate_leaves_out_the_secret_commune(self, profile) -> None:
        # (20 × 3000 + 30 × 1000) / (3000 + 1000); C (1500 persons) has no value.
        assert profile.loc["TP6021", "territory"] == pytest.approx(22.5)
        assert profile.loc["TP6021", "coverage"] == pytest.approx(4000 / 5500)

    def test_rate_compared_with_main_departement_and_region(self, profile) -> None:
        # 93 = A and B: (10 × 1000 + 20 × 3000) / 4000; region: 100 000 / 5000.
        assert profile.loc["TP6021", "departement"] == pytest.approx(17.5)
        assert profile.loc["TP6021", "region"] == pytest.approx(20.0)

    def test_count_is_a_sum(self, profile) -> None:
        assert profile.loc["POP"].to_dict() == pytest.approx(
            {"territory": 5500, "coverage": 1.0, "departement": 4000,
             "departement_coverage": 1.0, "region": 6500, "region_coverage": 1.0})

    def test_territory_without_communes(self, tiny) -> None:
        profile = precarity_profile(tiny, "dac", "dac-3", (get_indicator("TP6021"),))
        assert np.isnan(profile.loc["TP6021", "territory"])
        assert profile.loc["TP6021", "coverage"] == 0.0

    def test_one_commune_territory_is_the_commune(self, data) -> None:
        profile = precarity_profile(data, "cpts", "cpts-69", data.indicators)
        for code in ("TP6021", "MED21", "POP"):
            assert profile.loc[code, "territory"] == pytest.approx(data.table.at["93066", code])


class TestOverlappingStructures:
    def test_shares_of_population_by_type_then_share(self, tiny) -> None:
        overlaps = overlapping_structures(tiny, "dac", "dac-1")
        expected = pd.DataFrame({
            "ref": ["carsic:carsic-1", "carsic:carsic-2", "cpts:cpts-1", "cpts:cpts-2"],
            "type": ["CARSIC", "CARSIC", "CPTS", "CPTS"],
            "nom": ["CARSIC Ouest", "CARSIC Est", "CPTS Canal", "CPTS Plaine"],
            # B (3000) is in both CARSIC, half in each; D (1000) has no CPTS. Total 5500.
            "share": [3000 / 5500, 2500 / 5500, 3000 / 5500, 1500 / 5500],
        })
        pd.testing.assert_frame_equal(overlaps, expected)

    def test_territory_without_communes_overlaps_nothing(self, tiny) -> None:
        assert overlapping_structures(tiny, "dac", "dac-3").empty

    def test_shares_of_a_zoning_without_shared_communes_sum_to_at_most_one(self, data) -> None:
        assert all(not zoning.shared_units() for zoning in data.zonings.values())
        for key, zoning in data.zonings.items():
            for tid in zoning.fiches:
                overlaps = overlapping_structures(data, key, tid)
                assert key not in {ref.split(":")[0] for ref in overlaps["ref"]}
                sums = overlaps.groupby("type")["share"].sum()
                assert (sums <= 1 + 1e-9).all(), (key, tid, sums)
                # DAC, CARSIC and perinatal networks cover the whole region.
                for label in ("DAC", "CARSIC", "Réseaux périnatalité"):
                    if label != zoning.type.label:
                        assert sums[label] == pytest.approx(1.0)


class TestIrisProfileOfACityCutByPolygons:
    """Three CPTS cut Saint-Denis: each fiche's IRIS rate is that of its own IRIS."""

    def test_each_territory_weighs_the_iris_inside_its_outline(self, data) -> None:
        fixture = Path(__file__).resolve().parents[2] / "fixtures" / "agency"
        zoning, report = validate_file(fixture / "cpts-saint-denis-polygones.geojson", "cpts",
                                       data.units, base.load_code_aliases(data.region))
        assert zoning is not None, report
        cut = dataclasses.replace(data, zonings={**data.zonings, "cpts": zoning})
        indicator = get_indicator("TP6021")
        iris = data.observations.iris
        saint_denis = iris[iris["commune"] == "93066"]
        values = {tid: iris_profile(cut, "cpts", tid, indicator, "93")[0]["value"]
                  for tid in ("101", "102", "103")}
        # Pierrefitte's IRIS (93059…, the north of today's Saint-Denis) count in the north
        # only: the northern CPTS weighs them whole, the others not at all.
        north = saint_denis.index.str.startswith("93059")
        assert saint_denis.loc[north, "TP6021"].notna().all()
        assert len(set(np.round(list(values.values()), 1))) == 3  # not the city's rate thrice
        rates = saint_denis["TP6021"]
        assert all(rates.min() < value < rates.max() for value in values.values())
        # The Plaine (south) is less poor than the north with Pierrefitte.
        assert values["103"] < values["101"]
