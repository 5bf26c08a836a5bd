"""The user actions measured, each from its start view, and the summary of their runs."""

from __future__ import annotations

import base64
import random
import statistics
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from benchmarks.browser import Browser, Interaction

SEINE_SAINT_DENIS = "93"
#: Start view of the interactions (URL query) and the action that is measured.
START_REGION = "?zon=dac&ind=TP6021"
START_DEPARTEMENT = "?dep=93&zon=dac&ind=TP6021"
START_BY_DAC = "?dep=93&zon=dac&ind=TP6021&par=dac"
#: The harmonisation page on the whole region: the CPTS proposed to follow the DAC.
START_HARMONISATION = "/harmonisation?zon=dac&ind=TP6021&hz=cpts&hr=dac"
#: Store of the proposed moves' rows (``dashboard.ids.grid_store("harm-moves", "rowData")``).
MOVES_ROWS = "harm-moves--rowData"
#: Where the page writes the scenario's address (``dashboard.ids.HARM_ADDRESS``).
HARM_ADDRESS = "harm-address"
#: The list of places imported by ``places``: this many, in these categories.
PLACES_COUNT = 1000
PLACE_CATEGORIES = ("PASS", "CCAS", "Permanence d'accès aux droits")


def _select_departement(browser: Browser) -> Interaction:
    return browser.act("departements", value=[SEINE_SAINT_DENIS])


def _whole_region(browser: Browser) -> Interaction:
    return browser.act("departements", value=[])


def _change_indicator(browser: Browser) -> Interaction:
    return browser.act("indicator", value="MED21")


def _add_zoning(browser: Browser) -> Interaction:
    return browser.act("zonings", value=["dac", "cpts"])


def _show_iris(browser: Browser) -> Interaction:
    """Colour the IRIS of Seine-Saint-Denis (614 IRIS) instead of its communes."""
    return browser.act("mesh", value="iris")


def _show_qpv(browser: Browser) -> Interaction:
    """Draw the QPV circles (163 communes) over the whole region's map."""
    return browser.act("qpv", value=True)


def _open_fiche(browser: Browser) -> Interaction:
    """Click the first DAC territory of the map coloured by DAC territory."""
    territory = browser.props["map"]["figure"]["data"][0]["locations"][0]
    return browser.act("map", clickData={"points": [{"location": territory}]})


def _reject_move(browser: Browser) -> Interaction:
    """Uncheck the first proposed move in the grid: the scenario is measured, drawn again.

    The grid comes when the user asks for it; its rows are in its store until then
    (``dashboard.ids.grid_store``), which is what it would show. The page writes the new
    scenario's address, which the browser copies to the URL (a clientside callback, not
    run here): the URL is then changed as the browser would, in the same interaction.
    """
    row = browser.props[MOVES_ROWS]["data"][0]
    moved = browser.act("harm-moves", cellValueChanged=[{
        "rowId": row["key"], "colId": "kept", "value": False, "oldValue": True,
        "data": {**row, "kept": False}}])
    pathname, search = browser.props[HARM_ADDRESS]["data"]
    followed = browser.act("url", pathname=pathname, search=search)
    after = 1 + max(request.step for request in moved.requests)
    return Interaction([*moved.requests,
                        *(replace(request, step=request.step + after)
                          for request in followed.requests)],
                       map_patch=followed.map_patch)


def places_csv(count: int = PLACES_COUNT) -> bytes:
    """Write ``count`` places in Seine-Saint-Denis: 3 categories, a value, French decimals."""
    rng = random.Random(13)
    lines = ["Nom du lieu;Catégorie;Latitude;Longitude;Nombre de passages"]
    for index in range(count):
        lat, lon = 48.88 + rng.random() * 0.08, 2.40 + rng.random() * 0.12
        lines.append(f"Lieu n° {index};{PLACE_CATEGORIES[index % 3]};"
                     f"{lat:.5f};{lon:.5f};{rng.randint(1, 900)}".replace(".", ","))
    return "\n".join(lines).encode("utf-8")


def _add_places(browser: Browser) -> Interaction:
    """Import a list of 1,000 places (3 categories, proportional circles) on the map."""
    contents = "data:text/csv;base64," + base64.b64encode(places_csv()).decode("ascii")
    return browser.act("places-upload", contents=contents, filename="lieux.csv")


#: Interaction name → (start view, action).
INTERACTIONS: dict[str, tuple[str, Callable[[Browser], Interaction]]] = {
    "indicator": (START_DEPARTEMENT, _change_indicator),
    "departement": (START_REGION, _select_departement),
    "zoning": (START_REGION, _add_zoning),
    "fiche": (START_BY_DAC, _open_fiche),
    "region": (START_DEPARTEMENT, _whole_region),
    "harmonise": (START_HARMONISATION, _reject_move),
    "iris": (START_DEPARTEMENT, _show_iris),
    "qpv": (START_REGION, _show_qpv),
    "places": (START_DEPARTEMENT, _add_places),
}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summarise(runs: list[Interaction]) -> dict[str, Any]:
    """Median and p95 of the server time, bytes of the last run (they do not vary)."""
    times = [run.ms for run in runs]
    last = runs[-1]
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(_percentile(times, 0.95), 1),
        "first_ms": round(times[0], 1),
        "wall_ms": round(statistics.median(run.wall_ms for run in runs), 1),
        "gzip_bytes": last.wire_bytes,
        "map_bytes": last.bytes_of("map"),
        "geojson_bytes": last.bytes_of("geojson"),
        "requests": len(last.requests),
        "map_patch": last.map_patch,
        **({"scenario_ms": round(statistics.median(run.ms_of("scenario") for run in runs), 1),
            "scenario_bytes": last.bytes_of("scenario")}
           if last.bytes_of("scenario") else {}),
    }
