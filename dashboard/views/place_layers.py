"""Lists of places on a view: which are shown, their traces, legends and fiche counts.

A view shows the shared lists its URL names (``lieux=``) and the list the user imported
in their session, if any (handed in by the callback: views do not read sessions).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from dashboard.figures.points import PlaceLegend, place_legend, place_traces, places_in
from dashboard.views.data import AppData, split_ref
from dashboard.views.state import ViewState
from geodata.observations.place_records import content_hash
from geodata.observations.places import PlaceList


def shown_layers(data: AppData, state: ViewState,
                 session: PlaceList | None = None) -> tuple[PlaceList, ...]:
    """Return the lists of places a view draws: the shared ones chosen, then the session's.

    With départements chosen, only their places are drawn, counted and exported.
    """
    shared = tuple(data.place_layers[key] for key in state.places if key in data.place_layers)
    layers = shared + ((session,) if session is not None else ())
    if not state.departements:
        return layers
    return tuple(_within(data, layer, state.departements) for layer in layers)


def _within(data: AppData, layer: PlaceList, departements: tuple[str, ...]) -> PlaceList:
    """Keep the places of a list inside some départements (a whole city: by its code)."""
    codes = layer.places["code"]
    departement = codes.map(data.unit_index["departement"]).fillna(codes.str[:2])
    inside = departement.isin(departements).to_numpy()
    if inside.all():
        return layer
    return replace(layer, places=layer.places[inside].reset_index(drop=True))


@lru_cache(maxsize=64)
def _signature(layer: PlaceList) -> str:
    return content_hash(layer)[:16]


def layers_key(layers: tuple[PlaceList, ...]) -> str:
    """Short key of the lists shown: the figure is rebuilt when it changes."""
    return ",".join(_signature(layer) for layer in layers)


def place_legends(layers: tuple[PlaceList, ...]) -> tuple[PlaceLegend, ...]:
    """Legend of each list shown, in drawing order (each with its own marker shape)."""
    return tuple(place_legend(layer, index) for index, layer in enumerate(layers))


def layer_traces(data: AppData, layers: tuple[PlaceList, ...]) -> list[dict]:
    """Traces of the lists shown, to draw on top of the map."""
    names = data.unit_index["nom"].to_dict()
    traces = []
    for index, (layer, legend) in enumerate(zip(layers, place_legends(layers), strict=True)):
        traces += place_traces(layer, legend, names, f"places-{index}")
    return traces


@dataclass(frozen=True)
class TerritoryPlaces:
    """Places of one list in a territory, by category (fiche « observations »)."""

    title: str
    source: str
    counts: tuple[tuple[str, str, int], ...]
    total: int
    partial: bool


def territory_places(data: AppData, ref: str,
                     layers: tuple[PlaceList, ...]) -> tuple[TerritoryPlaces, ...]:
    """Count each shown list's places in a territory, by category (colours as on the map)."""
    zoning_key, territory_id = split_ref(ref)
    zoning = data.zonings.get(zoning_key)
    if zoning is None:
        return ()
    codes = [code for tid, code in zoning.members if tid == territory_id]
    result = []
    for legend, layer in zip(place_legends(layers), layers, strict=True):
        inside, partial = places_in(layer, codes)
        counts = inside["category"].value_counts()
        result.append(TerritoryPlaces(
            title=legend.title, source=legend.source,
            counts=tuple((category.label, category.colour, int(counts.get(category.label, 0)))
                         for category in legend.categories),
            total=len(inside), partial=partial))
    return tuple(result)
