"""Check a zoning file end to end and say, in French, whether and how it can be used."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from os import PathLike
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .bounds import check_bounds
from .codes import CodeBook
from .columns import check_mapping
from .constants import MAX_UNCOVERED_LISTED
from .formats import Kind, detect_format
from .geometry_reader import read_geometry
from .messages import (
    MAX_EXAMPLES,
    MESSAGES,
    RULE_LABELS,
    UNTYPED_KEY,
    commune_label,
    count,
    fmt_int,
    fmt_pct,
    plain_list,
)
from .model import Zoning
from .readers import Reading, ReadResult, read_composition
from .report import FileProblem, IssueLog, Location, ValidationReport
from .zoning_types import Rule, ZoningType, ZoningTypes, load_zoning_types


def validate_file(path: str | PathLike[str], zoning_type: str | None, units: gpd.GeoDataFrame,
                  aliases: pd.DataFrame, *, mapping: Mapping[str, str] | None = None,
                  crs: str | None = None, types: ZoningTypes | None = None,
                  iris: gpd.GeoDataFrame | None = None) -> tuple[Zoning | None, ValidationReport]:
    """Read a composition table or outline file and check it against its type's rule.

    Parameters
    ----------
    path
        CSV, XLSX, GeoJSON, GeoPackage or zipped Shapefile; recognised by content.
    zoning_type
        Type key (``"cpts"``), label or alias; guessed from the file name when None.
        An unknown type is checked with the catalogue's default ("free") rule.
    units, aliases
        The region's base geography (``geodata.base.load_units``/``load_code_aliases``).
    mapping
        Column role → header, overriding detection (``{"code": "Code géo"}``).
    crs
        Coordinate system of a geographic file that declares none or a wrong one.
    types
        Catalogue of zoning types (the packaged one by default).
    iris
        IRIS units of the region (``geodata.base.load_iris``): shares of communes cut by
        polygons are then shares of population; without them, shares of area.

    Returns
    -------
    The zoning (None when the report holds errors) and the report. Never raises for a
    bad file: every problem, even an unforeseen parser failure, becomes a French error.
    """
    path = Path(path)
    log = IssueLog(path.name)
    types = types or load_zoning_types()
    resolved = _resolve_type(zoning_type, path, types, log)
    read = None
    try:
        reading = Reading(resolved, types, check_mapping(mapping), log)
        detected = detect_format(path)
        if detected.kind is Kind.GEO:
            read = read_geometry(detected, units, reading, crs, iris)
        else:
            book = CodeBook.from_frames(units, aliases)
            read = read_composition(path, detected.kind, book, reading)
        check_zoning(read, units, log)
    except FileProblem as problem:
        log.problem(problem)
    except Exception as exc:  # an unforeseen parser failure still gets a French report
        log.error("unexpected_error", detail=f"{type(exc).__name__} : {exc}")
    zoning = None if read is None or log.has_errors else replace(read.zoning, source=path.name)
    return zoning, ValidationReport(path.name, tuple(log.issues), zoning)


def check_zoning(read: ReadResult, units: pd.DataFrame, log: IssueLog) -> None:
    """Check a zoning against its type's rule and the geography's bounds.

    Overlaps, gaps, empty territories; the uncovered communes and the former communes are
    listed for the planner. Gaps are looked for only in the départements the zoning
    touches, so that a file covering one département can be checked on its own.
    """
    zoning = read.zoning
    if not zoning.members:
        log.error("no_units")
        return
    check_bounds(zoning, read.origins, units, log)
    _check_overlaps(read, units, log)
    _check_gaps(zoning, units, log)
    for tid, fiche in zoning.fiches.items():
        if not zoning.units_of(tid):
            log.warning("empty_territory", read.places.get(tid, log.at()), name=fiche.nom)
    if read.former:
        names = dict(zip(units["code"], units["nom"], strict=True))
        log.info("former_summary", pairs=plain_list(
            (f"{code} → {', '.join(commune_label(c, names.get(c)) for c in targets)}"
             for code, targets in read.former.items()), limit=20))


def _check_overlaps(read: ReadResult, units: pd.DataFrame, log: IssueLog) -> None:
    """Units under several territories without split given.

    An error for a partition; else a « commune partagée » whose population is counted in
    equal parts. Communes cut by polygons have known shares: the reader reported them.
    """
    zoning = read.zoning
    if zoning.type.rule is Rule.FREE:
        return
    names = dict(zip(units["code"], units["nom"], strict=True))
    for code, tids in zoning.shared_units().items():
        unknown = [tid for tid in tids if (tid, code) not in zoning.shares]
        if len(unknown) < 2:
            continue
        places = [read.origins.get((tid, code), log.at()) for tid in tids]
        territories = ", ".join(
            _territory(zoning, tid, place) for tid, place in zip(tids, places, strict=True))
        label = commune_label(code, names.get(code))
        if zoning.type.rule is Rule.PARTITION:
            log.error("overlap_forbidden", places[-1], commune=label, territories=territories,
                      label=zoning.type.label)
        else:
            log.warning("shared_commune", places[-1], commune=label, territories=territories,
                        share=fmt_pct(zoning.share_of(unknown[0], code)))


def _check_gaps(zoning: Zoning, units: pd.DataFrame, log: IssueLog) -> None:
    """Uncovered units of the départements the zoning touches: errors for a partition."""
    covered = zoning.covers(units["code"])
    touched = units.loc[covered, "departement"].unique()
    gaps = units[units["departement"].isin(touched) & ~covered]
    if zoning.type.rule is not Rule.PARTITION:
        if len(gaps):
            log.info("uncovered", count=count(len(gaps), "commune"),
                     departements=", ".join(sorted(touched)))
            _list_uncovered(gaps, log)
        return
    for departement, missing in gaps.groupby("departement", sort=True):
        examples = plain_list(
            (commune_label(c, n) for c, n in zip(missing["code"], missing["nom"], strict=True)),
            limit=MAX_EXAMPLES)
        log.error("gap", departement=departement, count=count(len(missing), "commune"),
                  examples=examples, label=zoning.type.label)


def _list_uncovered(gaps: pd.DataFrame, log: IssueLog) -> None:
    """Name the uncovered communes, most populous first, with their population."""
    ranked = gaps.sort_values(["population", "code"], ascending=[False, True])
    shown = ranked.head(MAX_UNCOVERED_LISTED)
    more = len(ranked) - len(shown)
    log.info("uncovered_list", count=count(len(ranked), "commune"),
             population=count(int(ranked["population"].sum()), "habitant"),
             communes=", ".join(
                 f"{nom} ({code}, {fmt_int(int(population))} hab.)"
                 for code, nom, population in zip(shown["code"], shown["nom"],
                                                   shown["population"], strict=True)),
             more=MESSAGES["uncovered_more"].format(count=fmt_int(more)) if more else "")


def _territory(zoning: Zoning, tid: str, place: Location) -> str:
    """``« CPTS A » (ligne 4)``: a territory and where the file gives it."""
    where = place.describe(with_file=False)
    name = zoning.fiches[tid].nom
    return f"« {name} » ({where})" if where else f"« {name} »"


def _resolve_type(key: str | None, path: Path, types: ZoningTypes, log: IssueLog) -> ZoningType:
    known = ", ".join(types.types)
    if key:
        zoning_type = types.get(key)
        if not zoning_type.known:
            log.warning("unknown_type", key=key, rule=RULE_LABELS[zoning_type.rule], known=known)
        return zoning_type
    guessed = types.guess(path.name)
    if guessed is not None:
        log.info("type_from_file_name", label=guessed.label)
        return guessed
    untyped = types.get(UNTYPED_KEY)
    log.warning("no_type", rule=RULE_LABELS[untyped.rule], known=known)
    return untyped
