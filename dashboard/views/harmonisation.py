"""The harmonisation page: which zoning to adjust to which reference, and the scenario shown.

:func:`harmonisation_request` reads the page's choices from the view state (with the
same fallbacks for a hand-edited URL as the other pages), :func:`proposal_moves` runs
:func:`geodata.harmonisation.propose` once per request, and :func:`harmonisation_view`
measures the scenario of the state (the proposal, or the moves the URL lists) with
:func:`geodata.harmonisation.evaluate`: the same computation as ``python -m geodata
harmonise``. Every result is cached on its inputs; a new move costs one evaluation and
one map (:mod:`dashboard.views.harmonisation_map`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from dashboard.formatting import format_share, format_value
from dashboard.views import harmonisation_strings as hstrings
from dashboard.views.analysis import CACHE_SIZE, scope_units
from dashboard.views.data import AppData
from dashboard.views.gaps import communes_geojson_name
from dashboard.views.geo_files import geojson_url
from dashboard.views.harmonisation_map import HarmonisationMap, harmonisation_map
from dashboard.views.state import ViewState
from dashboard.views.territories import share_label
from geodata import catalog
from geodata.harmonisation import (
    Goal,
    Move,
    Scenario,
    decode_moves,
    evaluate,
    move_key,
    move_populations,
    propose,
    unit_neighbours,
)
from geodata.harmonisation import scope_units as reference_scope
from geodata.harmonisation.report import move_records, territory_table
from geodata.store import DraftInfo, StoreError
from geodata.zonings import Zoning

#: Zoning to adjust and reference of a bare URL, when the data has them.
DEFAULT_ZONING, DEFAULT_REFERENCE = "cpts", "dac"


@dataclass(frozen=True)
class HarmonisationRequest:
    """The page's choices, checked against the loaded data."""

    zoning: str
    reference: str
    goal: Goal
    departements: tuple[str, ...]

    @property
    def edited(self) -> str:
        """Key of the zoning the moves change."""
        return self.zoning if self.goal is Goal.ZONING else self.reference

    @property
    def other(self) -> str:
        """Key of the zoning the moves leave as it is."""
        return self.reference if self.goal is Goal.ZONING else self.zoning


def harmonisation_request(data: AppData, state: ViewState) -> HarmonisationRequest | None:
    """Resolve the state's choices; None when the data has nothing to harmonise.

    The zoning to adjust is a stored zoning (the official levels never change), the
    reference any other zoning; the reference follows the zoning only when it is stored.
    """
    stored = data.stored
    zoning = _first(state.harm_zoning, DEFAULT_ZONING, *stored, allowed=stored)
    if zoning is None:
        return None
    others = tuple(key for key in data.zonings if key != zoning)
    reference = _first(state.harm_reference, DEFAULT_REFERENCE, *others, allowed=others)
    if reference is None:
        return None
    goal = Goal(state.harm_goal) if reference in stored else Goal.ZONING
    return HarmonisationRequest(zoning, reference, goal, state.departements)


def _first(*candidates: str | None, allowed: tuple[str, ...]) -> str | None:
    return next((key for key in candidates if key in allowed), None)


@lru_cache(maxsize=4)
def neighbours(data: AppData, departements: tuple[str, ...]) -> Mapping[str, tuple[str, ...]]:
    """Find the neighbouring units, from the overview geometry.

    Simplified as a coverage, it has the same neighbours as the detailed one, and is four
    times faster to cut into segments.
    """
    units = data.overview
    return unit_neighbours(units[units["departement"].isin(departements)] if departements
                           else units)


@lru_cache(maxsize=CACHE_SIZE)
def scope(data: AppData, request: HarmonisationRequest) -> pd.DataFrame:
    """Units of the chosen départements that the reference covers: where moves count."""
    return reference_scope(scope_units(data, request.departements),
                           data.zonings[request.reference])


@lru_cache(maxsize=CACHE_SIZE)
def proposal_moves(data: AppData, request: HarmonisationRequest) -> tuple[Move, ...]:
    """Propose the moves of the « largest share » rule for the request."""
    return propose(data.zonings[request.zoning], data.zonings[request.reference],
                   scope(data, request), neighbours(data, request.departements), request.goal)


def scenario_moves(data: AppData, state: ViewState,
                   request: HarmonisationRequest) -> tuple[Move, ...]:
    """Give the moves of the state's scenario: those its URL lists, else the proposal."""
    if state.harm_moves is None:
        return proposal_moves(data, request)
    return tuple(sorted(decode_moves(state.harm_moves, data.zonings[request.edited])))


