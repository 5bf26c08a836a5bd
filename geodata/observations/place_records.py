"""A list of places as plain records: to hash it, store it, and keep it for a session.

The shared store (:mod:`geodata.store.place_layers`) and the session layers
(:mod:`geodata.observations.session_layers`) write a :class:`PlaceList` with the same
records and recognise it by the same content hash.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from geodata.observations.places import PlaceList

#: Fields of one place, in the order records and store rows give them.
ROW_FIELDS = ("id", "nom", "code", "lon", "lat", "category", "value", "at_centre")


def place_rows(layer: PlaceList) -> list[tuple]:
    """One tuple per place (:data:`ROW_FIELDS`); a missing value is None."""
    places = layer.places
    values = [None if pd.isna(value) else float(value) for value in places["value"]]
    return list(zip(places["id"], places["nom"], places["code"],
                    places["lon"].astype(float).tolist(), places["lat"].astype(float).tolist(),
                    places["category"], values, places["at_centre"].astype(bool).tolist(),
                    strict=True))


def city_records(layer: PlaceList) -> dict[str, Any]:
    """Cities given whole: ``{"75056": {"nom": "Paris", "units": [...]}}``."""
    return {city: {"nom": layer.city_names.get(city, city), "units": list(units)}
            for city, units in layer.whole_cities.items()}


def layer_record(layer: PlaceList) -> dict[str, Any]:
    """Everything of a list of places as JSON-ready values."""
    return {"key": layer.key, "label": layer.label, "source": layer.source,
            "vintage": layer.vintage, "value_label": layer.value_label,
            "cities": city_records(layer), "places": [list(row) for row in place_rows(layer)]}


def layer_from_parts(key: str, label: str, source: str, vintage: str, value_label: str,
                     cities: Mapping[str, Any], rows: Sequence[Sequence]) -> PlaceList:
    """Rebuild a list of places from its record's parts (inverse of :func:`layer_record`)."""
    places = pd.DataFrame([tuple(row) for row in rows], columns=list(ROW_FIELDS))
    places["value"] = [math.nan if value is None else float(value) for value in places["value"]]
    places["lon"] = places["lon"].astype(float)
    places["lat"] = places["lat"].astype(float)
    places["at_centre"] = places["at_centre"].astype(bool)
    for column in ("id", "nom", "code", "category"):
        places[column] = places[column].astype(str)
    return PlaceList(key=key, label=label, source=source, vintage=vintage, places=places,
                     value_label=value_label,
                     whole_cities={city: tuple(entry["units"]) for city, entry in cities.items()},
                     city_names={city: entry["nom"] for city, entry in cities.items()})


def layer_from_record(record: Mapping[str, Any]) -> PlaceList:
    """Rebuild a list of places from :func:`layer_record`."""
    return layer_from_parts(record["key"], record["label"], record["source"],
                            record["vintage"], record["value_label"], record["cities"],
                            record["places"])


def content_hash(layer: PlaceList) -> str:
    """SHA-256 of a list's canonical content: name, source, date and every place."""
    canonical = {
        "label": layer.label, "source": layer.source, "vintage": layer.vintage,
        "value_label": layer.value_label, "cities": city_records(layer),
        "places": [[place_id, nom, code, round(lon, 6), round(lat, 6), category,
                    value if value is None else round(value, 9), bool(centre)]
                   for place_id, nom, code, lon, lat, category, value, centre
                   in place_rows(layer)],
    }
    text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
