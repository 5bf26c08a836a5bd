r"""Command line of the exports: ``python -m dashboard.export map|atlas|communes|territoires``.

Examples
--------
::

    python -m dashboard.export map --departement 93 --zonings dac,cpts \\
        --indicator TP6021 --format pdf --out carte.pdf
    python -m dashboard.export map --zonings dac --format png --dpi 300 --paper a3 \\
        --orientation portrait --title "Pauvreté et DAC" --out carte.png
    python -m dashboard.export atlas --zonings dac,cpts --indicator TP6021 --out atlas.pdf
    python -m dashboard.export territoires --departement 93 --zonings cpts \\
        --format geojson --out cpts-93.geojson
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from dashboard.classification import ClassificationError
from dashboard.constants import MAX_CLASSES, METHODS, MIN_CLASSES
from dashboard.export.atlas import build_atlas
from dashboard.export.constants import DPIS, ORIENTATIONS, PAPER_MM, STATIC_FORMATS
from dashboard.export.errors import ExportError
from dashboard.export.interactive import build_folium_map
from dashboard.export.options import check_choice, logo_data_uri
from dashboard.export.page import PageOptions, Paper
from dashboard.export.static import export_map
from dashboard.export.tables import communes_csv, territories_csv, territories_geojson
from dashboard.formatting import format_number
from dashboard.views.data import AppData, load_app_data
from dashboard.views.state import (
    BY_COMMUNE,
    ViewState,
    split_breaks,
)


def _listed(values: list[str] | None) -> tuple[str, ...]:
    """Values given as repeated options and/or comma-separated lists."""
    return tuple(item.strip() for value in values or () for item in value.split(",")
                 if item.strip())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.export",
        description="Exporte la carte (PDF, PNG, SVG, HTML), l'atlas PDF ou les données.")
    commands = parser.add_subparsers(dest="command", required=True)

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

    def paper_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("--paper", default="a4", choices=tuple(PAPER_MM), help="papier")
        command.add_argument("--orientation", default="paysage", choices=ORIENTATIONS,
                             help="orientation (défaut : paysage)")

    carte = commands.add_parser("map", aliases=["carte"], help="la carte composée")
    view_options(carte)
    paper_options(carte)
    carte.add_argument("--format", default="pdf", choices=(*STATIC_FORMATS, "html"))
    carte.add_argument("--dpi", type=int, default=DPIS[0], choices=DPIS,
                       help="résolution du PNG")
    carte.add_argument("--title", help="titre (défaut : indicateur et territoire)")
    carte.add_argument("--subtitle", help="sous-titre (défaut : indicateur et zonages)")
    carte.add_argument("--logo", type=Path, help="logo PNG, JPEG ou SVG en haut à droite")
    carte.add_argument("--colour-by", default=BY_COMMUNE, metavar="COMMUNES|CLÉ",
                       help="colorier par commune (défaut) ou par territoire d'un zonage")
    carte.add_argument("--labels", action="store_true", help="noms des territoires")

    atlas = commands.add_parser("atlas", help="atlas PDF : la région puis chaque département")
    view_options(atlas, departements=False)
    paper_options(atlas)

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
    breaks = split_breaks(args.breaks)
    return ViewState(departements=departements, zonings=zonings, indicator=args.indicator,
                     method=args.method, classes=args.classes, breaks=breaks,
                     colour_by=colour_by, labels=getattr(args, "labels", False))


def _render(data: AppData, args: argparse.Namespace) -> bytes:
    state = _state(data, args)
    if args.command in ("map", "carte"):
        if args.format == "html":
            return build_folium_map(data, state).encode("utf-8")
        options = PageOptions(paper=Paper(args.paper, args.orientation), title=args.title,
                              subtitle=args.subtitle,
                              logo=logo_data_uri(args.logo) if args.logo else None)
        return export_map(data, state, options, args.format, args.dpi)
    if args.command == "atlas":
        return build_atlas(data, state.zonings, state.indicator, method=state.method,
                           classes=state.classes, breaks=state.breaks,
                           paper=Paper(args.paper, args.orientation))
    if args.command == "communes":
        return communes_csv(data, state)
    if args.format == "geojson":
        return json.dumps(territories_geojson(data, state), ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
    return territories_csv(data, state)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 written, 1 export failed)."""
    args = _parser().parse_args(argv)
    start = time.perf_counter()
    try:
        body = _render(load_app_data(), args)
    except (ExportError, ClassificationError) as error:
        print(f"Export impossible : {error}", file=sys.stderr)
        return 1
    args.out.write_bytes(body)
    print(f"Écrit : {args.out} ({format_number(len(body) / 1000, 0)} ko, "
          f"{format_number(time.perf_counter() - start, 1)} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
