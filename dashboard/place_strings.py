"""The French sentences of the lists of places (« Ajouter des observations »).

Part of the strings catalogue (:mod:`dashboard.strings`), kept apart so that each
module stays short: everything a user reads about the lists of places is here.
"""

from __future__ import annotations

PLACES_TITLE = "Ajouter des observations"
PLACES_SUBTITLE = "Une liste de lieux"
PLACES_HELP = ("Un tableau CSV ou Excel, une ligne par lieu : latitude et longitude (ou un "
               "code commune INSEE), et si vous voulez un nom, une catégorie et une valeur "
               "(PASS, CCAS, permanences, accueils de jour…).")
PLACES_UPLOAD = "Glissez un fichier ici ou cliquez pour le choisir (CSV, XLSX)"
PLACES_LABEL = "Nom de la couche"
PLACES_LABEL_PLACEHOLDER = "Par défaut : le nom du fichier"
PLACES_REMOVE = "Retirer la couche importée"
PLACES_SESSION_NOTE = ("Couche visible pour vous seul, le temps de votre session (carte, "
                       "exports, mode réunion).")
PLACES_SHARE = "Enregistrer pour tous (éditeurs)"
PLACES_SHARED = "Couche « {label} » enregistrée pour tous : version n° {number}."
PLACES_SHARE_LOGIN = "Connectez-vous comme éditeur (page Données) pour partager une couche."
PLACES_NONE = "Aucune couche importée dans cette session."
PLACES_SHARED_LABEL = "Couches de lieux partagées"
PLACES_SHARED_EMPTY = "Aucune couche partagée pour l'instant."
PLACE_AT_CENTRE = "placé au centre de la commune (pas de coordonnées)"
PLACE_AT_CENTRE_LEGEND = "dont {count} au centre de leur commune (sans coordonnées)"
PLACE_HOVER_VALUE = "{label} : {value}"
PLACE_HOVER_COMMUNE = "{nom} ({code})"
PLACE_WHOLE_CITY = "{city} (ensemble de la ville)"
PLACE_LEGEND_COUNT = "{count} lieux"
PLACE_LEGEND_SIZES = "Cercles proportionnels à « {label} »"
PLACE_FICHE_TITLE = "Observations sur le territoire"
PLACE_FICHE_PARTIAL = ("Lieux donnés pour une ville entière dont le territoire ne couvre "
                       "qu'une partie : non comptés.")
PLACE_FICHE_TOTAL = "Total"
PLACE_MENU_LABEL = "Lieux : {label}"
INDICATOR_MENU_LABEL = "Indicateurs : {label}"
INDICATORS_TITLE = "Vos indicateurs par commune ou par IRIS"
INDICATORS_HELP = ("Un tableau CSV ou Excel, une ligne par code commune INSEE ou par code "
                   "IRIS, et des colonnes de nombres : chacune devient un indicateur de la "
                   "carte, « Vos observations : … ». Une cellule vide est une valeur "
                   "manquante, jamais zéro.")
INDICATORS_UPLOAD = "Glissez un tableau d'indicateurs ici ou cliquez pour le choisir (CSV, XLSX)"
INDICATORS_COMBINE_LABEL = "Les colonnes sont des"
INDICATORS_COMBINE = {"rate": "taux, moyennes ou indices", "count": "effectifs (à additionner)"}
INDICATORS_REMOVE = "Retirer les indicateurs importés"
INDICATORS_NONE = "Aucun indicateur importé dans cette session."
INDICATOR_SHARED_OPTION = "{label} — {source}"
INDICATORS_SHARE_TITLE = "Enregistrer ces indicateurs pour tous (éditeurs)"
INDICATORS_SHARE_HELP = ("Ils deviennent une couche partagée, versionnée comme les "
                         "découpages (historique et restauration sur la page Données, "
                         "« à la date du » sur la carte), que chaque visiteur trouve dans "
                         "« Indicateur » avec la source et la date que vous indiquez ; un "
                         "lien copié les transmet. Le même nom remplace la couche par une "
                         "nouvelle version.")
INDICATORS_SHARE_LABEL = "Nom de la couche"
INDICATORS_SHARE_LABEL_PLACEHOLDER = "ex. File active des PASS 2026"
INDICATORS_SHARE_SOURCE = "Source ou producteur des données"
INDICATORS_SHARE_SOURCE_PLACEHOLDER = "ex. ORS Île-de-France"
INDICATORS_SHARE_DATE = "Date des données (jj/mm/aaaa)"
INDICATORS_SHARE_NOTE = "Note de version (facultative)"
INDICATORS_SHARE = "Enregistrer pour tous"
INDICATORS_SHARED = ("Couche « {label} » enregistrée pour tous : version n° {number}. "
                     "Chaque visiteur la trouve dans « Indicateur » : {labels}.")
INDICATORS_SHARE_REFUSED = "Rien n'est enregistré : {reason}"
INDICATORS_ADDED = ("Choisissez-les dans « Indicateur » : {labels}. Ils restent pour vous "
                    "seul, le temps de votre session (carte, fiches, exports).")
INDICATOR_SESSION_ONLY = ("« {label} » est un indicateur que vous avez importé : il n'existe "
                          "que dans votre session. Un lien copié ou un permalien ne le "
                          "transmet pas ; la personne qui l'ouvre verra l'indicateur par "
                          "défaut.")
INDICATOR_NOT_HERE = ("Ce lien désignait un indicateur importé dans une autre session "
                      "(« {code} ») : il ne voyage pas avec le lien. La carte montre "
                      "l'indicateur par défaut ; importez le fichier pour le voir.")
