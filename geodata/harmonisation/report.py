"""A scenario described for people: its moves and territories as tables, and as JSON.

The page, its CSV export and ``python -m geodata harmonise`` all describe a scenario with
these functions, so that they say the same thing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np
import pandas as pd

from geodata.harmonisation.moves import Move
from geodata.harmonisation.proposal import Goal, Scenario
from geodata.zonings.model import Zoning

#: Columns of :func:`move_table`.
MOVE_COLUMNS = ("code", "commune", "population", "source", "source_nom", "target",
                "target_nom", "reference", "reference_nom", "proposed")
#: Columns of :func:`territory_table`.
TERRITORY_COLUMNS = ("territory_id", "nom", "population_before", "population_after",
                     "units_before", "units_after")
#: Decimals of the shares and indices in :func:`scenario_payload`.
PAYLOAD_DECIMALS = 4


def move_records(scenario: Scenario, other: Zoning, unit_names: Mapping[str, str],
                 proposal: Collection[Move] = ()) -> list[dict]:
    """One dict per move of the scenario (:data:`MOVE_COLUMNS`), in the order of the moves.

    Parameters
    ----------
    scenario : Scenario
        The scenario (:func:`~geodata.harmonisation.proposal.evaluate`).
    other : Zoning
        The zoning the moves do not change (the reference, or the zoning when the
        reference follows it): the ``reference`` fields name its territories holding
        the unit, joined with " / ".
    unit_names : mapping
        Unit code → name.
    proposal : collection of Move
        The moves proposed by the rule: ``proposed`` tells them from the user's own.

    ``target`` is None when the unit leaves the zoning, ``source`` when it was in none;
    their names are "" then.
    """
    names = {tid: fiche.nom for tid, fiche in scenario.edited.fiches.items()}
    proposed = set(proposal)
    records = []
    for move in scenario.moves:
        holders = other.territories_of(move.code)
        records.append({
            "code": move.code,
            "commune": unit_names.get(move.code, move.code),
            "population": scenario.move_population[move],
            "share": (scenario.edited.share_of(move.source, move.code)
                      if move.source is not None else 1.0),
            "source": move.source,
            "source_nom": names.get(move.source, ""),
            "target": move.target,
            "target_nom": names.get(move.target, ""),
            "reference": " / ".join(holders),
            "reference_nom": " / ".join(other.fiches[tid].nom for tid in holders),
            "proposed": move in proposed,
        })
    return records


def move_table(scenario: Scenario, other: Zoning, unit_names: Mapping[str, str],
               proposal: Collection[Move] = ()) -> pd.DataFrame:
    """:func:`move_records` as a frame (object columns keep None for "no territory")."""
    table = pd.DataFrame(move_records(scenario, other, unit_names, proposal),
                         columns=list(MOVE_COLUMNS), dtype=object)
    return table.astype({"population": float, "proposed": bool})


def territory_table(scenario: Scenario) -> pd.DataFrame:
    """List the territories of the edited zoning the scenario changes, before and after.

    Returns
    -------
    pandas.DataFrame
        :data:`TERRITORY_COLUMNS` (populations in scope, units of the whole zoning), in
        the zoning's order; territories emptied have a population after of 0.
    """
    touched = {tid for move in scenario.moves for tid in (move.source, move.target) if tid}
    before, after = scenario.populations_before.to_dict(), scenario.populations_after.to_dict()
    rows = [(tid, fiche.nom, before.get(tid, 0.0), after.get(tid, 0.0),
             len(scenario.edited.units_of(tid)), len(scenario.adjusted.units_of(tid)))
            for tid, fiche in scenario.edited.fiches.items() if tid in touched]
    return pd.DataFrame(rows, columns=list(TERRITORY_COLUMNS))


def scenario_payload(scenario: Scenario, keys: tuple[str, str], other: Zoning,
                     unit_names: Mapping[str, str], proposal: Collection[Move] = ()) -> dict:
    """Describe the scenario as JSON-ready values (``python -m geodata harmonise``).

    ``keys`` are the keys of the zoning and of the reference. Populations are rounded
    to whole inhabitants, shares and indices to :data:`PAYLOAD_DECIMALS` decimals
    (None when undefined).
    """
    moves = move_records(scenario, other, unit_names, proposal)
    return {
        "zoning": keys[0],
        "reference": keys[1],
        "goal": str(scenario.goal),
        "edited": keys[0] if scenario.goal is Goal.ZONING else keys[1],
        "scope": {"units": scenario.unit_count, "population": round(scenario.population)},
        "index_before": _rounded(scenario.index_before),
        "index_after": _rounded(scenario.index_after),
        "population_moved": round(scenario.population_moved),
        "share_moved": _rounded(scenario.population_moved / scenario.population
                                if scenario.population else np.nan),
        "units_moved": len(moves),
        "units_leaving": sum(move["target"] is None for move in moves),
        "territories_changed": len(territory_table(scenario)),
        "moves": [{
            "code": move["code"], "commune": move["commune"],
            "population": round(move["population"]), "from": move["source"],
            "from_nom": move["source_nom"], "to": move["target"], "to_nom": move["target_nom"],
            "reference": move["reference"], "reference_nom": move["reference_nom"],
            "proposed": move["proposed"],
        } for move in moves],
    }


def _rounded(value: float) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value),
                                                                       PAYLOAD_DECIMALS)
