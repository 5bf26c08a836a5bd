"""Every sentence the interface shows, in French, in one place.

The one long page of text, the accessibility statement, is :mod:`dashboard.strings.statement`.
"""

from __future__ import annotations

APP_TITLE = "Cartocoord"
APP_SUBTITLE = "Territoires de coordination en santé et précarité"
NAV_MAP = "Carte"
NAV_PANORAMA = "Panorama"
COPY_LINK = "Copier le lien"
COPY_LINK_DONE = "Lien copié"
#: Written where a map will be drawn, until it is.
MAP_LOADING = "Chargement de la carte…"

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
QPV_SWITCH_LABEL = "Quartiers prioritaires (cercles proportionnels)"
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
MESH_LABEL = "Maille"
MESH_OPTIONS = {"commune": "Commune", "iris": "IRIS (quartiers)"}
MESH_NO_IRIS = "Pas de découpage en IRIS pour cette région."
MESH_BY_TERRITORY = "Les IRIS se colorient quand la carte est coloriée par commune."
MESH_CHOOSE = ("IRIS disponibles pour les départements {departements} : choisissez-en un à "
               "trois.")
MESH_NOT_PUBLISHED = "Cet indicateur n'est pas publié par IRIS : la carte montre les communes."
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
FICHE_COMPARE_TERRITORY = "Territoire"
FICHE_COMPARE_DEPARTEMENT = "Département {code}"
FICHE_COMPARE_REGION = "Région"
FICHE_NO_OVERLAP = "Aucune"
FICHE_ILLUSTRATIVE = "Fiche illustrative : structure fictive générée pour la démonstration."

PANORAMA_TITLE = "Panorama des structures de coordination"
PANORAMA_INTRO = ("Toutes les structures des territoires affichés. Cliquez sur une ligne (au "
                  "clavier : flèches, puis Espace) pour ouvrir sa fiche et la carte centrée "
                  "sur son territoire.")
PANORAMA_EXPORT = "Télécharger (CSV)"
PANORAMA_COLUMNS = {
    "type": "Type",
    "nom": "Nom",
    "statut": "Statut",
    "departements": "Départements",
    "communes": "Communes",
    "population": "Population",
    "partagees": "dont partagées",
}
PANORAMA_POPULATION_TOOLTIP = ("Population municipale ; une commune partagée entre plusieurs "
                               "territoires compte pour la part de chacun, jamais deux fois.")
PANORAMA_PARTIAL_TOOLTIP = ("Communes partagées avec d'autres territoires ou couvertes en "
                            "partie : survolez le nombre pour les voir.")

FICHE_PROFILE_NOTE = ("Taux Filosofi pondérés par la population des ménages fiscaux, APL par "
                      "la population municipale ; effectifs additionnés (« au moins » quand "
                      "une partie du territoire n'est pas publiée) ; * valeur approchée "
                      "(moyenne pondérée de valeurs communales). Sources : {sources}.")
FICHE_PROFILE_PARTIAL = (" Les communes partagées y pèsent pour la part comptée dans ce "
                         "territoire.")
FICHE_COMPARE_INDICATOR = "Indicateur"
FICHE_IRIS_ROW = "{label}, calculé sur les IRIS"
FICHE_IRIS_COVERAGE = "IRIS publiés : {share} de leur population"
FICHE_IRIS_WEIGHTS = "calcul sur les IRIS pondéré par leur population ({source})"
#: Prefix of every source line, left out where the context already says « Source ».
SOURCE_PREFIX = "Source : "
#: At the IRIS mesh, where the commune values shown beside and under hatching come from.
SOURCE_COMMUNE_VALUES = "valeurs communales : {source}"

SLIDESHOW_TITLE = "Diaporama de réunion"
SLIDESHOW_INTRO = ("Préparez les vues à montrer en réunion : réglez la carte, donnez un titre, "
                   "ajoutez-la. Les flèches ← → (ou une télécommande de présentation) passent "
                   "d'une vue à l'autre.")
