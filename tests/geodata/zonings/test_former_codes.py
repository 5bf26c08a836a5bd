"""Files written with codes of before the current COG, on the real Île-de-France."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.base import load_code_aliases, load_units
from geodata.zonings import Severity, validate_file

from .support import issues

COMPOSITION = """\
id_territoire;territoire;code_insee;commune
cpts-nord;CPTS Nord;93059;Pierrefitte-sur-Seine
cpts-nord;CPTS Nord;93070;Saint-Ouen-sur-Seine
cpts-sud;CPTS Sud;91182;Courcouronnes
cpts-sud;CPTS Sud;91174;Corbeil-Essonnes
"""


@pytest.fixture(scope="module")
def validated(tmp_path_factory):
    path = tmp_path_factory.mktemp("former") / "cpts.csv"
    path.write_text(COMPOSITION, encoding="utf-8")
    return validate_file(Path(path), "cpts", load_units("11"), load_code_aliases("11"))


class TestFormerCodes:
    def test_the_file_imports(self, validated) -> None:
        zoning, report = validated
        assert zoning is not None, report.to_text()

    def test_each_former_code_lands_on_its_current_commune(self, validated) -> None:
        zoning, _ = validated
        assert zoning.units_of("cpts-nord") == ("93066", "93070")
        assert zoning.units_of("cpts-sud") == ("91174", "91228")

    def test_with_a_code_ancien_warning_on_its_line(self, validated) -> None:
        _, report = validated
        found = issues(report, "former_commune")
        assert [issue.severity for issue in found] == [Severity.WARNING] * 2
        assert [issue.location.line for issue in found] == [2, 4]
        assert found[0].message == (
            "Code ancien « 93059 » (Pierrefitte-sur-Seine) : commune fusionnée dans "
            "93066 (Saint-Denis) ; elle est rattachée à la commune actuelle.")
        # Merged in 2019, before the older outline wheel: the code history has no name.
        assert found[1].message.startswith(
            "Code ancien « 91182 » : commune fusionnée dans 91228 (Évry-Courcouronnes)")

    def test_no_name_mismatch_for_the_former_names(self, validated) -> None:
        _, report = validated
        assert not issues(report, "name_mismatch")
