"""Legend, "Qui couvre cette commune ?" and the fiche, checked as JSON trees (no browser)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import plotly.utils
import pytest
from dash import html

from dashboard import ids, strings
from dashboard.figures.legend import Legend, LegendRow, OutlineRow
from dashboard.layouts.components import fill_swatch, line_swatch
from dashboard.layouts.panels import coverage_card, fiche_body, legend_panel
from dashboard.palettes import DEPARTEMENT_STYLE, MISSING_COLOUR, OutlineStyle
from dashboard.views.data import AppData, load_app_data

NNBSP, NBSP = "\u202f", "\u00a0"
DAC_STYLE = OutlineStyle("#000000", "solid", 2.0)
LEGEND = Legend(
    title=f"Taux de pauvreté, en{NBSP}%", method="Quantiles",
    rows=(LegendRow("#bd0026", f"20,0 – 30,0{NNBSP}%", 2),
          LegendRow("#ffffb2", f"10,0 – 20,0{NNBSP}%", 3)),
    missing=LegendRow(MISSING_COLOUR, "Secret statistique / non disponible", 1),
    outlines=(OutlineRow("DAC", DAC_STYLE), OutlineRow("Limite de département",
                                                       DEPARTEMENT_STYLE)),
    note=None, source="Source : Insee, Filosofi 2021", vintage="2021")


def as_json(tree: Any) -> Any:
    """A component tree as the browser receives it."""
    return json.loads(json.dumps(tree, cls=plotly.utils.PlotlyJSONEncoder))


def nodes(tree: Any) -> Iterator[dict]:
    """Every component of a JSON tree, depth first."""
    if isinstance(tree, list):
        for item in tree:
            yield from nodes(item)
    elif isinstance(tree, dict) and "type" in tree and "props" in tree:
        yield tree
        yield from nodes(tree["props"].get("children"))


def text(tree: Any) -> str:
    """What a reader sees of a JSON tree: its strings, joined, without markup."""
    if isinstance(tree, str):
        return tree
    if isinstance(tree, list):
        return "".join(text(item) for item in tree)
    if isinstance(tree, dict) and "props" in tree:
        return text(tree["props"].get("children"))
    return ""


def find(tree: Any, type_: str, **props: Any) -> list[dict]:
    """Components of a type whose props include ``props``."""
    return [node for node in nodes(tree) if node["type"] == type_
            and all(node["props"].get(name) == value for name, value in props.items())]


@pytest.fixture(scope="module")
def data() -> AppData:
    return load_app_data()


def class_number(number: str) -> html.Span:
    """The number of a class, as the legend writes it (a screen reader hears « Classe 2 »)."""
    return html.Span([html.Span("Classe ", className="visually-hidden"), number],
                     className="cc-legend__class")


class TestLegendPanel:
    def test_whole_tree(self) -> None:
        expected = [
            html.H2(LEGEND.title, className="cc-legend__title"),
            html.P("Quantiles", className="cc-legend__method"),
            html.Ul(className="cc-legend__rows", children=[
                html.Li([class_number("2"), fill_swatch("#bd0026"),
                         html.Span(f"20,0 – 30,0{NNBSP}% (2)")]),
                html.Li([class_number("1"), fill_swatch("#ffffb2"),
                         html.Span(f"10,0 – 20,0{NNBSP}% (3)")]),
                html.Li([html.Span(className="cc-legend__class"), fill_swatch(MISSING_COLOUR),
                         html.Span("Secret statistique / non disponible (1)")]),
            ]),
            html.Ul(className="cc-legend__rows", children=[
                html.Li([line_swatch(DAC_STYLE), html.Span("DAC (illustratif)")]),
                html.Li([line_swatch(DEPARTEMENT_STYLE), html.Span("Limite de département")]),
            ]),
            html.P("Source : Insee, Filosofi 2021", className="cc-legend__source"),
        ]
        illustrative = replace(LEGEND, outlines=(OutlineRow("DAC (illustratif)", DAC_STYLE),
                                                 *LEGEND.outlines[1:]))
        assert as_json(legend_panel(illustrative)) == as_json(expected)

    def test_real_zonings_say_nothing_about_illustration(self) -> None:
        shown = text(as_json(legend_panel(LEGEND)))
        assert "DAC" in shown and "illustratif" not in shown

    def test_note_of_the_classification(self) -> None:
        tree = as_json(legend_panel(replace(LEGEND, note="Valeurs ex æquo : 2 classes.")))
        (note,) = find(tree, "P", className="cc-legend__note")
        assert note["props"]["children"] == "Valeurs ex æquo : 2 classes."

    def test_no_missing_row_when_nothing_is_missing(self) -> None:
        tree = as_json(legend_panel(replace(LEGEND, missing=None)))
        assert "Secret statistique" not in text(tree)


class TestCoverageCard:
    @pytest.fixture(scope="class")
    @staticmethod
    def saint_denis(data) -> list:
        return as_json(coverage_card(data, "93066", "TP6021"))

    def test_hint_before_any_commune(self, data) -> None:
        assert as_json(coverage_card(data, None, "TP6021")) == as_json(
            [html.P(strings.COVERAGE_HINT, className="cc-hint")])

    def test_commune_population_and_value(self, saint_denis) -> None:
        shown = text(saint_denis)
        assert shown.startswith("Qui couvre cette commune ?"
                                f"Saint-Denis (93066) — 149{NNBSP}077{NBSP}habitants "
                                "(populations légales 2023, en vigueur au 1er janvier 2026)"
                                f"Taux de pauvreté : 36,5{NNBSP}%")

    def test_every_zoning_with_its_structure(self, saint_denis) -> None:
        # Every zoning of the demonstration is made up: each heading says so.
        assert [text(node) for node in find(saint_denis, "H4")] == [
            *(f"{label} {strings.COVERAGE_ILLUSTRATIVE}"
              for label in ("DAC", "CPTS", "CARSIC", "Réseaux périnatalité")),
            "Départements", "EPCI", "EPT (Grand Paris)"]
        assert len(find(saint_denis, "Span", className="cc-badge-demo")) == 4
        assert [text(node) for node in find(saint_denis, "Strong")][1:] == [
            "DAC démo 93-A", "CPTS démo 69 — Saint-Denis", "CARSIC démo Est",
            "Réseau périnatal démo Est", "Seine-Saint-Denis",
            "Métropole du Grand Paris", "Plaine Commune"]

    def test_contacts_are_links(self, saint_denis) -> None:
        links = {node["props"]["children"]: node["props"] for node in find(saint_denis, "A")}
        assert links["contact@cpts-69.example"]["href"] == "mailto:contact@cpts-69.example"
        site = links["https://cpts-69.example"]
        assert (site["href"], site["target"], site["rel"]) == (
            "https://cpts-69.example", "_blank", "noopener noreferrer")
        assert "01 00 00 20 68" in text(saint_denis)

    def test_each_structure_opens_its_fiche(self, saint_denis) -> None:
        buttons = [node for node in nodes(saint_denis)
                   if isinstance(node["props"].get("id"), dict)]
        assert [button["props"]["id"] for button in buttons] == [
            {"type": ids.OPEN_FICHE, "ref": ref} for ref in (
                "dac:dac-93-a", "cpts:cpts-69", "carsic:carsic-est", "perinatal:perinatal-est",
                "dep:93", "epci:200054781", "ept:200057867")]
        assert {text(button) for button in buttons} == {strings.OPEN_FICHE}

    def test_zone_blanche(self, data) -> None:
        tree = as_json(coverage_card(data, "93027", "TP6021"))  # La Courneuve: no CPTS
        sections = find(tree, "Div", className="cc-coverage__zoning")
        cpts = next(section for section in sections if text(section).startswith("CPTS"))
        assert find(cpts, "Li", className="cc-coverage__none")
        assert text(cpts) == "CPTS " + strings.COVERAGE_ILLUSTRATIVE + strings.COVERAGE_NONE
        assert len(find(tree, "Li", className="cc-coverage__none")) == 1

    def test_secret_value(self, data) -> None:
        tree = as_json(coverage_card(data, "77003", "TP6021"))  # Amponville, 351 inhabitants
        assert "Taux de pauvreté : secret statistique" in text(tree)


class TestFicheBody:
    @pytest.fixture(scope="class")
    @staticmethod
    def dac(data) -> list:
        return as_json(fiche_body(data, "dac:dac-93-a"))

    def test_nothing_without_a_territory(self, data) -> None:
        assert fiche_body(data, None) == []

    def test_name_type_and_demo_warning(self, dac) -> None:
        assert text(find(dac, "H2")) == "DAC démo 93-A"
        assert text(find(dac, "P", className="cc-fiche__type")) == (
            "Dispositifs d'appui à la coordination")
        assert text(find(dac, "Alert")) == strings.FICHE_ILLUSTRATIVE

    def test_static_thumbnail(self, dac) -> None:
        (graph,) = find(dac, "Graph")
        assert graph["props"]["config"]["staticPlot"] is True

    def test_size_of_the_territory_with_the_population_vintage(self, data, dac) -> None:
        members = data.zonings["dac"].units_of("dac-93-a")
        # Populations légales 2023 of its 12 communes (2017: 540,167).
        assert data.unit_index.loc[list(members), "population"].sum() == 560_218
        (summary, *_) = find(dac, "Ul")
        assert [text(item) for item in find(summary, "Li")] == [
            "Communes : 12", f"Population municipale : 560{NNBSP}218{NBSP}habitants "
            "(populations légales 2023, en vigueur au 1er janvier 2026)",
            "Départements : 93"]

    def test_identity_rows(self, dac) -> None:
        table = find(dac, "Table", className="cc-identity")
        labels = [text(row["props"]["children"][0]) for row in find(table, "Tr")]
        assert labels[:3] == ["Structure porteuse", "Statut", "Date de création"]
        assert "Courriel" in labels

    def test_profile_against_departement_and_region(self, dac) -> None:
        (profile,) = find(dac, "Table", className="cc-profile")
        assert [text(cell) for cell in find(profile, "Th")][:4] == [
            "Indicateur", "Territoire", "Département 93", "Région"]
        rows = [text(row["props"]["children"][0]) for row in find(profile, "Tr")][1:]
        # One section per source, with its vintage; units said once, under the label.
        assert rows == [
            "Insee, Filosofi 2021", "Taux de pauvreté", "Taux de pauvreté, calculé sur les IRIS",
            "Niveau de vie médian *", "Minima sociaux *", "Prestations logement *",
            "Prestations sociales *", "Rapport interdécile *",
            "DREES, APL aux médecins généralistes (millésime non précisé par la source)",
            "Accès aux généralistes (APL)(consult./an/hab.)",
            "ANCT, QPV 2024", "Quartiers prioritaires (QPV)", "Population en commune avec QPV",
            "Cnaf, allocataires au 31/12/2020", "Allocataires CAF(allocataires)",
            "Personnes couvertes CAF(personnes)", "RSA socle(allocataires)",
            "Prime d'activité(allocataires)", "Aides au logement(allocataires)",
            "AAH(allocataires)", "Familles monoparentales CAF(familles)"]

    def test_share_of_population_in_a_commune_with_a_qpv(self, dac) -> None:
        (profile,) = find(dac, "Table", className="cc-profile")
        row = next(row for row in find(profile, "Tr")
                   if text(row["props"]["children"][0]) == "Population en commune avec QPV")
        cells = [text(cell) for cell in row["props"]["children"][1:]]
        assert all(cell.endswith("%") or "%" in cell for cell in cells), cells

    def test_counts_say_when_they_are_a_minimum(self, dac) -> None:
        (profile,) = find(dac, "Table", className="cc-profile")
        caf = next(row for row in find(profile, "Tr")
                   if text(row["props"]["children"][0]).startswith("Allocataires CAF"))
        territory = text(caf["props"]["children"][1])
        assert territory.startswith("au moins ") and "de la population couverte" in territory

    def test_profile_names_every_source_and_the_iris_weights(self, dac) -> None:
        note = text(find(dac, "P", className="cc-hint")[-1])
        for source in ("Insee, Filosofi 2021", "DREES, APL aux médecins généralistes",
                       "ANCT, QPV 2024", "Cnaf, allocataires au 31/12/2020",
                       "Insee, RP 2022 (IRIS)"):
            assert source in note

    def test_overlapping_structures_open_their_fiche(self, dac) -> None:
        refs = [node["props"]["id"]["ref"] for node in nodes(dac)
                if isinstance(node["props"].get("id"), dict)]
        assert refs == ["carsic:carsic-est", "cpts:cpts-69", "cpts:cpts-68", "cpts:cpts-72",
                        "dep:93", "epci:200054781", "ept:200057867", "ept:200057875",
                        "ept:200058097", "perinatal:perinatal-est"]
        assert f"CARSIC — CARSIC démo Est (100{NNBSP}% de la population)" in text(dac)

    @pytest.mark.parametrize(("ref", "dated"), [
        ("dac:dac-93-a", True),
        ("cpts:cpts-69", False),  # en projet: no creation date yet
    ])
    def test_identity_shows_only_the_fields_a_fiche_has(self, data, ref, dated) -> None:
        tree = as_json(fiche_body(data, ref))
        rows = find(find(tree, "Table", className="cc-identity"), "Tr")
        cells = {text(row["props"]["children"][0]): text(row["props"]["children"][1])
                 for row in rows}
        assert ("Date de création" in cells) is dated
        assert all(cell and cell.lower() not in {"nan", "none"} for cell in cells.values())
