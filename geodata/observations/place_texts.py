"""French texts, column names and limits of the users' lists of places, in one place.

The messages extend the zoning files' own (:data:`geodata.zonings.messages.MESSAGES`):
a list of places read by the same table reader gets the same words for the same
problems (encoding, damaged workbook, malformed CSV).
"""

from __future__ import annotations

from geodata.zonings.columns import key
from geodata.zonings.messages import MESSAGES

#: Places read from one file, at most (a national FINESS extract has about 100,000 rows:
#: such a file is cut to the region first).
MAX_PLACES = 20_000
#: Categories coloured apart; the rarest beyond it are grouped.
MAX_CATEGORIES = 10
NO_CATEGORY = "Sans catégorie"
OTHER_CATEGORIES = "Autres catégories"


def _keys(*labels: str) -> frozenset[str]:
    return frozenset(key(label) for label in labels)


LAT_WORDS = _keys("latitude", "lat", "y_wgs84", "lat_wgs84", "coord_y", "coordy", "y",
                  "coordyet", "ycoord", "y_lambert93", "y_l93")
LON_WORDS = _keys("longitude", "lon", "lng", "long", "x_wgs84", "lon_wgs84", "coord_x",
                  "coordx", "x", "coordxet", "xcoord", "x_lambert93", "x_l93")
#: One column holding « latitude, longitude » (data.gouv.fr and Opendatasoft exports).
PAIR_WORDS = _keys("geo_point_2d", "geo point", "coordonnées", "coordonnees gps",
                   "coordinates", "coordonnées géographiques", "position", "geopoint",
                   "point geo", "latlon", "lat_lon", "lat lon")
NAME_WORDS = _keys("nom", "name", "libellé", "libelle", "intitulé", "dénomination",
                   "raison sociale", "nom du lieu", "lieu", "établissement", "etablissement",
                   "structure", "nom de la structure", "nom établissement")
CATEGORY_WORDS = _keys("catégorie", "categorie", "category", "type", "nature", "typologie",
                       "famille", "type de lieu", "type de structure", "catégorie de lieu")
VALUE_WORDS = _keys("valeur", "value", "nombre", "effectif", "effectifs", "capacité",
                    "capacite", "places", "nombre de places", "file active", "passages",
                    "nombre de passages", "personnes", "nombre de personnes", "montant",
                    "total")

#: Column roles, as the report names them.
ROLES = {"lat": "latitude", "lon": "longitude", "pair": "coordonnées",
         "code": "code commune", "nom": "nom", "category": "catégorie", "value": "valeur"}

PLACE_MESSAGES = MESSAGES | {
    "no_rows": "Le fichier ne contient aucun tableau : une ligne d'en-tête puis une ligne "
               "par lieu sont attendues.",
    "no_location": (
        "Aucune colonne pour situer les lieux. Il faut soit deux colonnes « latitude » et "
        "« longitude » (ou une colonne « coordonnées » : « 48.85, 2.35 »), soit une colonne "
        "« code commune » (code INSEE). Colonnes trouvées : {found}."),
    "too_many_places": "Le fichier compte {rows} lignes : {limit} lieux au plus par fichier.",
    "columns_used": "Colonnes utilisées : {columns}.",
    "bad_coordinates": ("Coordonnées illisibles (latitude « {lat} », longitude « {lon} ») : "
                        "ligne rejetée."),
    "no_place": "Ni coordonnées ni code commune : ligne rejetée.",
    "bad_value": "Valeur « {value} » de la colonne « {column} » non numérique : lieu gardé "
                 "sans valeur.",
    "outside": ("Le point (latitude {lat}, longitude {lon}) est hors de la région : "
                "ligne rejetée."),
    "code_disagrees": ("Le point n'est pas dans la commune {code} indiquée mais dans "
                       "{commune} : les coordonnées sont retenues."),
    "code_invalid": "« {code} » n'est pas un code commune INSEE : ligne rejetée.",
    "code_unknown": "Code commune {code} inconnu dans la région : ligne rejetée.",
    "code_postal": "{code} ressemble à un code postal, pas à un code commune INSEE : "
                   "ligne rejetée.",
    "former_code": "Code {code} d'une ancienne commune : lieu placé dans {commune}.",
    "lambert93": "{count} en Lambert-93 (mètres) : coordonnées converties en degrés.",
    "swapped": "{count} la latitude et la longitude inversées : remises dans l'ordre.",
    "nothing_placed": "Aucun lieu n'a pu être placé sur la carte : fichier inutilisable.",
    "too_many_categories": ("{count} catégories : les {limit} plus fréquentes sont gardées, "
                            "les autres regroupées dans « Autres catégories »."),
}

#: Nouns of the counts of a list's report, singular and plural (:func:`~geodata.zonings.
#: messages.plural`: French uses the singular for 0 and 1).
COUNT_WORDS = {
    "read": ("ligne lue", "lignes lues"),
    "placed": ("lieu placé", "lieux placés"),
    "rejected": ("ligne rejetée", "lignes rejetées"),
    "places": ("lieu", "lieux"),
    "lambert93": ("lieu donné", "lieux donnés"),
    "swapped": ("lieu avait", "lieux avaient"),
}

REPORT = {
    "counts": "Fichier « {source} » : {rows}, {placed}{centre}, {rejected}.",
    "centre": " (dont {count} au centre de leur commune, faute de coordonnées)",
    "unusable": "Fichier « {source} » : inutilisable, aucun lieu placé.",
    "category": "{category} : {count}",
    "source": "Source : fichier « {name} », importé le {day}",
    "roles": ROLES,
    "not_a_table": ("Une liste de lieux est un tableau : enregistrez-la au format CSV ou "
                    "Excel (.xlsx), une ligne par lieu."),
}
