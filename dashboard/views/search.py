"""Find a commune by name or code the way people type it: no accents, any case, "st" for saint."""

from __future__ import annotations

import re

import pandas as pd

from geodata.zonings.text import normalize

MAX_RESULTS = 12


def search_index(units: pd.DataFrame) -> pd.DataFrame:
    """Prepare the units for repeated searches: code, nom, population, normalised key."""
    return pd.DataFrame({
        "code": units["code"].to_numpy(),
        "nom": units["nom"].to_numpy(),
        "departement": units["departement"].to_numpy(),
        "population": units["population"].to_numpy(),
        "key": [normalize(name) for name in units["nom"]],
    })


def search_communes(index: pd.DataFrame, query: str,
                    limit: int = MAX_RESULTS) -> pd.DataFrame:
    """Units matching ``query``, best first.

    A code prefix matches codes; otherwise every word of the query must start a word of the
    name. Exact names come first, then names starting with the query, then by population.
    """
    wanted = normalize(query or "")
    if not wanted:
        return index.iloc[:0]
    if wanted.replace(" ", "").isdigit() or re.fullmatch(r"2[ab]\d*", wanted.replace(" ", "")):
        hits = index[index["code"].str.lower().str.startswith(wanted.replace(" ", ""))]
        return hits.sort_values("code").head(limit)
    words = wanted.split()
    padded = " " + index["key"]
    mask = pd.Series(True, index=index.index)
    for word in words:
        mask &= padded.str.contains(" " + word, regex=False)
    hits = index[mask]
    rank = ((hits["key"] != wanted).astype(int) * 2
            + (~hits["key"].str.startswith(wanted)).astype(int))
    return (hits.assign(_rank=rank)
                .sort_values(["_rank", "population"], ascending=[True, False])
                .drop(columns="_rank").head(limit))
