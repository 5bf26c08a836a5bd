"""Commands that build, describe and check the data; their output formats are a contract."""

from __future__ import annotations

import argparse
import json
import sys

from geodata import build
from geodata.config import DEFAULT_REGION, region_dir


def _build(args: argparse.Namespace) -> int:
    try:
        provenance = build.build_region(args.region, region_dir(args.region))
    except (build.BuildError, build.sources.SourceError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{provenance['region_name']} : {provenance['units']} unités, "
          f"{provenance['population']} habitants → {region_dir(args.region)}")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m geodata", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="construit la géographie de base")
    build_cmd.add_argument("--region", default=DEFAULT_REGION,
                           help="code INSEE de la région, ou « all » (France métropolitaine)")
    build_cmd.set_defaults(run=_build)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
