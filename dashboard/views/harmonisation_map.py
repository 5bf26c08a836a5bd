"""The map of a harmonisation scenario: communes by what happens to them, outlines after.

Communes are coloured by their fate in the scenario (proposed move kept, move added by
the user, proposed move rejected, unchanged, outside the reference), under the outlines
of the edited zoning *after* the moves, in the draft style (:data:`PROJECT_STYLE`), and
of the zoning left as it is, in its own style. Outlines are drawn from the segments of
the unit coverage (:func:`geodata.heterogeneity.unit_edges`, cut once per scope): a
segment is drawn when the units on its two sides are not in the same territories, so a
new scenario costs a selection of segments, not a dissolve.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely

from dashboard import strings
from dashboard.figures.geojson import Outline
from dashboard.figures.map import map_layout
from dashboard.figures.text import plotly_text
from dashboard.formatting import format_value
from dashboard.palettes import DEPARTEMENT_STYLE, OutlineStyle
from dashboard.views import harmonisation_strings as hstrings
from dashboard.views.analysis import line_trace, scope_level
from dashboard.views.data import AppData
from dashboard.views.map_geometry import (
    departement_outline,
    highlight_outline,
    shown_units,
)
from dashboard.views.pair import STATUS_LINE, discrete_scale, lines_outline
from geodata.harmonisation import Move, Scenario
from geodata.heterogeneity import UnitEdges, unit_edges
from geodata.zonings import Zoning

#: Outline of a zoning as a draft would make it: a violet no zoning type uses, solid and
#: thick, so that a projected perimeter is never read as the one in force.
PROJECT_STYLE = OutlineStyle("#7B2D8E", "solid", 3.0)
#: Fill of each commune by its fate: Okabe-Ito orange and sky blue for the moves (kept
#: apart by every colour vision), greys for the rest.
FATE_COLOURS: Mapping[str, str] = {
    "": "#ffffff",
    "proposed": "#e69f00",
    "added": "#56b4e9",
    "rejected": "#9e9e9e",
    "outside": "#e4e4e4",
}
FATES = tuple(FATE_COLOURS)
#: Outline of the commune picked for a move.
SELECTED_STYLE = OutlineStyle("#000091", "solid", 4.0)


#: Traces of the figure, in order: their indices are what a patch names.
TRACES = ("fates", "departements", "other", "project-0", "project-1", "selected")
FATES_TRACE, KEPT_TRACE, MOVED_TRACE, SELECTED_TRACE = (TRACES.index(uid) for uid in (
    "fates", "project-0", "project-1", "selected"))


@dataclass(frozen=True)
class HarmonisationMap:
    """The figure, and what its legend says (fates with their counts, outlines).

    ``moving`` are the units the proposal or the scenario moves: where the figure differs
    from the zoning's own.
    """

    figure: dict
    fates: tuple[tuple[str, int], ...]
    outlines: tuple[tuple[str, OutlineStyle], ...]
    moving: frozenset[str] = frozenset()

    def patch(self, shown: frozenset[str]) -> tuple[dict[int, dict], dict[int, str]]:
        """Say what changes from the same map showing a scenario that moved ``shown``.

        Returns the fields to set in each trace (the fates, the outline around the moved
        units, the picked commune; the rest of the outline only when the set of moved
        units changed), and the hover texts to set, by commune position: those of the
        communes either scenario moves.
        """
        data = self.figure["data"]
        fields: dict[int, dict] = {FATES_TRACE: {"z": data[FATES_TRACE]["z"]}}
        for index in (MOVED_TRACE, SELECTED_TRACE) + ((KEPT_TRACE,) if shown != self.moving
                                                      else ()):
            fields[index] = {"lon": data[index]["lon"], "lat": data[index]["lat"]}
        fates = data[FATES_TRACE]
        changed = shown | self.moving
        hover = {index: str(fates["customdata"][index])
                 for index, code in enumerate(fates["locations"].tolist()) if code in changed}
        return fields, hover


@lru_cache(maxsize=8)
def scope_edges(data: AppData, departements: tuple[str, ...], level: str) -> UnitEdges:
    """Segments of the units shown, at the map's level of detail."""
    return unit_edges(shown_units(data, departements, level).reset_index(drop=True))


