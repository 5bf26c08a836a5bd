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
from geodata.observations.files import OBSERVATION_FILES
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
APL_CODE = "APL_MG"
QPV_CODE = "QPV"
#: Share of the population living in a commune with at least one QPV.
QPV_PRESENCE_CODE = "QPV_COMMUNE"
#: Key of the list of places counted by the QPV indicator.
QPV_PLACES = "qpv"
#: Suffix of the column holding, per unit, the share of its weight a sum over IRIS covers.
KNOWN_SHARE_SUFFIX = "_PART"
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
_APL_NOTE = ("Nombre de consultations et visites de médecins généralistes accessibles par "
             "habitant standardisé et par an (DREES). Sur un territoire : moyenne des "
             "communes pondérée par leur population municipale, comme le fait la DREES. "
             "Une commune fusionnée reçoit la moyenne de ses anciennes communes pondérée "
             "par les personnes des ménages fiscaux (Filosofi 2021).")
_QPV_NOTE = ("Nombre de quartiers prioritaires de la politique de la ville (géographie "
             "2024) touchant la commune ou le territoire : un QPV à cheval sur plusieurs "
             "communes compte une seule fois dans tout total. Les QPV de Paris sont "
             "rattachés à Paris entier par la source, jamais à un arrondissement.")
_QPV_PRESENCE_NOTE = ("Par commune : 100 % si la commune compte au moins un quartier "
                      "prioritaire de la politique de la ville (géographie 2024), 0 % sinon. "
                      "Sur un territoire : part de sa population municipale (populations "
                      "légales) qui vit dans une telle commune ; une commune partagée compte "
                      "pour sa part. Les arrondissements de Paris n'ont pas de valeur : la "
                      "source rattache ses 21 QPV à Paris entier, leurs codes (QN07501M…) "
                      "ne disent pas l'arrondissement et elle ne donne ni contour ni "
                      "position propre des quartiers (seulement le centre de Paris) ; les "
                      "répartir serait inventer. Sur la région, la valeur couvre donc la "
                      "population hors Paris (environ 83 %), et le dit.")
_QPV_MISSING = "Paris : QPV non répartis par arrondissement par la source"
_CAF_NOTE = ("Effectifs au 31 décembre 2020, somme des IRIS publiés de la commune : quand un "
             "IRIS est masqué (secret, moins de 5), la somme est un minimum (« au moins »). "
             "La Cnaf ne publie que les communes découpées en IRIS d'environ 10 000 "
             "habitants et plus.")
_CAF_MISSING = "Non publié (commune de moins de 10 000 habitants environ)"
_USER_NOTE = ("Indicateur importé : agrégé sur un territoire par moyenne pondérée par la "
              "population des ménages fiscaux, ce qui ne convient pas à toutes les données.")


_USER_MISSING = "Sans valeur dans votre fichier"


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
    weight : str or None
        Column of the indicator table weighing it over a territory; None: the weight of
        its kind (:data:`geodata.observations.aggregation.WEIGHT_OF_KIND`).
    known_share : str or None
        Column giving, per unit, the share of its weight that its value covers (a sum
        over IRIS some of which are withheld is a lower bound); None: all of it.
    places : str or None
        Key of the list of places it counts (:mod:`geodata.observations.places`): over a
        territory, a place in several communes counts once.
    iris_source : str or None
        Source line of its values by IRIS, when they are published at that level.
    missing_label : str or None
        What a missing value means, for the legend, when it is not secret statistique.
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
    weight: str | None = None
    known_share: str | None = None
    places: str | None = None
    iris_source: str | None = None
    missing_label: str | None = None

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
                     notes=notes, iris_source=OBSERVATION_FILES["filosofi_iris"].source)


