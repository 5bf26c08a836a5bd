"""Moves: which apply to a zoning, applying them, and their text form in URLs and drafts."""

from __future__ import annotations

from dataclasses import replace

import pytest
import shapely

from geodata.harmonisation import (
    Move,
    apply_moves,
    decode_moves,
    encode_moves,
    move_key,
    valid_moves,
)

from .support import CPTS, code, zoning

SHARED = zoning("cpts", {"a1": [1, 2], "a2": [2, 3], "odd id, with: colons": [4]})
#: Unit 2 is 30 % in a1 and 70 % in a2 (parts given by the agency's polygons).
PARTS = replace(zoning("cpts", {"a1": [1, 2], "a2": [2, 5], "a3": [6]}),
                shares={("a1", code(2)): 0.3, ("a2", code(2)): 0.7},
                outlines={"a1": shapely.box(0, 0, 1, 1), "a3": shapely.box(2, 0, 3, 1)})


class TestValidMoves:
    def test_keeps_moves_that_apply(self) -> None:
        moves = (Move(code(3), "a1", "a3"), Move(code(6), "a3", None))
        assert valid_moves(CPTS, moves) == moves

    @pytest.mark.parametrize("move", [
        Move(code(3), "a2", "a3"),        # a2 does not hold 3
        Move(code(3), "a1", "nowhere"),   # unknown target
        Move(code(3), "a1", "a1"),        # no change
        Move(code(3), None, "a2"),        # 3 is covered: it must leave a territory
        Move(code(9), None, None),        # moves nothing
    ])
    def test_drops_moves_that_do_not_apply(self, move: Move) -> None:
        assert valid_moves(CPTS, [move]) == ()

    def test_a_later_move_of_the_same_unit_replaces_the_earlier(self) -> None:
        moves = (Move(code(3), "a1", "a2"), Move(code(3), "a1", "a3"))
        assert valid_moves(CPTS, moves) == (Move(code(3), "a1", "a3"),)


class TestApplyMoves:
    def test_unit_changes_territory(self) -> None:
        moved = apply_moves(CPTS, [Move(code(3), "a1", "a3"), Move(code(4), "a2", None)])
        assert moved.units_of("a1") == (code(1), code(2))
        assert moved.units_of("a3") == (code(3), code(6))
        assert moved.territories_of(code(4)) == ()
        assert moved.fiches == CPTS.fiches

    def test_uncovered_unit_joins(self) -> None:
        moved = apply_moves(apply_moves(CPTS, [Move(code(4), "a2", None)]),
                            [Move(code(4), None, "a1")])
        assert moved.territories_of(code(4)) == ("a1",)

    def test_shared_unit_merges_into_the_territory_holding_its_other_part(self) -> None:
        moved = apply_moves(SHARED, [Move(code(2), "a1", "a2")])
        assert moved.territories_of(code(2)) == ("a2",)

    def test_a_part_moves_with_its_share(self) -> None:
        moved = apply_moves(PARTS, [Move(code(2), "a1", "a3")])
        assert moved.territories_of(code(2)) == ("a2", "a3")
        assert moved.share_of("a3", code(2)) == pytest.approx(0.3)
        assert moved.share_of("a2", code(2)) == pytest.approx(0.7)

    def test_parts_joined_make_the_whole_unit(self) -> None:
        moved = apply_moves(PARTS, [Move(code(2), "a1", "a2")])
        assert moved.territories_of(code(2)) == ("a2",)
        assert moved.share_of("a2", code(2)) == 1.0 and not moved.shares

    def test_a_part_in_unknown_parts_joins_an_explicit_one(self) -> None:
        unknown = replace(SHARED, shares={})  # unit 2: half in a1, half in a2 (unknown)
        moved = apply_moves(unknown, [Move(code(2), "a1", "odd id, with: colons")])
        assert moved.share_of("a2", code(2)) + moved.share_of(
            "odd id, with: colons", code(2)) == pytest.approx(1.0)

    def test_changed_territories_lose_their_polygon_outline(self) -> None:
        moved = apply_moves(PARTS, [Move(code(5), "a2", "a3")])
        assert set(moved.outlines) == {"a1"}

    def test_no_move_gives_the_same_zoning(self) -> None:
        assert apply_moves(CPTS, []) is CPTS


class TestText:
    def test_round_trip_with_implied_sources(self) -> None:
        moves = (Move(code(3), "a1", "a3"), Move(code(4), "a2", None))
        text = encode_moves(moves, CPTS)
        assert text == "91003:a3,91004:"
        assert decode_moves(text, CPTS) == moves

    def test_shared_unit_names_its_source_and_odd_ids_survive(self) -> None:
        moves = (Move(code(2), "a2", "odd id, with: colons"),)
        text = encode_moves(moves, SHARED)
        assert text == "91002:a2:odd%20id%2C%20with%3A%20colons"
        assert decode_moves(text, SHARED) == moves

    @pytest.mark.parametrize("move", [Move(code(3), "a1", "a3"), Move(code(4), "a2", None)])
    def test_key_names_the_source_and_reads_back(self, move: Move) -> None:
        assert move_key(move).count(":") == 2
        assert decode_moves(move_key(move), CPTS) == (move,)

    def test_uncovered_unit_joining(self) -> None:
        uncovered = apply_moves(CPTS, [Move(code(4), "a2", None)])
        assert decode_moves("91004:a1", uncovered) == (Move(code(4), None, "a1"),)

    @pytest.mark.parametrize("text", [
        "", "garbage", "91003", "9100X:a3", "91003:a1:a3:a2", "91002:a1",  # shared, no source
        "91003:nowhere", "<script>:a1",
    ])
    def test_malformed_or_outdated_entries_are_left_out(self, text: str) -> None:
        zoning = SHARED if text == "91002:a1" else CPTS
        assert decode_moves(text, zoning) == ()

    def test_good_entries_survive_bad_neighbours(self) -> None:
        assert decode_moves("junk,91003:a3,,91003:a1:a2:", CPTS) == (Move(code(3), "a1", "a3"),)
