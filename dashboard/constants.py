"""Constants of the maps and legends: number typography, French texts, figure styling.

French texts shown on maps, legends and classification messages live here together, so
that wording is reviewed in one place; the texts of the controls live in
:mod:`dashboard.strings`.
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

# --- Missing values --------------------------------------------------------------------
#: Filosofi withholds small communes: the value exists but is not published.
MISSING_SECRET = "secret statistique"
#: No value at all (not in the source, nothing to aggregate).
MISSING_UNAVAILABLE = "n.d."
MISSING_LEGEND_LABEL = "Secret statistique / non disponible"

# --- Classification --------------------------------------------------------------------
METHOD_LABELS = {
    "quantiles": "Quantiles",
    "egal": "Intervalles égaux",
    "jenks": "Seuils naturels (Jenks)",
    "manuel": "Seuils manuels",
}
#: Fisher-Jenks is exact on up to this many distinct values (a matrix of this size
#: squared); above, sorted values are grouped into this many runs first.
JENKS_MAX_GROUPS = 1000
#: Extra decimals allowed in class labels when rounding would make two bounds look equal.
MAX_EXTRA_DECIMALS = 2

NOTE_FEW_VALUES = ("Seulement {distinct} valeurs distinctes : {k} classes au lieu de "
                   "{requested}.")
NOTE_ONE_VALUE = "Une seule valeur distincte : une seule classe."
NOTE_TIES = "Valeurs ex æquo : {k} classes au lieu de {requested}."
NOTE_NO_VALUE = "Aucune valeur disponible pour cet indicateur."
ERROR_NO_BREAK = "Indiquez au moins un seuil."
ERROR_TOO_MANY_BREAKS = "Indiquez au plus {max} seuils ({classes} classes)."
ERROR_NOT_NUMBER = "Le seuil « {value} » n'est pas un nombre."
ERROR_NOT_INCREASING = "Les seuils doivent être strictement croissants ({breaks})."
ERROR_OUT_OF_RANGE = ("Le seuil {value} est hors de l'étendue des valeurs affichées "
                      "({low} – {high}).")
ERROR_UNKNOWN_METHOD = "Méthode de classification inconnue : « {method} »."

# --- Map and legend texts ---------------------------------------------------------------
#: Coverage of a territory by a value: ``{share}`` is a formatted percentage.
SHARE_COVERED = "{share} de la population couverte"
#: No-break space after "en": the unit never starts a line on its own.
LEGEND_TITLE_WITH_UNIT = "{label}, en\u00a0{unit}"
DEPARTEMENT_OUTLINE_LABEL = "Limite de département"
#: Hover line of the value: ``{label}`` is the indicator's short label.
HOVER_VALUE = "{label} : "

# --- Figure styling ----------------------------------------------------------------------
FONT_FAMILY = '"Source Sans 3", "Source Sans Pro", "Helvetica Neue", Arial, sans-serif'
TEXT_COLOUR = "#222222"
TRANSPARENT = "rgba(0,0,0,0)"
#: Lambert-like projection of metropolitan France (standard parallels 44° N and 49° N).
PROJECTION = {"type": "conic conformal", "parallels": [44, 49]}
