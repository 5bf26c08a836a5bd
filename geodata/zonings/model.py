"""Immutable zonings: territories with their fiches, and which communes each one covers.

A territory may cover part of a commune. Membership is ``(territory, unit, share)``: the
whole unit unless :attr:`Zoning.shares` gives an explicit part (from polygons, or a
« part » column), and a unit listed under several territories without any split given is
a « commune partagée » in unknown parts. Every computation uses the *effective share*
(:attr:`Zoning.membership`), whose sum over a unit never exceeds 1: a population is never
counted twice.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from types import MappingProxyType

import numpy as np
import pandas as pd

from .membership import (
    SHARE_TOLERANCE,
    PartialUnit,
    checked_shares,
    effective_shares,
    grouped,
    partial_units,
)
from .zoning_types import ZoningType


class Statut(StrEnum):
    """Where a coordination structure stands; the values are what users read."""

    EN_PROJET = "en projet"
    EN_FONCTIONNEMENT = "en fonctionnement"


@dataclass(frozen=True)
class Fiche:
    """What the dashboard tells about a territory; labels are in ``messages.FICHE_LABELS``.

    Dates are ISO 8601, possibly reduced (``2021``, ``2021-03``) because listings often
    give only the year of creation. ``autres`` keeps the columns of the agency's file that
    match no field, as ``(header, value)`` pairs: nothing a file says is dropped.
    """

    nom: str
    type: str
    porteur: str | None = None
    statut: Statut | None = None
    date_creation: str | None = None
    president: str | None = None
    coordination: str | None = None
    adresse: str | None = None
    telephone: str | None = None
    courriel: str | None = None
    site: str | None = None
    perimetre: str | None = None
    missions: str | None = None
    public_cible: str | None = None
    modalites_mobilisation: str | None = None
    mode_action: str | None = None
    criteres_inclusion: str | None = None
    source: str | None = None
    date_mise_a_jour: str | None = None
    #: True when the fiche is made up for the demonstration and must be shown as such.
    illustratif: bool = False
    autres: tuple[tuple[str, str], ...] = ()


FICHE_FIELDS = tuple(f.name for f in fields(Fiche))
#: Field holding the unmatched columns of a file.
OTHER_INFO = "autres"
#: Fields added after versions were first stored: left out of a fiche's canonical form
#: when empty, so that the content hashes of those versions still verify.
LATER_FIELDS = frozenset({"president", "coordination", "adresse", "perimetre", "mode_action",
                          "criteres_inclusion", OTHER_INFO})
TERRITORY_ID = "territory_id"
CODE = "code"
SHARE = "share"
SHARE_KNOWN = "share_known"


@dataclass(frozen=True)
class Coverage:
    """How much of a region a zoning covers.

    ``population_covered`` counts each unit for the part its territories cover (Σ of the
    effective shares), so it equals the sum of the territories' populations.
    """

    units: int
    units_covered: int
    population: int
    population_covered: int
    #: Covered units split between territories or only partly covered.
    partial_units: int = 0

    @property
    def unit_share(self) -> float:
        """Share of the units covered, between 0 and 1."""
        return self.units_covered / self.units if self.units else 0.0

    @property
    def population_share(self) -> float:
        """Share of the population living in covered units, between 0 and 1."""
        return self.population_covered / self.population if self.population else 0.0


@dataclass(frozen=True)
class Zoning:
    """A set of territories of one type and the units (communes) each one covers.

    Parameters
    ----------
    type
        The zoning type, whose rule the territories were checked against.
    fiches
        Territory id → fiche, in display order. A territory may cover no unit (a
        structure "en projet" whose perimeter is not drawn yet).
    members
        ``(territory id, unit code)`` pairs; a unit may appear under several territories
        when the type allows it (shared communes).
    illustrative
        True when the whole zoning is made up for the demonstration.
    source
        Where the perimeters come from, shown with every map of them.
    shares
        Explicit share in (0, 1) of members covering only part of their unit; absent
        means the whole unit (or, for a unit under several territories, an unknown part).
    outlines
        Territory id → polygon (WGS84, clipped to the region) when the file had polygons:
        maps draw them instead of dissolving the communes.
    """

    type: ZoningType
    fiches: Mapping[str, Fiche]
    members: tuple[tuple[str, str], ...]
    illustrative: bool = False
    source: str = ""
    shares: Mapping[tuple[str, str], float] = field(default_factory=dict)
    outlines: Mapping[str, object] = field(default_factory=dict)

    def __hash__(self) -> int:
        # Hashable so that figure builders can cache on a zoning; fiches are left out.
        return hash((self.type, self.members, self.illustrative, self.source,
                     tuple(self.shares.items()), tuple(self.outlines)))

    def __post_init__(self) -> None:
        fiches = MappingProxyType(dict(self.fiches))
        # Canonical order: territories as in the fiches, codes sorted within each (sorting
        # codes per territory spares a Python key call per pair: 130,000 pairs for France).
        codes = grouped(set(self.members))
        unknown = (codes.keys() | self.outlines.keys()) - fiches.keys()
        if unknown:
            raise ValueError(f"members name territories without a fiche: {sorted(unknown)}")
        members = tuple((tid, code) for tid in fiches for code in sorted(codes.get(tid, ())))
        object.__setattr__(self, "fiches", fiches)
        object.__setattr__(self, "members", members)
        object.__setattr__(self, "shares", checked_shares(members, self.shares))
        object.__setattr__(self, "outlines", MappingProxyType(
            {tid: self.outlines[tid] for tid in fiches if tid in self.outlines}))

    @property
    def territories(self) -> pd.DataFrame:
        """One row per territory, indexed by ``territory_id``, one column per fiche field."""
        return self._territories.copy(deep=False)

    @property
    def membership(self) -> pd.DataFrame:
        """One row per ``(territory_id, code)`` pair, with its effective ``share``.

        ``share_known`` is False for a unit listed under several territories without a
        split: its share is then an equal part of what the explicit shares leave.
        """
        return self._membership.copy(deep=False)

    def territories_of(self, code: str) -> tuple[str, ...]:
        """Ids of the territories covering unit ``code`` (empty when none does)."""
        return self._by_code.get(code, ())

    def units_of(self, territory_id: str) -> tuple[str, ...]:
        """Codes of the units of a territory, sorted."""
        if territory_id not in self.fiches:
            raise KeyError(territory_id)
        return self._by_territory.get(territory_id, ())

    def share_of(self, territory_id: str, code: str) -> float:
        """Effective share of unit ``code`` in a territory (0 when it is not a member)."""
        return self._share_lookup.get((territory_id, code), 0.0)

    def covered_codes(self) -> frozenset[str]:
        """Codes of the units under at least one territory."""
        return frozenset(self._by_code)

    def covers(self, codes: pd.Series | pd.Index) -> np.ndarray:
        """Tell, for each unit code, whether a territory covers it (in whole or in part).

        A hash lookup: ``codes.isin(covered_codes())`` builds one pyarrow scalar per
        covered code in pandas 3, a fifth of a second for France.
        """
        return self._covered_index.get_indexer(codes) >= 0

    def covered_share(self, codes: pd.Series | pd.Index) -> np.ndarray:
        """Part of each unit the territories cover: Σ of its effective shares (0 to 1)."""
        total = self._unit_cover
        found = total.index.get_indexer(codes)
        values = np.append(total.to_numpy(dtype=float), 0.0)  # -1 (not covered) reads 0
        return values[found]

    def shared_units(self) -> dict[str, tuple[str, ...]]:
        """Units under more than one territory, with those territories."""
        return {code: tids for code, tids in self._by_code.items() if len(tids) > 1}

    def partial_codes(self) -> frozenset[str]:
        """Units split between territories or only partly covered: never counted whole."""
        return self._partial_codes

    def partial_units(self, territory_id: str) -> tuple[PartialUnit, ...]:
        """Units of a territory covered in part or in unknown parts, with the other territories.

        Every figure that includes them says so (« dont 2 communes partagées »).
        """
        if territory_id not in self.fiches:
            raise KeyError(territory_id)
        return self._partials.get(territory_id, ())

    def coverage(self, units: pd.DataFrame) -> Coverage:
        """Units and population of ``units`` (columns ``code``, ``population``) covered."""
        codes = units[CODE]
        covered = self.covers(codes)
        population = units["population"].to_numpy(dtype=float)
        return Coverage(
            units=len(units), units_covered=int(covered.sum()),
            population=int(round(population.sum())),
            population_covered=int(round((population * self.covered_share(codes)).sum())),
            partial_units=int(pd.Index(codes).isin(list(self._partial_codes)).sum()),
        )

    @functools.cached_property
    def _territories(self) -> pd.DataFrame:
        rows = [[getattr(fiche, name) for name in FICHE_FIELDS] for fiche in self.fiches.values()]
        index = pd.Index(list(self.fiches), name=TERRITORY_ID, dtype=str)
        frame = pd.DataFrame(rows, index=index, columns=list(FICHE_FIELDS), dtype=object)
        return frame.astype({"illustratif": bool})

    @functools.cached_property
    def _membership(self) -> pd.DataFrame:
        frame = pd.DataFrame(list(self.members), columns=[TERRITORY_ID, CODE], dtype=str)
        share, known = effective_shares(self.members, self.shares)
        return frame.assign(**{SHARE: share, SHARE_KNOWN: known})

    @functools.cached_property
    def _share_lookup(self) -> dict[tuple[str, str], float]:
        return dict(zip(self.members, self._membership[SHARE].tolist(), strict=True))

    @functools.cached_property
    def _unit_cover(self) -> pd.Series:
        membership = self._membership
        return membership.groupby(CODE, sort=False)[SHARE].sum().clip(upper=1.0)

    @functools.cached_property
    def _partial_codes(self) -> frozenset[str]:
        cover = self._unit_cover
        partly = cover.index[cover.to_numpy() < 1 - SHARE_TOLERANCE]
        return frozenset(self.shared_units()) | frozenset(partly)

    @functools.cached_property
    def _partials(self) -> dict[str, tuple[PartialUnit, ...]]:
        return partial_units(self._membership, self._by_code, self._partial_codes)

    @functools.cached_property
    def _covered_index(self) -> pd.Index:
        return pd.Index(self._membership[CODE].unique())

    @functools.cached_property
    def _by_code(self) -> dict[str, tuple[str, ...]]:
        return grouped((code, tid) for tid, code in self.members)

    @functools.cached_property
    def _by_territory(self) -> dict[str, tuple[str, ...]]:
        return grouped(self.members)

