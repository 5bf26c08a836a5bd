"""What a cell says and the unit codes it stands for."""

from __future__ import annotations

import pytest

from geodata.zonings.codes import CodeBook, CodeKind, normalize_code


@pytest.mark.parametrize(("raw", "expected"), [
    ("04001", ("04001", False)), ("4001", ("04001", True)), ("4001.0", ("04001", True)),
    (" 93 008 ", ("93008", False)), ("'04001", ("04001", False)), ("2a004", ("2A004", False)),
    ("2B033", ("2B033", False)), ("123", ("123", False)),
])
def test_normalize_code(raw: str, expected: tuple[str, bool]) -> None:
    assert normalize_code(raw) == expected


class TestResolve:
    @pytest.mark.parametrize(("raw", "kind", "count"), [
        ("75101", CodeKind.UNIT, 1), ("4002", CodeKind.UNIT, 1), ("75056", CodeKind.PARENT, 8),
        ("04099", CodeKind.FORMER, 1), ("04000", CodeKind.POSTAL, 0),
        ("93008", CodeKind.UNKNOWN, 0), ("Bobigny", CodeKind.INVALID, 0),
    ])
    def test_kinds(self, units, aliases, raw: str, kind: CodeKind, count: int) -> None:
        resolution = CodeBook.from_frames(units, aliases).resolve(raw)
        assert (resolution.kind, len(resolution.units)) == (kind, count)

    @pytest.mark.parametrize(("code", "given", "matches"), [
        ("04003", "Château-Arnoux", True), ("04008", "St Etienne les Orgues", True),
        ("75101", "Paris 1er", True), ("04002", "Forcalquier", False),
        ("75056", "PARIS", True), ("04001", "", True),
    ])
    def test_name_matches(self, units, aliases, code: str, given: str, matches: bool) -> None:
        assert CodeBook.from_frames(units, aliases).name_matches(code, given) is matches
