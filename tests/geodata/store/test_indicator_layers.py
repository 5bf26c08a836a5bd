"""Shared indicator layers: versions of the zoning store, with history, dates and restore."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

import pandas as pd
import pytest

from geodata.observations.indicators import user_indicator
from geodata.observations.shared_indicators import (
    SharingError,
    is_shared_indicator,
    share_indicators,
)
from geodata.observations.user_indicators import UserIndicators
from geodata.store import Provenance, StoreError, VersionKind
from geodata.store.indicator_layers import layer_hash
from geodata.store.layer_kinds import INDICATOR_LAYERS

from .conftest import REGION

DAY = dt.date(2026, 6, 30)


def imported(values: dict[str, float] | None = None, iris: bool = False) -> UserIndicators:
    """An import as the map page makes it: one column « Patients suivis » by commune."""
    values = values if values is not None else {"93066": 120.0, "93001": math.nan,
                                                "93008": 45.0}
    indicator = user_indicator("u-patients-suivis", "patients.csv", 0,
                               label="Vos observations : Patients suivis",
                               source="Source : fichier « patients.csv », importé le 05/12/2026",
                               vintage="2026-12-05", kind="count",
                               iris_source="x" if iris else None)
    units = pd.DataFrame({"u-patients-suivis": list(values.values())},
                         index=pd.Index(list(values), name="code"))
    return UserIndicators((indicator,), units, None, "patients.csv", "2026-12-05",
                          sha256="f" * 64)


def shared(values: dict[str, float] | None = None, label: str = "Patients suivis ORS"):
    return share_indicators(imported(values), label, "ORS Île-de-France", DAY)


def provenance(editor: str = "alice", note: str = "") -> Provenance:
    return Provenance(editor, VersionKind.IMPORT, "patients.csv", "f" * 64, note)


class TestShareIndicators:
    def test_codes_labels_and_source_as_declared(self) -> None:
        layer = shared()
        indicator = layer.indicators[0]
        assert indicator.code == "p-patients-suivis-ors--patients-suivis"
        assert is_shared_indicator(indicator.code)
        assert not is_shared_indicator("u-patients-suivis")
        assert indicator.label == "Patients suivis ORS : Patients suivis"
        assert indicator.source == "Source : ORS Île-de-France, données au 30/06/2026"
        assert indicator.vintage == "2026-06-30"
        assert "enregistré pour tous" in indicator.notes[0]
        assert list(layer.units.columns) == [indicator.code]
        assert layer.label == "Patients suivis ORS"
        assert math.isnan(layer.units.loc["93001", indicator.code])  # missing stays missing

    @pytest.mark.parametrize(("label", "producer"), [("  ", "ORS"), ("Patients", " "),
                                                     ("!!!", "ORS")])
    def test_a_layer_says_what_it_is_and_who_made_it(self, label, producer) -> None:
        with pytest.raises(SharingError):
            share_indicators(imported(), label, producer, DAY)


def test_round_trip_keeps_every_value(store, demo) -> None:
    store.seed(REGION, demo)
    layer = shared()
    info = store.add_indicator_layer(REGION, "patients-suivis-ors", layer, provenance())
    assert (info.zoning_key, info.zoning_type, info.number) == (
        "indicateurs:patients-suivis-ors", INDICATOR_LAYERS.zoning_type, 1)
    assert (info.territories, info.units, info.file_name, info.sha256) == (
        1, 2, "patients.csv", "f" * 64)
    loaded = store.load_indicator_layer(info.id)
    assert layer_hash(loaded) == layer_hash(layer) == info.content_sha256
    assert loaded.indicators == layer.indicators
    pd.testing.assert_frame_equal(loaded.units, layer.units)
    assert loaded.label == "Patients suivis ORS" and loaded.sha256 == "f" * 64


def test_layers_stay_apart_from_zonings_and_places(store, demo) -> None:
    store.seed(REGION, demo)
    before = store.revision(REGION)
    store.add_indicator_layer(REGION, "dac", shared(), provenance())
    assert store.revision(REGION) > before  # every worker reloads
    assert set(store.latest(REGION)) == set(demo)
    assert store.latest_place_layers(REGION) == {}
    assert list(store.indicator_layers(REGION)) == ["indicateurs:dac"]


def test_history_as_of_and_restore(store, demo) -> None:
    store.seed(REGION, demo)
    key = "indicateurs:patients"
    first = store.add_indicator_layer(REGION, key, shared(), provenance())
    second = store.add_indicator_layer(REGION, key, shared({"93066": 7.0}),
                                       provenance("bob", "chiffres révisés"))
    assert second.number == 2 and second.note == "chiffres révisés"
    code = shared().indicators[0].code
    assert store.indicator_layers(REGION)[key].units[code].to_dict() == {"93066": 7.0}
    then = store.indicator_layers(REGION, first.created_at)[key]
    assert then.units[code].dropna().to_dict() == {"93066": 120.0, "93008": 45.0}
    assert store.indicator_layers(REGION, first.created_at - dt.timedelta(seconds=1)) == {}
    restored = store.rollback(first.id, editor="carol", note="erreur")
    assert (restored.number, restored.kind, restored.based_on) == (3, VersionKind.ROLLBACK,
                                                                   first.id)
    assert restored.content_sha256 == first.content_sha256
    assert store.indicator_layers(REGION)[key].units[code].notna().sum() == 2
    assert [info.number for info in store.versions(REGION, key)] == [3, 2, 1]


def test_a_layer_without_values_is_refused_and_nothing_is_lost(store, demo) -> None:
    store.seed(REGION, demo)
    key = "indicateurs:patients"
    first = store.add_indicator_layer(REGION, key, shared(), provenance())
    empty = shared({"93066": math.nan})
    with pytest.raises(StoreError, match="aucune valeur"):
        store.add_indicator_layer(REGION, key, empty, provenance())
    assert [info.id for info in store.versions(REGION, key)] == [first.id]
    assert layer_hash(store.indicator_layers(REGION)[key]) == first.content_sha256


def test_conflict_is_refused(store, demo) -> None:
    store.seed(REGION, demo)
    first = store.add_indicator_layer(REGION, "x", shared(), provenance())
    store.add_indicator_layer(REGION, "x", shared({"93066": 1.0}), provenance())
    with pytest.raises(StoreError):
        store.add_indicator_layer(REGION, "x", shared(), provenance(),
                                  expected_latest=first.id)


def test_altered_content_is_refused(sqlite_store, demo) -> None:
    sqlite_store.seed(REGION, demo)
    info = sqlite_store.add_indicator_layer(REGION, "x", shared(), provenance())
    with sqlite_store._connection() as connection:
        connection.execute("UPDATE indicator_layers SET record = replace(record, '120.0', "
                           "'999.0')")
    with pytest.raises(StoreError, match="altérée"):
        sqlite_store.load_indicator_layer(info.id)


def test_hash_covers_what_shows() -> None:
    layer = shared()
    assert layer_hash(replace(layer, label="Autre")) != layer_hash(layer)
    assert layer_hash(shared({"93066": 121.0, "93001": math.nan, "93008": 45.0})) != \
        layer_hash(layer)