@lru_cache(maxsize=64)
def shown_outline(data: AppData, departements: tuple[str, ...], level: str,
                  zoning: Zoning) -> Outline:
    """:func:`zoning_outline` on the segments of the shown units (cached per zoning)."""
    return zoning_outline(zoning, scope_edges(data, departements, level))


@lru_cache(maxsize=64)
def _kept_outline(data: AppData, departements: tuple[str, ...], level: str, zoning: Zoning,
                  moving: frozenset[str]) -> Outline:
    """Outline of ``zoning`` away from the units in ``moving``: what no move there changes."""
    edges = scope_edges(data, departements, level)
    return zoning_outline(zoning, edges, ~_touching(edges, moving))


def project_outlines(data: AppData, departements: tuple[str, ...], level: str,
                     scenario: Scenario, proposal: Collection[Move]) -> tuple[Outline, Outline]:
    """Outline of the edited zoning after the moves, in two parts.

    Away from the units the proposal or the scenario moves, the outline is the zoning's
    own, cut once per request (and per set of units moved by hand); around them it is
    cut again at each scenario. A move then costs a few hundred segments, not the region.
    """
    edges = scope_edges(data, departements, level)
    moving = frozenset(move.code for move in (*proposal, *scenario.moves))
    return (_kept_outline(data, departements, level, scenario.edited, moving),
            zoning_outline(scenario.adjusted, edges, _touching(edges, moving)))


def _touching(edges: UnitEdges, codes: frozenset[str]) -> np.ndarray:
    """Segments along one of the units ``codes``."""
    inside = np.fromiter((code in codes for code in edges.codes.tolist()), bool,
                         len(edges.codes))
    inside = np.append(inside, False)
    return inside[edges.left] | inside[edges.right]


def zoning_outline(zoning: Zoning, edges: UnitEdges, among: np.ndarray | None = None) -> Outline:
    """Outline of a zoning's territories on the shown units, from their segments.

    A segment is drawn when its two sides are not under the same territories (one side
    may be uncovered, or beyond the shown units); segments between uncovered units are
    not. ``among`` restricts the segments looked at (a boolean mask): only the units
    along them are looked up.
    """
    segments = np.arange(len(edges.left)) if among is None else np.flatnonzero(among)
    left, right = edges.left[segments], edges.right[segments]
    number: dict[tuple[str, ...], int] = {(): -1}
    keys = np.full(len(edges.codes) + 1, -1)  # the last one: beyond the shown units
    for unit in np.unique(np.concatenate([left, right[right >= 0]])).tolist():
        keys[unit] = number.setdefault(zoning.territories_of(edges.codes[unit]), len(number))
    left_key, right_key = keys[left], keys[right]
    drawn = segments[(left_key != right_key) & ((left_key >= 0) | (right_key >= 0))]
    if not len(drawn):
        return Outline([], [])
    lines = shapely.linestrings(edges.coords[drawn])
    return lines_outline(shapely.get_parts(shapely.line_merge(shapely.multilinestrings(lines))))


def fates(codes: Collection[str], scenario: Scenario, proposal: Collection[Move],
          in_scope: Collection[str]) -> list[str]:
    """Tell what happens to each commune (a :data:`FATES` key), in the order of ``codes``."""
    proposed = set(proposal)
    fate: dict[str, str] = {move.code: "rejected" for move in proposed}
    for move in scenario.moves:
        if fate.get(move.code) != "added":
            fate[move.code] = "proposed" if move in proposed else "added"
    return [fate.get(code, "" if code in in_scope else "outside") for code in codes]


@lru_cache(maxsize=16)
def _unit_lines(data: AppData, departements: tuple[str, ...], level: str, edited: Zoning,
                other: Zoning) -> tuple[np.ndarray, Mapping[str, int]]:
    """Hover of every shown commune before any move, and the position of each code."""
    units = shown_units(data, departements, level)
    population = data.unit_index["population"]
    label, other_label = plotly_text(edited.type.label), plotly_text(other.type.label)
    texts = np.array([
        f"<b>{plotly_text(name)}</b> ({code})<br>"
        + hstrings.HARM_HOVER_STAY.format(label=label, territories=_names(edited, code))
        + "<br>" + hstrings.HARM_HOVER_STAY.format(label=other_label,
                                                 territories=_names(other, code))
        + f"<br>{format_value(population.get(code), 'habitants', 0)}"
        for code, name in zip(units["code"], units["nom"], strict=True)])
    texts.setflags(write=False)
    return texts, {code: index for index, code in enumerate(units["code"])}


