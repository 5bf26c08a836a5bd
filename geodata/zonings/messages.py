"""Every French text of the zoning layer: field labels, report messages, number formats.

Messages are templates keyed by a stable issue code; the code lets tests and the
dashboard recognise a problem without parsing its wording.
"""

from __future__ import annotations

from collections.abc import Iterable

#: French label of each fiche field, in display order.
FICHE_LABELS = {
    "nom": "Nom",
    "type": "Type",
    "porteur": "Structure porteuse",
    "statut": "Statut",
    "date_creation": "Date de création",
    "president": "Président(e)",
    "coordination": "Coordination",
    "adresse": "Adresse",
    "telephone": "Téléphone",
    "courriel": "Courriel",
    "site": "Site internet",
    "perimetre": "Périmètre",
    "missions": "Missions",
    "public_cible": "Public cible",
    "modalites_mobilisation": "Modalités de mobilisation",
    "mode_action": "Mode d'action",
    "criteres_inclusion": "Critères d'inclusion",
    "source": "Source",
    "date_mise_a_jour": "Date de mise à jour",
    "illustratif": "Illustratif",
    "autres": "Autres informations",
}

#: What each column role holds, as said in "la colonne indiquée pour …".
ROLE_LABELS = {field: f"« {label} »" for field, label in FICHE_LABELS.items()} | {
    "code": "le code commune",
    "nom": "le nom du territoire",
    "territory_id": "l'identifiant du territoire",
    "nom_commune": "le nom de la commune",
    "part": "la part de la commune",
}

#: Short name of each column role in "Colonnes utilisées : code commune = « Code INSEE »".
ROLE_NAMES = {field: label.lower() for field, label in FICHE_LABELS.items()} | {
    "code": "code commune",
    "nom": "territoire",
    "territory_id": "identifiant",
    "nom_commune": "nom de commune",
    "part": "part de la commune",
}

RULE_LABELS = {
    "partition": "chaque commune dans un seul territoire, sans trou",
    "no_overlap": "chaque commune dans un seul territoire, trous autorisés",
    "free": "aucun contrôle de chevauchement ni de couverture",
}

SEVERITY_TITLES = {
    "erreur": ("Erreur", "Erreurs"),
    "avertissement": ("Avertissement", "Avertissements"),
    "information": ("Information", "Informations"),
}

YES = "oui"
NO = "non"
#: Values read as true or false in a yes/no column ("illustratif").
TRUE_WORDS = frozenset({"oui", "o", "vrai", "true", "yes", "y", "1", "x"})
FALSE_WORDS = frozenset({"non", "n", "faux", "false", "no", "0", ""})

UNKNOWN_TYPE_LONG_LABEL = "Découpage « {key} »"
#: Key of the type given to a file whose type is neither stated nor guessed.
UNTYPED_KEY = "autre"

