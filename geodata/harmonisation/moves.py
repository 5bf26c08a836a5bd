"""Moves of units between the territories of a zoning, and their compact text form.

A harmonisation scenario is a list of :class:`Move`: a unit (commune or arrondissement)
leaves one territory and joins another, or leaves the zoning (it becomes a zone
blanche), or an uncovered unit joins a territory. What a territory held of the unit goes
with it: a territory covering part of a city hands over that part (its share of the
unit, :attr:`Zoning.shares`), nothing more.

The scenario travels in URLs and is stored in drafts as text (:func:`encode_moves`,
:func:`decode_moves`): ``93001:cpts-12`` moves Aubervilliers from the only territory
holding it to ``cpts-12``; ``93001:`` takes it out of the zoning; ``93066:cpts-3:cpts-12``
names the territory it leaves, needed when several territories share the unit.
Territory ids are percent-encoded, so any id survives the round trip.

Examples
--------
>>> moves = decode_moves("93001:cpts-12,93005:", zoning)          # doctest: +SKIP
>>> encode_moves(moves, zoning)                                     # doctest: +SKIP
'93001:cpts-12,93005:'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from urllib.parse import quote, unquote

from geodata.zonings.model import Zoning

#: Separators of the text form: between moves, and between the fields of one move.
MOVE_SEPARATOR, FIELD_SEPARATOR = ",", ":"
#: Most moves a text may hold: a region has a few thousand units at most, and a URL or
#: a draft longer than that is not a scenario anyone prepared by hand.
MAX_MOVES = 3000
#: What a unit code looks like (5 characters: digits, 2A/2B for Corsica).
UNIT_CODE = re.compile(r"[0-9][0-9AB][0-9]{3}")


@dataclass(frozen=True, order=True)
class Move:
    """One unit changing territory in a zoning.

    Attributes
    ----------
    code : str
        The unit moved.
    source : str or None
        Territory it leaves; None when the unit was in no territory (zone blanche).
    target : str or None
        Territory it joins; None when it leaves the zoning.
    """

    code: str
    source: str | None
    target: str | None


def valid_moves(zoning: Zoning, moves: Iterable[Move]) -> tuple[Move, ...]:
    """Keep the moves that make sense on ``zoning``, one per unit and source.

    A move is kept when its source holds the unit (or, with no source, when no territory
    does), its target is a territory of the zoning other than the source, and it moves
    something (source and target not both None). A later move of the same unit and
    source replaces an earlier one. Moves written for another version of the zoning
    (a URL kept for months) thereby lose only what no longer applies.
    """
    kept: dict[tuple[str, str | None], Move] = {}
    for move in moves:
        holders = zoning.territories_of(move.code)
        if move.source is None and holders:
            continue
        if move.source is not None and move.source not in holders:
            continue
        if move.target is not None and move.target not in zoning.fiches:
            continue
        if move.target == move.source:
            continue
        kept[(move.code, move.source)] = move
    return tuple(kept.values())


def apply_moves(zoning: Zoning, moves: Iterable[Move]) -> Zoning:
    """Return ``zoning`` with the moves applied (give it :func:`valid_moves`).

    A move hands over what its source held of the unit: an explicit share (a territory
    covering part of a city) goes with it, so a part stays a part. A unit joining a
    territory that already holds part of it merges both parts: their effective shares
    add up (the whole unit when nothing else is left). Territories a move changes lose
    their polygon outline: the maps then draw them from their units.
    """
    moves = tuple(moves)
    if not moves:
        return zoning
    removed = {(move.source, move.code) for move in moves if move.source is not None}
    members = [pair for pair in zoning.members if pair not in removed]
    held = set(members)
    shares = dict(zoning.shares)
    for move in moves:
        part = shares.pop((move.source, move.code), None)
        if move.target is None:
            continue
        pair = (move.target, move.code)
        if pair not in held:
            members.append(pair)
            held.add(pair)
            if part is not None:
                shares[pair] = part
        elif part is not None or pair in shares:
            moved = zoning.share_of(move.source, move.code) if part is None else part
            shares[pair] = shares.get(pair, zoning.share_of(*pair)) + moved
    changed = {tid for move in moves for tid in (move.source, move.target) if tid is not None}
    return replace(zoning, members=tuple(members),
                   shares={pair: min(share, 1.0) for pair, share in shares.items()
                           if pair in held},
                   outlines={tid: outline for tid, outline in zoning.outlines.items()
                             if tid not in changed})


def encode_moves(moves: Iterable[Move], zoning: Zoning) -> str:
    """Write moves as text; the source is written only when it cannot be implied.

    The source is implied when the unit is in exactly one territory (it leaves that one)
    or in none (it joins the zoning).
    """
    parts = []
    for move in moves:
        fields = [move.code]
        if len(zoning.territories_of(move.code)) > 1:
            fields.append(_quoted(move.source))
        fields.append(_quoted(move.target))
        parts.append(FIELD_SEPARATOR.join(fields))
    return MOVE_SEPARATOR.join(parts)


def move_key(move: Move) -> str:
    """Write one move with its source, whatever the zoning: a stable id for the page.

    :func:`decode_moves` reads it back as any other entry.
    """
    return FIELD_SEPARATOR.join([move.code, _quoted(move.source), _quoted(move.target)])


def decode_moves(text: str | None, zoning: Zoning) -> tuple[Move, ...]:
    """Read the moves of :func:`encode_moves`, dropping what does not apply to ``zoning``.

    Malformed entries and moves that :func:`valid_moves` refuses are left out, so a
    hand-edited or outdated link shows what still makes sense rather than an error.
    """
    moves = []
    for part in (text or "").split(MOVE_SEPARATOR)[:MAX_MOVES]:
        fields = part.split(FIELD_SEPARATOR)
        if not UNIT_CODE.fullmatch(fields[0]) or len(fields) not in (2, 3):
            continue
        code = fields[0]
        if len(fields) == 3:
            source = _unquoted(fields[1])
        else:
            holders = zoning.territories_of(code)
            if len(holders) > 1:
                continue
            source = holders[0] if holders else None
        moves.append(Move(code, source, _unquoted(fields[-1])))
    return valid_moves(zoning, moves)


def _quoted(territory: str | None) -> str:
    return "" if territory is None else quote(territory, safe="")


def _unquoted(field: str) -> str | None:
    return unquote(field) or None