def _names(zoning: Zoning, code: str) -> str:
    tids = zoning.territories_of(code)
    return " / ".join(plotly_text(zoning.fiches[tid].nom) for tid in tids) \
        or hstrings.HARM_OUTSIDE_ZONING


def hover_texts(data: AppData, departements: tuple[str, ...], level: str, scenario: Scenario,
                other: Zoning) -> np.ndarray:
    """Name, territories (before → after where moved), the other zoning, population.

    The lines of the communes that do not move are made once per pair of zonings. A
    text array: the figure's JSON encoder writes it at once, not string by string.
    """
    edited = scenario.edited
    texts, position = _unit_lines(data, departements, level, edited, other)
    texts = texts.copy()
    label = plotly_text(edited.type.label)
    stay = hstrings.HARM_HOVER_STAY.format(label=label, territories="")
    for code in {move.code for move in scenario.moves}:
        index = position.get(code)
        if index is None:
            continue
        before = stay + _names(edited, code)
        texts[index] = texts[index].replace(before, hstrings.HARM_HOVER_MOVE.format(
            label=label, before=_names(edited, code),
            after=_names(scenario.adjusted, code)), 1)
    return texts


@lru_cache(maxsize=16)
def _locations(data: AppData, departements: tuple[str, ...], level: str) -> np.ndarray:
    codes = shown_units(data, departements, level)["code"].to_numpy(dtype=str)
    codes.setflags(write=False)
    return codes


def harmonisation_map(data: AppData, departements: tuple[str, ...], scenario: Scenario,
                      proposal: Collection[Move], other: Zoning, in_scope: Collection[str],
                      commune: str | None, geojson: str) -> HarmonisationMap:
    """Build the map of a scenario on the communes of the chosen départements.

    ``geojson`` is the URL of those communes (the main map's own file), ``in_scope`` the
    codes the reference covers, ``commune`` the one picked for a move (outlined).
    """
    level = scope_level(data, departements)
    codes = _locations(data, departements, level)
    fate = fates(codes.tolist(), scenario, proposal, set(in_scope))
    project = (hstrings.HARM_OUTLINE_PROJECT.format(label=scenario.edited.type.label),
               PROJECT_STYLE)
    reference = (other.type.label, other.type.style)
    traces = [
        {"type": "choropleth", "uid": "fates", "geojson": geojson, "featureidkey": "id",
         "locations": codes, "z": np.array([FATES.index(item) for item in fate], np.int8),
         "zmin": -0.5, "zmax": len(FATES) - 0.5,
         "colorscale": discrete_scale([FATE_COLOURS[item] for item in FATES]),
         "customdata": hover_texts(data, departements, level, scenario, other),
         "hovertemplate": "%{customdata}<extra></extra>", "marker": {"line": dict(STATUS_LINE)},
         "showscale": False, "showlegend": False},
        line_trace("departements", "", departement_outline(data, departements, level),
                   DEPARTEMENT_STYLE),
        line_trace("other", reference[0], shown_outline(data, departements, level, other),
                   reference[1]),
        *(line_trace(f"project-{part}", project[0], outline, project[1])
          for part, outline in enumerate(project_outlines(data, departements, level,
                                                          scenario, proposal))),
    ]
    selected = (highlight_outline(data, None, commune) if commune in data.unit_index.index
                else None) or Outline([], [])
    traces.append({"type": "scattergeo", "uid": "selected", "mode": "lines",
                   "lon": selected.lon, "lat": selected.lat, "hoverinfo": "skip",
                   "showlegend": False,
                   "line": {"color": SELECTED_STYLE.colour, "width": SELECTED_STYLE.width}})
    counts = Counter(fate)
    return HarmonisationMap(
        figure={"data": traces, "layout": _layout(departements)},
        fates=tuple((item, counts[item]) for item in FATES if counts[item]),
        outlines=(project, reference, (strings.DEPARTEMENT_OUTLINE_LABEL, DEPARTEMENT_STYLE)),
        moving=frozenset(move.code for move in (*proposal, *scenario.moves)),
    )


def _layout(departements: tuple[str, ...]) -> dict:
    layout = map_layout(f"harmonisation|{','.join(departements)}", False)
    layout["margin"] = {"l": 4, "r": 4, "t": 4, "b": 4, "pad": 0}
    layout["clickmode"] = "event"
    return layout
