"""French texts, column names and limits of the users' own indicators, in one place.

The messages extend the zoning files' own (:data:`geodata.zonings.messages.MESSAGES`), as
the lists of places' do: a table read by the same reader gets the same words for the
same problems (encoding, damaged workbook, malformed CSV).
"""

from __future__ import annotations

from geodata.observations.place_texts import NAME_WORDS, PLACE_MESSAGES
from geodata.zonings.columns import COMMUNE_NAME_KEYS, key

#: Rows read from one file, at most (France has about 49,000 IRIS).
MAX_ROWS = 60_000
#: Numeric columns kept as indicators, at most (the first ones of the file).
MAX_COLUMNS = 20
#: Longest column name kept in a label.
MAX_LABEL_CHARS = 80
#: Prefix of the codes of users' indicators (``u-nombre-de-patients``): never a built-in one.
CODE_PREFIX = "u-"
#: Cells read as missing, never as zero (lower-cased): INSEE's secret and « non disponible ».
MISSING_CELLS = frozenset({"", "s", "nd", "nc", "na", "n/a", "nan", "-", "so", "ns", "x"})
#: First characters that make a spreadsheet run a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

IRIS_KEYS = frozenset(key(label) for label in (
    "IRIS", "code IRIS", "CODE_IRIS", "CODIRIS", "DCOMIRIS", "code_iris", "iris_code",
    "CODGEO_IRIS", "numéro IRIS"))
#: Columns that name a row (commune, IRIS) and are never indicators.
NAME_KEYS = NAME_WORDS | COMMUNE_NAME_KEYS | frozenset(key(label) for label in (
    "LIBIRIS", "LIB_IRIS", "nom IRIS", "nom_iris", "libellé IRIS", "TYP_IRIS", "type IRIS",
    "département", "departement", "DEP", "REG", "région", "EPCI", "libellé EPCI"))

#: Units of a file, as the report names them (singular, plural).
LEVEL_NAMES = {"commune": ("commune", "communes"), "iris": ("IRIS", "IRIS")}
#: Units placed, as the report counts them.
PLACED_WORDS = {"commune": ("commune placée", "communes placées"),
                "iris": ("IRIS placé", "IRIS placés")}
#: Nouns of the other counts of the report.
COUNT_WORDS = {"read": ("ligne lue", "lignes lues"),
               "rejected": ("ligne rejetée", "lignes rejetées"),
               "dropped": ("laissée de côté", "laissées de côté"),
               "communes": ("commune", "communes")}
#: How the columns are combined over communes and territories (the user says which).
KIND_LABELS = {"rate": "taux, moyennes ou indices (moyenne pondérée par la population)",
               "count": "effectifs (additionnés)"}

INDICATOR_MESSAGES = PLACE_MESSAGES | {
    "no_rows": "Le fichier ne contient aucun tableau : une ligne d'en-tête puis une ligne "
               "par commune ou par IRIS sont attendues.",
    "no_code": ("Aucune colonne de codes : il faut une colonne « code commune » (code "
                "INSEE, CODGEO) ou « code IRIS ». Colonnes trouvées : {found}."),
    "no_numeric": ("Aucune colonne numérique à part les codes et les noms : rien à "
                   "ajouter comme indicateur. Colonnes trouvées : {found}."),
    "too_many_rows": "Le fichier compte {rows} lignes : {limit} au plus par fichier.",
    "too_many_columns": ("{count} colonnes numériques : les {limit} premières sont gardées "
                         "({dropped})."),
    "columns_read": "Code : « {code} » ({level}) ; indicateurs : {columns}.",
    "ignored_columns": "Colonnes sans nombre, non importées : {columns}.",
    "formula_label": ("Le nom de colonne « {label} » commençait par un signe de formule : "
                      "signe retiré."),
    "missing_code": "Code absent : ligne rejetée.",
    "duplicate_code": "Le code {code} figure déjà ligne {first} : ligne rejetée.",
    "bad_number": ("Valeur « {value} » de la colonne « {column} » non numérique : valeur "
                   "manquante (jamais zéro)."),
    "code_parent": ("{code} ({nom}) est une ville entière alors que la carte utilise ses "
                    "arrondissements : sa valeur ne peut pas leur être répartie, ligne "
                    "rejetée."),
    "code_former": ("{code} est le code d'une ancienne commune, fusionnée dans {commune} : "
                    "on ne sait pas combiner sa valeur avec celles des autres parties, "
                    "ligne rejetée."),
    "iris_code_invalid": "« {code} » n'est pas un code IRIS (9 caractères) : ligne rejetée.",
    "iris_no_mesh": ("IRIS {code} : la carte n'a pas de maillage IRIS pour sa commune "
                     "(IRIS disponibles à Paris et en petite couronne) : ligne rejetée."),
    "iris_unknown": ("IRIS {code} inconnu dans la géographie IRIS de la carte (IRIS "
                     "recodé ?) : ligne rejetée."),
    "commune_in_iris_file": ("{code} est un code commune dans un fichier par IRIS : ligne "
                             "rejetée (importez les communes dans un fichier à part)."),
    "nothing_placed": "Aucune ligne ne correspond à une commune ou un IRIS de la carte : "
                      "fichier inutilisable.",
}

