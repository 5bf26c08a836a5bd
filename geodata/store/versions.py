"""Compare two versions of a zoning, and see a zoning as it was at a date: pure functions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

import shapely

from geodata.clock import LOCAL_ZONE, local_zone
from geodata.zonings import FICHE_FIELDS, FICHE_LABELS, Zoning
from geodata.zonings.messages import plural

#: Reduced ISO dates as the fiches hold them: ``2021``, ``2021-03``, ``2021-03-15``.
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")

TEXTS = {
    "identical": "Les deux versions sont identiques.",
    "added": "Territoires ajoutés ({count}) : {names}.",
    "removed": "Territoires supprimés ({count}) : {names}.",
    "changed": "« {name} » : {what}.",
    "fields": "fiche modifiée ({fields})",
    "codes_added": "{count}",
    "codes_removed": "{count}",
    "shares_changed": "part modifiée de {count}",
    "outline_changed": "contour modifié",
    "moved": "Communes déplacées ({count}) : {examples}.",
    "move": "{commune} de « {before} » vers « {after} »",
    "covered": "Communes nouvellement couvertes : {count}.",
    "uncovered": "Communes qui ne sont plus couvertes : {count}.",
    "flag": "Statut du découpage : {before} → {after}.",
    "illustrative": "illustratif",
    "official": "officiel",
}
#: Examples of moved communes listed before "…".
MAX_MOVES_SHOWN = 10


@dataclass(frozen=True)
class TerritoryChange:
    """A territory present in both versions whose fiche or communes differ."""

    territory_id: str
    #: Fiche fields whose value changed.
    fields: tuple[str, ...]
    codes_added: tuple[str, ...]
    codes_removed: tuple[str, ...]
    #: Communes in both versions whose effective share changed (cut differently).
    shares_changed: tuple[str, ...] = ()
    outline_changed: bool = False


@dataclass(frozen=True)
class CommuneMove:
    """A commune covered in both versions, by different territories."""

    code: str
    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class ZoningDiff:
    """What changed from one version of a zoning to another (territories matched by id)."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[TerritoryChange, ...]
    moved: tuple[CommuneMove, ...]
    #: Communes covered only by the new version, and only by the old one.
    covered: tuple[str, ...]
    uncovered: tuple[str, ...]
    illustrative_before: bool
    illustrative_after: bool

    @property
    def identical(self) -> bool:
        """True when nothing differs (the flags included)."""
        return not (self.added or self.removed or self.changed or self.moved or self.covered
                    or self.uncovered) and self.illustrative_before == self.illustrative_after


def diff_zonings(old: Zoning, new: Zoning) -> ZoningDiff:
    """Territories added, removed or changed, and communes moved, from ``old`` to ``new``.

    Examples
    --------
    >>> diff = diff_zonings(version_1, version_2)                 # doctest: +SKIP
    >>> diff.added, [move.code for move in diff.moved]            # doctest: +SKIP
    (('cpts-nouvelle',), ['93008'])
    """
    changed = []
    for tid in (tid for tid in new.fiches if tid in old.fiches):
        before, after = old.fiches[tid], new.fiches[tid]
        fields = tuple(name for name in FICHE_FIELDS
                       if getattr(before, name) != getattr(after, name))
        old_codes, new_codes = set(old.units_of(tid)), set(new.units_of(tid))
        shares = tuple(sorted(code for code in old_codes & new_codes
                              if abs(old.share_of(tid, code) - new.share_of(tid, code)) > 1e-9))
        outline = _outline_changed(old.outlines.get(tid), new.outlines.get(tid))
        if fields or old_codes != new_codes or shares or outline:
            changed.append(TerritoryChange(tid, fields, tuple(sorted(new_codes - old_codes)),
                                           tuple(sorted(old_codes - new_codes)), shares,
                                           outline))
    old_covered, new_covered = old.covered_codes(), new.covered_codes()
    moved = tuple(
        CommuneMove(code, old.territories_of(code), new.territories_of(code))
        for code in sorted(old_covered & new_covered)
        if set(old.territories_of(code)) != set(new.territories_of(code))
    )
    return ZoningDiff(
        added=tuple(tid for tid in new.fiches if tid not in old.fiches),
        removed=tuple(tid for tid in old.fiches if tid not in new.fiches),
        changed=tuple(changed),
        moved=moved,
        covered=tuple(sorted(new_covered - old_covered)),
        uncovered=tuple(sorted(old_covered - new_covered)),
        illustrative_before=bool(old.illustrative),
        illustrative_after=bool(new.illustrative),
    )


