"""Every sentence the interface shows, in French, in one place."""

APP_TITLE = "Cartocoord"
APP_SUBTITLE = "Territoires de coordination en santé et précarité"
NAV_MAP = "Carte"
NAV_PANORAMA = "Panorama des structures"
COPY_LINK = "Copier le lien"
COPY_LINK_DONE = "Lien copié"

DEMO_BANNER_TITLE = "Données illustratives — périmètres non officiels"
DEMO_BANNER_TEXT = (
    "Les territoires affichés pour {zonings} sont générés pour la démonstration : ils ne "
    "correspondent à aucune structure réelle. Importez les fichiers officiels de l'ARS pour "
    "les remplacer."
)

SEARCH_LABEL = "Rechercher une commune"
SEARCH_PLACEHOLDER = "Nom ou code INSEE (ex. Saint-Denis, 93066)"
DEPARTEMENTS_LABEL = "Départements"
DEPARTEMENTS_PLACEHOLDER = "Toute la région"
ZONINGS_LABEL = "Territoires de coordination"
LABELS_LABEL = "Afficher les noms des territoires"
INDICATOR_LABEL = "Indicateur de précarité"
COLOUR_BY_LABEL = "Colorier par"
COLOUR_BY_COMMUNES = "Commune"
COLOUR_BY_TERRITORY = "Territoire {label}"
METHOD_LABEL = "Classification"
METHOD_LABELS = {
    "quantiles": "Quantiles (effectifs égaux)",
    "egal": "Intervalles égaux",
    "jenks": "Seuils naturels (Jenks)",
    "manuel": "Seuils manuels",
}
CLASSES_LABEL = "Nombre de classes"
BREAKS_LABEL = "Seuils manuels (séparés par « ; »)"
BREAKS_PLACEHOLDER = "ex. 10 ; 15 ; 20 ; 25"
CONTROLS_TITLE = "Paramètres de la carte"

COVERAGE_TITLE = "Qui couvre cette commune ?"
COVERAGE_NONE = "Zone blanche : aucun territoire"
COVERAGE_HINT = "Recherchez une commune ou cliquez sur la carte."
OPEN_FICHE = "Voir la fiche"

FICHE_TITLE = "Fiche d'identité"
FICHE_FIELDS_TITLE = "Identité"
FICHE_TERRITORY_TITLE = "Territoire"
FICHE_PROFILE_TITLE = "Profil de précarité"
FICHE_OVERLAPS_TITLE = "Structures qui recoupent ce territoire"
FICHE_COMMUNES = "Communes"
FICHE_POPULATION = "Population municipale"
FICHE_DEPARTEMENTS = "Départements"
FICHE_SHOW_ON_MAP = "Centrer la carte sur ce territoire"
FICHE_COMPARE_TERRITORY = "Territoire"
FICHE_COMPARE_DEPARTEMENT = "Département {code}"
FICHE_COMPARE_REGION = "Région"
FICHE_COVERAGE = "Part de la population couverte par la donnée"
FICHE_NO_OVERLAP = "Aucune"
FICHE_ILLUSTRATIVE = "Fiche illustrative : structure fictive générée pour la démonstration."

PANORAMA_TITLE = "Panorama des structures de coordination"
PANORAMA_INTRO = ("Toutes les structures des territoires affichés. Cliquez sur une ligne pour "
                  "ouvrir sa fiche et la carte centrée sur son territoire.")
PANORAMA_EXPORT = "Télécharger (CSV)"
PANORAMA_TYPE_ALL = "Tous les types"
PANORAMA_COLUMNS = {
    "type": "Type",
    "nom": "Nom",
    "statut": "Statut",
    "departements": "Départements",
    "communes": "Communes",
    "population": "Population",
}

MISSING_VALUE = "secret statistique"
APPROXIMATE_NOTE = "valeur approchée (moyenne pondérée des médianes communales)"
FICHE_PROFILE_NOTE = ("Valeurs pondérées par la population des ménages fiscaux ; * valeur "
                      "approchée (moyenne pondérée de valeurs communales). Source : Insee, "
                      "Filosofi 2021.")
