"""Tests of the indicator registry."""

from __future__ import annotations

import dataclasses

import pytest

from geodata.observations.indicators import (
    FILOSOFI_CODES,
    FILOSOFI_SOURCE,
    INDICATORS,
    KINDS,
    POPULATION_SOURCE,
    SECRET_NOTE,
    Indicator,
    UnknownIndicatorError,
    get_indicator,
    user_indicator,
)

REQUIRED = ("TP6021", "MED21", "PPMINI21", "PPLOGT21", "PPSOC21", "RD21", "APL_MG", "QPV",
            "QPV_COMMUNE", "CAF_A", "CAF_PERCOU", "CAF_ARSAS", "CAF_APPA", "CAF_AAL",
            "CAF_AAAH", "CAF_AM", "POP", "DENSITE")


class TestRegistry:
    def test_required_indicators_in_order(self):
        assert tuple(indicator.code for indicator in INDICATORS) == REQUIRED

    def test_codes_are_unique(self):
        codes = [indicator.code for indicator in INDICATORS]
        assert len(codes) == len(set(codes))

    def test_indicators_are_immutable(self):
        with pytest.raises(dataclasses.FrozenInstanceError):
            INDICATORS[0].label = "autre"

    @pytest.mark.parametrize("indicator", INDICATORS, ids=lambda indicator: indicator.code)
    def test_fields_are_consistent(self, indicator):
        assert indicator.kind in KINDS
        assert indicator.direction in (-1, 0, 1)
        assert indicator.source.startswith("Source : ")
        assert indicator.label and indicator.short_label and indicator.vintage
        # An approximate territory value always says why, beyond the secret statistique.
        reasons = [note for note in indicator.notes if note != SECRET_NOTE]
        assert not indicator.approximate_aggregate or reasons

    def test_filosofi_indicators(self):
        assert FILOSOFI_CODES == ("TP6021", "MED21", "PPMINI21", "PPLOGT21", "PPSOC21", "RD21")
        for code in FILOSOFI_CODES:
            indicator = get_indicator(code)
            assert indicator.source == FILOSOFI_SOURCE == "Source : Insee, Filosofi 2021"
            assert indicator.vintage == "2021"
            assert SECRET_NOTE in indicator.notes

    @pytest.mark.parametrize(("code", "unit", "direction", "kind"), [
        ("TP6021", "%", 1, "rate"),
        ("MED21", "€", -1, "rate"),
        ("RD21", "", 1, "ratio"),
        ("POP", "habitants", 0, "count"),
        ("DENSITE", "hab./km²", 0, "density"),
    ])
    def test_units_directions_kinds(self, code, unit, direction, kind):
        indicator = get_indicator(code)
        assert (indicator.unit, indicator.direction, indicator.kind) == (unit, direction, kind)

    def test_median_is_flagged_approximate(self):
        median = get_indicator("MED21")
        assert median.approximate_aggregate
        assert any("n'est pas la médiane du territoire" in note for note in median.notes)
        assert not get_indicator("TP6021").approximate_aggregate

    def test_population_and_density_follow_the_base_geography(self):
        assert get_indicator("POP").source == POPULATION_SOURCE
        assert get_indicator("DENSITE").source.startswith(POPULATION_SOURCE)
        assert "EPSG:3035" in get_indicator("DENSITE").source


class TestLookup:
    def test_unknown_code_has_a_french_message(self):
        with pytest.raises(UnknownIndicatorError, match=r"Indicateur inconnu : « XYZ » "
                           r"\(indicateurs disponibles : TP6021, MED21"):
            get_indicator("XYZ")

    def test_user_indicators_are_found_through_extra(self):
        imported = user_indicator("TX_CHOM", "chomage.csv", 1)
        assert get_indicator("TX_CHOM", extra=[imported]) is imported
        with pytest.raises(UnknownIndicatorError, match="TX_CHOM"):
            get_indicator("AUTRE", extra=[imported])
        with pytest.raises(UnknownIndicatorError):
            get_indicator("TX_CHOM")

    def test_user_indicator(self):
        imported = user_indicator("TX_CHOM", "chomage.csv", 2)
        assert (imported.label, imported.source, imported.kind, imported.decimals) == (
            "TX_CHOM", "Source : chomage.csv", "rate", 2)
        assert imported.approximate_aggregate


class TestValidation:
    @pytest.mark.parametrize(("changes", "message"), [
        ({"kind": "mean"}, "type d'agrégation inconnu"),
        ({"direction": 2}, "sens 2 invalide"),
        ({"decimals": -1}, "décimales négatif"),
    ])
    def test_invalid_indicator(self, changes, message):
        fields = dict(code="X", label="X", short_label="X", unit="", decimals=0, direction=0,
                      source="Source : test", vintage="2021", kind="rate") | changes
        with pytest.raises(ValueError, match=message):
            Indicator(**fields)
