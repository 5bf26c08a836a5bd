"""How the harmonisation page's scenario changes when the user acts: pure functions.

Every action returns a new view state whose ``harm_moves`` lists the scenario's moves
explicitly (the proposal is only the starting point of a bare URL), so that the URL
alone gives the same scenario back, in any browser.
"""

from __future__ import annotations

from dashboard.views.data import AppData
from dashboard.views.harmonisation import harmonisation_request, scenario_moves
from dashboard.views.state import ViewState, with_changes
from geodata.harmonisation import Move, decode_moves, encode_moves


def _with_moves(data: AppData, state: ViewState, moves: list[Move]) -> ViewState:
    request = harmonisation_request(data, state)
    if request is None:
        return state
    return with_changes(state, harm_moves=encode_moves(sorted(set(moves)),
                                                       data.zonings[request.edited]))


def toggle_move(data: AppData, state: ViewState, key: str, kept: bool) -> ViewState:
    """Keep or reject one move (``key``: :func:`geodata.harmonisation.move_key`)."""
    request = harmonisation_request(data, state)
    if request is None:
        return state
    wanted = decode_moves(key, data.zonings[request.edited])
    if len(wanted) != 1:
        return state
    (move,) = wanted
    moves = [other for other in scenario_moves(data, state, request)
             if (other.code, other.source) != (move.code, move.source)]
    return _with_moves(data, state, [*moves, move] if kept else moves)


def move_commune(data: AppData, state: ViewState, code: str | None,
                 target: str | None) -> ViewState:
    """Put a commune wholly in territory ``target`` of the edited zoning (None: out of it).

    Replaces any move of that commune; choosing the territory it is in now takes its
    moves back.
    """
    request = harmonisation_request(data, state)
    if request is None or code not in data.choices.communes:
        return state
    edited = data.zonings[request.edited]
    if target is not None and target not in edited.fiches:
        return state
    holders = edited.territories_of(code)
    moves = [move for move in scenario_moves(data, state, request) if move.code != code]
    if holders:
        moves += [Move(code, holder, target) for holder in holders if holder != target]
    elif target is not None:
        moves.append(Move(code, None, target))
    return _with_moves(data, state, moves)


def reset_moves(state: ViewState) -> ViewState:
    """Go back to the proposal."""
    return with_changes(state, harm_moves=None, harm_draft=None)


def clear_moves(state: ViewState) -> ViewState:
    """Reject every move: the zonings as they are."""
    return with_changes(state, harm_moves="")


def pick_commune(data: AppData, state: ViewState, code: str | None) -> ViewState:
    """Pick the commune to move (clicked on the map or chosen in the list)."""
    if code is not None and code not in data.choices.communes:
        return state
    return with_changes(state, commune=code)