REPORT = {
    "counts": "Fichier « {source} » : {rows}, {placed}, {rejected}.",
    "unusable": "Fichier « {source} » : inutilisable, aucun indicateur importé.",
    "filled": "« {label} » : valeur pour {count} sur {placed}.",
    "iris_share": ("« {label} » par commune : moyenne des IRIS pondérée par leur population "
                   "(Insee, RP 2022) ; les IRIS avec valeur couvrent {share} de la "
                   "population des communes concernées ({communes})."),
    "iris_sum": ("« {label} » par commune : somme des IRIS, pour {complete} dont chaque "
                 "IRIS a une valeur (sur {communes}) ; les autres restent sans valeur, "
                 "jamais une somme partielle."),
    "label": "Vos observations : {column}",
    "source": "Source : fichier « {name} », importé le {day}",
    "not_a_table": ("Des indicateurs se donnent dans un tableau : enregistrez-le au format "
                    "CSV ou Excel (.xlsx), une ligne par commune ou par IRIS."),
    "note_rate": ("Indicateur importé par vous : sur un territoire, moyenne des communes "
                  "pondérée par leur population municipale{iris}. Une valeur vide est "
                  "manquante, jamais zéro."),
    "note_iris": (" ; donné par IRIS, il est calculé depuis les IRIS pondérés par leur "
                  "population (Insee, RP 2022), avec la part de population couverte"),
    "note_count": ("Indicateur importé par vous : effectifs additionnés sur un territoire. "
                   "Une valeur vide est manquante, jamais zéro."),
}

#: What a layer saved for everyone says of its indicators (the editor's words in braces).
SHARED_TEXTS = {
    "label": "{layer} : {column}",
    "short_label": "{column} ({layer})",
    "source": "Source : {producer}, données au {day}",
    "missing": "Sans valeur dans le fichier enregistré",
    "note_rate": ("Indicateur enregistré pour tous par un éditeur : sur un territoire, "
                  "moyenne des communes pondérée par leur population municipale{iris}. Une "
                  "valeur vide est manquante, jamais zéro."),
    "note_iris": (" ; donné par IRIS, il est calculé depuis les IRIS pondérés par leur "
                  "population (Insee, RP 2022), avec la part de population couverte"),
    "note_count": ("Indicateur enregistré pour tous par un éditeur : effectifs additionnés "
                   "sur un territoire. Une valeur vide est manquante, jamais zéro."),
    "no_label": "Donnez un nom à la couche d'indicateurs (lettres ou chiffres).",
    "no_producer": "Indiquez la source ou le producteur des données.",
    "no_day": "Indiquez la date des données (jj/mm/aaaa).",
    "future_day": "La date des données ({day}) est dans le futur.",
    "no_editor": "Indiquez l'identifiant de l'éditeur qui enregistre (--editeur).",
    "refused": "Rien n'est enregistré : {reason}",
    "stored": "Couche « {label} » enregistrée pour tous : version n° {number} ({key}).",
}
