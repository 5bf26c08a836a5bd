"""France's time: the day a version, an import or a printed page is dated by.

The server may run in UTC; a planner in Paris who imports a file at 00:30 expects it dated
that day, not the day before. Every date shown to users comes from here.
"""

from __future__ import annotations

import datetime as dt
import re
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


#: A day as French readers write it: 30/06/2024 (also 30-6-2024 or 30.06.2024).
_FRENCH_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def parse_day(text: str | None) -> dt.date | None:
    """Read a day typed as ``jj/mm/aaaa`` (or ISO ``aaaa-mm-jj``); None if empty or no date.

    The date fields are plain text fields showing ``jj/mm/aaaa``: a browser's own date
    control follows the browser's language (``mm/dd/yyyy`` in an English one), whereas
    the interface is French. The command line reads its dates the same way.

    Examples
    --------
    >>> parse_day("30/06/2024"), parse_day("2024-06-30"), parse_day("31/02/2024")
    (datetime.date(2024, 6, 30), datetime.date(2024, 6, 30), None)
    """
    text = (text or "").strip()
    try:
        if found := _FRENCH_DAY.fullmatch(text):
            day, month, year = (int(part) for part in found.groups())
            return dt.date(year, month, day)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        return None
    return None