@dataclass(frozen=True)
class MoveRow:
    """One line of the moves table: a move of the scenario, or a proposal rejected."""

    key: str
    code: str
    commune: str
    population: float
    source: str
    target: str
    reference: str
    proposed: bool
    accepted: bool
    #: « 30 % de la commune », « part non précisée », or "" when the whole commune moves.
    part: str = ""


@dataclass(frozen=True)
class HarmonisationView:
    """Everything the page shows for one scenario."""

    request: HarmonisationRequest
    labels: tuple[str, str, str]
    #: Source of the reference when it is an official level ("" for a stored zoning).
    reference_source: str
    #: Vintage of the populations weighed (:attr:`AppData.population_vintage`).
    population_vintage: str
    scenario: Scenario
    proposal: tuple[Move, ...]
    rows: tuple[MoveRow, ...]
    territories: pd.DataFrame
    map: HarmonisationMap

    @property
    def leaving(self) -> int:
        """Units the scenario takes out of the edited zoning."""
        return sum(move.target is None for move in self.scenario.moves)

    @property
    def moved_text(self) -> str:
        """« 642 008 habitants »."""
        return format_value(self.scenario.population_moved, "habitants", 0)

    @property
    def moved_share(self) -> str:
        """« 5 % de la population » (of the units in scope)."""
        scenario = self.scenario
        share = scenario.population_moved / scenario.population if scenario.population \
            else float("nan")
        return format_share(share, hstrings.HARM_MOVED_SHARE)


def labels_of(data: AppData, request: HarmonisationRequest) -> tuple[str, str, str]:
    """Labels of the zoning, the reference and the edited zoning."""
    return tuple(data.zonings[key].type.label
                 for key in (request.zoning, request.reference, request.edited))


@lru_cache(maxsize=CACHE_SIZE)
def unchanged(data: AppData, request: HarmonisationRequest) -> Scenario:
    """Measure the scenario without any move (the zonings as they are), once."""
    return evaluate(data.zonings[request.zoning], data.zonings[request.reference],
                    scope(data, request), (), request.goal)


@lru_cache(maxsize=CACHE_SIZE)
def harmonisation_view(data: AppData, request: HarmonisationRequest, moves: tuple[Move, ...],
                       commune: str | None, geojson: str) -> HarmonisationView:
    """Measure a scenario and lay out its tables and map (``geojson``: the communes' URL)."""
    zoning, reference = data.zonings[request.zoning], data.zonings[request.reference]
    units = scope(data, request)
    scenario = evaluate(zoning, reference, units, moves, request.goal,
                        unchanged(data, request))
    proposal = proposal_moves(data, request)
    other = data.zonings[request.other]
    return HarmonisationView(
        request=request, labels=labels_of(data, request),
        reference_source=reference.source if request.reference in data.references else "",
        population_vintage=data.population_vintage,
        scenario=scenario,
        proposal=proposal,
        rows=move_rows(scenario, proposal, other, _unit_names(data), units),
        territories=territory_table(scenario),
        map=harmonisation_map(data, request.departements, scenario, proposal, other,
                              set(units["code"].tolist()), commune, geojson),
    )


def page_scenario(data: AppData, state: ViewState) -> tuple[HarmonisationView, str] | None:
    """Measure the state's scenario as the page shows it, with its communes' GeoJSON URL.

    None when the data has nothing to harmonise.
    """
    request = harmonisation_request(data, state)
    if request is None:
        return None
    url = geojson_url(data, communes_geojson_name(data, request.departements))
    return harmonisation_view(data, request, scenario_moves(data, state, request),
                              state.commune, url), url


@lru_cache(maxsize=2)
def _unit_names(data: AppData) -> Mapping[str, str]:
    return dict(zip(data.units["code"], data.units["nom"], strict=True))


