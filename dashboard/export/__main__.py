r"""Command line of the exports: ``python -m dashboard.export map|atlas|communes|territoires``.

On success it prints one line (« Écrit : … ») and exits 0; on any failure, one French line
on standard error saying what is wrong, and exits 1: a bad option, a view the data does
not have, Chromium missing, a file that cannot be written. No traceback either way.

Examples
--------
::

    python -m dashboard.export map --departement 93 --zonings dac,cpts --labels \\
        --indicator TP6021 --format pdf --out carte.pdf
    python -m dashboard.export map --zonings dac --format png --dpi 300 --paper a3 \\
        --orientation portrait --title "Pauvreté et DAC" --logo logo.svg --out carte.png
    python -m dashboard.export map --paper diapo --resolution 2160 --format png \\
        --transparent --out diapo.png
    python -m dashboard.export atlas --zonings dac,cpts --indicator TP6021 --out atlas.pdf
    python -m dashboard.export territoires --departement 93 --zonings cpts \\
        --format geojson --out cpts-93.geojson
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import NoReturn

from dashboard.classification import ClassificationError
from dashboard.constants import MAX_CLASSES, METHODS, MIN_CLASSES
from dashboard.export.atlas import build_atlas
from dashboard.export.constants import (
    BREAKS_PER_PAGE,
    ERROR_CLI,
    ERROR_CLI_UNEXPECTED,
    ERROR_CLI_WRITE,
    ORIENTATIONS,
    STATIC_FORMATS,
)
from dashboard.export.errors import ExportError
from dashboard.export.interactive import build_folium_map
from dashboard.export.logo import read_logo
from dashboard.export.options import check_choice
from dashboard.export.page import PageOptions
from dashboard.export.presets import KINDS, PageFormat
from dashboard.export.renderer import get_renderer
from dashboard.export.static import export_map
from dashboard.export.tables import communes_csv, territories_csv, territories_geojson
from dashboard.formatting import format_number
from dashboard.views.data import AppData, load_app_data
from dashboard.views.place_layers import shown_layers
from dashboard.views.state import BY_COMMUNE, ViewState, split_breaks
from geodata import base
from geodata.observations.place_intake import read_places_path
from geodata.observations.places import PlaceList

#: argparse's English messages → French ones (the rest is printed as it is).
_PARSER_MESSAGES = (
    (re.compile(r"argument (\S+): invalid choice: '?([^']*)'? \(choose from (.*)\)"),
     "Valeur « {1} » invalide pour {0} : choisissez parmi {2}."),
    (re.compile(r"argument (\S+): invalid int value: '?([^']*)'?"),
     "Valeur « {1} » invalide pour {0} : un nombre entier est attendu."),
    (re.compile(r"argument (\S+): expected one argument"), "L'option {0} attend une valeur."),
    (re.compile(r"the following arguments are required: (.*)"),
     "Option obligatoire manquante : {0}."),
    (re.compile(r"unrecognized arguments: (.*)"), "Option inconnue : {0}."),
)


class _Parser(argparse.ArgumentParser):
    """An argument parser that fails with one French line and status 1."""

    def error(self, message: str) -> NoReturn:
        for pattern, french in _PARSER_MESSAGES:
            match = pattern.search(message)
            if match:
                message = french.format(*(group.replace("'", "") for group in match.groups()))
                break
        print(ERROR_CLI.format(message=message), file=sys.stderr)
        sys.exit(1)


def _listed(values: list[str] | None) -> tuple[str, ...]:
    """Values given as repeated options and/or comma-separated lists."""
    return tuple(item.strip() for value in values or () for item in value.split(",")
                 if item.strip())


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m dashboard.export",
        description="Exporte la carte (PDF, PNG, SVG, HTML), l'atlas PDF ou les données.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def view_options(command: argparse.ArgumentParser, *, departements: bool = True) -> None:
        if departements:
            command.add_argument("--departement", action="append", metavar="CODES",
                                 help="département(s), ex. 93 ou 92,93 (défaut : la région)")
        command.add_argument("--zonings", action="append", metavar="CLÉS",
                             help="territoires tracés, ex. dac,cpts (défaut : dac)")
        command.add_argument("--indicator", default="TP6021", metavar="CODE",
                             help="indicateur, ex. TP6021 (défaut), MED21")
        command.add_argument("--method", default="quantiles", choices=METHODS,
                             help="méthode de classification (défaut : quantiles)")
        command.add_argument("--classes", type=int, default=5,
                             help=f"nombre de classes, {MIN_CLASSES} à {MAX_CLASSES}")
        command.add_argument("--breaks", default="", metavar="SEUILS",
                             help="seuils de la méthode manuel, ex. \"10;15;20\"")
        command.add_argument("--out", required=True, type=Path, help="fichier écrit")

    def page_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("--paper", default="a4", choices=KINDS,
                             help="format : a4, a3, diapo (16:9) ou web (1200 px de large)")
        command.add_argument("--orientation", default="paysage", choices=ORIENTATIONS,
                             help="orientation du papier (défaut : paysage)")

    carte = commands.add_parser("map", aliases=["carte"], help="la carte composée")
    view_options(carte)
    page_options(carte)
    carte.add_argument("--format", default="pdf", choices=(*STATIC_FORMATS, "html"))
    carte.add_argument("--resolution", "--dpi", dest="resolution", metavar="VALEUR",
                       help="PNG : 150 ou 300 dpi sur papier, 1080 ou 2160 pour une "
                            "diapositive (1920 × 1080 ou 3840 × 2160 pixels)")
    carte.add_argument("--transparent", action="store_true", help="PNG sur fond transparent")
    carte.add_argument("--title", help="titre (défaut : indicateur et territoire)")
    carte.add_argument("--subtitle", help="sous-titre (défaut : coloration et limites)")
    carte.add_argument("--logo", type=Path, help="logo PNG, JPEG ou SVG en haut à droite")
    carte.add_argument("--colour-by", default=BY_COMMUNE, metavar="COMMUNES|CLÉ",
                       help="colorier par commune (défaut) ou par territoire d'un zonage")
    carte.add_argument("--labels", action="store_true", help="noms des territoires")
    carte.add_argument("--lieux", type=Path, metavar="FICHIER",
                       help="liste de lieux (CSV ou XLSX) dessinée sur la carte, contrôlée "
                            "comme par « python -m geodata places »")

    atlas = commands.add_parser(
        "atlas", help="atlas PDF : sommaire, la région puis chaque département",
        epilog=f"--breaks {BREAKS_PER_PAGE} : classes calculées carte par carte (par défaut, "
               "les mêmes classes, calculées sur la région, pour tout l'atlas).")
    view_options(atlas, departements=False)
    page_options(atlas)

    for name, formats, text in (("communes", ("csv",), "indicateur par commune (CSV)"),
                                ("territoires", ("csv", "geojson"),
                                 "territoires et fiches (CSV ou GeoJSON)")):
        command = commands.add_parser(name, help=text)
        view_options(command)
        command.add_argument("--format", default=formats[0], choices=formats)
    return parser


def _state(data: AppData, args: argparse.Namespace) -> ViewState:
    """Build the view the options describe, checking every value against the data."""
    departements = _listed(getattr(args, "departement", None))
    zonings = _listed(args.zonings) or data.default_state.zonings
    for code in departements:
        check_choice("--departement", code, data.choices.departements)
    for key in zonings:
        check_choice("--zonings", key, data.choices.zonings)
    check_choice("--indicator", args.indicator, data.choices.indicators)
    check_choice("--classes", args.classes, range(MIN_CLASSES, MAX_CLASSES + 1))
    colour_by = getattr(args, "colour_by", BY_COMMUNE)
    check_choice("--colour-by", colour_by, (BY_COMMUNE, *data.choices.zonings))
    breaks = () if args.breaks == BREAKS_PER_PAGE else split_breaks(args.breaks)
    return ViewState(departements=departements, zonings=zonings, indicator=args.indicator,
                     method=args.method, classes=args.classes, breaks=breaks,
                     colour_by=colour_by, labels=getattr(args, "labels", False))


def _places(data: AppData, state: ViewState, path: Path) -> tuple[PlaceList, ...]:
    """Read a list of places as the map page does; refuse it with the page's report."""
    report = read_places_path(path, data.units, base.load_code_aliases(data.region))
    if not report.ok:
        raise ExportError(report.to_text())
    return shown_layers(data, state, report.layer)


