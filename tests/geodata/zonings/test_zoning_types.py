"""The catalogue of zoning types is data: a new type needs no code."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.zonings import Rule, load_zoning_types

from .support import Validate, issues

NEW_TYPE = """
[default]
rule = "free"
color = "#000000"
dash = "longdashdot"
width = 1

[types.msp]
label = "MSP"
long_label = "Maisons de santé pluriprofessionnelles"
rule = "no_overlap"
aliases = ["maison de santé"]
color = "#56B4E9"
dash = "dot"
width = 1.5
"""


class TestPackagedCatalogue:
    def test_types_and_rules(self) -> None:
        types = load_zoning_types()
        assert {t.key: t.rule for t in types} == {
            "dac": Rule.PARTITION, "cpts": Rule.NO_OVERLAP, "carsic": Rule.PARTITION,
            "perinatal": Rule.PARTITION, "c360": Rule.NO_OVERLAP,
        }

    def test_outlines_are_distinct(self) -> None:
        styles = [t.style for t in load_zoning_types()]
        assert len({s.colour for s in styles}) == len(styles)
        assert len({s.dash for s in styles}) == len(styles)

    @pytest.mark.parametrize(("name", "key"), [
        ("cpts_93.csv", "cpts"), ("DAC-IDF 2024.xlsx", "dac"), ("perinat.geojson", "perinatal"),
        ("Communautés 360.csv", "c360"), ("export.csv", None), ("dac_et_cpts.csv", None),
    ])
    def test_guess_from_file_name(self, name: str, key: str | None) -> None:
        guessed = load_zoning_types().guess(name)
        assert (guessed.key if guessed else None) == key

    @pytest.mark.parametrize("name", ["cpts", "CPTS", "Communauté professionnelle territoriale "
                                      "de santé"])
    def test_get_by_key_label_or_alias(self, name: str) -> None:
        assert load_zoning_types().get(name).key == "cpts"

    def test_unknown_type_gets_the_default(self) -> None:
        unknown = load_zoning_types().get("msp")
        assert (unknown.known, unknown.rule, unknown.label) == (False, Rule.FREE, "msp")
        assert unknown.long_label == "Découpage « msp »"


class TestCustomCatalogue:
    def test_new_type_without_code_change(self, tmp_path: Path, validate: Validate) -> None:
        path = tmp_path / "types.toml"
        path.write_text(NEW_TYPE, encoding="utf-8")
        types = load_zoning_types(path)
        zoning, report = validate("cpts_shared.csv", "MSP", types=types)
        assert zoning.type.long_label == "Maisons de santé pluriprofessionnelles"
        assert zoning.type.style.colour == "#56B4E9"
        assert issues(report, "shared_commune") and not issues(report, "unknown_type")

    @pytest.mark.parametrize(("change", "message"), [
        (('rule = "no_overlap"', 'rule = "chevauchement"'),
         "types.toml : type « msp » : règle « chevauchement » inconnue"),
        (('color = "#56B4E9"', 'color = "bleu"'),
         "types.toml : type « msp » : couleur « bleu » invalide"),
        (('dash = "dot"', 'dash = "pointillé"'),
         "types.toml : type « msp » : tirets « pointillé » inconnus"),
        (('label = "MSP"\n', ""), "types.toml : type « msp » : il manque label."),
    ])
    def test_mistakes_are_explained(self, tmp_path: Path, change: tuple[str, str],
                                    message: str) -> None:
        path = tmp_path / "types.toml"
        path.write_text(NEW_TYPE.replace(*change), encoding="utf-8")
        with pytest.raises(ValueError, match=message):
            load_zoning_types(path)
