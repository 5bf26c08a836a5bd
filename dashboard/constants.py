"""Constants of the maps and legends: number typography, classification, figure styling.

Their French texts are in :mod:`dashboard.strings`, with every other sentence shown.
"""

from __future__ import annotations

# --- Number typography -----------------------------------------------------------------
#: Thousands separator: narrow no-break space (U+202F), as ``Intl.NumberFormat("fr-FR")``
#: and CLDR write it, so that numbers formatted in Python and in the browser look the same
#: and never wrap inside a number.
THOUSANDS_SEPARATOR = "\u202f"
DECIMAL_SEPARATOR = ","
#: Space before "%": narrow no-break space, as ``Intl.NumberFormat("fr-FR")`` writes it.
PERCENT_SPACE = "\u202f"
#: Space before any other unit (€, hab./km², habitants): no-break space (U+00A0), as
#: ``Intl.NumberFormat("fr-FR")`` writes it before "€".
UNIT_SPACE = "\u00a0"
PERCENT = "%"
#: Separator of the two bounds of a class ("12,0 – 18,5 %").
RANGE_DASH = " – "
#: Share of the population with a value at or above which no coverage is said (fiche,
#: legend): the rest is rounding.
FULL_COVERAGE = 0.995

# --- Classification --------------------------------------------------------------------
#: Classification methods, named as in the URL: quantiles, equal intervals, natural
#: breaks (Fisher-Jenks), breaks typed by the user.
METHODS = ("quantiles", "egal", "jenks", "manuel")
MIN_CLASSES, MAX_CLASSES = 3, 9
#: Most manual breaks (one fewer than the most classes).
MAX_BREAKS = MAX_CLASSES - 1
#: Fisher-Jenks is exact on up to this many distinct values (a matrix of this size
#: squared); above, sorted values are grouped into this many runs first.
JENKS_MAX_GROUPS = 1000
#: Extra decimals allowed in class labels when rounding would make two bounds look equal.
MAX_EXTRA_DECIMALS = 2

# --- Figure styling ----------------------------------------------------------------------
FONT_FAMILY = '"Source Sans 3", "Source Sans Pro", "Helvetica Neue", Arial, sans-serif'
TEXT_COLOUR = "#222222"
#: Territory names written on the map, in pixels.
LABEL_FONT_SIZE = 11
TRANSPARENT = "rgba(0,0,0,0)"
#: Lambert-like projection of metropolitan France (standard parallels 44° N and 49° N).
#: Diameter (pixels) of the largest circle of proportional symbols (the region's largest
#: count), and the counts the legend shows a circle for (those up to that largest).
QPV_MAX_DIAMETER = 34.0
QPV_LEGEND_COUNTS = (1, 5, 20)
PROJECTION = {"type": "conic conformal", "parallels": [44, 49]}