SLIDE_TITLE_LABEL = "Titre de la vue"
SLIDE_TITLE_PLACEHOLDER = "ex. Pauvreté et CPTS en Seine-Saint-Denis"
SLIDE_DEFAULT_TITLE = "Vue {number}"
SLIDE_ADD = "Ajouter la vue actuelle"
SLIDESHOW_START = "Mode réunion"
SLIDESHOW_SAVE = "Enregistrer (JSON)"
SLIDESHOW_LOAD = "Charger un diaporama"
SLIDESHOW_EXIT = "Quitter le mode réunion"
SLIDESHOW_PREVIOUS = "Vue précédente"
SLIDESHOW_NEXT = "Vue suivante"
SLIDESHOW_POSITION = "{current} / {total}"
SLIDESHOW_TOO_LARGE = "Fichier trop volumineux pour un diaporama (plus de {limit} ko)."
SLIDESHOW_NOT_JSON = "Ce fichier n'est pas un diaporama Cartocoord (JSON illisible : {detail})."
SLIDESHOW_WRONG_FORMAT = ("Ce fichier JSON n'est pas un diaporama Cartocoord (champ "
                          "« format » absent ou différent).")
SLIDESHOW_EMPTY = "Ce diaporama ne contient aucune vue."
SLIDESHOW_BAD_VIEW = "La vue n° {number} du diaporama est mal formée."
SLIDESHOW_LOADED = "{count}."
SLIDESHOW_LOADED_WORDS = ("vue chargée", "vues chargées")

# --- Hétérogénéité des territoires et zones blanches --------------------------------------
NAV_NESTING = "Hétérogénéité"
NAV_GAPS = "Zones blanches"
EXPORT_CSV = "Télécharger (CSV)"
GRID_NO_ROWS = "Aucune ligne"
TABLE_SHOW = "Afficher le tableau"

NESTING_TITLE = "Hétérogénéité des territoires de coordination"
NESTING_INTRO = ("Les territoires d'un zonage s'emboîtent-ils dans ceux d'un autre ? Chaque case "
                 "donne l'indice d'emboîtement du zonage en ligne (A) dans le zonage en colonne "
                 "(B). Cliquez sur une case pour comparer les deux zonages sur la carte.")
#: ``{vintage}``: of the populations (:attr:`AppData.population_vintage`), as below.
NESTING_HOW_TO = ("Indice d'emboîtement : part de la population de A ({vintage}) qui vit dans "
                  "le territoire de B où réside l'essentiel de son territoire A (1 : chaque "
                  "territoire A est entièrement inclus dans un territoire B). Calculé sur les "
                  "communes des départements choisis.")
NESTING_MATRIX_TITLE = "Matrice d'emboîtement"
NESTING_AXIS_A = "Zonage A (emboîté)"
NESTING_AXIS_B = "Zonage B (englobant)"
NESTING_CAPTION = ("Indice d'emboîtement de chaque zonage en ligne (A) dans chaque zonage en "
                   "colonne (B)")
NESTING_COLORBAR = "Indice"
NESTING_DIAGONAL = "sans objet"
NESTING_HOVER = "Emboîtement des {a} dans les {b} : {value}"
NESTING_HOVER_SPLIT = "{split} territoires {a} sur {total} partagés entre plusieurs {b}"
NESTING_HOVER_OUTSIDE = "{share} de la population hors des territoires {b}"
NESTING_HOVER_CLICK = "Cliquez pour comparer les deux zonages"
NESTING_UNDEFINED = "n.d."

CROSSINGS_TITLE = "Territoires à cheval sur plusieurs départements"
CROSSINGS_INTRO = ("Population ({vintage}) de chaque territoire dans chacun des départements "
                   "qu'il touche (tous les zonages chargés).")
CROSSINGS_COLUMNS = {
    "zonage": "Zonage",
    "territoire": "Territoire",
    "departement": "Département",
    "population": "Population",
    "part": "Part du territoire (%)",
}

PAIR_TITLE = "Comparer deux zonages"
PAIR_A_LABEL = "Zonage A (emboîté)"
PAIR_B_LABEL = "Zonage B (englobant)"
PAIR_PLACEHOLDER = "Choisir un zonage"
PAIR_CLOSE = "Fermer la comparaison"
PAIR_HINT = ("Cliquez sur une case de la matrice, ou choisissez deux zonages ci-dessus, pour "
             "les comparer sur la carte.")
PAIR_SUMMARY = "Emboîtement des {a} dans les {b} : {value} ; des {b} dans les {a} : {reverse}."
PAIR_SPLIT_COUNT = ("{split} territoires {a} sur {total} sont partagés entre plusieurs "
                    "territoires {b} ; {reverse_split} territoires {b} sur {reverse_total} "
                    "entre plusieurs territoires {a}.")
