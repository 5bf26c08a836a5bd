"""Constants of the exports: paper, resolutions, formats, page layout, French texts.

Sizes of the composed page are CSS pixels (96 per inch), the unit the page is laid out
in; an export scales them to the paper and resolution asked for.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from dashboard.strings import PANORAMA_COLUMNS

PROJECT_DIR = Path(__file__).resolve().parents[2]
ASSETS_DIR = PROJECT_DIR / "assets"
LEAFLET_DIR = ASSETS_DIR / "vendor" / "leaflet"

# --- Renderer -------------------------------------------------------------------------------
#: Chromium, driven through choreographer (Debian's package; ``make test`` installs it).
CHROMIUM_PATH = Path("/usr/bin/chromium")
#: Longest wait for one figure or one PDF; past it the export fails with a 504.
RENDER_TIMEOUT_S = 60.0
#: Longest wait for Chromium to start.
START_TIMEOUT_S = 30.0
#: Longest wait for the exports queued before this one.
QUEUE_TIMEOUT_S = 120.0

# --- Paper and resolution ------------------------------------------------------------------
MM_PER_INCH = 25.4
CSS_DPI = 96
#: Paper sizes in millimetres, portrait (width, height).
PAPER_MM = MappingProxyType({"a4": (210.0, 297.0), "a3": (297.0, 420.0)})
ORIENTATIONS = ("paysage", "portrait")
#: Text is this much larger on A3 than on A4: a poster is read from further away.
PAPER_ZOOM = MappingProxyType({"a4": 1.0, "a3": 1.25})
STATIC_FORMATS = ("pdf", "png", "svg")
MIME_TYPES = MappingProxyType({
    "pdf": "application/pdf",
    "png": "image/png",
    "svg": "image/svg+xml",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
})
#: Longest title or subtitle accepted from a URL or the command line.
MAX_TITLE_LENGTH = 200

# --- Page layout (CSS pixels at A4 scale) ------------------------------------------------------
PAGE_MARGIN = 30
GAP = 14
TITLE_SIZE = 21
SUBTITLE_SIZE = 13
FOOTER_SIZE = 9.5
#: Largest logo, top right of the page (kept in proportion inside this box).
LOGO_SIZE = (150, 54)
RULE_COLOUR = "#c8c8c8"
MUTED_COLOUR = "#555555"
NOTICE_COLOUR = "#a4262c"
PAPER_COLOUR = "#ffffff"
#: Width of the legend column beside the map, as a share of the page's inner width,
#: within these bounds (the map keeps at least 70 % of the page's width).
SIDE_SHARE, SIDE_MIN, SIDE_MAX = 0.23, 215.0, 250.0
#: Pages at least this much wider than high put the legend beside the map, others below.
LANDSCAPE_RATIO = 1.15
#: A web page's map is between these many times as high as wide, whatever the area.
WEB_MIN_RATIO, WEB_MAX_RATIO = 0.55, 1.2
#: Free space around the shown area inside the map frame (pixels).
MAP_PADDING = 14
#: Gap between map furniture and the frame's edge.
FURNITURE_MARGIN = 8
#: Side of the locator inset: the region in France, the départements in their region.
LOCATOR_SIZE = (104, 104)
#: Longest scale bar, as a share of the map's width.
SCALE_BAR_SHARE = 0.2
FRAME_COLOUR = "#8c8c8c"

# --- Map drawing ------------------------------------------------------------------------------
CONTEXT_FILL = "#ececec"
CONTEXT_EDGE = "#ffffff"
CONTEXT_LABEL_SIZE = 9.5
CONTEXT_LABEL_COLOUR = "#8a8a8a"
ZONING_LABEL_SIZE = 10.5
#: Zoning lines are this much thinner on paper than on screen: the app's 2–2.6 px
#: would print 0.6 mm wide.
PRINT_LINE_SCALE = 0.75
#: Département limits: a grey band (colour, width, opacity) under a thin dark line.
DEPARTEMENT_BAND = ("#b0b0b0", 6.0, 0.6)
#: Dense cores enlarged in an inset on a region's map: by region code, the départements
#: and the caption.
INSET_CORES = MappingProxyType({"11": (("75", "92", "93", "94"), "Paris et petite couronne")})
#: Height of the core inset, as a share of its width at most.
INSET_MAX_RATIO = 0.95

# --- Tables -------------------------------------------------------------------------------------
COORDINATE_DECIMALS = 5
#: Most decimals of a value in a data file (trailing zeros dropped).
EXPORT_DECIMALS = 6

# --- French texts -------------------------------------------------------------------------------
#: The one line of sources of a printed map: every source and vintage, then the projection.
SOURCES_LINE = "Sources : {sources}."
#: Between the sources of a « Sources : » line, and between the statements of one source.
SOURCE_SEPARATOR = " ; "
SOURCE_PREFIXES = ("Sources :", "Source :", "Sources :", "Source :")
PROJECTION_NOTE = "projection Lambert-93"
METHOD_LINE = "{method}, {classes}"
METHOD_COMMON = "{method}, {classes} calculées sur {area}"
CLASS_COUNT = "{count} classes"
CLASS_COUNT_ONE = "1 classe"
#: What the count in brackets after each class counts, by what the map colours.
TERRITORIES = "territoires"
COUNT_NOUNS = MappingProxyType({
    "communes": ("commune", "communes"),
    "departements": ("département", "départements"),
    "iris": ("IRIS", "IRIS"),
    TERRITORIES: ("territoire", "territoires"),
})
MISSING_LEGEND = "Secret statistique ou non disponible"
LEGEND_OUTLINES_TITLE = "Limites"
NAMES_DROPPED = "{count} noms de territoires non affichés faute de place"
NAMES_DROPPED_ONE = "1 nom de territoire non affiché faute de place"
MADE_ON = "Réalisé avec Cartocoord le {date}"
FOLIO = "Page {page} / {pages}"
TITLE = "{indicator} — {scope}"
SUBTITLE_BY_COMMUNE = "Par commune"
SUBTITLE_BY_IRIS = "Par IRIS (communes sans IRIS : par commune)"
SUBTITLE_BY_DEPARTEMENT = "Par département (valeur agrégée sur ses communes)"
SUBTITLE_BY_TERRITORY = "Valeur agrégée par territoire {zoning}"
SUBTITLE_ZONINGS = "limites des {zonings}"
SCOPE_DEPARTEMENT = "{nom}\u00a0({code})"
SCOPE_MANY = "Départements {codes}"
#: Above this many départements, the scope names them by code only.
SCOPE_MAX_NAMES = 3
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")

ATLAS_TITLE = "Atlas {indicator} — {region}"
ATLAS_SUBTITLE = "{region} et ses départements — structures de coordination : {zonings}"
ATLAS_CLASSES_COMMON = ("Classes : {method}, les mêmes sur toutes les cartes de l'atlas : "
                        "une couleur désigne partout la même tranche de valeurs.")
ATLAS_CLASSES_PER_PAGE = ("Classes calculées carte par carte, sur les communes de chacune : "
                          "une couleur ne désigne pas la même tranche d'une carte à l'autre.")
ATLAS_CONTENTS = "Sommaire"
ATLAS_CONTENTS_COLUMNS = ("Territoire", "Carte", "Structures")
ATLAS_PAGE = "p.\u00a0{page}"
ATLAS_PAGES = "p.\u00a0{first} à {last}"
ATLAS_CONTINUED = "(suite)"
#: A département on the cover's index map: its code, then the page of its map.
ATLAS_INDEX_LABEL = "{code} — p.\u00a0{page}"
ATLAS_TABLE_TITLE = "Structures de coordination — {scope}"
ATLAS_TABLE_EMPTY = "Aucune structure des territoires choisis sur ce périmètre."
ATLAS_VALUE_NOTE = ("{indicator} : valeur sur l'ensemble du territoire de chaque structure, "
                    "toutes communes comprises.")
#: ``--breaks`` value keeping each atlas map's own classes.
BREAKS_PER_PAGE = "per-page"
ATLAS_COLUMNS = MappingProxyType(dict(PANORAMA_COLUMNS))
#: Communes cell of a structure that counts some communes in part.
ATLAS_COMMUNES_PARTIAL = "{communes} dont {partial} en partie"
#: Under the table: each commune shared between structures, listed once.
ATLAS_PARTIAL_NOTE = ("Communes partagées entre structures, chacune comptée dans la "
                      "population de chaque structure pour sa part seulement, jamais deux "
                      "fois : {items}.")
ATLAS_PARTIAL_ITEM = "{nom} ({territories})"

COMMUNE_COLUMNS = MappingProxyType({
    "code": "Code commune",
    "nom": "Commune",
    "departement": "Département",
    "population": "Population municipale",
    "classe": "Classe sur la carte",
})
TERRITORY_COLUMNS = MappingProxyType({
    "type": "Type",
    "id": "Identifiant",
    "nom": "Nom",
    "statut": "Statut",
    "porteur": "Porteur",
    "departements": "Départements",
    "communes": "Communes",
    "partagees": "Communes partagées",
    "population": "Population municipale",
    "coverage": "Part de la population couverte par la valeur (%)",
    "telephone": "Téléphone",
    "courriel": "Courriel",
    "site": "Site",
    "illustratif": "Illustratif",
})
#: Header of a column of « Autres informations » whose name another column already has.
OTHER_COLUMN = "Autre : {label}"
SOURCE_COLUMNS = MappingProxyType({
    "indicator": "Source de l'indicateur",
    "geography": "Source de la géographie",
    "perimeters": "Source des périmètres",
})
VALUE_COLUMN = "{label} ({unit})"
TERRITORIES_NAME = "Territoires {zonings} — {scope}"
YES, NO = "oui", "non"
NOT_COVERED = "zone blanche"

OSM_LAYER = "Fond OpenStreetMap (en ligne)"
OSM_ATTRIBUTION = "© les contributeurs d'OpenStreetMap"
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
INTERACTIVE_DEPARTEMENTS = "Limites de département"
INTERACTIVE_LABELS = "Noms des territoires {zoning}"

# --- Errors (French, shown to users) -----------------------------------------------------------
ERROR_CHROMIUM_MISSING = (
    "L'export en PDF, PNG ou SVG a besoin de Chromium, introuvable ici ({path}). "
    "Installez-le avec « make test » (qui l'installe s'il manque) ou "
    "« apt-get install chromium » ; le reste de l'application fonctionne sans."
)
ERROR_CHROMIUM_FAILED = (
    "Chromium ({path}) n'a pas pu démarrer pour l'export. Vérifiez son installation "
    "(« apt-get install --reinstall chromium »)."
)
ERROR_TIMEOUT = ("L'export a dépassé le délai de {seconds:.0f} secondes. Réessayez, ou "
                 "choisissez moins de départements ou une résolution plus basse.")
ERROR_BUSY = ("Trop d'exports sont en cours ; réessayez dans quelques instants.")
ERROR_RENDER = "L'export a échoué pendant le rendu de la carte ({detail})."
ERROR_CHOICE = "Valeur « {value} » invalide pour {name} : choisissez parmi {choices}."
ERROR_TOO_LONG = "Le {name} dépasse {max} caractères."
ERROR_LOGO_TYPE = ("Logo « {path} » : ce n'est pas une image PNG, JPEG ou SVG "
                   "(formats acceptés : {formats}).")
ERROR_LOGO_MISSING = "Logo « {path} » introuvable."
ERROR_LOGO_EMPTY = "Logo « {path} » : le fichier est vide."
ERROR_LOGO_UNREADABLE = "Logo « {path} » : le fichier reçu est illisible, déposez-le à nouveau."
ERROR_LOGO_SIZE = "Logo « {path} » : le fichier dépasse {size} ko."
ERROR_LOGO_PIXELS = ("Logo « {path} » : image de {width} × {height} pixels, au plus {max} "
                     "pixels de côté.")
ERROR_LOGO_SVG = ("Logo « {path} » : SVG illisible (XML mal formé, élément racine autre que "
                  "<svg>, DTD ou entités, ou trop d'éléments).")
ERROR_PAGE_TITLE = "Export impossible"
ERROR_CLI = "Export impossible : {message}"
ERROR_CLI_WRITE = "Export impossible : le fichier « {path} » ne peut pas être écrit ({reason})."
ERROR_CLI_UNEXPECTED = "Export impossible : erreur inattendue ({kind} : {detail})."
ERROR_FORMAT = "Format d'export « {fmt} » inconnu."
