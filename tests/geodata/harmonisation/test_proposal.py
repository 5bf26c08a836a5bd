"""The « largest share » proposal: minimal in population moved, and nesting reached."""

from __future__ import annotations

import itertools
from dataclasses import replace

import geopandas as gpd
import pytest

from geodata.harmonisation import (
    Goal,
    Move,
    apply_moves,
    evaluate,
    propose,
    scope_units,
    unit_neighbours,
)
from geodata.heterogeneity import nesting_index

from .support import CPTS, DAC, POPULATION, code, grid, zoning


@pytest.fixture(scope="module")
def units() -> gpd.GeoDataFrame:
    return grid()


@pytest.fixture(scope="module")
def neighbours(units):
    return unit_neighbours(units)


def oracle_index(assignment: dict[str, str | None], reference: dict[str, str],
                 population: dict[str, float]) -> float | None:
    """Nesting index written from its definition, for the brute force (None: undefined)."""
    total, inside = 0.0, 0.0
    for territory in {t for t in assignment.values() if t is not None}:
        pieces: dict[str, float] = {}
        for unit, holder in assignment.items():
            if holder == territory:
                pieces[reference[unit]] = pieces.get(reference[unit], 0.0) + population[unit]
        total += sum(pieces.values())
        inside += max(pieces.values())
    return inside / total if total else None


class TestNeighbours:
    def test_rook_neighbours_of_the_grid(self, neighbours) -> None:
        assert sorted(neighbours[code(1)]) == [code(2), code(4)]
        assert sorted(neighbours[code(5)]) == [code(2), code(4), code(6)]


class TestProposal:
    def test_moves_of_the_grid(self, units, neighbours) -> None:
        assert propose(CPTS, DAC, units, neighbours) == (
            Move(code(3), "a1", "a3"), Move(code(4), "a2", "a1"))

    def test_applying_it_nests_the_zoning(self, units, neighbours) -> None:
        scenario = evaluate(CPTS, DAC, units, propose(CPTS, DAC, units, neighbours))
        assert scenario.index_before == pytest.approx((350 + 400 + 90) / 1260)
        assert scenario.index_after == pytest.approx(1.0)
        assert nesting_index(scenario.adjusted, DAC, units) == pytest.approx(1.0)
        assert scenario.population_moved == 420

    def test_no_scenario_reaching_index_1_moves_fewer_people(self, units, neighbours) -> None:
        """Every reassignment of the six units (4⁶ of them), checked by brute force."""
        proposal = evaluate(CPTS, DAC, units, propose(CPTS, DAC, units, neighbours))
        codes = list(units["code"])
        population = dict(zip(codes, units["population"].astype(float), strict=True))
        reference = {unit: DAC.territories_of(unit)[0] for unit in codes}
        original = {unit: CPTS.territories_of(unit)[0] for unit in codes}
        least = None
        for holders in itertools.product(["a1", "a2", "a3", None], repeat=len(codes)):
            assignment = dict(zip(codes, holders, strict=True))
            if oracle_index(assignment, reference, population) != pytest.approx(1.0):
                continue
            moved = sum(population[u] for u in codes if assignment[u] != original[u])
            least = moved if least is None else min(least, moved)
        assert least == proposal.population_moved == 420

    def test_minimum_is_the_part_outside_each_main_territory(self, units, neighbours) -> None:
        scenario = evaluate(CPTS, DAC, units, propose(CPTS, DAC, units, neighbours))
        nesting = scenario.nesting_before
        assert scenario.population_moved == pytest.approx(
            (nesting["population"] * (1 - nesting["main_share"])).sum())

    def test_a_unit_reaches_its_territory_through_another_moved_unit(self, neighbours) -> None:
        # 4 5 6 / 1 2 3; reference: west {1, 4}, east the rest. a1 = {1, 2, 3, 4}
        # keeps 1 and 4; 3 can only join a2 through 2, moved too.
        units = grid(population={1: 500, 4: 500, 2: 100, 3: 100, 5: 50, 6: 50})
        reference = zoning("dac", {"west": [1, 4], "east": [2, 3, 5, 6]})
        cpts = zoning("cpts", {"a1": [1, 2, 3, 4], "a2": [5]})
        moves = propose(cpts, reference, units, neighbours)
        assert moves == (Move(code(2), "a1", "a2"), Move(code(3), "a1", "a2"))
        assert evaluate(cpts, reference, units, moves).index_after == pytest.approx(1.0)

    def test_unit_no_territory_reaches_leaves_the_zoning(self, units, neighbours) -> None:
        cpts = zoning("cpts", {"a1": [1, 2, 3], "a2": [4]})
        moves = propose(cpts, DAC, units, neighbours)
        assert moves == (Move(code(3), "a1", None),)
        assert evaluate(cpts, DAC, units, moves).index_after == pytest.approx(1.0)

    def test_reference_follows_the_zoning(self, units, neighbours) -> None:
        moves = propose(CPTS, DAC, units, neighbours, Goal.REFERENCE)
        assert moves == (Move(code(3), "east", "west"), Move(code(4), "west", "east"))
        scenario = evaluate(CPTS, DAC, units, moves, Goal.REFERENCE)
        assert scenario.edited is DAC
        assert scenario.index_after == pytest.approx(1.0)
        assert scenario.population_moved == 420
        assert dict(scenario.populations_after) == {"west": 100 + 250 + 300,
                                                    "east": 120 + 400 + 90}

    def test_nested_zoning_needs_no_move(self, units, neighbours) -> None:
        nested = zoning("cpts", {"a1": [1, 2], "a2": [3, 5, 6]})
        assert propose(nested, DAC, units, neighbours) == ()


