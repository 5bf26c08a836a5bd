"""A visitor's own indicators added to the loaded region, for their requests only.

The region's data (:class:`~dashboard.views.data.AppData`) is shared by every request;
a visitor who imported indicators (« Ajouter des observations ») sees a copy of it where
they are listed after the built-in ones, their values joined to the unit table and, when
given by IRIS, to the IRIS table. Everything downstream (URL, map, legend, hover, fiche,
exports) then treats them as any indicator. The copy is made once per import and
region: the figures' caches keep working.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qs

from dashboard import place_strings
from dashboard.views.data import AppData, with_imported
from dashboard.views.state import ViewState
from geodata.observations.indicator_texts import CODE_PREFIX
from geodata.observations.indicators import Indicator
from geodata.observations.session_indicators import session_indicators
from geodata.observations.shared_indicators import is_shared_indicator

#: How every source line starts; a selector's option says the rest.
SOURCE_PREFIX = "Source : "


def with_user_indicators(data: AppData, key: str | None) -> AppData:
    """Return ``data`` with the indicators kept under ``key`` (as is without any)."""
    return data if not key else _extended(data, key)


@lru_cache(maxsize=32)
def _extended(data: AppData, key: str) -> AppData:
    imported = session_indicators().load(key)
    return data if imported is None else with_imported(data, (imported,))


def option_label(indicator: Indicator) -> str:
    """Name an indicator in the selector; a shared layer's with its producer and date."""
    if not is_shared_indicator(indicator.code):
        return indicator.short_label
    return place_strings.INDICATOR_SHARED_OPTION.format(
        label=indicator.short_label, source=indicator.source.removeprefix(SOURCE_PREFIX))


def is_user_indicator(code: str | None) -> bool:
    """Tell a visitor's imported indicator from a built-in one by its code."""
    return bool(code) and code.startswith(CODE_PREFIX)


def indicator_note(data: AppData, state: ViewState, search: str | None) -> str:
    """Say that a user's indicator stays in its session: a link never carries it.

    ``search`` is the query the browser loaded: a link naming an indicator imported in
    another session shows the default one, and says why.
    """
    if is_user_indicator(state.indicator):
        return place_strings.INDICATOR_SESSION_ONLY.format(
            label=data.indicator(state.indicator).short_label)
    asked = parse_qs((search or "").lstrip("?")).get("ind", [""])[0]
    if is_user_indicator(asked) and asked not in data.choices.indicators:
        return place_strings.INDICATOR_NOT_HERE.format(code=asked[:60])
    return ""
