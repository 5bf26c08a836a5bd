"""Shared lists of places: versions of the zoning store, with its history and dates."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

import pandas as pd
import pytest

from geodata.observations.place_records import content_hash
from geodata.observations.places import PlaceList
from geodata.store import Provenance, StoreError, VersionKind
from geodata.store.layer_kinds import PLACE_LAYERS

from .conftest import REGION


def make_layer(names: tuple[str, ...] = ("PASS Delafontaine", "CCAS"),
               label: str = "Lieux d'accès") -> PlaceList:
    places = pd.DataFrame({
        "id": [f"l{i}" for i in range(len(names))], "nom": list(names),
        "code": ["93066", "75056", "93001"][:len(names)],
        "lon": [2.3566, 2.3202, 2.3821][:len(names)],
        "lat": [48.9411, 48.8588, 48.9146][:len(names)],
        "category": ["PASS", "CCAS", "PASS"][:len(names)],
        "value": [12.0, math.nan, 3.5][:len(names)],
        "at_centre": [False, True, False][:len(names)]})
    return PlaceList("lieux-acces", label, "Source : fichier « lieux.csv »", "2026-12-05",
                     places, whole_cities={"75056": ("75101", "75102")},
                     city_names={"75056": "Paris"}, value_label="Passages")


def provenance(editor: str = "alice") -> Provenance:
    return Provenance(editor, VersionKind.IMPORT, "lieux.csv", "abc")


def test_round_trip_keeps_every_place(store, demo) -> None:
    store.seed(REGION, demo)
    layer = make_layer()
    info = store.add_place_layer(REGION, "lieux-acces", layer, provenance())
    assert (info.zoning_key, info.zoning_type, info.number) == ("lieux:lieux-acces",
                                                                PLACE_LAYERS.zoning_type, 1)
    assert (info.territories, info.members) == (2, 2)
    loaded = store.load_place_layer(info.id)
    assert content_hash(loaded) == content_hash(layer)
    assert loaded.label == "Lieux d'accès" and loaded.value_label == "Passages"
    assert loaded.whole_cities == {"75056": ("75101", "75102")}
    assert math.isnan(loaded.places["value"].iloc[1])
    assert loaded.places["at_centre"].tolist() == [False, True]


def test_lists_stay_apart_from_zonings(store, demo) -> None:
    store.seed(REGION, demo)
    before = store.revision(REGION)
    store.add_place_layer(REGION, "dac", make_layer(), provenance())
    assert store.revision(REGION) > before  # every worker reloads
    assert set(store.latest(REGION)) == set(demo)
    assert set(store.current(REGION)) == set(demo)
    assert list(store.latest_place_layers(REGION)) == ["lieux:dac"]
    assert PLACE_LAYERS.owns("lieux:dac") and not PLACE_LAYERS.owns("dac")


def test_history_rollback_and_date(store, demo) -> None:
    store.seed(REGION, demo)
    first = store.add_place_layer(REGION, "lieux-acces", make_layer(), provenance())
    second = store.add_place_layer(REGION, PLACE_LAYERS.key("lieux-acces"),
                                   make_layer(("Seul",)), provenance("bob"))
    assert second.number == 2
    assert len(store.place_layers(REGION)["lieux:lieux-acces"].places) == 1
    assert len(store.place_layers(REGION, first.created_at)["lieux:lieux-acces"].places) == 2
    assert store.place_layers(REGION, first.created_at - dt.timedelta(seconds=1)) == {}
    restored = store.rollback(first.id, editor="carol", note="erreur")
    assert (restored.number, restored.kind, restored.based_on) == (3, VersionKind.ROLLBACK,
                                                                   first.id)
    assert len(store.place_layers(REGION)["lieux:lieux-acces"].places) == 2
    assert [info.number for info in store.versions(REGION, "lieux:lieux-acces")] == [3, 2, 1]


def test_conflict_is_refused(store, demo) -> None:
    store.seed(REGION, demo)
    first = store.add_place_layer(REGION, "x", make_layer(), provenance())
    store.add_place_layer(REGION, "x", make_layer(("Autre",)), provenance())
    with pytest.raises(StoreError):
        store.add_place_layer(REGION, "x", make_layer(), provenance(),
                              expected_latest=first.id)


def test_altered_content_is_refused(sqlite_store, demo) -> None:
    sqlite_store.seed(REGION, demo)
    info = sqlite_store.add_place_layer(REGION, "x", make_layer(), provenance())
    with sqlite_store._connection() as connection:
        connection.execute("UPDATE place_rows SET nom = 'Modifié' WHERE position = 0")
    with pytest.raises(StoreError, match="altérée"):
        sqlite_store.load_place_layer(info.id)


def test_hash_ignores_nothing_that_shows(demo) -> None:
    layer = make_layer()
    renamed = replace(layer, places=layer.places.assign(nom=["A", "B"]))
    assert content_hash(renamed) != content_hash(layer)
    assert content_hash(replace(layer, label="Autre")) != content_hash(layer)
