"""Lists of places on a view: chosen in the URL, cut to the départements, counted in fiches."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dashboard.views.place_layers import (
    layer_traces,
    layers_key,
    shown_layers,
    territory_places,
)
from dashboard.views.state import ViewState, parse_url, to_url
from dashboard.views.transitions import set_control
from tests.geodata.store.test_place_layers import make_layer


@pytest.fixture(scope="module")
def shared(data):
    layer = replace(make_layer(("PASS Delafontaine", "CCAS", "PASS Aubervilliers")),
                    key="lieux:acces")
    return replace(data, place_layers={"lieux:acces": layer})


def test_shared_lists_go_through_the_url(shared) -> None:
    state = ViewState(departements=("93",), places=("lieux:acces",))
    pathname, search = to_url(state)
    assert "lieux=lieux:acces" in search
    assert parse_url(pathname, search, shared.choices).places == ("lieux:acces",)
    assert parse_url(pathname, "?lieux=lieux:inconnue", shared.choices).places == ()
    assert set_control(shared, ViewState(), "places", ["lieux:acces", "x"]).places == (
        "lieux:acces",)


def test_session_list_comes_after_the_shared_ones(shared) -> None:
    own = make_layer(("Mon lieu",), label="Mes lieux")
    layers = shown_layers(shared, ViewState(places=("lieux:acces",)), own)
    assert [layer.label for layer in layers] == ["Lieux d'accès", "Mes lieux"]
    assert shown_layers(shared, ViewState(), None) == ()


def test_only_the_places_of_the_chosen_departements(shared) -> None:
    (layer,) = shown_layers(shared, ViewState(departements=("93",), places=("lieux:acces",)))
    assert sorted(layer.places["code"]) == ["93001", "93066"]
    (layer,) = shown_layers(shared, ViewState(departements=("75",), places=("lieux:acces",)))
    assert layer.places["code"].tolist() == ["75056"]  # Paris as a whole is in Paris


def test_traces_and_key_follow_the_lists(shared) -> None:
    layers = shown_layers(shared, ViewState(places=("lieux:acces",)))
    traces = layer_traces(shared, layers)
    assert sum(len(trace["lon"]) for trace in traces) == 3
    assert all(trace["type"] == "scattergeo" for trace in traces)
    assert "Saint-Denis (93066)" in traces[0]["text"][0]
    assert layers_key(layers) != layers_key(()) == ""


def test_fiche_counts_places_by_category(shared) -> None:
    zoning = shared.zonings["dac"]
    territory = next(tid for tid, code in zoning.members if code == "93066")
    layers = shown_layers(shared, ViewState(places=("lieux:acces",)))
    (counts,) = territory_places(shared, f"dac:{territory}", layers)
    codes = {code for tid, code in zoning.members if tid == territory}
    expected = {"PASS": len({"93066", "93001"} & codes), "CCAS": 0}
    assert {label: count for label, _, count in counts.counts} == expected
    assert counts.total == sum(expected.values())
    assert counts.source == "Source : fichier « lieux.csv »"
    assert territory_places(shared, "inconnu:x", layers) == ()
