"""Where the perimeters drawn on a map come from: one line per source, the same everywhere.

The live map's legend and every export (page, atlas, interactive map, data files) name
the source of each zoning shown; made-up zonings get the illustrative notice instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.formatting import french_list
from dashboard.strings import ILLUSTRATIVE_NOTICE, PERIMETER_SOURCE, PERIMETER_SOURCE_UNKNOWN
from dashboard.views.data import AppData


def perimeter_sources(data: AppData, keys: Sequence[str]) -> tuple[str, ...]:
    """« Périmètres CPTS : ARS Île-de-France, … », grouped by source; the notice last.

    Examples
    --------
    >>> perimeter_sources(data, ("dac",))                      # doctest: +SKIP
    ('Données illustratives — périmètres non officiels (DAC)',)
    """
    official: dict[str, list[str]] = {}
    for key in keys:
        zoning = data.zonings.get(key)
        if zoning is not None and not zoning.illustrative:
            official.setdefault(zoning.source or PERIMETER_SOURCE_UNKNOWN, []).append(
                zoning.type.label)
    lines = [PERIMETER_SOURCE.format(labels=french_list(labels), source=source)
             for source, labels in official.items()]
    illustrative = data.illustrative_zonings(tuple(keys))
    if illustrative:
        lines.append(f"{ILLUSTRATIVE_NOTICE} ({french_list(illustrative)})")
    return tuple(lines)
