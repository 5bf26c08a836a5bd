"""How the pages say that a figure includes communes counted only in part.

A territory may cover part of a commune (polygons) or share it with others in unknown
parts (a CSV listing a city under two CPTS): its population and indicators count that
commune for its share only. Every figure that includes such communes says so, with the
same words everywhere: « dont 1 commune partagée : Saint-Denis, 149 077 hab., avec
CPTS Centre et CPTS Sud (28,9 % comptés ici) ».
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import strings
from dashboard.formatting import format_value, french_list
from dashboard.views.data import AppData
from geodata.zonings import Zoning


@dataclass(frozen=True)
class PartialCommune:
    """A commune a territory counts only in part, as the pages describe it."""

    code: str
    nom: str
    population: int
    share: float
    known: bool
    #: Names of the other territories of the zoning covering it.
    others: tuple[str, ...]

    @property
    def text(self) -> str:
        """« Saint-Denis, 149 077 hab., avec CPTS Centre et CPTS Sud (28,9 % comptés ici) »."""
        share = format_value(100 * self.share, "%", 1)
        template = strings.PARTIAL_SHARE_KNOWN if self.known else strings.PARTIAL_SHARE_EQUAL
        detail = template.format(share=share)
        if self.others:
            detail = strings.PARTIAL_WITH.format(others=french_list(self.others)) + f" ({detail})"
        return strings.PARTIAL_ITEM.format(nom=self.nom, population=format_value(
            self.population, "", 0), detail=detail)


def partial_communes(data: AppData, zoning: Zoning, territory_id: str) -> tuple[PartialCommune,
                                                                                ...]:
    """List the communes a territory counts in part, most populous first."""
    units = data.unit_index
    found = []
    for unit in zoning.partial_units(territory_id):
        if unit.code not in units.index:
            continue
        found.append(PartialCommune(
            code=unit.code, nom=str(units.at[unit.code, "nom"]),
            population=int(units.at[unit.code, "population"]), share=unit.share,
            known=unit.known, others=tuple(zoning.fiches[tid].nom for tid in unit.others)))
    return tuple(sorted(found, key=lambda commune: (-commune.population, commune.code)))


def partial_note(communes: tuple[PartialCommune, ...], limit: int | None = None) -> str:
    """« dont 2 communes partagées : … » for a figure; empty when there are none."""
    if not communes:
        return ""
    shown = communes if limit is None else communes[:limit]
    items = " ; ".join(commune.text for commune in shown)
    if len(shown) < len(communes):
        items += strings.PARTIAL_MORE.format(count=len(communes) - len(shown))
    noun = strings.PARTIAL_ONE if len(communes) == 1 else strings.PARTIAL_MANY
    return strings.PARTIAL_NOTE.format(count=noun.format(count=len(communes)), items=items)


def share_text(share: float, known: bool) -> str:
    """« 28,9 % » for a known share, « part non précisée » for an equal part."""
    if not known:
        return strings.SHARE_UNKNOWN
    return format_value(100 * share, "%", 1)


def member_share(zoning: Zoning, territory_id: str, code: str) -> str:
    """Share of a commune in a territory as the pages write it; empty for the whole commune."""
    known = (territory_id, code) in zoning.shares or len(zoning.territories_of(code)) == 1
    share = zoning.share_of(territory_id, code)
    return "" if known and share >= 1.0 else share_text(share, known)
