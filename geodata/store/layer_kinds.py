"""The kinds of shared layers the zoning store versions beside the zonings.

A shared list of places and a shared indicator layer are versions of ``zoning_versions``
whose ``zoning_type`` names their kind and whose key starts with its prefix: a layer
named « dac » never collides with the DAC zoning, and the zonings are every version
whose type is none of these.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LayerKind:
    """One kind of shared layer: its ``zoning_type`` and the prefix of its keys."""

    zoning_type: str
    prefix: str

    def key(self, slug: str) -> str:
        """Store key of a layer (``lieux:pass-93``, ``indicateurs:patients``)."""
        return slug if slug.startswith(self.prefix) else self.prefix + slug

    def owns(self, key: str) -> bool:
        """Tell this kind's keys from a zoning's or another kind's."""
        return key.startswith(self.prefix)


PLACE_LAYERS = LayerKind("lieux", "lieux:")
INDICATOR_LAYERS = LayerKind("indicateurs", "indicateurs:")
LAYER_KINDS = (PLACE_LAYERS, INDICATOR_LAYERS)
#: ``zoning_type`` of every kind of shared layer: the versions that are not zonings.
LAYER_TYPES = tuple(kind.zoning_type for kind in LAYER_KINDS)


def layer_type(key: str) -> str | None:
    """Kind of shared layer a store key names (its ``zoning_type``), None for a zoning."""
    return next((kind.zoning_type for kind in LAYER_KINDS if kind.owns(key)), None)