MESSAGES = {
    # The file as a whole.
    "file_not_found": "Fichier introuvable.",
    "file_too_large": "Le fichier pèse {size} : la taille maximale acceptée est {limit}.",
    "file_empty": "Le fichier est vide.",
    "archive_too_large": (
        "L'archive se décompresse en {size} : la taille maximale acceptée est {limit}."
    ),
    "unsupported_format": (
        "Format non pris en charge ({what}) : fournissez un tableau CSV ou Excel (.xlsx), "
        "ou un fichier géographique GeoJSON, GeoPackage ou Shapefile zippé."
    ),
    "unsupported_spreadsheet": (
        "Classeur {what} non pris en charge : enregistrez-le au format Excel (.xlsx) ou CSV."
    ),
    "binary_file": (
        "Le fichier ne contient pas de texte lisible : ce n'est ni un tableau CSV "
        "ni un classeur Excel."
    ),
    "bad_encoding": (
        "Le fichier contient des caractères illisibles ({examples}) : encodage non reconnu. "
        "Enregistrez-le au format « CSV UTF-8 » depuis le tableur."
    ),
    "encoding_used": "Fichier lu avec l'encodage {encoding}.",
    "mojibake_fixed": (
        "Accents mal encodés (par exemple « {sample} ») corrigés : le fichier semble avoir "
        "été converti deux fois."
    ),
    "corrupt_workbook": "Le classeur Excel est endommagé ou illisible ({detail}).",
    "corrupt_archive": (
        "Archive ZIP endommagée ou incomplète (classeur .xlsx ou Shapefile zippé) : {detail}."
    ),
    "csv_malformed": (
        "Le fichier CSV est mal formé à partir de cette ligne (une cellule démesurée : "
        "guillemet jamais refermé ?)."
    ),
    "csv_cell_too_long": (
        "Une cellule de cette ligne dépasse {limit} caractères sans guillemet : ce n'est pas "
        "un tableau lisible (lignes sans retour à la ligne, ou fichier d'un autre type)."
    ),
    "unclosed_quote": (
        "Guillemet ouvert sur cette ligne et jamais refermé : tout le reste du fichier est lu "
        "comme une seule cellule. Vérifiez les guillemets de cette ligne."
    ),
    "unexpected_error": (
        "Erreur inattendue pendant la lecture du fichier ({detail}). "
        "Vérifiez qu'il s'ouvre dans un tableur ou dans QGIS."
    ),
    # Columns and rows of a table.
    "no_header": (
        "Aucune colonne pour {role}. Colonnes trouvées : {found}. Nommez-la par exemple "
        "« {example} », ou indiquez la correspondance des colonnes."
    ),
    "mapped_column_missing": (
        "La colonne « {column} » indiquée pour {role} n'existe pas. Colonnes trouvées : {found}."
    ),
    "unknown_role": (
        "Correspondance de colonnes : « {role} » n'est pas un contenu connu "
        "(contenus possibles : {known})."
    ),
    "no_data_rows": "Le fichier ne contient aucune ligne de données sous l'en-tête.",
    "header_row": "En-tête lu ligne {line} : les lignes précédentes sont ignorées.",
    "columns_used": "Colonnes utilisées : {columns}.",
    "sheets_read": (
        "Feuilles lues : {read}. Feuilles ignorées (sans colonnes reconnues) : {skipped}."
    ),
    "line_ignored": "Ligne ignorée (texte hors du tableau : « {text} »).",
    "missing_name": (
        "Nom du territoire manquant pour la commune « {code} » "
        "(si les cellules étaient fusionnées, répétez le nom sur chaque ligne)."
    ),
    "missing_code": "Aucun code commune pour le territoire « {name} » : ligne ignorée.",
    "invalid_code": (
        "Code commune « {value} » invalide : un code INSEE à 5 caractères est attendu "
        "(par exemple 93008)."
    ),
    "postal_code": (
        "« {value} » est un code postal : le code commune INSEE est attendu "
        "(par exemple 93008 pour Bobigny, dont le code postal est 93000)."
    ),
    "unknown_code": (
        "Code commune « {code} » inconnu dans la géographie de référence "
        "(commune d'une autre région ou code erroné)."
    ),
    "codes_padded": (
        "Zéro initial perdu par le tableur, puis rétabli : {count} "
        "(par exemple « {sample} » lu « {fixed} »)."
    ),
    "parent_expanded": "Code « {code} » ({nom}) remplacé par ses {count} arrondissements.",
    # ``{former}``: « code » and the former commune's name when known (former_label).
    "former_commune": (
        "Code ancien {former} : commune fusionnée dans {target} ; "
        "elle est rattachée à la commune actuelle."
    ),
    "name_mismatch": (
        "Le code {code} est celui de « {expected} », pas de « {given} » : vérifiez le code."
    ),
    "duplicate_row": (
        "La commune {commune} est déjà listée pour « {territory} » ({first}) : "
        "doublon ignoré."
    ),
    "name_variant": (
        "« {variant} » est lu comme le territoire « {name} » ({first})."
    ),
    "id_name_conflict": (
        "L'identifiant « {id} » désigne déjà « {name} » ({first}) : "
        "« {other} » est regroupé avec lui."
    ),
    "fiche_conflict": (
        "{label} de « {territory} » : « {value} » diffère de « {kept} » "
        "({first}) ; la première valeur est gardée."
    ),
    "bad_statut": (
        "Statut « {value} » non reconnu (attendu : « en projet » ou « en fonctionnement ») : "
        "ignoré."
    ),
    "bad_date": (
        "Date « {value} » non reconnue (attendu : JJ/MM/AAAA, AAAA-MM-JJ, MM/AAAA ou AAAA) : "
        "gardée telle quelle."
    ),
    "bad_email": "Adresse de courriel « {value} » invalide : gardée telle quelle.",
    "email_extracted": (
        "Adresse(s) de courriel {emails} extraite(s) de « {value} » ; le texte complet est "
        "gardé dans « Autres informations »."
    ),
    "bad_phone": "Numéro de téléphone « {value} » non reconnu : gardé tel quel.",
    "bad_site": (
        "« {value} » n'est pas une adresse de site internet (nom de domaine attendu, "
        "par exemple www.cpts-exemple.fr) : ignorée."
    ),
    "other_columns": (
        "Colonnes sans champ de fiche correspondant, gardées dans les fiches sous "
        "« Autres informations » : {columns}."
    ),
    "per_row_columns": (
        "Colonnes dont la valeur change d'une commune à l'autre d'un même territoire, "
        "non reprises dans les fiches : {columns}."
    ),
    "bad_flag": (
        "Valeur « {value} » non reconnue pour « {label} » (attendu : oui ou non) : "
        "« non » retenu."
    ),
    # Types and rules.
    "unknown_type": (
        "Type de découpage « {key} » inconnu : {rule} (types connus : {known})."
    ),
    "no_type": (
        "Type de découpage non précisé : {rule} (types connus : {known})."
    ),
    "type_from_file_name": "Type de découpage déduit du nom du fichier : {label}.",
    "overlap_forbidden": (
        "La commune {commune} est rattachée à plusieurs territoires : {territories}. "
        "{label} : une commune ne peut appartenir qu'à un seul territoire."
    ),
    "shared_commune": (
        "Commune partagée : {commune} est rattachée à {territories}, sans répartition "
        "indiquée : sa population est comptée à parts égales ({share} dans chacun), jamais "
        "deux fois. C'est normal pour une grande ville découpée par quartiers ; sinon, "
        "vérifiez (une colonne « part » peut donner la répartition)."
    ),
    "gap": (
        "Département {departement} : {count} sans territoire ({examples}), alors que les "
        "{label} doivent couvrir tout le département."
    ),
    "uncovered": (
        "{count} sans territoire dans les départements concernés ({departements}) : "
        "autorisé pour ce type de découpage."
    ),
    "too_many_territories_for_unit": (
        "La commune {commune} est rattachée à plus de {limit} territoires de ce découpage "
        "({territories}, …) : une commune appartient à un territoire, ou se partage entre "
        "quelques-uns. Fichier refusé."
    ),
    "too_many_members": (
        "Le fichier rattache plus de {limit} couples territoire–commune, {ratio} fois le "
        "nombre de communes de la région ({units}) : ses territoires se recouvrent "
        "massivement. Fichier refusé."
    ),
    "too_many_territories": (
        "Le fichier décrit plus de territoires ({count}) que la région ne compte de communes "
        "({units}). Fichier refusé."
    ),
    "polygons_overlap": (
        "Les contours touchent {pairs} couples territoire–commune, plus de {ratio} fois le "
        "nombre de communes de la région ({units}) : ils se superposent massivement "
        "(chaque contour couvre-t-il toute la région ?). Fichier refusé."
    ),
    "no_units": (
        "Aucune commune n'est rattachée à un territoire : enregistré, ce découpage viderait "
        "la couche de la carte. Pour vider volontairement un découpage, un éditeur utilise "
        "« Vider ce découpage » sur la page Données."
    ),
    "bad_part": (
        "Part « {value} » illisible : un nombre entre 0 et 1 (0,25) ou un pourcentage "
        "(25 %) est attendu."
    ),
    "part_ignored": (
        "Part « {value} » ignorée pour le code {code} ({nom}), qui désigne plusieurs "
        "communes ou une ancienne commune."
    ),
    "parts_over": (
        "Les parts de la commune {commune} dépassent 100\u00a0% ({total}) : {territories}."
    ),
    "uncovered_list": (
        "Communes sans territoire ({count}, {population}), les plus peuplées d'abord : "
        "{communes}{more}."
    ),
    "uncovered_more": " et {count} autres",
    "former_summary": "Anciennes communes rattachées à leur commune actuelle : {pairs}.",
    "partial_from_polygons": (
        "Commune couverte en partie par les contours : {commune} — {territories} "
        "({method}){rest}."
    ),
    "partial_rest": " ; {share} de la commune hors de tout contour",
    "slivers_dropped": (
        "Débords de contour ignorés ({count}, moins de {share} de la commune ou bande de "
        "moins de {width} m de large) : {examples}."
    ),
    "territory_kept_small": (
        "Le contour de « {name} » ne couvre que {share} de la commune {commune} : gardé, "
        "pour que le territoire ne disparaisse pas."
    ),
    "empty_territory": (
        "Le territoire « {name} » ne contient aucune commune : il n'apparaîtra pas sur la carte."
    ),
    # Geographic files.
    "gis_unreadable": "Le fichier géographique n'a pas pu être lu ({detail}).",
    "archive_without_layer": (
        "L'archive ZIP ne contient aucune couche géographique (.shp, .gpkg, .geojson) "
        "ni classeur : fichiers trouvés : {found}."
    ),
    "shapefile_incomplete": (
        "Shapefile « {layer} » incomplet : il manque {missing} (à mettre dans la même archive)."
    ),
    "several_layers": "Le fichier contient plusieurs couches ({layers}) : « {chosen} » est lue.",
    "no_features": "Le fichier géographique ne contient aucune entité.",
    "not_polygons": (
        "Les entités sont de type {kinds} : des contours de territoires (polygones) sont attendus."
    ),
    "missing_geometry": "Entité sans géométrie : ignorée.",
    "geometry_repaired": "Géométrie invalide ({reason}) réparée automatiquement.",
    "missing_crs_lambert93": (
        "Le fichier n'indique pas son système de coordonnées, et ses coordonnées "
        "ressemblent à du Lambert-93 : ajoutez le fichier .prj du Shapefile (dans la même "
        "archive) ou déclarez le système EPSG:2154."
    ),
    "missing_crs_degrees": (
        "Le fichier n'indique pas son système de coordonnées : ses coordonnées sont en "
        "degrés et sont lues en WGS84 (EPSG:4326)."
    ),
    "missing_crs_unknown": (
        "Le fichier n'indique pas son système de coordonnées, et ses coordonnées "
        "(x de {xmin} à {xmax}, y de {ymin} à {ymax}) ne sont ni en degrés ni en Lambert-93 : "
        "ajoutez le fichier .prj ou déclarez le code EPSG du système."
    ),
    "crs_mismatch": (
        "Les coordonnées (x de {xmin} à {xmax}, y de {ymin} à {ymax}) ne correspondent pas au "
        "système déclaré ({crs}){hint}."
    ),
    "crs_mismatch_hint": " : elles ressemblent à du {name}, déclarez {crs}",
    "missing_crs_guess": (
        "Le fichier n'indique pas son système de coordonnées, et ses coordonnées "
        "ressemblent à du {name} : ajoutez le fichier .prj (dans la même archive) ou déclarez "
        "le système {crs}."
    ),
    "bad_crs": (
        "Système de coordonnées « {crs} » inconnu : indiquez un code EPSG, "
        "par exemple EPSG:2154."
    ),
    "crs_overridden": "Système de coordonnées déclaré par l'utilisateur : {crs}.",
    "outside_region": (
        "Les contours ne recouvrent aucune commune de la région : vérifiez le système de "
        "coordonnées ou la région choisie."
    ),
    "missing_feature_name": "Nom du territoire manquant.",
    "doubtful_unit": (
        "La commune {commune} est rattachée à « {territory} », qui n'en couvre que {share}{others}."
    ),
    "doubtful_others": " (ailleurs : {shares})",
    # Stored zonings.
    "bad_metadata": "Fichier de description des découpages illisible ({detail}).",
    "metadata_missing_file": "Le découpage « {key} » n'indique pas son fichier « {field} ».",
    "missing_fiche_id": "Identifiant du territoire manquant : ligne ignorée.",
}

