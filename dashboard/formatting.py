"""French number and date formatting for hovers, legends, tables and date fields.

Typography follows ``Intl.NumberFormat("fr-FR")`` so that Python and the browser agree:
narrow no-break space (U+202F) between thousands and before "%", no-break space (U+00A0)
before other units, decimal comma. Missing values are never shown as 0.

Examples
--------
>>> format_value(1234.5, "", 1) == "1\u202f234,5"
True
>>> format_value(float("nan"), "%")
'secret statistique'
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from numbers import Real

from dashboard.constants import (
    DECIMAL_SEPARATOR,
    PERCENT,
    PERCENT_SPACE,
    RANGE_DASH,
    THOUSANDS_SEPARATOR,
    UNIT_SPACE,
)
from dashboard.strings import AND, MISSING_SECRET, MISSING_UNAVAILABLE, SHARE_COVERED

# Counts agree and days are read the same way in geodata (CLI) and in the app.
from geodata.clock import parse_day as parse_day
from geodata.zonings.messages import plural as plural


def is_missing(value: object) -> bool:
    """Tell None, NaN, ``pd.NA``, infinities and non-numbers (shown as missing) apart."""
    if isinstance(value, bool) or not isinstance(value, Real):
        return True
    return not math.isfinite(value)


def format_number(value: float, decimals: int = 1) -> str:
    """Format a finite number with French separators and exactly ``decimals`` decimals.

    A value that rounds to zero is written without a minus sign ("0,0", not "-0,0").
    """
    text = f"{value:,.{decimals}f}"
    if text.lstrip("-").strip("0.,") == "":
        text = text.lstrip("-")
    return (text.replace(",", THOUSANDS_SEPARATOR)
                .replace(".", DECIMAL_SEPARATOR))


def with_unit(number: str, unit: str) -> str:
    """Append ``unit`` to an already formatted number with the right no-break space."""
    if not unit:
        return number
    return f"{number}{PERCENT_SPACE if unit == PERCENT else UNIT_SPACE}{unit}"


def format_value(value: object, unit: str = "", decimals: int = 1,
                 missing: str = MISSING_SECRET) -> str:
    """Format one value for display: "1 234,5", "12,3 %", "21 480 €", "3 456 hab./km²".

    Parameters
    ----------
    value : float or None
        NaN, None, ``pd.NA`` or infinities are missing.
    unit : str
        "%", "€", "hab./km²", "habitants"… or "" for a plain number.
    decimals : int
        Decimals always written (trailing zeros kept, so that a column lines up).
    missing : str
        Text for a missing value: :data:`~dashboard.strings.MISSING_SECRET` for
        withheld Filosofi values (the default), ``MISSING_UNAVAILABLE`` ("n.d.") otherwise.
    """
    if is_missing(value):
        return missing
    return with_unit(format_number(float(value), decimals), unit)


def format_range(low: float, high: float, unit: str = "", decimals: int = 1) -> str:
    """Label of a class, the unit written once: "12,0 – 18,5 %", or "12,0 %" if equal."""
    low_text, high_text = format_number(low, decimals), format_number(high, decimals)
    if low_text == high_text:
        return with_unit(high_text, unit)
    return with_unit(f"{low_text}{RANGE_DASH}{high_text}", unit)


def format_share(share: float, template: str = SHARE_COVERED,
                 missing: str = MISSING_UNAVAILABLE) -> str:
    """Share (0..1) as a whole percentage in a sentence: "94 % de la population couverte".

    A share strictly between 0 and 1 is never rounded to "0 %" nor "100 %" (written
    "< 1 %" and "> 99 %"), so that partial coverage never reads as none or full. A
    missing share gives ``missing`` alone, not a sentence around it.
    """
    if is_missing(share):
        return missing
    percent = float(share) * 100
    if 0 < percent < 0.5:
        text = f"<{UNIT_SPACE}{format_value(1, PERCENT, 0)}"
    elif 99.5 <= percent < 100:
        text = f">{UNIT_SPACE}{format_value(99, PERCENT, 0)}"
    else:
        text = format_value(percent, PERCENT, 0)
    return template.format(share=text)


def format_day(iso: str | date | None) -> str:
    """Write a day ``jj/mm/aaaa`` ("" for none), as the date fields show it."""
    if not iso:
        return ""
    day = iso if isinstance(iso, date) else date.fromisoformat(iso)
    return day.strftime("%d/%m/%Y")


def french_list(items: Sequence[str]) -> str:
    """Join items the French way: "a, b et c"."""
    items = list(items)
    return ", ".join(items[:-1]) + AND + items[-1] if len(items) > 1 else "".join(items)
