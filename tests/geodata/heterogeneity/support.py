"""The toy grid of the heterogeneity tests, whose answers are computed by hand.

The grid is built in Lambert-93 (EPSG:2154) with 10 km cells, then converted to WGS84 as
the base geography is: every shared edge is 10 km long in the projection the lengths are
measured in. Unit ``n`` has ``100 × n`` inhabitants::

    row 3   13  14 | 15  16        départements: 91 on the left (6,000 inhabitants),
    row 2    9  10 | 11  12                      92 on the right (7,600)
    row 1    5   6 |  7   8
    row 0    1   2 |  3   4

Zonings:

- ``dac``: ``ouest`` (the 91 half) and ``est`` (the 92 half);
- ``quad``: the four quadrants ``sw``, ``se``, ``nw``, ``ne``, nested in ``dac``;
- ``cpts``: ``c1`` = {2, 3, 4} (crosses the limit: 200 in 91, 700 in 92),
  ``c2`` = {5, 6, 9, 10}, ``c3`` = {11, 12, 15}, ``c4`` = {12, 16} (12 is shared: 600 to
  each), ``c5`` en projet without units; zones blanches {1, 7, 8, 13, 14} (4,300).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geodata.heterogeneity import LENGTH_CRS
from geodata.zonings.model import Fiche, Zoning
from geodata.zonings.zoning_types import load_zoning_types

ORIGIN = (640_000.0, 6_850_000.0)
CELL = 10_000.0
CELL_KM = CELL / 1000


def code(n: int) -> str:
    return f"{n:05d}"


def grid_units() -> gpd.GeoDataFrame:
    records = []
    for row in range(4):
        for col in range(4):
            n = row * 4 + col + 1
            x, y = ORIGIN[0] + col * CELL, ORIGIN[1] + row * CELL
            records.append({"code": code(n), "nom": f"Commune {n}",
                            "departement": "91" if col < 2 else "92", "population": 100 * n,
                            "geometry": shapely.box(x, y, x + CELL, y + CELL)})
    return gpd.GeoDataFrame(records, crs=LENGTH_CRS).to_crs("EPSG:4326")


def zoning(key: str, territories: dict[str, list[int]]) -> Zoning:
    fiches = {tid: Fiche(nom=f"Territoire {tid}", type=key) for tid in territories}
    members = tuple((tid, code(n)) for tid, ns in territories.items() for n in ns)
    return Zoning(type=load_zoning_types().get(key), fiches=fiches, members=members)


DAC = zoning("dac", {"ouest": [1, 2, 5, 6, 9, 10, 13, 14], "est": [3, 4, 7, 8, 11, 12, 15, 16]})
QUAD = zoning("quad", {"sw": [1, 2, 5, 6], "se": [3, 4, 7, 8], "nw": [9, 10, 13, 14],
                       "ne": [11, 12, 15, 16]})
CPTS = zoning("cpts", {"c1": [2, 3, 4], "c2": [5, 6, 9, 10], "c3": [11, 12, 15],
                       "c4": [12, 16], "c5": []})
ZONINGS = {"quad": QUAD, "dac": DAC, "cpts": CPTS}
# Population of the CPTS, unit 12 (1,200) shared between c3 and c4.
POP_CPTS = {"c1": 900, "c2": 3000, "c3": 1100 + 600 + 1500, "c4": 600 + 1600}


def pieces_of(frame: pd.DataFrame, territory: str) -> dict:
    rows = frame[frame["territory_id"] == territory]
    return {(None if pd.isna(piece) else piece): population
            for piece, population in zip(rows["piece"], rows["population"], strict=True)}
