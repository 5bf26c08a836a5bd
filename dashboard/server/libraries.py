"""Component libraries loaded by the pages that show them, not by every page.

Dash writes a ``<script>`` tag in every page for the main bundle of every component
library the app imports. dash-ag-grid's weighs 0.3 MB compressed (and pulls 0.2 MB more
when a grid mounts), although the map page, the first one most users see, has no grid.
Marked ``async`` here, it leaves the page (Dash still serves it, and registers its path);
the pages that hold grids declare it (:data:`dashboard.layouts.pages.PAGES`) and
``assets/pages.js`` loads it, from the fingerprinted URL given here (kept a year by the
browser), before the server sends the grids.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

from dash import Dash
from dash.fingerprint import build_fingerprint

#: Library name used by the pages → (Python package, path of its main bundle in it).
DEFERRED = {"grid": ("dash_ag_grid", "dash_ag_grid.min.js")}
#: Bundles Dash puts in every page that the app never uses: (package, path). dash_table's
#: (9 kB): the app has no DataTable, its tables are HTML tables and AG Grids.
UNUSED = (("dash.dash_table", "dash_table/bundle.js"),)


def _bundle_url(app: Dash, module: ModuleType, path: str) -> str:
    """Fingerprinted URL of a bundle, as Dash writes those of its ``<script>`` tags."""
    file = os.path.join(os.path.dirname(module.__file__), path)
    fingerprint = build_fingerprint(path, module.__version__, int(os.stat(file).st_mtime))
    return (f"{app.config.requests_pathname_prefix}_dash-component-suites/"
            f"{module.__name__}/{fingerprint}")


def _out_of_pages(module: ModuleType, path: str) -> None:
    """Mark a bundle ``async``: Dash still serves it, but writes no ``<script>`` for it."""
    for entry in module._js_dist:  # the component library's own resource list
        if entry.get("relative_package_path") == path:
            entry["async"] = True


def defer_libraries(app: Dash) -> dict[str, list[str]]:
    """Take the deferred and unused bundles out of the pages.

    Returns the scripts of the deferred libraries, by library name.
    """
    for package, path in UNUSED:
        _out_of_pages(importlib.import_module(package), path)
    scripts = {}
    for name, (package, path) in DEFERRED.items():
        module = importlib.import_module(package)
        _out_of_pages(module, path)
        scripts[name] = [_bundle_url(app, module, path)]
    return scripts
