"""One harmonisation asked for by key: checked, proposed and measured, for the CLI and the page.

:func:`check_request` says in French what is wrong with a request (the same words on the
command line and in the page); :func:`run_proposal` computes the proposal of a checked
request with :mod:`~geodata.harmonisation.proposal`, and :func:`command_payload` is what
``python -m geodata harmonise`` prints.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import geopandas as gpd

from geodata.harmonisation.moves import Move
from geodata.harmonisation.proposal import Goal, Scenario, evaluate, propose, scope_units
from geodata.harmonisation.report import scenario_payload
from geodata.zonings.model import Zoning

MESSAGES = {
    "unknown_zoning": "Découpage à ajuster « {key} » inconnu : choisissez parmi {choices}.",
    "unknown_reference": "Référence « {key} » inconnue : choisissez parmi {choices}.",
    "same": "Le découpage à ajuster et la référence doivent être différents.",
    "unknown_goal": "Objectif « {goal} » inconnu : « zonage » ou « reference ».",
    "fixed_reference": ("La référence « {label} » est un découpage officiel tiré de la "
                        "géographie de base : elle ne peut pas être modifiée pour suivre "
                        "le découpage. Choisissez l'objectif « zonage »."),
    "unknown_departement": "Département « {code} » absent de la région : {choices}.",
}


class HarmonisationError(ValueError):
    """A request that cannot be answered; the message is French, for the user."""


def check_request(zonings: Mapping[str, Zoning], editable: Collection[str], zoning_key: str,
                  reference_key: str, goal: str) -> Goal:
    """Check that ``zoning_key`` can be adjusted to ``reference_key`` for ``goal``.

    Parameters
    ----------
    zonings : mapping
        Every zoning offered, stored and reference (key → zoning).
    editable : collection of str
        Keys of the stored zonings: only these can change.

    Raises
    ------
    HarmonisationError
        Naming what is wrong and what would be accepted.
    """
    if zoning_key not in editable:
        raise HarmonisationError(MESSAGES["unknown_zoning"].format(
            key=zoning_key, choices=", ".join(key for key in zonings if key in editable)))
    if reference_key not in zonings:
        raise HarmonisationError(MESSAGES["unknown_reference"].format(
            key=reference_key, choices=", ".join(zonings)))
    if zoning_key == reference_key:
        raise HarmonisationError(MESSAGES["same"])
    try:
        checked = Goal(goal)
    except ValueError:
        raise HarmonisationError(MESSAGES["unknown_goal"].format(goal=goal)) from None
    if checked is Goal.REFERENCE and reference_key not in editable:
        raise HarmonisationError(MESSAGES["fixed_reference"].format(
            label=zonings[reference_key].type.label))
    return checked


def departement_units(units: gpd.GeoDataFrame, codes: Collection[str]) -> gpd.GeoDataFrame:
    """Select the units of some départements (all when none are given), checked.

    Raises
    ------
    HarmonisationError
        For a code that is not a département of the units.
    """
    known = sorted(set(units["departement"]))
    for code in codes:
        if code not in known:
            raise HarmonisationError(MESSAGES["unknown_departement"].format(
                code=code, choices=", ".join(known)))
    return units[units["departement"].isin(list(codes))] if codes else units


def run_proposal(zoning: Zoning, reference: Zoning, units: gpd.GeoDataFrame,
                 neighbours: Mapping[str, tuple[str, ...]],
                 goal: Goal) -> tuple[tuple[Move, ...], Scenario]:
    """Propose on the units the reference covers; return the moves and their scenario."""
    scope = scope_units(units, reference)
    moves = propose(zoning, reference, scope, neighbours, goal)
    return moves, evaluate(zoning, reference, scope, moves, goal)


def command_payload(zonings: Mapping[str, Zoning], editable: Collection[str],
                    units: gpd.GeoDataFrame, neighbours: Mapping[str, tuple[str, ...]],
                    keys: tuple[str, str], goal: str) -> dict:
    """Build what ``python -m geodata harmonise`` prints: the proposal, applied whole.

    Raises
    ------
    HarmonisationError
        For a request :func:`check_request` refuses.
    """
    checked = check_request(zonings, editable, *keys, goal)
    zoning, reference = zonings[keys[0]], zonings[keys[1]]
    moves, scenario = run_proposal(zoning, reference, units, neighbours, checked)
    other = reference if checked is Goal.ZONING else zoning
    names = dict(zip(units["code"], units["nom"], strict=True))
    return scenario_payload(scenario, keys, other, names, moves)
