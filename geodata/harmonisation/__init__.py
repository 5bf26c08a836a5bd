"""Harmonisation scenarios: what it would take for one zoning to nest in another.

:mod:`~geodata.harmonisation.moves` holds a scenario (units moved between territories)
and its compact text form, for URLs and drafts; :mod:`~geodata.harmonisation.proposal`
proposes the moves of the « largest share » rule and measures any scenario with the
nesting index of :mod:`geodata.heterogeneity`; :mod:`~geodata.harmonisation.report`
describes a scenario for people and for ``python -m geodata harmonise``.
"""

from __future__ import annotations

from geodata.harmonisation.moves import (
    MAX_MOVES,
    Move,
    apply_moves,
    decode_moves,
    encode_moves,
    move_key,
    valid_moves,
)
from geodata.harmonisation.proposal import (
    Goal,
    Scenario,
    evaluate,
    move_populations,
    propose,
    scope_units,
    unit_neighbours,
)

__all__ = [
    "MAX_MOVES",
    "Goal",
    "Move",
    "Scenario",
    "apply_moves",
    "decode_moves",
    "encode_moves",
    "evaluate",
    "move_key",
    "move_populations",
    "propose",
    "scope_units",
    "unit_neighbours",
    "valid_moves",
]
