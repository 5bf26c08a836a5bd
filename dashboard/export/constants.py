"""Constants of the exports: paper, resolutions, formats, page layout, French texts.

Sizes of the composed page are CSS pixels (96 per inch), the unit plotly lays figures
out in; an export scales them to the paper and resolution asked for.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from dashboard.strings import PANORAMA_COLUMNS

PROJECT_DIR = Path(__file__).resolve().parents[2]
ASSETS_DIR = PROJECT_DIR / "assets"
#: Folder holding ``world_110m.json``: plotly.js fetches it even for a map without a
#: base layer, from a CDN unless told otherwise (export error 525 when offline).
TOPOJSON_URL = (ASSETS_DIR / "topojson").as_uri() + "/"
LEAFLET_DIR = ASSETS_DIR / "vendor" / "leaflet"

# --- Renderer -------------------------------------------------------------------------------
#: Chromium driven by kaleido (Debian's package; ``make test`` installs it).
CHROMIUM_PATH = Path("/usr/bin/chromium")
#: Longest wait for one figure or one PDF; past it the export fails with a 504.
RENDER_TIMEOUT_S = 60.0
#: Extra wait, past kaleido's own timeout, before a hung browser is closed.
TIMEOUT_GRACE_S = 5.0
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
DPIS = (150, 300)
#: Text is this much larger on A3 than on A4: a poster is read from further away.
PAPER_ZOOM = MappingProxyType({"a4": 1.0, "a3": 1.25})
#: Added to the PNG size before dividing by the scale: plotly.js truncates
#: ``width × scale`` to whole pixels, so the exact quotient could lose one pixel.
PIXEL_ROUNDING_SLACK = 0.25
STATIC_FORMATS = ("pdf", "png", "svg")
MIME_TYPES = MappingProxyType({
    "pdf": "application/pdf",
    "png": "image/png",
    "svg": "image/svg+xml",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
})
LOGO_MIME_TYPES = MappingProxyType({
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml",
})
#: Longest title or subtitle accepted from a URL or the command line.
MAX_TITLE_LENGTH = 200

# --- Page layout (CSS pixels at A4 scale) ------------------------------------------------------
PAGE_MARGIN = 34
GAP = 14
TITLE_SIZE = 24
SUBTITLE_SIZE = 14
FOOTER_SIZE = 11
LINE_HEIGHT = 1.3
#: Average glyph width / font size of a sans-serif (bold a little wider): estimates
#: where to wrap lines, on the safe side.
GLYPH_WIDTH = 0.52
BOLD_GLYPH_WIDTH = 0.58
LOGO_SIZE = (150, 60)
LOGO_FRAME = MappingProxyType({"color": "#b0b0b0", "width": 1, "dash": "dot"})
RULE_COLOUR = "#c8c8c8"
MUTED_COLOUR = "#555555"
NOTICE_COLOUR = "#a4262c"
PAPER_COLOUR = "#ffffff"
#: The portrait page puts the sources beside the legend when at least this wide.
MIN_SIDE_TEXT_WIDTH = 220

# --- Atlas --------------------------------------------------------------------------------------
ATLAS_PAPER = "a4"
ATLAS_ORIENTATION = "paysage"

# --- Tables -------------------------------------------------------------------------------------
COORDINATE_DECIMALS = 5
#: Most decimals of a value in a data file (trailing zeros dropped).
EXPORT_DECIMALS = 6

# --- French texts -------------------------------------------------------------------------------
ILLUSTRATIVE_NOTICE = "Données illustratives — périmètres non officiels"
PERIMETER_SOURCE = "Périmètres {labels} : {source}"
PERIMETER_SOURCE_UNKNOWN = "source non renseignée"
METHOD_LINE = "Méthode : {method}, {classes}"
CLASS_COUNT = "{count} classes"
CLASS_COUNT_ONE = "1 classe"
MADE_ON = "Réalisé avec Cartocoord le {date}"
TITLE = "{indicator} — {scope}"
SUBTITLE_BY_COMMUNE = "{label}, par commune"
SUBTITLE_BY_TERRITORY = "{label}, par territoire {zoning}"
SUBTITLE_ZONINGS = "Territoires de coordination : {zonings}"
SCOPE_DEPARTEMENT = "{nom} ({code})"
SCOPE_MANY = "Départements {codes}"
#: Above this many départements, the scope names them by code only.
SCOPE_MAX_NAMES = 3
AND = " et "
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")

ATLAS_TITLE = "Atlas {indicator} — {region}"
ATLAS_TABLE_TITLE = "Structures de coordination — {scope}"
ATLAS_TABLE_EMPTY = "Aucune structure des territoires choisis sur ce périmètre."
ATLAS_VALUE_NOTE = ("{indicator} : valeur sur l'ensemble du territoire de chaque structure, "
                    "toutes communes comprises.")
ATLAS_COLUMNS = MappingProxyType(dict(PANORAMA_COLUMNS))

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
    "population": "Population municipale",
    "coverage": "Part de la population couverte par la valeur (%)",
    "telephone": "Téléphone",
    "courriel": "Courriel",
    "site": "Site",
    "illustratif": "Illustratif",
})
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
ERROR_LOGO_TYPE = "Logo « {path} » : formats acceptés {formats}."
ERROR_LOGO_MISSING = "Logo « {path} » introuvable."
ERROR_PAGE_TITLE = "Export impossible"
ERROR_FORMAT = "Format d'export « {fmt} » inconnu."
