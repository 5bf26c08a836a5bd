"""A visitor's own indicators join the region's data for their requests, and only theirs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.views import user_indicators as module
from dashboard.views.data import parse_url
from dashboard.views.map_geometry import Selection
from dashboard.views.shading import area_values
from dashboard.views.state import ViewState
from dashboard.views.user_indicators import is_user_indicator, with_user_indicators
from geodata.observations.indicators import user_indicator
from geodata.observations.session_indicators import SessionIndicators
from geodata.observations.user_indicators import UserIndicators

CODE = "u-patients"


@pytest.fixture()
def kept(tmp_path, monkeypatch, data):
    """Keep an import of values for the communes of Seine-Saint-Denis, one left empty."""
    store = SessionIndicators(tmp_path)
    monkeypatch.setattr(module, "session_indicators", lambda: store)
    codes = sorted(data.units.loc[data.units["departement"] == "93", "code"])
    values = pd.DataFrame({CODE: [float(i + 1) for i in range(len(codes))]},
                          index=pd.Index(codes, name="code"))
    values.loc["93001", CODE] = np.nan
    indicator = user_indicator(CODE, "p.csv", 0, label="Vos observations : Patients",
                               source="Source : fichier « p.csv », importé le 05/12/2026")
    return store.save(UserIndicators((indicator,), values, None, "p.csv", "2026-12-05"))


def test_without_an_import_the_data_is_shared(data) -> None:
    assert with_user_indicators(data, None) is data
    assert with_user_indicators(data, "0" * 64) is data  # nothing kept under that key


def test_the_import_is_listed_joined_and_weighted_by_population(data, kept) -> None:
    extended = with_user_indicators(data, kept)
    assert extended is with_user_indicators(data, kept)  # once per import: caches hold
    assert CODE not in data.table and CODE not in data.choices.indicators
    assert extended.indicators[-1].code == CODE and CODE in extended.choices.indicators
    assert extended.table.at["93066", CODE] == extended.observations.table.at["93066", CODE]
    indicator = extended.indicator(CODE)
    membership = pd.DataFrame({"territory": "t", "code": ["93066", "93008", "93001"]})
    row = extended.observations.aggregate(indicator, membership).loc["t"]
    population = data.table["POP"]
    expected = ((extended.table.at["93066", CODE] * population["93066"]
                 + extended.table.at["93008", CODE] * population["93008"])
                / (population["93066"] + population["93008"]))
    assert row["value"] == pytest.approx(expected)
    assert row["coverage"] < 1  # Aubervilliers has no value: never counted as zero


def test_url_names_it_and_a_missing_value_gets_no_stand_in(data, kept) -> None:
    extended = with_user_indicators(data, kept)
    state = parse_url("/", f"?dep=93&ind={CODE}", extended.choices, extended.default_state)
    assert state.indicator == CODE and is_user_indicator(state.indicator)
    elsewhere = parse_url("/", f"?dep=93&ind={CODE}", data.choices, data.default_state)
    assert elsewhere.indicator == ViewState().indicator  # another session: the default
    values = area_values(extended, Selection.of(state, extended), CODE)
    assert np.isnan(values.stand_in).all()
    assert values.stand_in_label is None
