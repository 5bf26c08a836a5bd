"""A tiny synthetic region: a 4 by 4 grid of square communes in two départements.

::

    row 3   04007 04008 | 75107 75108
    row 2   04005 04006 | 75105 75106
    row 1   04003 04004 | 75103 75104
    row 0   04001 04002 | 75101 75102

Département 04 has "lost zero" codes; 75 is Paris given by arrondissements, with the
parent code 75056 and a former commune 04099 (merged into 04002) as aliases.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geodata.zonings import validate_file

from .support import Validate

FIXTURES = Path(__file__).parent / "fixtures"
ORIGIN = (2.20, 48.70)
CELL = 0.05
NAMES_04 = ["Aubignosc", "Bévons", "Château-Arnoux-Saint-Auban", "Digne-les-Bains",
            "Entrevennes", "Forcalquier", "Ganagobie", "Saint-Étienne-les-Orgues"]
ORDINALS = ["1er"] + [f"{n}e" for n in range(2, 9)]


def cell(col: int, row: int) -> shapely.Polygon:
    x, y = ORIGIN[0] + col * CELL, ORIGIN[1] + row * CELL
    return shapely.box(x, y, x + CELL, y + CELL)


def grid_units() -> gpd.GeoDataFrame:
    records = []
    for row in range(4):
        for col in range(4):
            rank = row * 2 + col % 2
            if col < 2:
                code, nom, departement = f"04{rank + 1:03d}", NAMES_04[rank], "04"
            else:
                code, nom = f"751{rank + 1:02d}", f"Paris {ORDINALS[rank]} Arrondissement"
                departement = "75"
            records.append({
                "code": code, "nom": nom, "departement": departement,
                "epci": "200054781" if departement == "75" else "240400000",
                "population": 1000 * (len(records) + 1), "area_km2": 20.0,
                "geometry": cell(col, row),
            })
    return gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326")


@pytest.fixture(scope="session")
def units() -> gpd.GeoDataFrame:
    return grid_units()


@pytest.fixture(scope="session")
def aliases() -> pd.DataFrame:
    paris = ";".join(f"751{n:02d}" for n in range(1, 9))
    return pd.DataFrame({
        "alias": ["75056", "04099"],
        "kind": ["arrondissements", "ancienne_commune"],
        "codes": [paris, "04002"],
        "nom": ["Paris", "Vieux-Bévons"],
    })


@pytest.fixture
def validate(units: gpd.GeoDataFrame, aliases: pd.DataFrame) -> Validate:
    """``validate_file`` on the grid region; a bare name is a file of ``fixtures/``."""
    def run(path: str | Path, zoning_type: str | None = None, **options: object):
        path = FIXTURES / path if isinstance(path, str) else path
        return validate_file(path, zoning_type, units, aliases, **options)

    return run
