"""Small synthetic map: a 3 × 3 grid of square communes in two départements."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from dashboard.classification import Classification, classify
from dashboard.figures.geojson import label_points, outline_coordinates
from dashboard.figures.map import ZoningLayer
from dashboard.palettes import ZONING_STYLES
from geodata.geometry import dissolve
from geodata.observations.indicators import Indicator

SIDE = 0.05
#: One value per commune; the fifth is withheld (secret statistique).
VALUES = np.array([5.0, 12.345, 18.0, 22.5, np.nan, 30.0, 8.0, 15.5, 40.0])


@pytest.fixture(scope="session")
def units() -> gpd.GeoDataFrame:
    cells = [shapely.box(2.30 + col * SIDE, 48.80 + row * SIDE,
                         2.30 + (col + 1) * SIDE, 48.80 + (row + 1) * SIDE)
             for row in range(3) for col in range(3)]
    return gpd.GeoDataFrame({
        "code": [f"9300{i}" for i in range(1, 10)],
        "nom": [f"Commune {i}" for i in range(1, 10)],
        "departement": ["93", "93", "94"] * 3,
        "epci": ["E1", "E1", "E2", "E1", "E1", "E2", "E3", "E3", "E2"],
    }, geometry=cells, crs="EPSG:4326")


@pytest.fixture(scope="session")
def values() -> np.ndarray:
    return VALUES


@pytest.fixture(scope="session")
def indicator() -> Indicator:
    return Indicator("TEST", "Taux de test (au seuil de 60 %)", "Taux de test", "%", 1, 1,
                     "Source : Insee, test 2021", "2021", "rate")


@pytest.fixture(scope="session")
def classification(values: np.ndarray, indicator: Indicator) -> Classification:
    return classify(values, "quantiles", 4, unit=indicator.unit, decimals=indicator.decimals)


@pytest.fixture(scope="session")
def zonings(units: gpd.GeoDataFrame) -> list[ZoningLayer]:
    layers = []
    for style, (key, name, column) in zip(ZONING_STYLES, [("dac", "DAC", "departement"),
                                                         ("cpts", "CPTS", "epci")], strict=False):
        territories = dissolve(units.geometry, units[column].to_numpy())
        layers.append(ZoningLayer(key, name, outline_coordinates(territories), style,
                                  label_points(territories, [f"{name} {t}" for t in
                                                             territories.index])))
    return layers


@pytest.fixture(scope="session")
def hover_lines(units: gpd.GeoDataFrame) -> dict[str, pd.Series]:
    """Hover line of each zoning for every commune, by zoning key."""
    codes = units["code"].to_numpy()
    return {"dac": pd.Series([f"DAC : DAC {dep}" for dep in units["departement"]], index=codes),
            "cpts": pd.Series([f"CPTS : CPTS {epci}" for epci in units["epci"]], index=codes)}