REPORT_TEXTS = {
    "usable": "Fichier « {source} » : découpage {label} utilisable.",
    "unusable": "Fichier « {source} » : {errors}, découpage inutilisable.",
    "totals": (
        "{territories}, {communes} ({covered_share} des communes de la région), "
        "{population} couverts ({population_share} de la population)."
    ),
    "partial": "Communes partagées ou couvertes en partie ({count}) : {communes}.",
    "partial_item": "{nom} ({code}, {population} hab.) : {parts}{unknown}",
    "partial_unknown": " (répartition non précisée : parts égales)",
    "more": "… et {count} autres du même genre.",
    "no_issue": "Aucun problème détecté.",
    "dir_unusable": "Découpages enregistrés dans « {directory} » inutilisables :",
}

UNIT_NOUNS = {
    "territory": ("territoire", "territoires"),
    "commune": ("commune", "communes"),
    "habitant": ("habitant", "habitants"),
    "code": ("code", "codes"),
    "error": ("erreur", "erreurs"),
    "piece": ("morceau", "morceaux"),
}

LOCATION_TEXTS = {
    "sheet": "feuille « {sheet} »",
    "line": "ligne {line}",
    "column": "colonne « {column} »",
    "feature": "entité n° {feature}",
    "feature_named": "entité n° {feature} (« {name} »)",
}

