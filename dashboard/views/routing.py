"""Which page follows a change of view, and what changed for it.

The state callback shows one page and writes its view store only when a field that page
shows has changed: the callbacks of hidden pages do not run, nor those of the shown page
on a click that does not concern it. A page's view store holds the view it was last
drawn for (``pathname``, ``search``) and the fields that changed since (``changed``),
which its callbacks read to redraw only what depends on them.

Examples
--------
>>> changed_fields(ViewState(indicator="TP6021"), ViewState(indicator="MED21"), "carte")
('indicator',)
>>> changed_fields(ViewState(indicator="TP6021"), ViewState(indicator="MED21"), "panorama")
()
"""

from __future__ import annotations

from dataclasses import fields

from dashboard.views.data import AppData
from dashboard.views.state import ViewState, parse_url, to_url

#: State fields whose change a page shows.
PAGE_FIELDS: dict[str, tuple[str, ...]] = {
    "carte": ("departements", "zonings", "labels", "indicator", "method", "classes", "breaks",
              "colour_by", "territory", "commune", "date", "mesh", "qpv", "places"),
    "panorama": ("departements", "date"),
    "heterogeneite": ("departements", "pair_a", "pair_b", "date"),
    "zones-blanches": ("departements", "gaps_zoning", "indicator", "method", "classes",
                       "breaks", "date"),
    "harmonisation": ("departements", "harm_zoning", "harm_reference", "harm_goal",
                      "harm_moves", "harm_draft", "commune", "date"),
    "donnees": (),
    "accessibilite": (),
}
#: Every field: what a page drawn for the first time has to draw.
ALL_FIELDS = tuple(field.name for field in fields(ViewState))


def changed_fields(before: ViewState | None, after: ViewState, page: str) -> tuple[str, ...]:
    """Return the fields ``page`` shows that differ from ``before`` (all, without one)."""
    if before is None:
        return ALL_FIELDS
    return tuple(name for name in PAGE_FIELDS[page]
                 if getattr(before, name) != getattr(after, name))


def page_view(state: ViewState, changed: tuple[str, ...]) -> dict:
    """Content of a page's view store: the view and what changed since the last one."""
    pathname, search = to_url(state)
    return {"pathname": pathname, "search": search, "changed": list(changed)}


def follow(data: AppData, view: dict | None, state: ViewState) -> dict | None:
    """Return the new view of the page ``state`` shows, drawn for ``view``; None if the same."""
    before = None if not view else parse_url(view["pathname"], view["search"], data.choices,
                                             data.default_state)
    changed = changed_fields(before, state, state.page)
    return page_view(state, changed) if changed else None
