from __future__ import annotations

import pytest

from dashboard.classification import classify
from dashboard.figures.legend import Legend, LegendDetails, build_legend
from dashboard.palettes import (
    DEPARTEMENT_STYLE,
    HATCH_SWATCH,
    MISSING_COLOUR,
    ZONING_STYLES,
    class_colours,
)
from geodata.observations.indicators import get_indicator

NNBSP = "\u202f"


@pytest.fixture
def legend(classification, indicator, zonings) -> Legend:
    return build_legend(classification, indicator, zonings)


class TestBuildLegend:
    def test_one_row_per_class_highest_first(self, legend, classification) -> None:
        assert len(legend.rows) == classification.k == 4
        assert [row.colour for row in legend.rows] == list(class_colours(4, 1))[::-1]
        assert [row.label for row in legend.rows] == list(classification.labels)[::-1]

    def test_counts_sum_to_number_of_units(self, legend, values) -> None:
        assert sum(row.count for row in legend.rows) + legend.missing.count == len(values)
        assert legend.count == len(values)

    def test_missing_row(self, legend) -> None:
        assert legend.missing.colour == MISSING_COLOUR
        assert legend.missing.text == "Secret statistique / non disponible (1)"

    def test_no_missing_row_when_nothing_is_missing(self, indicator) -> None:
        legend = build_legend(classify([1, 2, 3, 4]), indicator)
        assert legend.missing is None

    def test_texts(self, legend) -> None:
        assert legend.title == "Taux de test (au seuil de 60 %), en\u00a0%"
        assert legend.method == "Quantiles"
        assert legend.source == "Source : Insee, test 2021" and legend.vintage == "2021"
        assert legend.rows[0].text.endswith(f"40,0{NNBSP}% (2)")

    @pytest.mark.parametrize(("method", "label", "extra"), [
        ("quantiles", "Quantiles", {}),
        ("egal", "Intervalles égaux", {}),
        ("jenks", "Seuils naturels (Jenks)", {}),
        ("manuel", "Seuils manuels", {"breaks": [10, 20]}),
    ])
    def test_method_labels(self, values, indicator, method, label, extra) -> None:
        legend = build_legend(classify(values, method, 3, **extra), indicator)
        assert legend.method == label

    def test_outline_rows(self, legend) -> None:
        assert [row.label for row in legend.outlines] == ["DAC", "CPTS", "Limite de département"]
        assert legend.outlines[0].style == ZONING_STYLES[0]
        assert legend.outlines[-1].style == DEPARTEMENT_STYLE
        assert legend.outlines[1].dasharray == "9,9"

    def test_made_up_zonings_say_so(self, classification, indicator, zonings) -> None:
        legend = build_legend(classification, indicator, zonings, illustrative=("CPTS",))
        assert [row.label for row in legend.outlines] == [
            "DAC", "CPTS (illustratif)", "Limite de département"]

    def test_title_without_unit(self, indicator) -> None:
        from geodata.observations.indicators import get_indicator

        legend = build_legend(classify([1.0, 2.0, 3.0]), get_indicator("RD21"))
        assert legend.title == "Rapport interdécile du niveau de vie (D9/D1)"

    def test_all_missing(self, indicator) -> None:
        legend = build_legend(classify([None, None]), indicator)
        assert legend.rows == () and legend.missing.count == 2
        assert legend.note == "Aucune valeur disponible pour cet indicateur."


@pytest.mark.parametrize(("code", "title"), [
    ("CAF_ARSAS", "Allocataires du RSA socle"),
    ("POP", "Population municipale, en\u00a0habitants"),
    ("TP6021", "Taux de pauvreté (seuil à 60 % du niveau de vie médian), en\u00a0%"),
])
def test_a_unit_the_label_already_says_is_not_repeated(code, title) -> None:
    assert build_legend(classify([1.0, 2.0, 3.0]), get_indicator(code)).title == title


class TestMeshAndStandIns:
    """What the legend says at the IRIS mesh: the mesh, the hatched areas, the sources."""

    @pytest.fixture
    def detailed(self, indicator) -> Legend:
        classification = classify([1.0, 2.0, 3.0, 4.0, None, None, None])
        details = LegendDetails(mesh="Maille : IRIS (93)",
                                stand_in=("IRIS sans valeur publiée : valeur de sa commune "
                                          "(hachures)", 2),
                                missing="Non publié (IRIS et commune)",
                                sources=("Source : A (IRIS)", "valeurs communales : A"))
        return build_legend(classification, indicator, details=details)

    def test_rows_and_counts(self, detailed) -> None:
        assert detailed.mesh == "Maille : IRIS (93)"
        assert detailed.stand_in.count == 2 and detailed.stand_in.colour == HATCH_SWATCH
        assert detailed.missing.text == "Non publié (IRIS et commune) (1)"
        assert detailed.extra_rows == (detailed.stand_in, detailed.missing)
        assert detailed.count == 7
        assert detailed.source == "Source : A (IRIS) ; valeurs communales : A"
