"""Registry of the indicators the map can show: what each one means and how it aggregates.

The registry is immutable and shared by every user of the app; indicators imported by one
user (:func:`user_indicator`) live in that user's session and are passed back to
:func:`get_indicator` through ``extra``, so one user's import never shows up for another.

Examples
--------
>>> get_indicator("TP6021").short_label
'Taux de pauvreté'
>>> [indicator.code for indicator in INDICATORS][:2]
['TP6021', 'MED21']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from geodata.geometry import EQUAL_AREA_CRS
from geodata.sources import POPULATION_SOURCE, POPULATION_VINTAGE

Kind = Literal["rate", "count", "density", "ratio"]
#: How values of a kind combine over a territory: see :mod:`geodata.observations.aggregation`.
KINDS: tuple[Kind, ...] = ("rate", "count", "density", "ratio")
DIRECTIONS = (-1, 0, 1)

FILOSOFI_SOURCE = "Source : Insee, Filosofi 2021"
FILOSOFI_VINTAGE = "2021"
#: Populations come with the base geography (:mod:`geodata.sources`), areas from its
#: outlines.
DENSITY_SOURCE = (f"{POPULATION_SOURCE} ; surfaces calculées en projection équivalente "
                  f"({EQUAL_AREA_CRS})")

#: Persons in fiscal households: the weight of every Filosofi rate.
WEIGHT_CODE = "NBPERSMENFISC21"
POPULATION_CODE = "POP"
DENSITY_CODE = "DENSITE"
#: Area column of the base geography, the weight of densities.
AREA_CODE = "area_km2"

SECRET_NOTE = ("Valeurs « s » : secret statistique (commune trop petite) ; elles sont "
               "traitées comme manquantes, jamais comme zéro.")
_INCOME_SHARE_NOTE = ("Approximation sur un territoire : moyenne des parts communales "
                      "pondérée par la population des ménages fiscaux, et non par le revenu "
                      "disponible.")
_MEDIAN_NOTE = ("Approximation sur un territoire : moyenne des médianes communales pondérée "
                "par la population des ménages fiscaux ; ce n'est pas la médiane du "
                "territoire.")
_DECILE_RATIO_NOTE = ("Approximation sur un territoire : moyenne des rapports communaux "
                      "pondérée par la population des ménages fiscaux ; les déciles du "
                      "territoire ne sont pas publiés.")
_USER_NOTE = ("Indicateur importé : agrégé sur un territoire par moyenne pondérée par la "
              "population des ménages fiscaux, ce qui ne convient pas à toutes les données.")


class UnknownIndicatorError(LookupError):
    """No indicator has this code; the message is meant for users."""


@dataclass(frozen=True)
class Indicator:
    """One indicator: labels and source for the UI, unit and kind for computations.

    Attributes
    ----------
    code : str
        Column name in the indicator table (the INSEE variable name for Filosofi).
    label, short_label : str
        French label for legends and texts; short one for selectors and tooltips.
    unit : str
        ``"%"``, ``"€"``, ``"hab./km²"``, ``"habitants"``, or ``""`` for ratios.
    decimals : int
        Decimals to display.
    direction : int
        +1 when a higher value means more precarity, -1 less, 0 neutral; drives the
        orientation of colour scales.
    source, vintage : str
        Full French source line (« Source : … ») and the year or edition of the data.
    kind : {"rate", "count", "density", "ratio"}
        How values combine over a territory.
    approximate_aggregate : bool
        True when the territory value is only an approximation of the real statistic;
        the UI must say so (reason in ``notes``).
    notes : tuple of str
        French notes to show with the indicator (secret statistique, approximation).
    """

    code: str
    label: str
    short_label: str
    unit: str
    decimals: int
    direction: int
    source: str
    vintage: str
    kind: Kind
    approximate_aggregate: bool = False
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Indicateur {self.code} : type d'agrégation inconnu {self.kind!r}.")
        if self.direction not in DIRECTIONS:
            raise ValueError(f"Indicateur {self.code} : sens {self.direction!r} invalide.")
        if self.decimals < 0:
            raise ValueError(f"Indicateur {self.code} : nombre de décimales négatif.")


def _filosofi(code: str, label: str, short_label: str, unit: str, decimals: int,
              direction: int, kind: Kind = "rate", note: str | None = None) -> Indicator:
    notes = (SECRET_NOTE,) if note is None else (SECRET_NOTE, note)
    return Indicator(code, label, short_label, unit, decimals, direction, FILOSOFI_SOURCE,
                     FILOSOFI_VINTAGE, kind, approximate_aggregate=note is not None,
                     notes=notes)


#: Every built-in indicator, in the order of the selectors.
INDICATORS: tuple[Indicator, ...] = (
    _filosofi("TP6021", "Taux de pauvreté (seuil à 60 % du niveau de vie médian)",
              "Taux de pauvreté", "%", 1, 1),
    _filosofi("MED21", "Médiane du niveau de vie (revenu disponible par unité de "
              "consommation)", "Niveau de vie médian", "€", 0, -1, note=_MEDIAN_NOTE),
    _filosofi("PPMINI21", "Part des minima sociaux dans le revenu disponible",
              "Minima sociaux", "%", 1, 1, note=_INCOME_SHARE_NOTE),
    _filosofi("PPLOGT21", "Part des prestations logement dans le revenu disponible",
              "Prestations logement", "%", 1, 1, note=_INCOME_SHARE_NOTE),
    _filosofi("PPSOC21", "Part des prestations sociales dans le revenu disponible",
              "Prestations sociales", "%", 1, 1, note=_INCOME_SHARE_NOTE),
    _filosofi("RD21", "Rapport interdécile du niveau de vie (D9/D1)", "Rapport interdécile",
              "", 1, 1, kind="ratio", note=_DECILE_RATIO_NOTE),
    Indicator(POPULATION_CODE, "Population municipale", "Population", "habitants", 0, 0,
              POPULATION_SOURCE, POPULATION_VINTAGE, "count"),
    Indicator(DENSITY_CODE, "Densité de population", "Densité", "hab./km²", 0, 0,
              DENSITY_SOURCE, POPULATION_VINTAGE, "density"),
)
#: Codes of the indicators read from the Filosofi file, in registry order.
FILOSOFI_CODES: tuple[str, ...] = tuple(
    indicator.code for indicator in INDICATORS if indicator.source == FILOSOFI_SOURCE)

_BY_CODE = MappingProxyType({indicator.code: indicator for indicator in INDICATORS})


def get_indicator(code: str, extra: Iterable[Indicator] = ()) -> Indicator:
    """Return the indicator ``code``, looked up in the registry then in ``extra``.

    Raises
    ------
    UnknownIndicatorError
        With a French message listing the known codes.
    """
    if code in _BY_CODE:
        return _BY_CODE[code]
    extra = tuple(extra)
    for indicator in extra:
        if indicator.code == code:
            return indicator
    known = ", ".join([*_BY_CODE, *(indicator.code for indicator in extra)])
    raise UnknownIndicatorError(f"Indicateur inconnu : « {code} » (indicateurs disponibles : "
                                f"{known}).")


def user_indicator(column: str, filename: str, decimals: int) -> Indicator:
    """Describe a column imported by a user: its name is all we know about it."""
    return Indicator(column, column, column, "", decimals, 0, f"Source : {filename}", "",
                     "rate", approximate_aggregate=True, notes=(_USER_NOTE,))
