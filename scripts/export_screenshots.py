"""Make the pictures of exported pages shown by the README, with the app's own exports.

Writes, under ``docs/`` (or ``--out``):

* ``export-region-a4.png``: Île-de-France, DAC and CPTS named, A4 landscape;
* ``export-93-a4.png``: Seine-Saint-Denis with the names of its DAC and CPTS;
* ``export-atlas-cover.png``: the atlas's cover (contents, index map);
* ``export-slide.png``: the region on a 16:9 slide, 1920 pixels wide.

Each is the exported PDF turned into a picture by pdftoppm (120 dpi for A4): the same
page as the PNG export, in a file a few times smaller for the repository.

Needs Chromium and poppler-utils (``scripts/install_browser.sh``)::

    .venv/bin/python scripts/export_screenshots.py [--out DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.export import (  # noqa: E402  (after the path is set)
    PageFormat,
    PageOptions,
    build_atlas,
    export_map,
    get_renderer,
)
from dashboard.views.data import load_app_data  # noqa: E402
from dashboard.views.state import ViewState  # noqa: E402

REGION = ViewState(zonings=("dac", "cpts"), labels=True)
SEINE_SAINT_DENIS = ViewState(departements=("93",), zonings=("dac", "cpts"), labels=True)
#: Resolution of the A4 pictures; the slide's is 1920 pixels wide.
A4_DPI = 120
SLIDE_WIDTH = 1920


def main(argv: list[str] | None = None) -> int:
    """Write the four pictures; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    out = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    data = load_app_data()
    try:
        with tempfile.TemporaryDirectory() as folder:
            pdfs = {
                "export-region-a4": (export_map(data, REGION, PageOptions(), "pdf"), A4_DPI),
                "export-93-a4": (export_map(data, SEINE_SAINT_DENIS, PageOptions(), "pdf"),
                                 A4_DPI),
                "export-slide": (export_map(data, REGION, PageOptions(page=PageFormat("diapo")),
                                            "pdf"), None),
                "export-atlas-cover": (build_atlas(data, ("dac", "cpts"), "TP6021"), A4_DPI),
            }
            for name, (pdf, dpi) in pdfs.items():
                path = Path(folder) / f"{name}.pdf"
                path.write_bytes(pdf)
                size = ["-r", str(dpi)] if dpi else ["-scale-to-x", str(SLIDE_WIDTH),
                                                     "-scale-to-y", "-1"]
                subprocess.run(["pdftoppm", "-png", *size, "-f", "1", "-l", "1", "-singlefile",
                                str(path), str(out / name)], check=True)
    finally:
        get_renderer().close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