PAIR_MAP_TITLE = "Les {own}, selon leur emboîtement dans les {other}"
PAIR_OVERLAY_TITLE = "Limites qui ne coïncident pas"
PAIR_OUTLINE = "Limites des {label}"
PAIR_NO_POPULATION = "Sans population"
PAIR_SYNC_NOTE = "Les trois cartes se déplacent et zooment ensemble."
MISMATCH_OWN = "Limites propres aux {label}"
MISMATCH_LENGTH = "{label} : {length}"
MISMATCH_COMMON = "Limites communes aux deux zonages"
KILOMETRES = "km"

SPLIT_TITLE = "Territoires {a} partagés entre plusieurs territoires {b}"
SPLIT_COLUMNS = {
    "territoire": "Territoire {a}",
    "population": "Population",
    "part_principale": "Part principale (%)",
    "principal": "Territoire {b} principal",
    "pieces": "Pièces",
    "repartition": "Répartition de la population",
}
SPLIT_OUTSIDE_COLUMN = "Hors {b} (%)"

GAPS_TITLE = "Zones blanches"
GAPS_INTRO = ("Communes couvertes par aucun territoire du zonage choisi, colorées selon "
              "l'indicateur de précarité de la carte ; les communes couvertes sont en gris "
              "clair.")
GAPS_ZONING_LABEL = "Zonage"
GAPS_ZONING_OPTION = "{label} — {count}"
#: Communes not covered, counted (singular for 0 and 1: :func:`dashboard.formatting.plural`).
GAPS_UNCOVERED_WORDS = ("commune non couverte", "communes non couvertes")
GAPS_ZONING_OPTION_FULL = "{label} — couverture complète"
GAPS_SUMMARY = "{units} par les {label}, soit {population} ({share})."
GAPS_SHARE = "{share} de la population"
GAPS_NONE = "Toutes les communes affichées sont couvertes par un territoire {label}."
GAPS_COVERED = "Commune couverte par un territoire {label}"
GAPS_OUTLINE = "Contour des zones blanches"
GAPS_HOVER = "Zone blanche : aucun territoire {label}"
GAPS_LIST_TITLE = "Communes non couvertes, par besoin décroissant"
GAPS_NEED_NOTE = ("Besoin = population municipale ({vintage}) × taux de pauvreté (Filosofi "
                  "2021), soit le nombre estimé d'habitants sous le seuil de pauvreté. Les "
                  "communes dont le taux est couvert par le secret statistique viennent "
                  "ensuite, par population décroissante.")
GAPS_COLUMNS = {
    "rang": "Rang",
    "commune": "Commune",
    "code": "Code",
    "departement": "Département",
    "population": "Population non couverte",
    "part_non_couverte": "Part non couverte (%)",
    "taux_pauvrete": "Taux de pauvreté (%)",
    "besoin": "Besoin (habitants pauvres estimés)",
}
#: Above the first rows of the list, until the user asks for the whole table.
GAPS_PREVIEW_CAPTION = ("Les {shown} premières des {total} communes ; « Afficher le tableau » "
                        "pour toutes les voir, les trier, les filtrer et les télécharger.")
#: Columns of those first rows (the list's others are in the table).
GAPS_PREVIEW_COLUMNS = ("rang", "commune", "departement", "population", "besoin")
GAPS_DEPARTEMENT_TITLE = "Par département"
GAPS_DEPARTEMENT_COLUMNS = {
    "departement": "Département",
    "communes": "Communes",
    "communes_non_couvertes": "Non couvertes",
    "population": "Population",
    "population_non_couverte": "Population non couverte",
    "part_non_couverte": "Part non couverte (%)",
}
OVERLAPS_TITLE = "Communes revendiquées par plusieurs territoires"
OVERLAPS_NONE = "Aucune commune n'est revendiquée par plusieurs territoires {label}."
OVERLAPS_COLUMNS = {
    "commune": "Commune",
    "code": "Code",
    "departement": "Département",
    "population": "Population",
    "territoires": "Territoires",
    "repartition": "Répartition",
}
OVERLAP_EQUAL_PARTS = "non précisée (parts égales)"
GAPS_SUMMARY_PARTLY = " ; {units} couvertes en partie seulement."
PAIR_UNCOVERED = "Aucun territoire {label} (zone blanche)"
#: Texts of Dash's dropdown menus (``dcc.Dropdown(labels=...)``), English by default.
DROPDOWN_LABELS = {
    "select_all": "Tout sélectionner",
    "deselect_all": "Tout désélectionner",
    "selected_count": "{num_selected} sélectionnés",
    "search": "Rechercher",
    "clear_search": "Effacer la recherche",
    "clear_selection": "Effacer la sélection",
    "no_options_found": "Aucun résultat",
}

