"""Zoning types (DAC, CPTS…) read from ``zoning_types.toml``, so that adding one needs no code."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

from .messages import UNKNOWN_TYPE_LONG_LABEL
from .text import normalize

TYPES_FILE = Path(__file__).with_name("zoning_types.toml")
#: Dash patterns plotly draws (``line.dash``).
DASH_PATTERNS = frozenset({"solid", "dot", "dash", "longdash", "dashdot", "longdashdot"})
HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


class Rule(StrEnum):
    """What a zoning type promises about its territories."""

    #: Every commune of the covered départements in exactly one territory.
    PARTITION = "partition"
    #: At most one territory per commune; gaps allowed, shared communes only warned about.
    NO_OVERLAP = "no_overlap"
    #: No check.
    FREE = "free"


@dataclass(frozen=True)
class OutlineStyle:
    """How the boundaries of a zoning (or of départements, a selection…) are drawn.

    Attributes
    ----------
    colour : str
        CSS colour of the line.
    dash : str
        Plotly dash name, one of :data:`DASH_PATTERNS`.
    width : float
        Line width in pixels.
    """

    colour: str
    dash: str = "solid"
    width: float = 1.5


@dataclass(frozen=True)
class ZoningType:
    """One kind of coordination territory, with the rule its files are checked against."""

    key: str
    label: str
    long_label: str
    rule: Rule
    style: OutlineStyle
    aliases: tuple[str, ...] = ()
    #: False for a type the catalogue does not know (checked with the "free" rule).
    known: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        """Normalised names that designate this type in column or file names."""
        names = (self.key, self.label, *self.aliases)
        return tuple(dict.fromkeys(normalize(name) for name in names))


@dataclass(frozen=True)
class ZoningTypes:
    """The catalogue of zoning types, and the default used for types it does not know."""

    types: Mapping[str, ZoningType]
    default_rule: Rule
    default_style: OutlineStyle = field(repr=False)

    def __iter__(self) -> Iterator[ZoningType]:
        return iter(self.types.values())

    def __contains__(self, key: object) -> bool:
        return key in self.types

    def get(self, key: str) -> ZoningType:
        """Find the type named ``key`` (key, label or alias, any case); "free" if unknown."""
        wanted = normalize(key)
        for zoning_type in self:
            if wanted in zoning_type.names:
                return zoning_type
        return ZoningType(
            key=key, label=key, long_label=UNKNOWN_TYPE_LONG_LABEL.format(key=key),
            rule=self.default_rule, style=self.default_style, known=False,
        )

    def guess(self, file_name: str) -> ZoningType | None:
        """Guess the type from ``file_name`` (``cpts_93.csv``): the only one it names, if any."""
        words = f" {normalize(Path(file_name).stem)} "
        found = [t for t in self if any(f" {name} " in words for name in t.names)]
        return found[0] if len(found) == 1 else None


@functools.cache
def load_zoning_types(path: Path = TYPES_FILE) -> ZoningTypes:
    """Read and check the catalogue of zoning types.

    Raises
    ------
    ValueError
        In French, naming the type and the setting that is wrong: the file is edited by
        hand when a new type is declared.
    """
    with path.open("rb") as file:
        data = tomllib.load(file)
    default = data.get("default", {})
    types = {key: _zoning_type(key, table, path) for key, table in data.get("types", {}).items()}
    return ZoningTypes(
        types=MappingProxyType(types),
        default_rule=_rule(default.get("rule", Rule.FREE), "default", path),
        default_style=_style(default, "default", path),
    )


def _zoning_type(key: str, table: dict, path: Path) -> ZoningType:
    missing = [name for name in ("label", "long_label", "rule") if name not in table]
    if missing:
        raise ValueError(f"{path.name} : type « {key} » : il manque {', '.join(missing)}.")
    return ZoningType(
        key=key, label=table["label"], long_label=table["long_label"],
        rule=_rule(table["rule"], key, path), style=_style(table, key, path),
        aliases=tuple(table.get("aliases", ())),
    )


def _rule(value: str, key: str, path: Path) -> Rule:
    try:
        return Rule(value)
    except ValueError:
        allowed = ", ".join(rule.value for rule in Rule)
        raise ValueError(
            f"{path.name} : type « {key} » : règle « {value} » inconnue (attendu : {allowed})."
        ) from None


def _style(table: dict, key: str, path: Path) -> OutlineStyle:
    colour, dash, width = table.get("color", ""), table.get("dash", ""), table.get("width", 0)
    if not HEX_COLOUR.fullmatch(colour):
        raise ValueError(f"{path.name} : type « {key} » : couleur « {colour} » invalide (#RRGGBB).")
    if dash not in DASH_PATTERNS:
        allowed = ", ".join(sorted(DASH_PATTERNS))
        raise ValueError(f"{path.name} : type « {key} » : tirets « {dash} » inconnus ({allowed}).")
    if not isinstance(width, int | float) or width <= 0:
        raise ValueError(f"{path.name} : type « {key} » : épaisseur « {width} » invalide.")
    return OutlineStyle(colour=colour.upper(), dash=dash, width=float(width))
