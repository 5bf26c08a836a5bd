"""Immutable zonings: territories with their fiches, and which communes each one covers."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from types import MappingProxyType

import numpy as np
import pandas as pd

from .zoning_types import ZoningType


class Statut(StrEnum):
    """Where a coordination structure stands; the values are what users read."""

    EN_PROJET = "en projet"
    EN_FONCTIONNEMENT = "en fonctionnement"


@dataclass(frozen=True)
class Fiche:
    """What the dashboard tells about a territory; labels are in ``messages.FICHE_LABELS``.

    Dates are ISO 8601, possibly reduced (``2021``, ``2021-03``) because listings often
    give only the year of creation.
    """

    nom: str
    type: str
    porteur: str | None = None
    statut: Statut | None = None
    date_creation: str | None = None
    missions: str | None = None
    public_cible: str | None = None
    modalites_mobilisation: str | None = None
    telephone: str | None = None
    courriel: str | None = None
    site: str | None = None
    source: str | None = None
    date_mise_a_jour: str | None = None
    #: True when the fiche is made up for the demonstration and must be shown as such.
    illustratif: bool = False


FICHE_FIELDS = tuple(f.name for f in fields(Fiche))
TERRITORY_ID = "territory_id"
CODE = "code"


@dataclass(frozen=True)
class Coverage:
    """How much of a region a zoning covers."""

    units: int
    units_covered: int
    population: int
    population_covered: int

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
    """

    type: ZoningType
    fiches: Mapping[str, Fiche]
    members: tuple[tuple[str, str], ...]
    illustrative: bool = False
    source: str = ""

    def __hash__(self) -> int:
        # Hashable so that figure builders can cache on a zoning; fiches are left out.
        return hash((self.type, self.members, self.illustrative, self.source))

    def __post_init__(self) -> None:
        fiches = MappingProxyType(dict(self.fiches))
        # Canonical order: territories as in the fiches, codes sorted within each (sorting
        # codes per territory spares a Python key call per pair: 130,000 pairs for France).
        codes = _grouped(set(self.members))
        unknown = codes.keys() - fiches.keys()
        if unknown:
            raise ValueError(f"members name territories without a fiche: {sorted(unknown)}")
        members = tuple((tid, code) for tid in fiches for code in sorted(codes.get(tid, ())))
        object.__setattr__(self, "fiches", fiches)
        object.__setattr__(self, "members", members)

    @property
    def territories(self) -> pd.DataFrame:
        """One row per territory, indexed by ``territory_id``, one column per fiche field."""
        return self._territories.copy(deep=False)

    @property
    def membership(self) -> pd.DataFrame:
        """One row per ``(territory_id, code)`` pair."""
        return self._membership.copy(deep=False)

    def territories_of(self, code: str) -> tuple[str, ...]:
        """Ids of the territories covering unit ``code`` (empty when none does)."""
        return self._by_code.get(code, ())

    def units_of(self, territory_id: str) -> tuple[str, ...]:
        """Codes of the units of a territory, sorted."""
        if territory_id not in self.fiches:
            raise KeyError(territory_id)
        return self._by_territory.get(territory_id, ())

    def covered_codes(self) -> frozenset[str]:
        """Codes of the units under at least one territory."""
        return frozenset(self._by_code)

    def covers(self, codes: pd.Series | pd.Index) -> np.ndarray:
        """Tell, for each unit code, whether a territory covers it.

        A hash lookup: ``codes.isin(covered_codes())`` builds one pyarrow scalar per
        covered code in pandas 3, a fifth of a second for France.
        """
        return self._covered_index.get_indexer(codes) >= 0

    def shared_units(self) -> dict[str, tuple[str, ...]]:
        """Units under more than one territory, with those territories."""
        return {code: tids for code, tids in self._by_code.items() if len(tids) > 1}

    def coverage(self, units: pd.DataFrame) -> Coverage:
        """Units and population of ``units`` (columns ``code``, ``population``) covered."""
        covered = self.covers(units[CODE])
        return Coverage(
            units=len(units), units_covered=int(covered.sum()),
            population=int(units["population"].sum()),
            population_covered=int(units.loc[covered, "population"].sum()),
        )

    @functools.cached_property
    def _territories(self) -> pd.DataFrame:
        rows = [[getattr(fiche, name) for name in FICHE_FIELDS] for fiche in self.fiches.values()]
        index = pd.Index(list(self.fiches), name=TERRITORY_ID, dtype=str)
        frame = pd.DataFrame(rows, index=index, columns=list(FICHE_FIELDS), dtype=object)
        return frame.astype({"illustratif": bool})

    @functools.cached_property
    def _membership(self) -> pd.DataFrame:
        return pd.DataFrame(list(self.members), columns=[TERRITORY_ID, CODE], dtype=str)

    @functools.cached_property
    def _covered_index(self) -> pd.Index:
        return pd.Index(self._membership[CODE].unique())

    @functools.cached_property
    def _by_code(self) -> dict[str, tuple[str, ...]]:
        return _grouped((code, tid) for tid, code in self.members)

    @functools.cached_property
    def _by_territory(self) -> dict[str, tuple[str, ...]]:
        return _grouped(self.members)


def _grouped(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Values of each key, in the order of the pairs."""
    grouped: dict[str, list[str]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return {key: tuple(values) for key, values in grouped.items()}
