"""Helpers of the observation tests: fixture files, small units, code aliases."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

FIXTURES = Path(__file__).parent / "fixtures" / "indicators"
MINI_FILOSOFI = FIXTURES / "filosofi-mini.csv"
PARIS_ARRONDISSEMENTS = [f"751{number:02d}" for number in range(1, 21)]
NAN = float("nan")


def mini_units(codes: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"code": codes, "nom": codes, "departement": [c[:2] for c in codes],
                         "population": np.arange(1, len(codes) + 1) * 1000,
                         "area_km2": np.full(len(codes), 2.0)})


ALIASES = pd.DataFrame({"alias": ["75056", "93059"],
                        "kind": ["arrondissements", "ancienne_commune"],
                        "codes": [";".join(PARIS_ARRONDISSEMENTS), "93066"],
                        "nom": ["Paris", "Pierrefitte-sur-Seine"]})
