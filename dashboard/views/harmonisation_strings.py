"""French texts of the « Harmonisation » page, its map, its exports and its drafts.

The page's own part of the strings catalogue (:mod:`dashboard.strings` holds the rest):
kept apart so that each catalogue stays readable, and imported by the page's views,
exports, layout and callbacks as ``hstrings``.
"""
from __future__ import annotations

HARM_TITLE = "Harmonisation des découpages"
HARM_INTRO = (
    "Que faudrait-il déplacer pour qu'un découpage s'emboîte dans une référence ? La "
    "proposition garde à chaque territoire les communes situées dans le territoire de "
    "référence qui réunit la plus grande part de sa population, et rattache les autres à "
    "un territoire voisin situé dans leur territoire de référence : c'est le moins de "
    "population qu'il soit possible de déplacer. Retenez ou rejetez chaque déplacement, "
    "ajoutez les vôtres en cliquant une commune sur la carte.")
HARM_ZONING_LABEL = "Découpage à ajuster"
HARM_REFERENCE_LABEL = "Référence"
HARM_GOAL_LABEL = "Objectif"
HARM_GOALS = {"zonage": "Le découpage suit la référence",
              "reference": "La référence suit le découpage"}
HARM_GOAL_FIXED = ("{label} est un découpage officiel tiré de la géographie de base : "
                   "seul le découpage à ajuster peut changer.")
HARM_REFERENCE_OFFICIAL = "Référence officielle : {source}."
HARM_SCOPE = ("Calcul sur les {units} communes que {reference} couvre ({population}) ; "
              "population municipale, {vintage}.")
HARM_UNAVAILABLE = "Il faut au moins deux découpages, dont un enregistré, pour harmoniser."
HARM_BANNER_TITLE = "Projet de découpage — scénario non officiel"
HARM_BANNER_TEXT = ("Les périmètres {label} tracés en violet sont une hypothèse de travail ; "
                    "les périmètres en vigueur restent ceux de la carte.")
HARM_BANNER_DRAFT = "Projet « {name} » (n° {id}), enregistré par {editor} le {when}."
HARM_INDEX_TITLE = "Indice d'emboîtement de {a} dans {b}"
HARM_INDEX_VALUE = "{before} → {after}"
HARM_MOVED_TITLE = "Population déplacée"
HARM_MOVED_SHARE = "{share} de la population"
HARM_COUNTS = "{share} ; {moves} déplacées, {territories} modifiés."
HARM_LEAVING = ("{count} sortent du découpage (zones blanches) : aucun territoire {label} "
                "voisin n'est situé dans leur territoire {reference}.")
HARM_NOTHING_TO_DO = "{a} s'emboîte déjà dans {b} : aucun déplacement n'est nécessaire."
HARM_MOVES_TITLE = "Déplacements"
HARM_MOVES_COLUMNS = {"accept": "Retenu", "commune": "Commune", "population": "Population",
                      "source": "De", "target": "Vers", "reference": "Dans {label}",
                      "origin": "Origine"}
HARM_ORIGIN_PROPOSED = "proposé"
HARM_ORIGIN_ADDED = "ajouté"
HARM_OUTSIDE_ZONING = "hors découpage"
HARM_WHOLE_COMMUNE = "entière"
HARM_RESET = "Revenir à la proposition"
HARM_CLEAR = "Tout rejeter"
HARM_TERRITORIES_TITLE = "Territoires modifiés"
HARM_TERRITORY_COLUMNS = {"nom": "Territoire", "before": "Population avant",
                          "after": "Population après", "units": "Communes avant → après"}
HARM_COMMUNE_TITLE = "Déplacer une commune"
HARM_COMMUNE_HINT = "Cliquez une commune sur la carte, ou choisissez-la ici."
HARM_COMMUNE_LABEL = "Commune"
HARM_COMMUNE_NOW = "{commune} ({code}) : {population}."
HARM_COMMUNE_IN = "{label} : {territories}."
HARM_TARGET_LABEL = "Rattacher au territoire"
HARM_TARGET_OPTION = "{name} — dans {pieces}"
HARM_MOVE_BUTTON = "Déplacer"
HARM_OUT_OF_SCOPE = "{reference} ne couvre pas cette commune : elle reste hors du calcul."
HARM_STATUS_LABELS = {"": "Commune inchangée", "proposed": "Déplacement proposé, retenu",
                      "added": "Déplacement ajouté", "rejected": "Déplacement proposé, rejeté",
                      "outside": "Hors de la référence"}
HARM_LEGEND_COMMUNES = "Communes"
HARM_OUTLINE_PROJECT = "{label} — projet"
HARM_HOVER_MOVE = "{label} : {before} → {after}"
HARM_HOVER_STAY = "{label} : {territories}"
HARM_EXPORTS_TITLE = "Exporter"
HARM_EXPORT_CSV = "Déplacements et populations (CSV)"
HARM_EXPORT_PDF = "Carte avant / après (PDF)"
HARM_SAVE_TITLE = "Enregistrer comme projet de découpage"
HARM_SAVE_HELP = ("Le projet est gardé à part : le découpage en vigueur ne change pas tant "
                  "qu'un éditeur ne l'a pas promu sur la page « Données ».")
HARM_SAVE_LOGIN = ("Réservé aux éditeurs : connectez-vous sur la page « Données » pour "
                   "enregistrer un projet.")
HARM_SAVE_NAME = "Nom du projet"
HARM_SAVE_NOTE = "Note (facultative)"
HARM_SAVE_BUTTON = "Enregistrer le projet"
HARM_SAVED = ("Projet « {name} » enregistré (n° {id}) : {moves} sur la version n° {version} "
              "du découpage {label}.")
#: Before / after pages and their export.
HARM_BEFORE = "Actuel"
HARM_AFTER = "Projet"
HARM_PDF_TITLE = "Projet de découpage {label} — emboîtement dans {reference}"
HARM_PDF_SUMMARY = ("Population déplacée : {population} ({share}) ; {moves} ; indice "
                    "d'emboîtement {before} → {after}.")
HARM_PDF_NOTICE = ("Projet de découpage : scénario de travail, non officiel. Les périmètres "
                   "en vigueur sont ceux de la carte « Actuel ».")