def _caf(code: str, label: str, short_label: str, unit: str, direction: int) -> Indicator:
    """Describe a count of the CNAF by IRIS, summed over the IRIS of each commune."""
    caf = OBSERVATION_FILES["caf"]
    return Indicator(code, label, short_label, unit, 0, direction, caf.source, caf.vintage,
                     "count", notes=(_CAF_NOTE,), weight=POPULATION_CODE,
                     known_share=code + KNOWN_SHARE_SUFFIX, iris_source=caf.source,
                     missing_label=_CAF_MISSING)


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
    Indicator(APL_CODE, "Accessibilité potentielle localisée (APL) aux médecins généralistes",
              "Accès aux généralistes (APL)", "consult./an/hab.", 2, -1,
              f"{OBSERVATION_FILES['apl'].source} ({OBSERVATION_FILES['apl'].vintage})",
              OBSERVATION_FILES["apl"].vintage, "rate", notes=(_APL_NOTE,),
              weight=POPULATION_CODE),
    Indicator(QPV_CODE, "Quartiers prioritaires de la politique de la ville (nombre)",
              "Quartiers prioritaires (QPV)", "", 0, 1, OBSERVATION_FILES["qpv"].source,
              OBSERVATION_FILES["qpv"].vintage, "count", notes=(_QPV_NOTE,),
              places=QPV_PLACES, missing_label=_QPV_MISSING),
    Indicator(QPV_PRESENCE_CODE, "Part de la population vivant dans une commune comptant au "
              "moins un QPV", "Population en commune avec QPV", "%", 1, 1,
              OBSERVATION_FILES["qpv"].source, OBSERVATION_FILES["qpv"].vintage, "rate",
              notes=(_QPV_PRESENCE_NOTE,), weight=POPULATION_CODE,
              missing_label=_QPV_MISSING),
    _caf("CAF_A", "Allocataires de la CAF (foyers)", "Allocataires CAF", "allocataires", 0),
    _caf("CAF_PERCOU", "Personnes couvertes par la CAF (allocataires, conjoints, enfants)",
         "Personnes couvertes CAF", "personnes", 0),
    _caf("CAF_ARSAS", "Allocataires du RSA socle", "RSA socle", "allocataires", 1),
    _caf("CAF_APPA", "Allocataires de la prime d'activité", "Prime d'activité", "allocataires",
         1),
    _caf("CAF_AAL", "Allocataires d'une aide au logement", "Aides au logement",
         "allocataires", 1),
    _caf("CAF_AAAH", "Allocataires de l'allocation aux adultes handicapés (AAH)", "AAH",
         "allocataires", 1),
    _caf("CAF_AM", "Familles monoparentales allocataires", "Familles monoparentales CAF",
         "familles", 1),
    Indicator(POPULATION_CODE, "Population municipale", "Population", "habitants", 0, 0,
              POPULATION_SOURCE, POPULATION_VINTAGE, "count"),
    Indicator(DENSITY_CODE, "Densité de population", "Densité", "hab./km²", 0, 0,
              DENSITY_SOURCE, POPULATION_VINTAGE, "density"),
)
#: Codes of the indicators read from the Filosofi file, in registry order.
FILOSOFI_CODES: tuple[str, ...] = tuple(
    indicator.code for indicator in INDICATORS if indicator.source == FILOSOFI_SOURCE)

#: The indicator of a bare URL: published for nearly every commune (the poverty rate is
#: withheld for 800 of the 1,285 units of Île-de-France, 64 % of its area), so that the
#: first map says something everywhere; the poverty rate is one choice away.
DEFAULT_INDICATOR = "MED21"

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


def user_indicator(column: str, filename: str, decimals: int, *, label: str | None = None,
                   source: str | None = None, vintage: str = "", kind: Kind = "rate",
                   note: str = _USER_NOTE, iris_source: str | None = None) -> Indicator:
    """Describe a column imported by a user: its name is all we know about it.

    The map page's imports (:mod:`geodata.observations.user_indicators`) name it « Vos
    observations : … », give the file and import day as source, say how it combines
    (means weighted by the population municipale, or sums) and, for values given by
    IRIS, that they exist by IRIS.
    """
    if label is None:
        return Indicator(column, column, column, "", decimals, 0, f"Source : {filename}", "",
                         "rate", approximate_aggregate=True, notes=(_USER_NOTE,))
    return Indicator(column, label, label, "", decimals, 0, source or f"Source : {filename}",
                     vintage, kind, approximate_aggregate=kind != "count", notes=(note,),
                     weight=POPULATION_CODE, iris_source=iris_source,
                     missing_label=_USER_MISSING)
