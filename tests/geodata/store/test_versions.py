"""Comparing two versions and seeing a zoning at a date: pure functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from geodata.store import as_of, creation_date, describe_diff, diff_zonings, end_of_day

from .conftest import make_zoning

OLD = make_zoning({"a": ("93001", "93005"), "b": ("93008",), "c": ("93010",)})


class TestDiff:
    def test_identical(self):
        diff = diff_zonings(OLD, OLD)
        assert diff.identical
        assert describe_diff(diff, OLD, OLD) == ["Les deux versions sont identiques."]

    def test_added_removed_changed_and_moved(self):
        new = make_zoning({"a": ("93001",), "b": ("93005", "93008"), "d": ("93011",)})
        new = replace(new, fiches={**new.fiches, "b": replace(new.fiches["b"], nom="B bis")})

        diff = diff_zonings(OLD, new)

        assert diff.added == ("d",)
        assert diff.removed == ("c",)
        changes = {change.territory_id: change for change in diff.changed}
        assert set(changes) == {"a", "b"}
        assert changes["a"].codes_removed == ("93005",) and changes["a"].fields == ()
        assert changes["b"].codes_added == ("93005",) and changes["b"].fields == ("nom",)
        assert [(m.code, m.before, m.after) for m in diff.moved] == [("93005", ("a",), ("b",))]
        assert diff.covered == ("93011",) and diff.uncovered == ("93010",)

    def test_description_names_territories_and_communes(self):
        new = make_zoning({"a": ("93001",), "b": ("93005", "93008"), "c": ("93010",)})
        lines = describe_diff(diff_zonings(OLD, new), OLD, new, {"93005": "Bondy"})

        assert any("93005 (Bondy) de « Territoire a » vers « Territoire b »" in line
                   for line in lines)

    def test_official_flag_change_is_reported(self):
        demo = replace(OLD, illustrative=True)
        lines = describe_diff(diff_zonings(demo, OLD), demo, OLD)
        assert lines == ["Statut du découpage : illustratif → officiel."]


class TestAsOf:
    ZONING = make_zoning({"old": ("93001",), "new": ("93005",), "undated": ("93008",),
                          "year": ("93010",)},
                         created={"old": "2015-06-01", "new": "2024-09", "year": "2021"})

    @pytest.mark.parametrize(("day", "kept"), [
        (dt.date(2010, 1, 1), ["undated"]),
        (dt.date(2021, 1, 1), ["old", "undated", "year"]),
        (dt.date(2024, 9, 1), ["new", "old", "undated", "year"]),
    ])
    def test_keeps_structures_created_by_then(self, day, kept):
        zoning = as_of(self.ZONING, day)
        assert sorted(zoning.fiches) == kept
        assert {tid for tid, _ in zoning.members} == set(kept)

    def test_returns_the_same_zoning_when_nothing_is_dropped(self):
        assert as_of(self.ZONING, dt.date(2030, 1, 1)) is self.ZONING

    @pytest.mark.parametrize(("value", "expected"), [
        ("2021", dt.date(2021, 1, 1)), ("2021-03", dt.date(2021, 3, 1)),
        ("2021-03-15", dt.date(2021, 3, 15)), ("", None), (None, None), ("vers 2020", None),
        ("2021-13", None),
    ])
    def test_creation_dates(self, value, expected):
        assert creation_date(value) == expected

    def test_end_of_day_is_in_french_time(self):
        end = end_of_day(dt.date(2026, 7, 14))
        assert end.astimezone(dt.UTC) == dt.datetime(2026, 7, 14, 21, 59, 59, 999999,
                                                     tzinfo=dt.UTC)
