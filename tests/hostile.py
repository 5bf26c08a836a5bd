"""Hostile text that an imported agency file can carry, and data that holds it.

Shared by the tests of every output that shows or writes imported names: the CSV
exports (formulas), the HTML export, the map labels and the PDF (escaping exactly once).
"""

from __future__ import annotations

import dataclasses

from dashboard.views.data import AppData

#: Formulas a spreadsheet would run (OWASP CSV injection examples).
FORMULAS = ("=cmd|' /C calc'!A0", '=HYPERLINK("http://example.org/x","x")', "+1+1",
            "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR")
#: Names with every character HTML escapes, already-escaped text included.
MARKUP_NAME = "CPTS « L'Étoile » <b>&amp;</b>"
QUOTED_NAME = 'DAC "Nord" & <i>Sud</i>'
#: What a name must never show: an entity escaped twice, or one plotly does not decode.
DOUBLE_ESCAPES = ("&amp;#x27;", "&amp;lt;", "&amp;quot;", "&#x27;", "&quot;", "&amp;amp;amp;")


def with_fiche_texts(data: AppData, key: str, texts: dict[str, str]) -> AppData:
    """Return ``data`` where the first territories of zoning ``key`` carry ``texts``.

    ``texts`` maps a fiche field (``nom``, ``porteur``, ``site``…) to its value; the
    n-th value of :data:`FORMULAS`-like tuples goes to the n-th territory.
    """
    zoning = data.zonings[key]
    fiches = dict(zoning.fiches)
    for index, tid in enumerate(list(fiches)[:max(len(v) for v in texts.values())]):
        values = {field: values[index % len(values)] for field, values in texts.items()}
        fiches[tid] = dataclasses.replace(fiches[tid], **values)
    zonings = {**data.zonings, key: dataclasses.replace(zoning, fiches=fiches)}
    return dataclasses.replace(data, zonings=zonings)
