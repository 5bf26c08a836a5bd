"""The canonical content of a zoning: what a version's hash covers, as JSON-ready values.

Keys and fields added after versions were first stored (explicit shares, outlines, the
later fiche fields) appear only when non-empty: the canonical text of a zoning without
them is byte for byte what it was, so the hashes of older versions still verify.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

import shapely

from geodata.zonings import FICHE_FIELDS, Fiche, Statut, Zoning
from geodata.zonings.model import LATER_FIELDS, OTHER_INFO


def fiche_to_dict(fiche: Fiche) -> dict[str, Any]:
    """Fiche as JSON-ready values (the status as its French word, later fields if set)."""
    values = {}
    for name in FICHE_FIELDS:
        value = getattr(fiche, name)
        if name in LATER_FIELDS and not value:
            continue
        values[name] = value
    if values["statut"] is not None:
        values["statut"] = str(values["statut"])
    if OTHER_INFO in values:
        values[OTHER_INFO] = [list(pair) for pair in values[OTHER_INFO]]
    return values


def fiche_from_dict(values: Mapping[str, Any]) -> Fiche:
    """Inverse of :func:`fiche_to_dict`; unknown keys (a field since removed) are ignored."""
    known = {name: values[name] for name in FICHE_FIELDS if name in values}
    if known.get("statut") is not None:
        known["statut"] = Statut(known["statut"])
    known["illustratif"] = bool(known.get("illustratif", False))
    if OTHER_INFO in known:
        known[OTHER_INFO] = tuple((str(label), str(value)) for label, value in known[OTHER_INFO])
    return Fiche(**known)


def outline_wkb(geometry: object) -> bytes:
    """Binary form in which outlines are stored and hashed (2D, exact coordinates)."""
    return shapely.to_wkb(geometry, output_dimension=2, byte_order=1)


def content_hash(zoning: Zoning) -> str:
    """SHA-256 of a zoning's canonical content: type, flags, fiches and composition."""
    canonical: dict[str, Any] = {
        "type": zoning.type.key,
        "illustrative": bool(zoning.illustrative),
        "source": zoning.source,
        "fiches": [[tid, fiche_to_dict(fiche)] for tid, fiche in zoning.fiches.items()],
        "members": zoning.members,  # tuples dump as JSON arrays: no copy needed
    }
    if zoning.shares:
        canonical["shares"] = [[tid, code, share] for (tid, code), share in zoning.shares.items()]
    if zoning.outlines:
        canonical["outlines"] = [[tid, outline_wkb(geometry).hex()]
                                 for tid, geometry in zoning.outlines.items()]
    text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
