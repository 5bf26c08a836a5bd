"""A visitor's imported list, kept on the server by content hash for their session."""

from __future__ import annotations

import json

from geodata.observations.session_layers import MAX_KEPT, SessionLayers
from tests.geodata.store.test_place_layers import make_layer


def test_round_trip(tmp_path) -> None:
    layers = SessionLayers(tmp_path)
    key = layers.save(make_layer())
    loaded = layers.load(key)
    assert loaded is not None and loaded.places["nom"].tolist() == ["PASS Delafontaine", "CCAS"]
    assert layers.save(make_layer()) == key  # same content, same file


def test_unknown_malformed_or_altered_keys_give_nothing(tmp_path) -> None:
    layers = SessionLayers(tmp_path)
    key = layers.save(make_layer())
    assert layers.load(None) is None
    assert layers.load("../../etc/passwd") is None
    assert layers.load("0" * 64) is None
    path = tmp_path / f"{key}.json"
    record = json.loads(path.read_text())
    record["places"][0][1] = "Modifié"
    path.write_text(json.dumps(record))
    assert layers.load(key) is None


def test_oldest_are_removed(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("geodata.observations.session_layers.MAX_KEPT", 2)
    layers = SessionLayers(tmp_path)
    for index in range(3):
        layers.save(make_layer(label=f"Liste {index}"))
    assert len(list(tmp_path.glob("*.json"))) == 2
    assert MAX_KEPT > 2