def move_rows(scenario: Scenario, proposal: tuple[Move, ...], other: Zoning,
              names: Mapping[str, str], units: pd.DataFrame) -> tuple[MoveRow, ...]:
    """List the scenario's moves, then the proposed moves it leaves out, by commune name.

    A rejected proposal weighs what it would carry
    (:func:`~geodata.harmonisation.move_populations`).
    """
    chosen = set(scenario.moves)
    rejected = tuple(move for move in proposal if move not in chosen)
    carried = move_populations(scenario.edited, rejected, units)
    edited = {tid: fiche.nom for tid, fiche in scenario.edited.fiches.items()}
    rows = [MoveRow(move_key(move), record["code"], record["commune"], record["population"],
                    record["source_nom"], record["target_nom"] or hstrings.HARM_OUTSIDE_ZONING,
                    record["reference_nom"], record["proposed"], True,
                    moved_part(scenario.edited, move))
            for move, record in zip(scenario.moves,
                                    move_records(scenario, other, names, proposal), strict=True)]
    rows += [MoveRow(move_key(move), move.code, names.get(move.code, move.code), carried[move],
                     edited.get(move.source, ""),
                     edited.get(move.target, hstrings.HARM_OUTSIDE_ZONING),
                     " / ".join(other.fiches[tid].nom for tid in other.territories_of(move.code)),
                     True, False, moved_part(scenario.edited, move))
             for move in rejected]
    return tuple(sorted(rows, key=lambda row: (row.commune, row.code, row.key)))


def moved_part(zoning: Zoning, move: Move) -> str:
    """Say what part of its commune a move carries, as pages write it ("": all of it)."""
    return share_label(zoning, move.source, move.code) if move.source is not None else ""


@dataclass(frozen=True)
class CommuneChoice:
    """The commune picked for a move, and the territories it may join.

    ``options`` are ``(value, label)`` pairs: the territories of the edited zoning (each
    with the territory of the other zoning holding most of its population, when the
    zoning follows the reference), then « hors découpage » (value ""); ``current`` is
    where the scenario puts the commune; ``now`` says where it was and is (« A → B »).
    """

    code: str
    name: str
    population: float
    in_scope: bool
    now: str
    other: str
    options: tuple[tuple[str, str], ...]
    current: str


def commune_choice(data: AppData, view: HarmonisationView, code: str | None
                   ) -> CommuneChoice | None:
    """Describe the picked commune for the move panel; None when none is picked."""
    if code is None or code not in data.unit_index.index:
        return None
    scenario, request = view.scenario, view.request
    adjusted, other = scenario.adjusted, data.zonings[request.other]
    main = scenario.nesting_after["main"] if request.goal is Goal.ZONING else None
    options = []
    for tid, fiche in sorted(adjusted.fiches.items(), key=lambda item: item[1].nom):
        inside = main.get(tid) if main is not None else None
        options.append((tid, hstrings.HARM_TARGET_OPTION.format(
            name=fiche.nom, pieces=other.fiches[inside].nom) if isinstance(inside, str)
            else fiche.nom))
    options.append(("", hstrings.HARM_OUTSIDE_ZONING))
    holders = adjusted.territories_of(code)
    before, after = _territory_names(scenario.edited, code), _territory_names(adjusted, code)
    return CommuneChoice(
        code=code, name=str(data.unit_index.at[code, "nom"]),
        population=float(data.unit_index.at[code, "population"]),
        in_scope=code in set(scope(data, request)["code"].tolist()),
        now=after if before == after else f"{before} → {after}",
        other=_territory_names(other, code),
        options=tuple(options), current=holders[0] if holders else "",
    )


def _territory_names(zoning: Zoning, code: str) -> str:
    return " / ".join(zoning.fiches[tid].nom for tid in zoning.territories_of(code)) \
        or hstrings.HARM_OUTSIDE_ZONING


def control_values(data: AppData, state: ViewState) -> tuple:
    """Give what the page's controls show: the resolved choices, départements, commune."""
    request = harmonisation_request(data, state)
    if request is None:
        return None, None, str(Goal.ZONING), list(state.departements), state.commune
    return (request.zoning, request.reference, str(request.goal), list(state.departements),
            state.commune)


@lru_cache(maxsize=64)
def saved_draft(draft_id: int) -> DraftInfo | None:
    """Read a saved draft (drafts never change once stored); None if there is none."""
    try:
        return catalog.zoning_store().draft(draft_id)
    except StoreError:
        return None


def banner_lines(data: AppData, state: ViewState, view: HarmonisationView) -> list[str]:
    """Write the draft banner: the scenario is not official, and which draft it is.

    Empty when the scenario moves nothing: the page then shows the zonings in force.
    """
    if not view.scenario.moves:
        return []
    lines = [hstrings.HARM_BANNER_TEXT.format(label=view.labels[2])]
    draft = saved_draft(state.harm_draft) if state.harm_draft is not None else None
    if draft is not None and (draft.region, draft.zoning_key) == (data.region,
                                                                   view.request.edited):
        lines.append(hstrings.HARM_BANNER_DRAFT.format(
            name=draft.name, id=draft.id, editor=draft.editor,
            when=draft.created_at.astimezone().strftime("%d/%m/%Y")))
    return lines
