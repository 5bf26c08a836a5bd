"""A small grid of communes and zonings on it, for the harmonisation tests.

Cells are 10 km squares in Lambert-93 converted to WGS84, numbered from the bottom left;
unit ``n`` has code ``9100n`` and the population given::

    row 1    4 (120)   5 (400)   6 (90)
    row 0    1 (100)   2 (250)   3 (300)

Reference ``dac``: ``west`` = {1, 2, 4}, ``east`` = {3, 5, 6}.
Zoning ``cpts``: ``a1`` = {1, 2, 3} (350 west, 300 east: main west), ``a2`` = {4, 5}
(120 west, 400 east: main east), ``a3`` = {6}. The « largest share » rule moves 3 to
``a3`` (its only neighbour mainly in ``east``) and 4 to ``a1``: 420 inhabitants.
"""

from __future__ import annotations

import geopandas as gpd
import shapely

from geodata.heterogeneity import LENGTH_CRS
from geodata.zonings.model import Fiche, Zoning
from geodata.zonings.zoning_types import load_zoning_types

CELL = 10_000.0
POPULATION = {1: 100, 2: 250, 3: 300, 4: 120, 5: 400, 6: 90}


def code(n: int) -> str:
    return f"9100{n}"


def grid(columns: int = 3, rows: int = 2, population: dict[int, int] | None = None
         ) -> gpd.GeoDataFrame:
    """Units numbered row by row from the bottom left."""
    population = population or POPULATION
    records = []
    for row in range(rows):
        for col in range(columns):
            n = row * columns + col + 1
            x, y = 640_000.0 + col * CELL, 6_850_000.0 + row * CELL
            records.append({"code": code(n), "nom": f"Commune {n}", "departement": "91",
                            "population": population.get(n, 100),
                            "geometry": shapely.box(x, y, x + CELL, y + CELL)})
    return gpd.GeoDataFrame(records, crs=LENGTH_CRS).to_crs("EPSG:4326")


def zoning(key: str, territories: dict[str, list[int]]) -> Zoning:
    fiches = {tid: Fiche(nom=f"Territoire {tid}", type=key) for tid in territories}
    members = tuple((tid, code(n)) for tid, ns in territories.items() for n in ns)
    return Zoning(type=load_zoning_types().get(key), fiches=fiches, members=members)


DAC = zoning("dac", {"west": [1, 2, 4], "east": [3, 5, 6]})
CPTS = zoning("cpts", {"a1": [1, 2, 3], "a2": [4, 5], "a3": [6]})