EXPORT_TITLE = "Exporter la carte"
EXPORT_TITLE_LABEL = "Titre"
EXPORT_TITLE_PLACEHOLDER = "Pré-rempli d'après la vue"
EXPORT_SUBTITLE_LABEL = "Sous-titre"
EXPORT_PAPER_LABEL = "Format"
EXPORT_PAPERS = {"a4-paysage": "A4 paysage", "a4-portrait": "A4 portrait",
                 "a3-paysage": "A3 paysage", "a3-portrait": "A3 portrait",
                 "diapo": "Diapositive 16:9", "web": "Web (1 200 px de large)"}
EXPORT_DPI_LABEL = "Résolution PNG"
#: PNG resolutions offered, by value: dpi on paper, pixels for a slide or the web.
EXPORT_RESOLUTIONS = {"150": "150 dpi", "300": "300 dpi", "1080": "1 920 × 1 080 px",
                      "2160": "3 840 × 2 160 px (4K)", "1200": "1 200 px de large"}
EXPORT_TRANSPARENT = "Fond transparent (PNG)"
EXPORT_LOGO_LABEL = "Logo (en haut à droite)"
EXPORT_LOGO_DROP = "Déposer un logo : PNG, JPEG ou SVG, 512 ko au plus"
EXPORT_LOGO_REMOVE = "Retirer le logo"
EXPORT_LOGO_NONE = "Aucun logo : le titre prend toute la largeur."
EXPORT_LOGO_SERVER = "Logo du service (réglage du serveur)."
EXPORT_LOGO_KEPT = "Logo « {name} » : ajouté aux exports de cette session."
EXPORT_LINKS = {
    "carte.pdf": "PDF (vectoriel)",
    "carte.png": "PNG",
    "carte.svg": "SVG (vectoriel)",
    "carte.html": "Carte interactive (HTML)",
    "communes.csv": "Données par commune (CSV)",
    "territoires.csv": "Données par territoire (CSV)",
    "territoires.geojson": "Territoires (GeoJSON)",
}
SLIDESHOW_CLEAR = "Vider"
SLIDESHOW_EMPTY_LIST = "Aucune vue préparée."
#: ``{sources}``: the base geography's source line, prefix removed; the values' sources
#: are in the legend of the view shown.
MEETING_SOURCE = "Sources des valeurs : voir la légende ; fond : {sources}."
FOOTER_SOURCES = "Sources : {sources}. Données publiques sous {licence}."
#: After a population: its vintage (:data:`geodata.sources.POPULATION_VINTAGE`).
POPULATION_VINTAGE_NOTE = " ({vintage})"
NAV_DATA = "Données"
AS_OF_LABEL = "À la date du"
AS_OF_HINT = "jj/mm/aaaa ; vide : aujourd'hui"
DAY_PLACEHOLDER = "jj/mm/aaaa"
DAY_INVALID = "« {text} » n'est pas une date : écrivez-la jj/mm/aaaa, par exemple 30/06/2024."
AS_OF_BANNER = "Situation au {day} : découpages et structures tels qu'ils étaient à cette date."

# --- Maps, legends and classes -------------------------------------------------
#: Filosofi withholds small communes: the value exists but is not published.
MISSING_SECRET = "secret statistique"
#: No value at all (not in the source, nothing to aggregate).
MISSING_UNAVAILABLE = "n.d."
MISSING_LEGEND_LABEL = "Secret statistique / non disponible"
#: Shorter than the controls' labels: legends and exported pages.
METHOD_SHORT_LABELS = {
    "quantiles": "Quantiles",
    "egal": "Intervalles égaux",
    "jenks": "Seuils naturels (Jenks)",
    "manuel": "Seuils manuels",
}
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
#: Coverage of a territory by a value: ``{share}`` is a formatted percentage.
SHARE_COVERED = "{share} de la population couverte"
#: No-break space after "en": the unit never starts a line on its own.
LEGEND_TITLE_WITH_UNIT = "{label}, en\u00a0{unit}"
DEPARTEMENT_OUTLINE_LABEL = "Limite de département"
HATCH_LABEL = "Hachures"
#: Source line of the IRIS weights, where values are aggregated from IRIS.
IRIS_WEIGHTS_SOURCE = "IRIS pondérés par leur population ({source})"
#: Legend line naming the areas coloured (``{departements}``: codes with IRIS shown).
LEGEND_MESH_COMMUNE = "Maille : commune"
LEGEND_MESH_IRIS = "Maille : IRIS ({departements})"
LEGEND_MESH_IRIS_AND_COMMUNES = "Maille : IRIS ({departements}), communes ailleurs"
#: Legend row of the hatched areas.
LEGEND_STAND_IN_COMMUNE = ("IRIS sans valeur publiée : valeur de sa commune (couleur pâle "
                           "hachurée)")