#: Projected systems recognised in files that declare none, by the region they overlap.
CRS_NAMES = {
    "EPSG:2154": "Lambert-93",
    "EPSG:3857": "Web Mercator",
    "EPSG:27572": "Lambert II étendu",
}

#: Geometry types in French, for "des polygones sont attendus".
GEOMETRY_KINDS = {
    "Point": "point",
    "MultiPoint": "multipoint",
    "LineString": "ligne",
    "MultiLineString": "multiligne",
    "LinearRing": "anneau",
}

#: Reasons given by GEOS for an invalid geometry, in French.
INVALIDITY_REASONS = {
    "Self-intersection": "auto-intersection",
    "Ring Self-intersection": "anneau qui se recoupe",
    "Too few points": "trop peu de points",
    "Interior is disconnected": "intérieur coupé en deux",
    "Hole lies outside shell": "trou hors du contour",
    "Nested holes": "trous imbriqués",
    "Nested shells": "contours imbriqués",
    "Duplicate Rings": "anneaux en double",
    "Ring is not closed": "anneau non fermé",
    "Invalid Coordinate": "coordonnée invalide",
}

#: How many examples a message lists before "…".
MAX_EXAMPLES = 5
#: Headers listed when a required column is missing.
MAX_HEADERS_SHOWN = 12
#: Longest text quoted when a line outside the table is ignored.
QUOTE_CHARS = 60