def describe_diff(diff: ZoningDiff, old: Zoning, new: Zoning,
                  commune_names: Mapping[str, str] | None = None) -> list[str]:
    """Describe the difference in French, one sentence per line (escape where shown)."""
    if diff.identical:
        return [TEXTS["identical"]]
    names = commune_names or {}

    def territory(zoning: Zoning, tids: tuple[str, ...]) -> str:
        return " / ".join(zoning.fiches[tid].nom for tid in tids)

    lines = []
    if diff.illustrative_before != diff.illustrative_after:
        flag = {True: TEXTS["illustrative"], False: TEXTS["official"]}
        lines.append(TEXTS["flag"].format(before=flag[diff.illustrative_before],
                                          after=flag[diff.illustrative_after]))
    if diff.added:
        lines.append(TEXTS["added"].format(count=len(diff.added), names=", ".join(
            f"« {new.fiches[tid].nom} »" for tid in diff.added)))
    if diff.removed:
        lines.append(TEXTS["removed"].format(count=len(diff.removed), names=", ".join(
            f"« {old.fiches[tid].nom} »" for tid in diff.removed)))
    for change in diff.changed:
        what = []
        if change.fields:
            what.append(TEXTS["fields"].format(
                fields=", ".join(FICHE_LABELS[name].lower() for name in change.fields)))
        if change.codes_added:
            what.append(TEXTS["codes_added"].format(count=plural(
                len(change.codes_added), "commune ajoutée", "communes ajoutées")))
        if change.codes_removed:
            what.append(TEXTS["codes_removed"].format(count=plural(
                len(change.codes_removed), "commune retirée", "communes retirées")))
        if change.shares_changed:
            what.append(TEXTS["shares_changed"].format(count=plural(
                len(change.shares_changed), "commune")))
        if change.outline_changed:
            what.append(TEXTS["outline_changed"])
        lines.append(TEXTS["changed"].format(name=new.fiches[change.territory_id].nom,
                                             what=", ".join(what)))
    if diff.moved:
        examples = [TEXTS["move"].format(
            commune=f"{move.code} ({names[move.code]})" if move.code in names else move.code,
            before=territory(old, move.before), after=territory(new, move.after))
            for move in diff.moved[:MAX_MOVES_SHOWN]]
        more = ", …" if len(diff.moved) > MAX_MOVES_SHOWN else ""
        lines.append(TEXTS["moved"].format(count=len(diff.moved),
                                           examples="; ".join(examples) + more))
    if diff.covered:
        lines.append(TEXTS["covered"].format(count=len(diff.covered)))
    if diff.uncovered:
        lines.append(TEXTS["uncovered"].format(count=len(diff.uncovered)))
    return lines


def _outline_changed(old: object, new: object) -> bool:
    """Whether a territory's outline was added, removed or redrawn."""
    if old is None or new is None:
        return (old is None) != (new is None)
    return not shapely.equals_exact(old, new, tolerance=0)


def creation_date(value: str | None) -> dt.date | None:
    """First day of a fiche's (possibly reduced) creation date; None when absent or odd."""
    found = _ISO_DATE.fullmatch((value or "").strip())
    if not found:
        return None
    year, month, day = (int(part) if part else 1 for part in found.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def as_of(zoning: Zoning, day: dt.date) -> Zoning:
    """Keep the territories of ``zoning`` that existed on ``day`` (created by then).

    A reduced date counts from its first day (``2021`` is 1 January 2021); territories
    without a readable creation date are kept: absence of a date is not absence of the
    structure.
    """
    kept = {tid: fiche for tid, fiche in zoning.fiches.items()
            if (created := creation_date(fiche.date_creation)) is None or created <= day}
    if len(kept) == len(zoning.fiches):
        return zoning
    members = tuple(pair for pair in zoning.members if pair[0] in kept)
    shares = {pair: share for pair, share in zoning.shares.items() if pair[0] in kept}
    outlines = {tid: outline for tid, outline in zoning.outlines.items() if tid in kept}
    return replace(zoning, fiches=kept, members=members, shares=shares, outlines=outlines)


def end_of_day(day: dt.date, zone: str = LOCAL_ZONE) -> dt.datetime:
    """Return the last instant of ``day`` in French time (versions of that day count)."""
    return dt.datetime.combine(day, dt.time.max, tzinfo=local_zone(zone))