LEGEND_STAND_IN_GROUP = ("Secret statistique : moyenne des communes publiées de l'EPCI ou "
                         "du département (couleur pâle hachurée)")
#: Legend note of a map whose source leaves out part of the population shown.
LEGEND_PARTIAL_COVERAGE = ("Couverture partielle : {share} de la population affichée a "
                           "une valeur — {reason}.")
#: Fiche: a value covering part of the population, and why the rest has none.
FICHE_COVERAGE_WHY = "{coverage} — {reason}"
#: Missing at the IRIS mesh: neither the IRIS nor its commune has a value.
MISSING_IRIS_LEGEND_LABEL = "Non publié (IRIS d'activité ou peu habité, ou secret)"
#: Hover lines of an IRIS, and of a value that is not the area's own.
HOVER_IRIS_NAME = "IRIS {nom}"
HOVER_IRIS_OF = "Commune : {commune} ({code})"
HOVER_WHOLE_COMMUNE = "Commune non découpée en IRIS"
HOVER_IRIS_MISSING = "non publié pour cet IRIS"
HOVER_STAND_IN_COMMUNE = "{missing} ; commune : {value}"
HOVER_STAND_IN_GROUP = "{missing} ; moyenne des communes publiées {group} : {value}"
HOVER_GROUP_EPCI = "de l'EPCI {nom}"
#: A count the source gives for a whole city, never for one of its arrondissements.
HOVER_WHOLE_CITY = "{city} (ensemble) : {count} — non réparti par arrondissement par la source"
HOVER_GROUP_DEPARTEMENT = "du département {nom}"
#: Proportional circles of the QPV: legend, hover.
QPV_LEGEND_TITLE = "Quartiers prioritaires de la politique de la ville"
QPV_LEGEND_NOTE = ("Cercles proportionnels au nombre de QPV touchant la commune, placés en "
                   "son centre (un QPV à cheval compte dans chaque commune).")
QPV_LEGEND_ROW = "{count} QPV"
QPV_HOVER = "<b>{name}</b><br>{count} QPV :<br>{names}"
QPV_WHOLE_CITY = "{city} (ensemble, non réparti par arrondissement)"
#: A sum over IRIS of which some are withheld is a minimum.
VALUE_AT_LEAST = "au moins {value}"
VALUE_PARTIAL = "{value} (IRIS non publiés : {share} de la population)"
#: After the name of a zoning whose perimeters are made up, in every legend.
ILLUSTRATIVE_SUFFIX = " (illustratif)"
#: Hover line of the value: ``{label}`` is the indicator's short label.
HOVER_VALUE = "{label} : "

# Refusals of the server (dashboard/server/limits.py), also shown in the page by
# assets/refusals.js
ERROR_PAGE_TITLE = "Demande refusée"
ERROR_BAD_REQUEST = "Demande mal formée : rechargez la page et recommencez."
ERROR_FORBIDDEN = "Action réservée aux éditeurs connectés."
ERROR_NOT_FOUND = "Cette adresse n'existe pas dans Cartocoord."
ERROR_TOO_LARGE = ("Envoi trop volumineux : seuls les éditeurs connectés peuvent envoyer un "
                   "fichier, de {limit} au plus.")
ERROR_BUSY = "Le serveur est très sollicité : réessayez dans quelques secondes."
ERROR_EXPORT_BUSY = ("Trop d'exports sont en cours : le vôtre n'a pas été lancé. Réessayez "
                     "dans quelques secondes.")
ERROR_EXPORT_RATE = ("Trop d'exports demandés depuis votre adresse en une minute : réessayez "
                     "dans une minute.")