def _render(data: AppData, args: argparse.Namespace) -> bytes:
    state = _state(data, args)
    if args.command in ("map", "carte"):
        places = _places(data, state, args.lieux) if args.lieux else ()
        if args.format == "html":
            return build_folium_map(data, state, places=places).encode("utf-8")
        options = PageOptions(page=PageFormat(args.paper, args.orientation),
                              title=args.title, subtitle=args.subtitle,
                              logo=read_logo(args.logo) if args.logo else None,
                              transparent=args.transparent, places=places)
        return export_map(data, state, options, args.format, args.resolution)
    if args.command == "atlas":
        return build_atlas(data, state.zonings, state.indicator, method=state.method,
                           classes=state.classes, breaks=state.breaks,
                           per_page=args.breaks == BREAKS_PER_PAGE,
                           page=PageFormat(args.paper, args.orientation))
    if args.command == "communes":
        return communes_csv(data, state)
    if args.format == "geojson":
        return json.dumps(territories_geojson(data, state), ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
    return territories_csv(data, state)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 written, 1 not)."""
    args = _parser().parse_args(argv)
    start = time.perf_counter()
    try:
        body = _render(load_app_data(), args)
        args.out.write_bytes(body)
    except (ExportError, ClassificationError) as error:
        print(ERROR_CLI.format(message=error), file=sys.stderr)
        return 1
    except OSError as error:
        print(ERROR_CLI_WRITE.format(path=args.out, reason=error.strerror or error),
              file=sys.stderr)
        return 1
    except Exception as error:  # one French line rather than a traceback, whatever it is
        print(ERROR_CLI_UNEXPECTED.format(kind=type(error).__name__, detail=error),
              file=sys.stderr)
        return 1
    finally:
        get_renderer().close()
    print(f"Écrit : {args.out} ({format_number(len(body) / 1000, 0)} ko, "
          f"{format_number(time.perf_counter() - start, 1)} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
