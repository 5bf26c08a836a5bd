"""What it would take for a zoning to nest in a reference: the proposal and its scenarios.

The « largest share » rule: every territory of the zoning keeps the units lying in the
reference territory that holds most of its population (its *main* territory, as
:func:`geodata.heterogeneity.territory_nesting` finds it) and hands over the others.
Each unit handed over joins a neighbouring territory whose main territory is the one the
unit lies in, spreading from neighbour to neighbour inside that reference territory; a
unit no such territory reaches leaves the zoning (:func:`propose`).

This is the least population any scenario can move: after it, each territory lies in
one reference territory, so at least the part of its population outside its largest
piece has left it, and the rule moves exactly that. Applying it brings the nesting index
to 1 (:func:`evaluate`), except where the reference itself splits a unit in parts.

The other goal, « the reference follows the zoning », moves the same units in the
reference instead: each goes to the main reference territory of its zoning territory.

Everything is computed on the units the reference covers (within the units given):
where the reference says nothing, no territory can be nested, and nothing is moved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata.harmonisation.moves import Move, apply_moves, valid_moves
from geodata.heterogeneity import index_of_nesting, territory_nesting, unit_edges
from geodata.zonings.model import CODE, Zoning


class Goal(StrEnum):
    """Which of the two zonings changes."""

    #: The zoning to adjust moves units so that it nests in the reference.
    ZONING = "zonage"
    #: The reference moves units so that the zoning nests in it.
    REFERENCE = "reference"


def scope_units(units: pd.DataFrame, reference: Zoning) -> pd.DataFrame:
    """Keep the units the reference covers: where nesting can be asked for."""
    return units[reference.covers(units[CODE])].reset_index(drop=True)


def unit_neighbours(units: gpd.GeoDataFrame) -> Mapping[str, tuple[str, ...]]:
    """Units sharing a boundary with each unit, from the coverage's own segments."""
    edges = unit_edges(units)
    inner = edges.right >= 0
    left, right = edges.codes[edges.left[inner]], edges.codes[edges.right[inner]]
    pairs = pd.DataFrame({"a": np.concatenate([left, right]),
                          "b": np.concatenate([right, left])}).drop_duplicates()
    return {code: tuple(group) for code, group in pairs.groupby("a", sort=False)["b"]}


def propose(zoning: Zoning, reference: Zoning, units: pd.DataFrame,
            neighbours: Mapping[str, tuple[str, ...]], goal: Goal = Goal.ZONING
            ) -> tuple[Move, ...]:
    """Propose the moves of the « largest share » rule (see the module docstring).

    Parameters
    ----------
    zoning, reference : Zoning
        The zoning that should nest, and the one it should nest in.
    units : pandas.DataFrame
        ``code`` and ``population`` of the units in scope (:func:`scope_units`).
    neighbours : mapping
        Unit code → neighbouring unit codes (:func:`unit_neighbours`).
    goal : Goal
        Move the units in ``zoning`` (default) or in ``reference``.

    Returns
    -------
    tuple of Move
        Moves in ``zoning`` (or ``reference``), sorted by unit code.
    """
    nesting = territory_nesting(zoning, reference, units)
    main = nesting["main"].dropna().to_dict()
    in_scope = set(units[CODE].tolist())
    off = [(tid, code) for tid, code in zoning.members
           if code in in_scope and tid in main and main[tid] not in reference.territories_of(code)]
    if goal is Goal.REFERENCE:
        moves = [Move(code, holder, main[tid]) for tid, code in off
                 for holder in reference.territories_of(code)]
        return tuple(sorted(valid_moves(reference, moves)))
    targets = _destinations(zoning, reference, off, main, nesting["population"].to_dict(),
                            neighbours)
    return tuple(sorted(Move(code, tid, targets.get((tid, code))) for tid, code in off))


def _destinations(zoning: Zoning, reference: Zoning, off: list[tuple[str, str]],
                  main: Mapping[str, str], population: Mapping[str, float],
                  neighbours: Mapping[str, tuple[str, ...]]) -> dict[tuple[str, str], str]:
    """Give each unit handed over a territory mainly in its reference territory, if any.

    Spreads from the units that stay: a unit joins the neighbouring territory (whose main
    reference territory is the unit's) it touches by most units, then the most
    populated, then the first by id; units it joins become neighbours for the next round.
    """
    leaving = set(off)
    holders: dict[str, list[str]] = {}
    for tid, code in zoning.members:
        if (tid, code) not in leaving:
            holders.setdefault(code, []).append(tid)
    pending = {pair: reference.territories_of(pair[1]) for pair in sorted(off)}
    targets: dict[tuple[str, str], str] = {}
    while pending:
        placed = {}
        for (tid, code), pieces in pending.items():
            votes: dict[str, int] = {}
            for neighbour in neighbours.get(code, ()):
                for other in holders.get(neighbour, ()):
                    if main.get(other) in pieces:
                        votes[other] = votes.get(other, 0) + 1
            if votes:
                placed[(tid, code)] = max(votes, key=lambda other: (
                    votes[other], population.get(other, 0.0), _reverse(other)))
        if not placed:
            break
        for (tid, code), target in placed.items():
            targets[(tid, code)] = target
            holders.setdefault(code, []).append(target)
            del pending[(tid, code)]
    return targets


