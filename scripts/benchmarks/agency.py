"""Agency files at scale: import time, refusal time, memory of the largest zoning drawn.

* ``import``: a 70-territory, 900-row CPTS listing of Île-de-France (the size of a real
  regional listing), checked by :func:`geodata.zonings.validate_file` as the Données page
  does; then what the page does before its preview shows, and the storing of the
  version when the editor confirms; medians of several runs.
* ``refusal``: the 300-territory file each listing the 1,285 communes (385,500 rows):
  refused, and how fast.
* ``drawing``: peak memory of drawing (outlines, names, shared rings) a CPTS-scale zoning
  of all metropolitan France: 1,000 territories over 35,000 communes, 5 % of them shared
  between two territories. Synthetic squares, or France when built (``real``). Run in
  a fresh process so that its peak is its own; :data:`DRAWING_BUDGET_MB` is the budget the
  test suite holds it to.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

#: Peak memory allowed to a process drawing the largest legitimate zoning (MB): the
#: whole process, Python and its libraries included (about 300 MB before any work).
DRAWING_BUDGET_MB = 600
LISTING_TERRITORIES = 70
LISTING_ROWS = 900
HOSTILE_TERRITORIES = 300
SCALE_UNITS = 35_000
SCALE_TERRITORIES = 1_000
SHARED_SHARE = 0.05
REPEATS = 7
PROJECT_DIR = Path(__file__).resolve().parents[2]
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB.

    Linux's ``VmHWM``, the peak of this process's own memory: ``ru_maxrss`` is not, as
    a process started by ``subprocess`` (vfork then exec) inherits there the peak of the
    process that started it (a test session of a few GB).
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    kilobytes = next(int(line.split()[1]) for line in status.splitlines()
                     if line.startswith("VmHWM:"))
    return round(kilobytes / 1024, 1)


def listing(units: pd.DataFrame, territories: int, rows: int, seed: int = 12) -> str:
    """Write a CPTS listing as agencies publish it: territory × commune rows, contacts."""
    rng = np.random.default_rng(seed)
    codes = rng.choice(units["code"].to_numpy(), size=rows, replace=False)
    owner = np.sort(rng.integers(0, territories, size=rows))
    lines = ["Nom de la CPTS;Code INSEE;Commune;Contact;Tél.;Site;Président(e)"]
    names = dict(zip(units["code"], units["nom"], strict=True))
    for territory, code in zip(owner, codes, strict=True):
        lines.append(f"CPTS n° {territory} (illustratif);{code};{names[code]};"
                     f"cpts{territory}@exemple.fr;01490000{territory % 100:02d};"
                     f"www.cpts{territory}.example;Dr Martin {territory}")
    return "\n".join(lines) + "\n"


def measure_import(repeats: int = REPEATS) -> dict[str, Any]:
    """Median seconds to check a 70-territory, 900-row listing, and to refuse the 300 × all."""
    from geodata import base
    from geodata.zonings import validate_file

    units, aliases = base.load_units("11"), base.load_code_aliases("11")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cpts-idf.csv"
        path.write_text(listing(units, LISTING_TERRITORIES, LISTING_ROWS), encoding="utf-8")
        runs = []
        for _ in range(repeats):
            began = time.perf_counter()
            zoning, report = validate_file(path, "cpts", units, aliases)
            runs.append(time.perf_counter() - began)
        if zoning is None:
            raise RuntimeError(report.to_text())
        hostile = Path(folder) / "cpts-300.csv"
        with hostile.open("w", encoding="utf-8") as file:
            file.write("territoire;code_insee\n")
            for number in range(HOSTILE_TERRITORIES):
                file.writelines(f"CPTS {number};{code}\n" for code in units["code"])
        refusals = []
        for _ in range(max(3, repeats // 2)):
            began = time.perf_counter()
            refused, refusal = validate_file(hostile, "cpts", units, aliases)
            refusals.append(time.perf_counter() - began)
        if refused is not None:
            raise RuntimeError("the 300-territory file was accepted")
        pages = [_page_preview(path, units, aliases) for _ in range(repeats)]
        stores = [_stored(zoning, Path(folder) / f"store-{run}.sqlite3")
                  for run in range(repeats)]
    return {"listing": {"territories": len(zoning.fiches), "rows": LISTING_ROWS,
                        "median_s": round(statistics.median(runs), 3),
                        "runs_s": [round(run, 3) for run in runs],
                        "page_preview_median_s": round(statistics.median(pages), 3),
                        "store_median_s": round(statistics.median(stores), 3)},
            "hostile_300": {"rows": HOSTILE_TERRITORIES * len(units),
                            "refused_with": refusal.errors[0].code,
                            "median_s": round(statistics.median(refusals), 3)}}


def _stored(zoning: Any, path: Path) -> float:
    """Seconds to store the checked listing as a new version, as « Confirmer » does."""
    from geodata.store import SQLiteStore
    from geodata.store.base import Provenance, VersionKind

    store = SQLiteStore(path)
    began = time.perf_counter()
    store.add_version("11", "cpts", zoning, Provenance("bench", VersionKind.IMPORT,
                                                       "cpts-idf.csv"))
    return time.perf_counter() - began


def _page_preview(path: Path, units: pd.DataFrame, aliases: pd.DataFrame) -> float:
    """Seconds of what the Données page does with an upload before showing its preview.

    Decoding the browser's upload, checking it, the report, the comparison with the
    version in service and the preview map.
    """
    import base64

    from dashboard.callbacks.data_page import _preview
    from dashboard.editing import uploads
    from dashboard.editing.zoning_admin import compare_lines, report_view, sanitize_fiches
    from dashboard.views.data import load_app_data

    data = load_app_data("11")
    contents = "data:text/csv;base64," + base64.b64encode(path.read_bytes()).decode()
    began = time.perf_counter()
    _, zoning, report = uploads.receive(contents, path.name, "cpts", units, aliases)
    zoning, warnings = sanitize_fiches(zoning)
    report_view(report, zoning, warnings, units)
    compare_lines(data.zonings["cpts"], zoning, dict(zip(units["code"], units["nom"],
                                                         strict=True)))
    _preview(data, zoning)
    return time.perf_counter() - began


def synthetic_france(units: int = SCALE_UNITS, territories: int = SCALE_TERRITORIES,
                     shared: float = SHARED_SHARE, seed: int = 3) -> tuple[Any, Any]:
    """AppData of square communes in 96 départements and a CPTS-scale zoning over them.

    Territories are runs of communes along a Hilbert curve (contiguous, like real ones);
    a share of communes on a territory's edge is listed under its neighbour too.
    """
    from dashboard.views.data import AppData
    from geodata.geometry import dissolve
    from geodata.zonings import Fiche, Zoning, load_zoning_types

    side = int(np.ceil(np.sqrt(units)))
    cells = np.arange(units)
    col, row = cells % side, cells // side
    size = 0.03
    geometry = shapely.box(-4 + col * size, 42 + row * size, -4 + (col + 1) * size,
                           42 + (row + 1) * size)
    departement = (row * 12 // side) * 8 + (col * 8 // side)
    frame = gpd.GeoDataFrame({
        "code": [f"{d:02d}{n:03d}" for d, n in zip(departement, cells % 1000, strict=True)],
        "nom": [f"Commune {n}" for n in cells], "departement": [f"{d:02d}" for d in departement],
        "epci": "E", "population": 1000 + cells % 5000, "area_km2": 10.0,
    }, geometry=geometry, crs="EPSG:4326")
    frame["code"] = frame["code"] + "_" + cells.astype(str)  # unique codes
    order = np.argsort(frame.geometry.hilbert_distance().to_numpy(), kind="stable")
    owner = np.empty(units, dtype=int)
    owner[order] = np.arange(units) * territories // units
    rng = np.random.default_rng(seed)
    members = [(f"t{t}", code) for t, code in zip(owner, frame["code"], strict=True)]
    edges = order[np.flatnonzero(np.diff(owner[order]) != 0)]
    for position in rng.choice(edges, size=min(len(edges), int(shared * units)), replace=False):
        members.append((f"t{owner[position] + 1}", frame["code"].iat[position]))
    cpts = load_zoning_types().get("cpts")
    zoning = Zoning(cpts, {f"t{t}": Fiche(nom=f"CPTS {t}", type="cpts")
                           for t in range(territories)}, tuple(members))
    departements = dissolve(frame.geometry, frame["departement"].to_numpy())
    departements = gpd.GeoDataFrame({"code": departements.index, "nom": departements.index},
                                    geometry=departements.to_numpy(), crs="EPSG:4326")
    data = AppData(region="bench", provenance={"region_name": "Synthétique"}, units=frame,
                   overview=frame, departements=departements,
                   departements_overview=departements, table=pd.DataFrame(),
                   zonings={"cpts": zoning})
    return data, zoning


def measure_drawing(real: bool = False) -> dict[str, Any]:
    """Time and peak memory of drawing the largest legitimate zoning at every level."""
    from dashboard.views.map_geometry import COARSE, OVERVIEW, zoning_layer

    before = peak_rss_mb()
    if real:
        from dashboard.views.data import load_app_data

        data = load_app_data("all")
        zoning = data.zonings["cpts"]
    else:
        data, zoning = synthetic_france()
    loaded = peak_rss_mb()
    began = time.perf_counter()
    levels = {}
    for level in (OVERVIEW, COARSE):
        layer = zoning_layer(data, "cpts", (), level)
        levels[level] = {"outline_points": len(layer.outline.lon),
                         "labels": len(layer.labels.text),
                         "shared_ring_points": len(layer.shared.lon) if layer.shared else 0}
    return {"units": len(data.units), "territories": len(zoning.fiches),
            "memberships": len(zoning.members), "shared_units": len(zoning.shared_units()),
            "real_geography": real, "seconds": round(time.perf_counter() - began, 2),
            "rss_before_mb": before, "rss_loaded_mb": loaded, "peak_rss_mb": peak_rss_mb(),
            "budget_mb": DRAWING_BUDGET_MB, "levels": levels}
