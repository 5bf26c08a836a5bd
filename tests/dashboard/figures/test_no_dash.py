from __future__ import annotations

import subprocess
import sys


def test_figure_modules_do_not_import_dash() -> None:
    """Figures, legend, classes and formats are pure: testable without Dash or a browser."""
    code = (
        "import sys\n"
        "import dashboard.formatting, dashboard.classification, dashboard.palettes\n"
        "import dashboard.figures.geojson, dashboard.figures.map\n"
        "import dashboard.figures.legend, dashboard.figures.thumbnail\n"
        "assert 'dash' not in sys.modules, 'dash imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
