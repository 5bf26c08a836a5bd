"""Text normalisation shared by the readers: what a hand-made spreadsheet does to names."""

from __future__ import annotations

import re
import unicodedata

#: Abbreviations expanded before comparing names ("St-Denis" is "Saint-Denis").
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
#: Characters stripped around a cleaned value: spaces and the separators Excel leaves behind.
TRAILING_JUNK = " ;,"


def normalize(text: str) -> str:
    """Lower-case words without accents or punctuation, "st" expanded: a comparison key.

    Two spellings of the same name in a hand-made file ("CPTS Saint-Denis", "cpts st denis")
    get the same key, so that they are read as one territory.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = re.split(r"[^0-9a-z]+", ascii_text.lower())
    return " ".join(ABBREVIATIONS.get(word, word) for word in words if word)


def clean(value: str) -> str:
    """Collapse line breaks and repeated spaces, drop separators left at either end.

    Spreadsheet cells often carry a line break, a double space or a trailing ``;`` inside
    their quotes; none of them is part of the value.
    """
    return " ".join(value.split()).strip(TRAILING_JUNK)


def slugify(text: str) -> str:
    """Stable identifier made from a name ("CPTS Val de Bièvre" gives ``cpts-val-de-bievre``)."""
    return normalize(text).replace(" ", "-")
