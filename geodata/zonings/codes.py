"""Turn what a file calls a commune into unit codes of the base geography."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

import pandas as pd

from .text import normalize

INSEE_CODE = re.compile(r"\d{5}|2[AB]\d{3}")
#: Excel turns a code into a number: ``4001`` or ``4001.0`` for ``04001``.
NUMERIC_CODE = re.compile(r"(\d{4,5})(?:\.0+)?")
#: Département number ``000`` does not exist in the INSEE code: such a code is postal.
POSTAL_SUFFIX = "000"
#: Alias kinds in ``load_code_aliases``.
PARENT_COMMUNE = "arrondissements"
FORMER_COMMUNE = "ancienne_commune"
#: Words too common in commune names to tell two communes apart.
COMMON_NAME_WORDS = frozenset({
    "saint", "sainte", "sur", "sous", "les", "le", "la", "l", "de", "du", "des", "d", "en",
    "et", "aux", "arrondissement", "er", "e",
})


class CodeKind(StrEnum):
    """What a code read from a file turned out to be."""

    UNIT = "unit"
    PARENT = "parent"
    FORMER = "former"
    UNKNOWN = "unknown"
    POSTAL = "postal"
    INVALID = "invalid"


@dataclass(frozen=True)
class Resolution:
    """Unit codes a raw value stands for, and how they were found."""

    raw: str
    code: str
    kind: CodeKind
    units: tuple[str, ...] = ()
    #: True when a leading zero lost by a spreadsheet was put back.
    padded: bool = False


@dataclass(frozen=True)
class CodeBook:
    """The unit codes and aliases of a region, with their names."""

    names: Mapping[str, str]
    alias_units: Mapping[str, tuple[str, ...]]
    alias_kinds: Mapping[str, str]
    alias_names: Mapping[str, str]

    @classmethod
    def from_frames(cls, units: pd.DataFrame, aliases: pd.DataFrame) -> CodeBook:
        """From ``load_units`` (``code``, ``nom``) and ``load_code_aliases`` frames."""
        known = dict(zip(units["code"], units["nom"], strict=True))
        alias_units = {
            alias: tuple(code for code in codes.split(";") if code in known)
            for alias, codes in zip(aliases["alias"], aliases["codes"], strict=True)
        }
        return cls(
            names=MappingProxyType(known),
            alias_units=MappingProxyType(alias_units),
            alias_kinds=MappingProxyType(dict(zip(aliases["alias"], aliases["kind"], strict=True))),
            alias_names=MappingProxyType(dict(zip(aliases["alias"], aliases["nom"], strict=True))),
        )

    def resolve(self, raw: str) -> Resolution:
        """Find the unit codes of a raw cell: fix lost zeros, expand parent and former communes."""
        code, padded = normalize_code(raw)
        if not INSEE_CODE.fullmatch(code):
            return Resolution(raw, code, CodeKind.INVALID)
        if code in self.names:
            return Resolution(raw, code, CodeKind.UNIT, (code,), padded)
        if self.alias_units.get(code):
            kind = CodeKind.PARENT if self.alias_kinds[code] == PARENT_COMMUNE else CodeKind.FORMER
            return Resolution(raw, code, kind, self.alias_units[code], padded)
        if code.endswith(POSTAL_SUFFIX):
            return Resolution(raw, code, CodeKind.POSTAL, (), padded)
        return Resolution(raw, code, CodeKind.UNKNOWN, (), padded)

    def name_of(self, code: str) -> str | None:
        """Return the name of a unit or alias code, None if unknown."""
        return self.names.get(code) or self.alias_names.get(code)

    def name_matches(self, code: str, given: str) -> bool:
        """Whether a commune name read next to ``code`` plausibly designates it.

        Lenient on purpose (articles, "St", arrondissement suffixes): it only catches a
        code typed for another commune.
        """
        expected = self.name_of(code)
        if not expected or not given:
            return True
        given_key, expected_key = normalize(given), normalize(expected)
        if given_key in expected_key or expected_key in given_key:
            return True
        significant = set(given_key.split()) - COMMON_NAME_WORDS
        return bool(significant & set(expected_key.split()))


def normalize_code(raw: str) -> tuple[str, bool]:
    """Clean code and whether a lost leading zero was restored (``4001`` → ``04001``).

    Corsican codes (2A, 2B) keep their letter; spaces and the apostrophe Excel uses to
    force text are dropped.
    """
    code = "".join(raw.split()).lstrip("'").upper()
    numeric = NUMERIC_CODE.fullmatch(code)
    if numeric:
        code = numeric.group(1)
        if len(code) == 4:
            return "0" + code, True
    return code, False


def looks_like_code(value: str) -> bool:
    """Whether a cell could be meant as a commune code (not a note such as "Source : ARS")."""
    compact = "".join(value.split())
    return 0 < len(compact) <= 8 and any(char.isdigit() for char in compact)
