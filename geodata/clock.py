"""France's time: the day a version, an import or a printed page is dated by.

The server may run in UTC; a planner in Paris who imports a file at 00:30 expects it dated
that day, not the day before. Every date shown to users comes from here.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: Days start and end in this time zone (« à la date du », import dates).
LOCAL_ZONE = "Europe/Paris"


def local_zone(zone: str = LOCAL_ZONE) -> dt.tzinfo:
    """Return French time, or UTC where the machine has no time zone database."""
    try:
        return ZoneInfo(zone)
    except ZoneInfoNotFoundError:  # UTC is then one or two hours off
        return dt.UTC


def local_today() -> dt.date:
    """Return today's date in France: from 23:00 UTC in winter, it is already tomorrow."""
    return dt.datetime.now(local_zone()).date()