class TestScope:
    def test_units_the_reference_leaves_out_are_out_of_scope(self, units) -> None:
        partial = zoning("ept", {"west": [1, 2, 4]})
        assert list(scope_units(units, partial)["code"]) == [code(1), code(2), code(4)]

    def test_moves_outside_the_scope_are_left_out(self, units, neighbours) -> None:
        partial = zoning("ept", {"west": [1, 2, 4]})
        scope = scope_units(units, partial)
        scenario = evaluate(CPTS, partial, scope, (Move(code(3), "a1", "a3"),
                                                   Move(code(4), "a2", "a1")))
        assert scenario.moves == (Move(code(4), "a2", "a1"),)
        assert scenario.population == 100 + 250 + 120
        assert scenario.index_after == pytest.approx(1.0)


class TestScenario:
    def test_rejected_move_keeps_its_territory_split(self, units) -> None:
        scenario = evaluate(CPTS, DAC, units, (Move(code(3), "a1", "a3"),))
        assert scenario.population_moved == POPULATION[3]
        assert scenario.index_after == pytest.approx((350 + 400 + 390) / 1260)

    def test_a_part_given_by_polygons_moves_with_its_population(self, units) -> None:
        # Unit 3 is 40 % in a1, 60 % in a3: only a1's part lies outside its main DAC.
        parts = replace(zoning("cpts", {"a1": [1, 2, 3], "a2": [4, 5], "a3": [3, 6]}),
                        shares={("a1", code(3)): 0.4, ("a3", code(3)): 0.6})
        scenario = evaluate(parts, DAC, units, (Move(code(3), "a1", "a3"),))
        assert scenario.population_moved == pytest.approx(0.4 * POPULATION[3])
        assert scenario.adjusted.territories_of(code(3)) == ("a3",)
        assert scenario.adjusted.share_of("a3", code(3)) == 1.0

    def test_proposal_moves_the_part_outside_and_nests(self, units, neighbours) -> None:
        parts = replace(zoning("cpts", {"a1": [1, 2, 3], "a2": [4, 5], "a3": [3, 6]}),
                        shares={("a1", code(3)): 0.4, ("a3", code(3)): 0.6})
        moves = propose(parts, DAC, units, neighbours)
        assert moves == (Move(code(3), "a1", "a3"), Move(code(4), "a2", "a1"))
        scenario = evaluate(parts, DAC, units, moves)
        assert scenario.population_moved == pytest.approx(0.4 * POPULATION[3] + POPULATION[4])
        assert scenario.index_after == pytest.approx(1.0)

    def test_shared_unit_moves_its_part(self, units) -> None:
        shared = zoning("cpts", {"a1": [1, 2, 3], "a2": [3, 5]})
        scenario = evaluate(shared, DAC, units, (Move(code(3), "a1", "a2"),))
        assert scenario.population_moved == POPULATION[3] / 2
        assert apply_moves(shared, scenario.moves).territories_of(code(3)) == ("a2",)