def _reverse(text: str) -> tuple[int, ...]:
    """Key preferring the smaller id when used in ``max``."""
    return tuple(-ord(char) for char in text)


@dataclass(frozen=True)
class Scenario:
    """A set of moves applied, and what it changes.

    Attributes
    ----------
    goal : Goal
        Which zoning the moves change.
    moves : tuple of Move
        The moves applied: those :func:`~geodata.harmonisation.moves.valid_moves` keeps,
        on units in scope.
    edited, adjusted : Zoning
        The zoning the moves change, before and after.
    nesting_before, nesting_after : pandas.DataFrame
        :func:`geodata.heterogeneity.territory_nesting` of the zoning in the reference,
        before and after (one of them adjusted).
    populations_before, populations_after : pandas.Series
        Population of each territory of the edited zoning in scope, before and after.
    unit_count, population : int, float
        Number and population of the units in scope.
    move_population : dict
        Population each move carries (:func:`move_populations`).
    """

    goal: Goal
    moves: tuple[Move, ...]
    edited: Zoning
    adjusted: Zoning
    nesting_before: pd.DataFrame
    nesting_after: pd.DataFrame
    populations_before: pd.Series
    populations_after: pd.Series
    unit_count: int
    population: float
    move_population: Mapping[Move, float]

    @property
    def index_before(self) -> float:
        """Nesting index of the zoning in the reference before the moves."""
        return index_of_nesting(self.nesting_before)

    @property
    def index_after(self) -> float:
        """Nesting index after the moves."""
        return index_of_nesting(self.nesting_after)

    @property
    def population_moved(self) -> float:
        """Population of the units moved, each counted for the part its territory held."""
        return float(sum(self.move_population.values()))


def evaluate(zoning: Zoning, reference: Zoning, units: pd.DataFrame,
             moves: tuple[Move, ...], goal: Goal = Goal.ZONING,
             before: Scenario | None = None) -> Scenario:
    """Apply moves to the zoning (or to the reference) and measure the nesting again.

    ``units`` are the units in scope (:func:`scope_units`): moves of other units are
    left out, as :func:`valid_moves` leaves out those that do not apply. ``before``, a
    scenario of the same zonings, units and goal (the empty one: ``evaluate(…, ())``),
    spares measuring the zonings before the moves again, when scenarios follow one
    another on a page.
    """
    edited = zoning if goal is Goal.ZONING else reference
    in_scope = set(units[CODE].tolist())
    moves = tuple(move for move in valid_moves(edited, moves) if move.code in in_scope)
    adjusted = apply_moves(edited, moves)
    if before is None:
        nesting_before = territory_nesting(zoning, reference, units)
        populations_before = (nesting_before["population"] if goal is Goal.ZONING
                              else territory_nesting(reference, zoning, units)["population"])
    else:
        nesting_before, populations_before = before.nesting_before, before.populations_before
    if goal is Goal.ZONING:
        nesting_after = territory_nesting(adjusted, reference, units)
        populations_after = nesting_after["population"]
    else:
        nesting_after = territory_nesting(zoning, adjusted, units)
        populations_after = territory_nesting(adjusted, zoning, units)["population"]
    return Scenario(
        goal=goal, moves=moves, edited=edited, adjusted=adjusted,
        nesting_before=nesting_before, nesting_after=nesting_after,
        populations_before=populations_before, populations_after=populations_after,
        unit_count=len(units), population=float(units["population"].sum()),
        move_population=move_populations(edited, moves, units),
    )


def move_populations(zoning: Zoning, moves: tuple[Move, ...],
                     units: pd.DataFrame) -> dict[Move, float]:
    """Give the population each move carries: the unit's, times its source's share.

    The effective share of :attr:`Zoning.membership`, as the nesting counts it: the
    explicit part of a territory covering part of a city, an equal part of a city
    listed under several territories without split, the whole unit otherwise. A unit
    joining from no territory carries its whole population.
    """
    population = dict(zip(units[CODE].tolist(), units["population"].tolist(), strict=True))
    return {move: float(population[move.code]) * (
        zoning.share_of(move.source, move.code) if move.source is not None else 1.0)
        for move in moves}
