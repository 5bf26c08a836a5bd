"""Official reference zonings derived from the base geography: départements, EPCI, EPT.

Besides the coordination zonings an agency stores, three levels are real and official,
and already known unit by unit: the départements, the EPCI à fiscalité propre, and in
Île-de-France the établissements publics territoriaux (EPT) of the Métropole du Grand
Paris, with Paris, which is in no EPT but is a territory of the Métropole on its own
(« T1 »). They are built here as :class:`~geodata.zonings.model.Zoning` objects, never
illustrative, each naming its source and vintage, so that the map, the nesting matrix,
« Qui couvre » and the harmonisation page treat them as any other zoning. They are not
stored: the base geography is their only source, rebuilt by ``python -m geodata build``.

Keys are short and distinct from the coordination types (``dep``, ``epci``, ``ept``);
:data:`REFERENCE_KEYS` lists them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from .model import CODE, Fiche, Zoning
from .zoning_types import OutlineStyle, Rule, ZoningType

#: Unit column naming the département, the EPCI and the EPT of each unit.
DEPARTEMENT, EPCI, EPT = "departement", "epci", "ept"
#: Territory id and name of Paris in the EPT reference: the Métropole's « T1 », its
#: commune code (its arrondissements are the units).
PARIS_ID, PARIS_NAME, PARIS_DEPARTEMENT = "75056", "Paris", "75"


@dataclass(frozen=True)
class ReferenceLevel:
    """One official level: its key, its labels and how the maps draw it."""

    key: str
    column: str
    label: str
    long_label: str
    rule: Rule
    style: OutlineStyle


#: The reference levels, in the order menus list them. Styles: dark grey for the
#: départements (thicker than the always-drawn département limits), Paul Tol's indigo
#: and green for EPCI and EPT, with dash patterns no coordination type uses, so that
#: they stay apart for every colour vision and in grey.
REFERENCE_LEVELS: tuple[ReferenceLevel, ...] = (
    ReferenceLevel("dep", DEPARTEMENT, "Départements", "Départements", Rule.PARTITION,
                   OutlineStyle("#4D4D4D", "solid", 3.2)),
    ReferenceLevel("epci", EPCI, "EPCI", "EPCI à fiscalité propre", Rule.PARTITION,
                   OutlineStyle("#332288", "longdash", 2.2)),
    ReferenceLevel("ept", EPT, "EPT (Grand Paris)",
                   "Établissements publics territoriaux de la Métropole du Grand Paris, "
                   "et Paris", Rule.NO_OVERLAP, OutlineStyle("#117733", "longdashdot", 2.4)),
)
REFERENCE_KEYS = tuple(level.key for level in REFERENCE_LEVELS)


def reference_sources(provenance: Mapping) -> dict[str, str]:
    """Source and vintage of each level, from the region's ``provenance.json``.

    Codes, départements and EPT come from the code package, the EPCI with the outlines
    (the build checks they agree with the code package's EPCI).
    """
    sources = provenance["sources"]
    codes, outlines = sources["codes"], sources["outlines"]
    package = f"{codes['package']} {codes['version']}"
    return {
        DEPARTEMENT: f"Insee — départements, {codes['vintage']['cog']} ({package})",
        EPCI: f"Insee, DGCL — EPCI à fiscalité propre ; {outlines['vintage']['cog']} "
              f"({outlines['package']} {outlines['version']})",
        EPT: f"Métropole du Grand Paris — {codes['vintage']['ept']}, {package}",
    }


def reference_zonings(units: pd.DataFrame, names: Mapping[str, Mapping[str, str]],
                      sources: Mapping[str, str]) -> dict[str, Zoning]:
    """Build the reference zonings of a region from its units.

    Parameters
    ----------
    units : pandas.DataFrame
        ``code``, ``departement``, ``epci`` and, where the region has EPT, ``ept`` (the
        EPT's SIREN, "" outside the Métropole du Grand Paris).
    names : mapping
        Column (``departement``, ``epci``, ``ept``) → territory code → name. A level
        without names (no EPT outside Île-de-France) is left out.
    sources : mapping
        Column → source and vintage of the level, shown with every map of it.

    Returns
    -------
    dict
        Key (:data:`REFERENCE_KEYS`) → zoning; territories in the order of ``names``,
        Paris last in the EPT zoning.
    """
    zonings = {}
    for level in REFERENCE_LEVELS:
        territory_names = dict(names.get(level.column) or {})
        if not territory_names or level.column not in units:
            continue
        territory = units[level.column].astype(str)
        if level.column == EPT:
            territory = territory.mask(units[DEPARTEMENT].eq(PARIS_DEPARTEMENT), PARIS_ID)
            territory_names[PARIS_ID] = PARIS_NAME
        known = territory.isin(list(territory_names))
        source = sources.get(level.column, "")
        zoning_type = ZoningType(key=level.key, label=level.label,
                                 long_label=f"{level.long_label} — {source}", rule=level.rule,
                                 style=level.style)
        fiches = {code: Fiche(nom=name, type=level.key, source=source)
                  for code, name in territory_names.items()}
        members = tuple(zip(territory[known], units.loc[known, CODE], strict=True))
        zonings[level.key] = Zoning(zoning_type, fiches, members, illustrative=False,
                                    source=source)
    return zonings
