"""Bounds that follow from the geography, checked while a file is read.

A zoning ties each commune to one territory, or shares it between a few (a city cut by
quartier); it has fewer territories than the region has communes. A file breaking these
bounds (300 territories each listing every commune) describes something else, and would
cost the maps gigabytes: it is refused as soon as a bound is crossed, with the line where
reading stopped, so that refusing it takes no longer than reading its first rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import pandas as pd

from .constants import MAX_MEMBERS_PER_UNIT, MAX_TERRITORIES_PER_UNIT
from .messages import commune_label, fmt_int
from .model import Zoning
from .report import FileProblem, IssueLog, Location


class MembershipGuard:
    """Count memberships as they are read and stop at the first bound crossed.

    Parameters
    ----------
    unit_count
        Communes of the region: the bound on territories, and the base of the bound on
        territory–commune pairs.
    """

    def __init__(self, unit_count: int) -> None:
        self.unit_count = unit_count
        self.max_members = MAX_MEMBERS_PER_UNIT * max(unit_count, 1)
        self._per_unit: Counter[str] = Counter()
        self._members = 0
        self._territories: set[str] = set()

    def territory(self, territory_id: str, where: Location) -> None:
        """Count a territory; raise past as many territories as communes."""
        self._territories.add(territory_id)
        if len(self._territories) > max(self.unit_count, 1):
            raise FileProblem("too_many_territories", _where(where),
                              count=fmt_int(len(self._territories)),
                              units=fmt_int(self.unit_count))

    def member(self, code: str, name: str | None, territories: tuple[str, ...],
               where: Location) -> None:
        """Count one new ``(territory, code)`` pair; raise when a bound is crossed.

        ``territories`` names the territories already holding the commune, for the message.
        """
        self._members += 1
        self._per_unit[code] += 1
        if self._per_unit[code] > MAX_TERRITORIES_PER_UNIT:
            raise FileProblem("too_many_territories_for_unit", _where(where),
                              commune=commune_label(code, name),
                              limit=MAX_TERRITORIES_PER_UNIT,
                              territories=", ".join(f"« {t} »" for t in territories[:3]))
        if self._members > self.max_members:
            raise FileProblem("too_many_members", _where(where), limit=fmt_int(self.max_members),
                              ratio=MAX_MEMBERS_PER_UNIT, units=fmt_int(self.unit_count))


def _where(location: Location) -> dict[str, object]:
    """Location fields of a :class:`FileProblem` (the file name is the log's)."""
    fields = ("sheet", "line", "feature", "feature_name")
    return {name: getattr(location, name) for name in fields
            if getattr(location, name) is not None}


def check_bounds(zoning: Zoning, origins: Mapping[tuple[str, str], Location],
                 units: pd.DataFrame, log: IssueLog) -> None:
    """Check a whole zoning against the bounds, for readers that could not count as they read.

    Polygons are assigned to communes all at once (:mod:`geodata.zonings.shares`), so
    their bounds are checked here; composition tables were checked row by row.
    ``origins`` locates each ``(territory, code)`` pair in the file.
    """
    unit_count = len(units)
    if len(zoning.fiches) > max(unit_count, 1):
        log.error("too_many_territories", count=fmt_int(len(zoning.fiches)),
                  units=fmt_int(unit_count))
    limit = MAX_MEMBERS_PER_UNIT * max(unit_count, 1)
    if len(zoning.members) > limit:
        log.error("too_many_members", limit=fmt_int(limit), ratio=MAX_MEMBERS_PER_UNIT,
                  units=fmt_int(unit_count))
    names = dict(zip(units["code"], units["nom"], strict=True))
    for code, tids in zoning.shared_units().items():
        if len(tids) > MAX_TERRITORIES_PER_UNIT:
            log.error("too_many_territories_for_unit",
                      origins.get((tids[-1], code), log.at()),
                      commune=commune_label(code, names.get(code)),
                      limit=MAX_TERRITORIES_PER_UNIT,
                      territories=", ".join(f"« {zoning.fiches[t].nom} »" for t in tids[:3]))