# Accessibility: the map as a table, what changed on it, small screens.
MAP_TABLE_TOGGLE = "Voir les données de la carte"
MAP_TABLE_CAPTION = ("{title} — {place} : {count} {areas}, {method}, {k} classes "
                     "(classe 1 : valeurs les plus basses). {source}.")
MAP_TABLE_CODE = "Code"
MAP_TABLE_VALUE = "Valeur"
MAP_TABLE_CLASS = "Classe"
MAP_TABLE_CLASS_CELL = "{number} ({label})"
MAP_TABLE_MISSING_CLASS = "sans classe"
MAP_TABLE_GAP = "zone blanche"
#: Data-table cells of an area shown, hatched, with the value of its commune or group.
MAP_TABLE_STAND_IN = "{value} ({origin})"
MAP_TABLE_STAND_IN_CLASS = "{class_cell}, couleur pâle hachurée"
STAND_IN_FROM_COMMUNE = "valeur de la commune"
STAND_IN_FROM_GROUP = "moyenne des communes publiées {group}"
MAP_AREA_HEADERS = {"communes": "Commune", "departements": "Département",
                    "iris": "IRIS ou commune"}
MAP_AREA_TERRITORY = "Territoire {label}"
#: ``iris``: the IRIS mesh colours IRIS where there are some, communes elsewhere.
MAP_AREA_WORDS = {"communes": "communes", "departements": "départements",
                  "iris": "zones (IRIS ou communes)"}
MAP_AREA_TERRITORIES = "territoires {label}"
MAP_STATUS = "Carte : {indicator}, {place}, {count} {areas}, {k} classes{outlines}{date}."
MAP_STATUS_OUTLINES = ", contours {zonings}"
MAP_STATUS_DATE = ", au {day}"
LEGEND_CLASS = "Classe "
LIST_AND = " et "
MAP_TOOLBAR = "Affichage de la carte"
FILTERS_TOGGLE = "Filtres"
FILTERS_CLOSE = "Fermer les filtres"
LEGEND_TOGGLE = "Légende"
NAV_MENU = "Menu"
NAV_LABEL = "Pages"
MAP_REGION_LABEL = "Carte"

#: Footer link to the accessibility statement (its text: :mod:`dashboard.strings.statement`).
FOOTER_STATEMENT = "Accessibilité : non conforme"

# --- Communes counted in part (territories covering part of a commune) -----------
#: « dont 2 communes partagées : Saint-Denis, 149 077 hab., avec CPTS Centre (…) ; … ».
PARTIAL_NOTE = "dont {count} : {items}"
PARTIAL_ONE = "{count} commune partagée"
PARTIAL_MANY = "{count} communes partagées"
PARTIAL_ITEM = "{nom}, {population} hab., {detail}"
PARTIAL_WITH = "avec {others}"
PARTIAL_SHARE_KNOWN = "{share} comptés ici"
PARTIAL_SHARE_EQUAL = "répartition non précisée, {share} comptés ici"
PARTIAL_MORE = " ; et {count} autres"
SHARE_UNKNOWN = "part non précisée"
#: Share of a commune in a territory, in hovers and « Qui couvre » (``{share}``: « 28,9 % »).
SHARE_OF_COMMUNE = "{share} de la commune"
HOVER_TERRITORY_SHARE = "{name} ({share})"
COVERAGE_ILLUSTRATIVE = "illustratif"
COVERAGE_PARTLY_UNCOVERED = "Zone blanche pour {share} de la commune"
#: Legend of the dotted ring inside a commune several territories share without split.
SHARED_COMMUNE_LABEL = "{label} : commune partagée, répartition non précisée"
#: Hover line of a piece of commune: the territory covering it.
HOVER_PIECE = "{label} : <b>{name}</b>, {share} de la commune{others}"
HOVER_PIECE_OTHERS = " (aussi {names})"

# --- Sources of the perimeters, with every map (live map's legend and exports) ----------
ILLUSTRATIVE_NOTICE = "Données illustratives — périmètres non officiels"
PERIMETER_SOURCE = "Périmètres {labels} : {source}"
PERIMETER_SOURCE_UNKNOWN = "source non renseignée"
#: Between the last two items of a French list (« DAC, CPTS et CARSIC »).
AND = " et "

# Harmonisation page: its texts are in dashboard/views/harmonisation_strings.py.
NAV_HARMONISATION = "Harmonisation"
