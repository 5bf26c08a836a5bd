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


def move_table(scenario: Scenario, other: Zoning, unit_names: Mapping[str, str],
               proposal: Collection[Move] = ()) -> pd.DataFrame:
    """One row per move of the scenario, in the order of the moves.

    Parameters
    ----------
    scenario : Scenario
        The scenario (:func:`~geodata.harmonisation.proposal.evaluate`).
    other : Zoning
        The zoning the moves do not change (the reference, or the zoning when the
        reference follows it): the ``reference`` columns name its territories holding
        the unit.
    unit_names : mapping
        Unit code → name.
    proposal : collection of Move
        The moves proposed by the rule: ``proposed`` tells them from the user's own.

    Returns
    -------
    pandas.DataFrame
        :data:`MOVE_COLUMNS`; ``target`` is None when the unit leaves the zoning,
        ``source`` when it was in none; names are "" then. Several territories of
        ``other`` holding the unit are joined with " / ".
    """
    names = {tid: fiche.nom for tid, fiche in scenario.edited.fiches.items()}
    other_names = {tid: fiche.nom for tid, fiche in other.fiches.items()}
    proposed = set(proposal)
    rows = [{
        "code": move.code,
        "commune": unit_names.get(move.code, move.code),
        "population": scenario.move_population[move],
        "source": move.source,
        "source_nom": names.get(move.source, ""),
        "target": move.target,
        "target_nom": names.get(move.target, ""),
        "reference": " / ".join(other.territories_of(move.code)),
        "reference_nom": " / ".join(other_names[tid] for tid in other.territories_of(move.code)),
        "proposed": move in proposed,
    } for move in scenario.moves]
    # Object columns keep None for "no territory" (a text column would make it NaN).
    table = pd.DataFrame(rows, columns=list(MOVE_COLUMNS), dtype=object)
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
    ids = [tid for tid in scenario.edited.fiches if tid in touched]
    before = scenario.populations_before.reindex(ids).fillna(0.0)
    after = scenario.populations_after.reindex(ids).fillna(0.0)
    return pd.DataFrame({
        "territory_id": ids,
        "nom": [scenario.edited.fiches[tid].nom for tid in ids],
        "population_before": before.to_numpy(),
        "population_after": after.to_numpy(),
        "units_before": [len(scenario.edited.units_of(tid)) for tid in ids],
        "units_after": [len(scenario.adjusted.units_of(tid)) for tid in ids],
    }, columns=list(TERRITORY_COLUMNS))


def scenario_payload(scenario: Scenario, keys: tuple[str, str], other: Zoning,
                     unit_names: Mapping[str, str], proposal: Collection[Move] = ()) -> dict:
    """Describe the scenario as JSON-ready values (``python -m geodata harmonise``).

    ``keys`` are the keys of the zoning and of the reference. Populations are rounded
    to whole inhabitants, shares and indices to :data:`PAYLOAD_DECIMALS` decimals
    (None when undefined).
    """
    moves = move_table(scenario, other, unit_names, proposal)
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
        "units_leaving": int(moves["target"].isna().sum()),
        "territories_changed": len(territory_table(scenario)),
        "moves": [{
            "code": row.code, "commune": row.commune, "population": round(row.population),
            "from": row.source, "from_nom": row.source_nom, "to": row.target,
            "to_nom": row.target_nom, "reference": row.reference,
            "reference_nom": row.reference_nom, "proposed": bool(row.proposed),
        } for row in moves.itertuples(index=False)],
    }


def _rounded(value: float) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value),
                                                                       PAYLOAD_DECIMALS)
