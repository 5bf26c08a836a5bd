"""Recognise what each column of a hand-made table holds, whatever its spelling.

Headers are compared as keys: no accents, no case, no punctuation, no articles
("Code_INSEE", "code insee", "Code INSEE " all give ``codeinsee``; "Nom de la CPTS" gives
``nomcpts``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .messages import FICHE_LABELS, ROLE_NAMES
from .model import FICHE_FIELDS, OTHER_INFO
from .report import FileProblem
from .text import normalize
from .zoning_types import ZoningType, ZoningTypes

CODE = "code"
NAME = "nom"
TERRITORY_ID = "territory_id"
COMMUNE_NAME = "nom_commune"
#: Explicit share of a commune in a territory (« part »), optional.
PART = "part"
#: Fiche fields a column can fill (the type comes from the zoning, the name has its role,
#: unmatched columns go to ``autres``).
FICHE_ROLES = tuple(name for name in FICHE_FIELDS if name not in (NAME, "type", OTHER_INFO))
ROLES = (CODE, NAME, TERRITORY_ID, COMMUNE_NAME, PART, *FICHE_ROLES)
#: Header of an unnamed column kept in « Autres informations ».
UNNAMED_COLUMN = "Colonne {number}"
#: Prefix of the stored « Autres informations » columns (``write_fiches``).
OTHER_PREFIX = "autre : "

STOPWORDS = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "a", "au", "aux", "en"})
NAME_WORDS = frozenset({"nom", "noms", "libelle", "denomination", "intitule", "name",
                        "appellation", "raison", "sociale"})
ID_WORDS = frozenset({"id", "identifiant", "ident", "code", "numero", "num", "ref",
                      "reference"})
#: Id words that name the territory id on their own ("code" alone is too ambiguous).
BARE_ID_WORDS = frozenset({"id", "identifiant", "ref", "reference"})
TERRITORY_WORDS = frozenset({"territoire", "territoires", "territory", "structure",
                             "dispositif", "reseau", "perimetre", "entite", "zone"})
COMMUNE_WORDS = frozenset({"commune", "communes", "ville", "com", "libgeo", "libcom", "nomcom",
                           "arrondissement", "municipalite"})


def key(label: str) -> str:
    """Comparison key of a header: words without accents, case, punctuation nor articles."""
    return "".join(word for word in normalize(label).split() if word not in STOPWORDS)


def _keys(*labels: str) -> frozenset[str]:
    return frozenset(key(label) for label in labels)


CODE_KEYS = _keys(
    "code INSEE", "CODGEO", "code commune", "DEPCOM", "INSEE_COM", "com", "code com", "insee",
    "code géographique", "code geo", "COG", "code commune INSEE", "code INSEE commune",
    "code INSEE de la commune", "numéro INSEE", "n° INSEE", "citycode", "code_insee",
)
#: Weaker hints, used only when no column matches ``CODE_KEYS``.
CODE_FALLBACK_KEYS = _keys("code", "codes")
COMMUNE_NAME_KEYS = _keys(
    "nom commune", "libellé commune", "commune", "communes", "LIBGEO", "NOM_COM", "libcom",
    "ville", "nom de la commune", "nom des communes", "nom_com_m",
)
_FICHE_SYNONYMS = {
    "porteur": _keys("porteur", "structure porteuse", "organisme porteur", "gestionnaire",
                     "porteur du projet", "association porteuse", "portage"),
    "statut": _keys("statut", "état", "état d'avancement", "avancement", "stade"),
    "date_creation": _keys("date de création", "création", "année de création", "créé le",
                           "date d'ouverture", "ouverture", "date_creation",
                           "date de signature ACI", "signature ACI", "date ACI",
                           "date de signature de l'ACI", "date de création / signature ACI",
                           "date de signature", "adhésion ACI", "date d'adhésion à l'ACI"),
    "missions": _keys("missions", "mission", "objectifs"),
    "public_cible": _keys("public cible", "public", "publics", "population cible", "cible"),
    "modalites_mobilisation": _keys(
        "modalités de mobilisation", "mobilisation", "modalités d'accès", "modalités",
        "comment le solliciter", "saisine", "modalites_mobilisation"),
    "telephone": _keys("téléphone", "tél", "tel", "phone", "n° de téléphone",
                       "numéro de téléphone", "standard", "téléphone contact",
                       "contact téléphonique", "tél contact", "portable", "mobile"),
    "courriel": _keys("courriel", "email", "e-mail", "mail", "adresse mail",
                      "adresse électronique", "adresse courriel", "emails", "contact mail",
                      "mail contact", "e-mail contact", "courriel contact", "mél", "mel",
                      "contact e-mail"),
    "site": _keys("site", "site web", "site internet", "url", "web", "internet", "lien",
                  "adresse web", "adresse internet", "site internet url"),
    "source": _keys("source", "sources", "origine"),
    "president": _keys("président", "présidente", "président(e)", "présidence",
                       "président de l'association", "président·e"),
    "coordination": _keys("coordination", "coordinateur", "coordinatrice", "coordonnateur",
                          "coordonnatrice", "coordinateur·rice", "coordinateur(trice)",
                          "coordonnateur(trice)", "chargé de coordination"),
    "adresse": _keys("adresse", "adresse postale", "adresse du siège", "siège",
                     "siège social", "adresse siège", "localisation"),
    "perimetre": _keys("périmètre", "périmètre d'intervention", "zone d'intervention",
                       "description du périmètre", "zone géographique", "périmètre géographique"),
    "mode_action": _keys("mode d'action", "modes d'action", "mode d'intervention",
                         "modes d'intervention", "modalités d'intervention", "actions"),
    "criteres_inclusion": _keys("critères d'inclusion", "critère d'inclusion", "critères",
                                "conditions d'inclusion", "critères d'éligibilité",
                                "critères d'entrée"),
    "date_mise_a_jour": _keys("date de mise à jour", "mise à jour", "MAJ", "date de MAJ",
                              "dernière mise à jour", "actualisation", "date_mise_a_jour"),
    "illustratif": _keys("illustratif", "illustrative", "fictif", "démonstration", "démo"),
}
FICHE_KEYS = {role: keys | {key(FICHE_LABELS[role])} for role, keys in _FICHE_SYNONYMS.items()}
#: Headers that name a role only when no column names it better (« Contact » holds an
#: e-mail address in many listings, but a « Courriel » column beside it wins).
WEAK_FICHE_KEYS = {"courriel": _keys("contact", "adresse de contact", "contacts")}
#: Key beginnings that name a role in any spelling (« Coordonnateur·rice », « Président·e
#: de l'association »), checked after the exact keys. « Coordonnées » is no coordination.
FICHE_PREFIXES = {"president": ("presiden",), "coordination": ("coordinat", "coordonnat")}
PART_KEYS = _keys("part", "parts", "quote-part", "part de la commune", "part commune",
                  "pourcentage", "pourcentage de la commune", "proportion", "part population",
                  "part de la population", "part de population", "share", "taux de couverture")
#: Columns never kept as « Autres informations »: those GIS software adds to every layer,
#: and the type of structure, which the zoning type already says.
IGNORED_KEYS = _keys("OBJECTID", "FID", "OGC_FID", "GID", "GlobalID", "Shape_Area",
                     "Shape_Leng", "Shape_Length", "SHAPE_AREA", "area", "perimeter", "type")
#: What a user can name a column after, in the ``mapping`` argument: role or French label.
ROLE_ALIASES = {key(role): role for role in ROLES} | {key(FICHE_LABELS[r]): r for r in FICHE_ROLES}


@dataclass(frozen=True)
class Columns:
    """Column index of each recognised role in one header row."""

    headers: tuple[str, ...]
    roles: Mapping[str, int]
    #: Columns that match no role, kept in the fiches' « Autres informations »:
    #: ``(index, label)``, the label as the file spells the header.
    others: tuple[tuple[int, str], ...] = ()

    def value(self, cells: Sequence[str], role: str) -> str:
        """Raw cell of ``role`` in a row, ``""`` when absent."""
        index = self.roles.get(role)
        return cells[index] if index is not None and index < len(cells) else ""

    def fiche_values(self, cells: Sequence[str]) -> dict[str, str]:
        """Raw cells of the fiche fields the table has."""
        return {role: self.value(cells, role) for role in FICHE_ROLES if role in self.roles}

    def other_values(self, cells: Sequence[str]) -> dict[str, str]:
        """Raw cells of the unmatched columns, by label."""
        return {label: cells[index] for index, label in self.others if index < len(cells)}

    def header(self, role: str) -> str:
        """Header of ``role`` as the file spells it, for locations and messages."""
        return self.headers[self.roles[role]]

    def describe(self) -> str:
        """``code commune = « Code INSEE », territoire = « CPTS »`` for the report."""
        return ", ".join(f"{ROLE_NAMES[role]} = « {self.header(role)} »" for role in self.roles)


def check_mapping(mapping: Mapping[str, str] | None) -> dict[str, str]:
    """Explicit mapping with roles spelt any way (``"Téléphone"`` or ``"telephone"``).

    Raises
    ------
    FileProblem
        When a key names no known role.
    """
    checked = {}
    for role, column in (mapping or {}).items():
        if key(role) not in ROLE_ALIASES:
            raise FileProblem("unknown_role", role=role, known=", ".join(ROLES))
        checked[ROLE_ALIASES[key(role)]] = column
    return checked


def detect_columns(headers: Sequence[str], zoning_type: ZoningType, types: ZoningTypes,
                   mapping: Mapping[str, str]) -> Columns:
    """Roles of the columns of one header row; ``mapping`` (role → header) wins.

    Each column gets one role and each role one column, the leftmost that fits best. The
    territory name is looked for last, so that "Nom de la commune" or "Structure porteuse"
    are not taken for it.
    """
    keys = [key(header) for header in headers]
    roles: dict[str, int] = {}
    for role, wanted in mapping.items():
        index = next((i for i, k in enumerate(keys) if k == key(wanted)), None)
        if index is not None:
            roles[role] = index

    def claim(role: str, candidates: Iterable[int]) -> None:
        if role not in roles:
            index = next((i for i in candidates if keys[i] and i not in roles.values()), None)
            if index is not None:
                roles[role] = index

    columns = range(len(keys))
    claim(CODE, (i for i in columns if keys[i] in CODE_KEYS))
    claim(CODE, (i for i in columns if "insee" in keys[i] and "postal" not in keys[i]))
    claim(COMMUNE_NAME, (i for i in columns if keys[i] in COMMUNE_NAME_KEYS))
    claim(PART, (i for i in columns if keys[i] in PART_KEYS))
    own_names = _keys(*zoning_type.names)
    all_names = frozenset().union(*(_keys(*t.names) for t in types)) | own_names
    claim(TERRITORY_ID, (i for i in columns if _is_id(headers[i], all_names)))
    # "Téléphone de la CPTS", "Nom du président": the type and name words say nothing.
    dropped = NAME_WORDS | {word for t in types for name in (*t.names, *zoning_type.names)
                            for word in name.split()}
    bare = [_without(header, dropped) for header in headers]
    for role, wanted_keys in FICHE_KEYS.items():
        claim(role, (i for i in columns if keys[i] in wanted_keys
                     or _without(headers[i], NAME_WORDS) in wanted_keys or bare[i] in wanted_keys))
    for role, prefixes in FICHE_PREFIXES.items():
        claim(role, (i for i in columns if bare[i].startswith(prefixes)))
    for role, wanted_keys in WEAK_FICHE_KEYS.items():
        claim(role, (i for i in columns if keys[i] in wanted_keys or bare[i] in wanted_keys))
    for rank in (own_names, all_names | TERRITORY_WORDS, frozenset({""})):
        claim(NAME, (i for i in columns if _is_name(headers[i], rank)))
    claim(CODE, (i for i in columns if keys[i] in CODE_FALLBACK_KEYS))
    ordered = {role: roles[role] for role in ROLES if role in roles}
    others = tuple((i, _other_label(headers[i], i)) for i in columns
                   if i not in roles.values() and keys[i] not in IGNORED_KEYS)
    return Columns(tuple(headers), ordered, others)


def _other_label(header: str, index: int) -> str:
    """Label of an unmatched column: its header (without the stored prefix), or its rank."""
    text = " ".join(header.split())
    if text.lower().startswith(OTHER_PREFIX):
        text = text[len(OTHER_PREFIX):].strip()
    return text or UNNAMED_COLUMN.format(number=index + 1)


def _words(header: str) -> list[str]:
    return [word for word in normalize(header).split() if word not in STOPWORDS]


def _without(header: str, dropped: frozenset[str]) -> str:
    return "".join(word for word in _words(header) if word not in dropped)


def _is_id(header: str, type_names: frozenset[str]) -> bool:
    """Tell an id column: "Identifiant", or an id word with a territory word ("code CPTS")."""
    words = _words(header)
    if len(words) == 1:
        return words[0] in BARE_ID_WORDS
    rest = _without(header, ID_WORDS)
    return bool(set(words) & ID_WORDS) and (rest in type_names or rest in TERRITORY_WORDS)


def _is_name(header: str, accepted: frozenset[str]) -> bool:
    words = set(_words(header))
    if words & (COMMUNE_WORDS | ID_WORDS):
        return False
    return _without(header, NAME_WORDS) in accepted