def fmt_int(value: int) -> str:
    """Integer with French thousands separators (no-break spaces): ``1 234 567``."""
    return f"{value:,}".replace(",", "\u00a0")


def plural(count: int, singular: str, plural_form: str | None = None, sep: str = " ") -> str:
    """Count with its noun agreed as French does: singular for 0 and 1, plural from 2.

    The one way every report, table and message of the app writes a count (CLI and web).

    Examples
    --------
    >>> plural(0, "ligne rejetée", "lignes rejetées"), plural(1, "commune")
    ('0 ligne rejetée', '1 commune')
    >>> plural(2, "commune"), plural(3, "lieu", "lieux")
    ('2 communes', '3 lieux')
    """
    word = singular if abs(count) < 2 else (plural_form or singular + "s")
    return f"{fmt_int(count)}{sep}{word}"


def fmt_pct(share: float) -> str:
    """Share as a French percentage with one decimal: ``45,2 %``."""
    return f"{share * 100:.1f}".replace(".", ",") + "\u00a0%"


def fmt_size(n_bytes: int) -> str:
    """File size in megabytes, French style: ``73,2 Mo``."""
    return f"{n_bytes / 1024**2:.1f}".replace(".", ",") + "\u00a0Mo"


def count(n: int, noun: str) -> str:
    """Write a number and its noun agreed: ``1 commune``, ``3 communes``."""
    return plural(n, *UNIT_NOUNS[noun])


def quoted_list(values: Iterable[str], limit: int = MAX_EXAMPLES) -> str:
    """``« a », « b », « c »`` with at most ``limit`` items, then ``…``."""
    items = list(values)
    shown = ", ".join(f"« {value} »" for value in items[:limit])
    return shown + (", …" if len(items) > limit else "")


def plain_list(values: Iterable[str], limit: int = MAX_EXAMPLES) -> str:
    """Write ``a, b, c`` with at most ``limit`` items, then ``…``."""
    items = list(values)
    return ", ".join(items[:limit]) + (", …" if len(items) > limit else "")


def commune_label(code: str, nom: str | None) -> str:
    """How a commune is named in a message: ``93008 (Bobigny)``."""
    return f"{code} ({nom})" if nom else code


def former_label(code: str, nom: str | None) -> str:
    """How a former code is named: ``« 93059 » (Pierrefitte-sur-Seine)``, or ``« 91182 »``.

    The code history knows the names of communes déléguées and of recent mergers only.
    """
    return f"« {code} » ({nom})" if nom else f"« {code} »"
