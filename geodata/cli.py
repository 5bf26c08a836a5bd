"""Commands that build, describe and check the data; their output formats are a contract.

``build`` derives the base geography of a region (or of every region built here) and
its demonstration zonings, and stores the latter as their first version; ``summary``
and ``heterogeneity`` print one JSON object each; ``validate`` checks a perimeter file,
``places`` a list of places and ``observations`` a table of indicators; none ever
ends in a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geodata import base, build, catalog, demo
from geodata.clock import local_today
from geodata.config import DEFAULT_REGION, current_region, region_dir
from geodata.harmonisation import Goal, unit_neighbours
from geodata.harmonisation.request import HarmonisationError, command_payload, departement_units
from geodata.heterogeneity import heterogeneity_summary
from geodata.intake import validate_path
from geodata.observations.indicator_texts import SHARED_TEXTS
from geodata.observations.place_intake import read_indicators_path, read_places_path
from geodata.observations.shared_indicators import SharingError, declared_layer, layer_slug
from geodata.observations.user_indicators import UserIndicators
from geodata.sources import SourceError
from geodata.store import Provenance, StoreError, VersionKind, clip_note
from geodata.store.layer_kinds import INDICATOR_LAYERS


def _build(args: argparse.Namespace) -> int:
    regions = build.built_regions() if args.all_regions else [args.region]
    try:
        provenances = build.build_regions(regions)
    except (build.BuildError, SourceError) as error:
        print(error, file=sys.stderr)
        return 1
    for region, provenance in zip(regions, provenances, strict=True):
        print(f"{provenance['region_name']} : {provenance['units']} unités, "
              f"{provenance['population']} habitants ({provenance['population_vintage']}) "
              f"→ {region_dir(region)}")
        _demo_set(region, args.seed, regenerate=False)
        # Else the app's first start stores the demonstration set itself: 6 s for France.
        revision = catalog.zonings_revision(region, fresh=True)
        print(f"Stock des découpages prêt (révision {revision}).")
    return 0


def _demo(args: argparse.Namespace) -> int:
    _demo_set(args.region, args.seed, regenerate=True)
    return 0


def _demo_set(region: str, seed: int, *, regenerate: bool) -> None:
    units, aliases = base.load_units(region), base.load_code_aliases(region)
    keys, kept = demo.refresh_demo_set(units, aliases, catalog.zonings_dir(region), seed=seed,
                                       regenerate=regenerate)
    done = "conservés (mêmes périmètres)" if kept else "générés"
    print(f"Zonages de démonstration (données illustratives) {done} : {', '.join(keys)} "
          f"→ {catalog.zonings_dir(region)}")


def _summary(args: argparse.Namespace) -> int:
    try:
        payload = catalog.summary(args.region)
    except base.MissingRegionError as error:
        print(error, file=sys.stderr)
        return 1
    print(json.dumps(payload, ensure_ascii=False))
    return 0


def _heterogeneity(args: argparse.Namespace) -> int:
    try:
        payload = heterogeneity_summary(catalog.load_zonings(args.region),
                                        base.load_units(args.region))
    except base.MissingRegionError as error:
        print(error, file=sys.stderr)
        return 1
    print(json.dumps(payload, ensure_ascii=False, allow_nan=False))
    return 0


def _harmonise(args: argparse.Namespace) -> int:
    try:
        stored = catalog.load_zonings(args.region)
        zonings = {**catalog.load_reference_zonings(args.region), **stored}
        units = departement_units(base.load_units(args.region),
                                  [code for code in args.departements.split(",") if code])
        payload = command_payload(zonings, stored, units, unit_neighbours(units),
                                  (args.zoning, args.reference), args.objectif)
    except (base.MissingRegionError, HarmonisationError) as error:
        print(error, file=sys.stderr)
        return 1
    print(json.dumps(payload, ensure_ascii=False, allow_nan=False))
    return 0


def _region_frames(region: str) -> tuple[gpd.GeoDataFrame, pd.DataFrame] | None:
    """Units and code history of a region; None (and why, on stderr) when it is not built."""
    try:
        return base.load_units(region), base.load_code_aliases(region)
    except base.MissingRegionError as error:
        print(error, file=sys.stderr)
        return None


def _validate(args: argparse.Namespace) -> int:
    frames = _region_frames(args.region)
    if frames is None:
        return 1
    units, aliases = frames
    zoning, report = validate_path(Path(args.file), args.zoning, units, aliases,
                                   iris=base.load_iris(args.region))
    print(report.summary_text(units) if zoning is not None else report.to_text())
    return 0 if zoning is not None else 1


def _observations(args: argparse.Namespace) -> int:
    frames = _region_frames(args.region)
    if frames is None:
        return 1
    iris = catalog.load_observations(args.region).iris
    report = read_indicators_path(Path(args.file), *frames, iris,
                                  combine="count" if args.effectifs else "rate")
    print(report.to_text())
    if not report.ok or report.result is None:
        return 1
    return _share(args, report.result) if args.enregistrer else 0


def _share(args: argparse.Namespace, imported: UserIndicators) -> int:
    """Store a checked table as the next version of a shared layer, as the web page does."""
    if not (args.editeur or "").strip():
        print(SHARED_TEXTS["no_editor"], file=sys.stderr)
        return 1
    try:
        layer = declared_layer(imported, args.enregistrer, args.source, args.date,
                               local_today())
        info = catalog.zoning_store().add_indicator_layer(
            args.region, INDICATOR_LAYERS.key(layer_slug(layer.label)), layer,
            Provenance(args.editeur.strip(), VersionKind.IMPORT, layer.filename, layer.sha256,
                       clip_note(args.note)))
    except (SharingError, StoreError) as error:
        print(SHARED_TEXTS["refused"].format(reason=error), file=sys.stderr)
        return 1
    print(SHARED_TEXTS["stored"].format(label=layer.label, number=info.number, key=info.zoning_key))
    return 0


def _places(args: argparse.Namespace) -> int:
    frames = _region_frames(args.region)
    if frames is None:
        return 1
    report = read_places_path(Path(args.file), *frames, label=args.label)
    print(report.to_text())
    return 0 if report.ok else 1


def parser() -> argparse.ArgumentParser:
    """Build the argument parser of ``python -m geodata``."""
    root = argparse.ArgumentParser(prog="python -m geodata",
                                   description=__doc__.splitlines()[0])
    commands = root.add_subparsers(dest="command", required=True)
    region_help = "code INSEE de la région (11 = Île-de-France), ou « all » (métropole)"

    build_cmd = commands.add_parser("build", help="construit la géographie de base et la démo")
    which = build_cmd.add_mutually_exclusive_group()
    which.add_argument("--region", default=DEFAULT_REGION, help=region_help)
    which.add_argument("--all-regions", action="store_true",
                       help="reconstruit toutes les régions construites ici (Île-de-France et "
                            "celles de .data/), par exemple après une montée de version des "
                            "sources")
    build_cmd.add_argument("--seed", type=int, default=2024, help="graine de la démonstration")
    build_cmd.set_defaults(run=_build)

    demo_cmd = commands.add_parser(
        "demo", help="régénère les zonages de démonstration (nouveaux périmètres)")
    demo_cmd.add_argument("--region", default=current_region(), help=region_help)
    demo_cmd.add_argument("--seed", type=int, default=2024, help="graine de la démonstration")
    demo_cmd.set_defaults(run=_demo)

    summary_cmd = commands.add_parser("summary", help="résumé JSON des données chargées")
    summary_cmd.add_argument("--region", default=current_region(), help=region_help)
    summary_cmd.set_defaults(run=_summary)

    heterogeneity_cmd = commands.add_parser(
        "heterogeneity", help="emboîtements, découpages et zones blanches des zonages (JSON)")
    heterogeneity_cmd.add_argument("--region", default=current_region(), help=region_help)
    heterogeneity_cmd.set_defaults(run=_heterogeneity)

    harmonise_cmd = commands.add_parser(
        "harmonise", help="propose les déplacements pour qu'un découpage s'emboîte (JSON)")
    harmonise_cmd.add_argument("--zoning", required=True, help="découpage à ajuster (cpts…)")
    harmonise_cmd.add_argument("--reference", required=True,
                               help="référence (dac, epci, dep, ept…)")
    harmonise_cmd.add_argument("--objectif", default=str(Goal.ZONING),
                               choices=[str(goal) for goal in Goal],
                               help="« zonage » : le découpage suit la référence ; "
                                    "« reference » : la référence suit le découpage")
    harmonise_cmd.add_argument("--departements", default="",
                               help="codes séparés par des virgules (toute la région sinon)")
    harmonise_cmd.add_argument("--region", default=current_region(), help=region_help)
    harmonise_cmd.set_defaults(run=_harmonise)

    validate_cmd = commands.add_parser("validate", help="vérifie un fichier de périmètres")
    validate_cmd.add_argument("file", help="CSV, XLSX, GeoJSON, GeoPackage ou Shapefile zippé")
    validate_cmd.add_argument("--zoning", default=None,
                              help="type de zonage (dac, cpts, carsic, perinatal…)")
    validate_cmd.add_argument("--region", default=current_region(), help=region_help)
    validate_cmd.set_defaults(run=_validate)

    places_cmd = commands.add_parser(
        "places", help="vérifie une liste de lieux (coordonnées ou code commune)")
    places_cmd.add_argument("file", help="CSV ou XLSX, une ligne par lieu")
    places_cmd.add_argument("--label", default=None, help="nom de la couche")
    places_cmd.add_argument("--region", default=current_region(), help=region_help)
    places_cmd.set_defaults(run=_places)
    observations_cmd = commands.add_parser(
        "observations", help="vérifie un tableau d'indicateurs par commune ou par IRIS")
    observations_cmd.add_argument("file", help="CSV ou XLSX, une ligne par code commune ou IRIS")
    observations_cmd.add_argument("--effectifs", action="store_true",
                                  help="colonnes d'effectifs (additionnés), non des taux")
    observations_cmd.add_argument("--region", default=current_region(), help=region_help)
    observations_cmd.add_argument(
        "--enregistrer", metavar="NOM", default=None,
        help="enregistre le tableau pour tous comme couche d'indicateurs partagée (nouvelle "
             "version si le nom existe), comme « Enregistrer pour tous » sur la carte")
    observations_cmd.add_argument("--source", default=None,
                                  help="source ou producteur des données (avec --enregistrer)")
    observations_cmd.add_argument("--date", default=None,
                                  help="date des données, jj/mm/aaaa (avec --enregistrer)")
    observations_cmd.add_argument("--editeur", default=None,
                                  help="identifiant de l'éditeur (avec --enregistrer)")
    observations_cmd.add_argument("--note", default=None, help="note de version")
    observations_cmd.set_defaults(run=_observations)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = parser().parse_args(argv)
    return args.run(args)
