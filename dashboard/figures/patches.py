"""Send a figure as what changed from the one the browser shows: trace properties only.

The browser keeps the :func:`signature` of the figure it shows (a digest of the layout
and of every property of every trace, a few hundred bytes). Given it, :func:`changes`
lists the properties of the new figure that differ, trace by trace, to set in a
``dash.Patch``; or ``None`` when the figure must be sent whole: first figure, other
traces (uids in another order) or another layout (another area shown, whose zoom must be
fitted again). Traces added after the last one, or the last ones taken away (a layer
shown on request, such as the QPV circles), travel as :data:`TRACE` changes. A patch
never touches the layout, so plotly.js keeps the user's zoom and does no relayout; and
it sends only what changed, so plotly.js restyles only that (see
:mod:`dashboard.figures.map` for why traces are toggled rather than added).

Examples
--------
>>> before = {"data": [{"uid": "a", "z": [1, 2]}, {"uid": "b", "opacity": 0}],
...           "layout": {"uirevision": "x"}}
>>> after = {"data": [{"uid": "a", "z": [1, 2]}, {"uid": "b", "opacity": 1}],
...          "layout": {"uirevision": "x"}}
>>> found, shown = changes(signature(before), after)
>>> found
[(1, 'opacity', 1)]
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

#: Value of a change that removes the property (or, for :data:`TRACE`, the trace).
REMOVED = object()
#: Property name of a change that appends a whole trace (or removes it, with REMOVED).
TRACE = ""


def _digest(value: Any) -> str:
    text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_SERIALIZE_NUMPY)
    return hashlib.blake2b(text, digest_size=8).hexdigest()


def signature(figure: dict) -> dict:
    """Digest of the layout and of each property of each trace (JSON-able, for a store)."""
    return {"layout": _digest(figure["layout"]),
            "traces": [[trace.get("uid"), {key: _digest(value) for key, value in trace.items()}]
                       for trace in figure["data"]]}


def changes(previous: dict | None,
            figure: dict) -> tuple[list[tuple[int, str, Any]] | None, dict]:
    """List ``(trace index, property, new value)`` of what differs from ``previous``'s figure.

    :data:`REMOVED` as the value: the property is gone. ``None`` instead of the list: send
    the whole figure. Returned with the :func:`signature` of ``figure``.
    """
    current = signature(figure)
    if not previous or previous.get("layout") != current["layout"]:
        return None, current
    uids = [uid for uid, _ in previous["traces"]], [uid for uid, _ in current["traces"]]
    common = min(len(uids[0]), len(uids[1]))
    if uids[0][:common] != uids[1][:common]:
        return None, current
    found = []
    for index, ((_, before), (_, after)) in enumerate(zip(previous["traces"][:common],
                                                           current["traces"][:common],
                                                           strict=True)):
        trace = figure["data"][index]
        found += [(index, key, trace.get(key, REMOVED)) for key in sorted(before.keys() | after)
                  if before.get(key) != after.get(key)]
    # Last ones first, so that each index is still the trace's when it is taken away.
    found += [(index, TRACE, REMOVED) for index in range(len(uids[0]) - 1, common - 1, -1)]
    found += [(index, TRACE, figure["data"][index]) for index in range(common, len(uids[1]))]
    return found, current
