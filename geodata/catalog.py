"""The data manager: the one entry the app and the commands use to get a region's data.

Everything is read once per process and cached; returned objects are shared, read-only.
Zonings come from the versioned store (:mod:`geodata.store`), seeded on first use with
the demonstration set; every worker notices a new version through a cheap query (the
store's revision, checked at most every ``CARTOCOORD_STORE_CHECK_SECONDS``, default 1 s)
and reloads without restart.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from geodata import base
from geodata.config import region_dir
from geodata.observations.filosofi import load_filosofi, read_indicator_table
from geodata.observations.indicators import INDICATORS, QPV_CODE, QPV_PRESENCE_CODE
from geodata.observations.observation_tables import observation_tables, read_observation_tables
from geodata.observations.places import PlaceList, load_qpv, presence_share
from geodata.observations.tables import Observations
from geodata.observations.user_indicators import UserIndicators
from geodata.store import ZoningStore, as_of, end_of_day, open_store
from geodata.zonings import Zoning, load_zoning_dir
from geodata.zonings.references import (
    DEPARTEMENT,
    EPCI,
    EPT,
    reference_sources,
    reference_zonings,
)

#: Seconds during which a worker trusts the revision it last read from the store.
DEFAULT_CHECK_SECONDS = 1.0


def zonings_dir(region: str) -> Path:
    """Directory of the zonings shown for ``region`` (the demonstration set by default)."""
    return region_dir(region) / "zonings"


@cache
def load_indicator_table(region: str) -> pd.DataFrame:
    """Load the indicators per unit (Filosofi 2021, population, density, APL, QPV, CAF).

    Read from the tables the build stored; joined again from the bundled files if the
    region was built before the build stored them, or from other files. The presence of
    a QPV is derived from their count here, so stored tables need no rebuild.
    """
    stored = read_indicator_table(region_dir(region) / base.INDICATORS_FILE)
    if stored is None:
        stored = load_filosofi(base.load_units(region), base.load_code_aliases(region))
    table = stored.join(_observation_tables(region)[0])
    table[QPV_PRESENCE_CODE] = presence_share(table[QPV_CODE])
    return table


@cache
def _observation_tables(region: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    stored = read_observation_tables(region_dir(region))
    if stored is not None:
        return stored
    table, iris, _ = observation_tables(base.load_units(region), base.load_code_aliases(region))
    return table, iris


@cache
def load_observations(region: str) -> Observations:
    """Every observation of the region: the unit table, the IRIS table, the QPV."""
    table = load_indicator_table(region)
    qpv = load_qpv(table.index, base.load_code_aliases(region))
    return Observations(table, _observation_tables(region)[1], {qpv.key: qpv})


@cache
def load_demo_zonings(region: str) -> dict[str, Zoning]:
    """Read the demonstration set shipped with the project (version 1 of each zoning)."""
    return load_zoning_dir(zonings_dir(region), base.load_units(region),
                           base.load_code_aliases(region))


@cache
def load_reference_zonings(region: str) -> dict[str, Zoning]:
    """Official levels of the base geography as zonings (:mod:`geodata.zonings.references`)."""
    levels = {DEPARTEMENT: base.load_departements(region), EPCI: base.load_epci(region),
              EPT: base.load_ept(region)}
    names = {column: dict(zip(frame["code"], frame["nom"], strict=True))
             for column, frame in levels.items()}
    return reference_zonings(base.load_units(region), names,
                             reference_sources(base.load_provenance(region)))


class _StoreState:
    """The process's store and the revision last read for each region."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.store: ZoningStore | None = None
        #: region → (revision, monotonic time it was read).
        self.revisions: dict[str, tuple[int, float]] = {}


_STATE = _StoreState()


def zoning_store() -> ZoningStore:
    """Return the versioned store of this process (:func:`geodata.store.open_store`)."""
    with _STATE.lock:
        if _STATE.store is None:
            _STATE.store = open_store()
        return _STATE.store


def use_store(store: ZoningStore | None) -> None:
    """Make ``store`` the process's store (tests, tools); None reopens from the environment."""
    with _STATE.lock:
        _STATE.store = store
        _STATE.revisions.clear()


def zonings_revision(region: str, *, fresh: bool = False) -> int:
    """Id of the latest stored version of the region's zonings; seeds the store on first use.

    Read again from the store when older than ``CARTOCOORD_STORE_CHECK_SECONDS`` (or when
    ``fresh``): the one query every request may pay, a ``max(id)`` on an index.
    """
    now = time.monotonic()
    known = _STATE.revisions.get(region)
    if known is not None and not fresh and now - known[1] < _check_seconds():
        return known[0]
    store = zoning_store()
    revision = store.revision(region)
    if revision is None:
        store.seed(region, load_demo_zonings(region))
        revision = store.revision(region) or 0
    _STATE.revisions[region] = (revision, now)
    return revision


def zonings_changed(region: str) -> int:
    """Tell this process a version was just stored (no waiting for the next check)."""
    return zonings_revision(region, fresh=True)


def load_zonings(region: str) -> dict[str, Zoning]:
    """Coordination zonings of the region, keyed by zoning type (dac, cpts…).

    The latest stored version of each; the same dict object while no version is added.
    """
    return _zonings_at_revision(zoning_store(), region, zonings_revision(region))


def load_zonings_on(region: str, day: dt.date) -> dict[str, Zoning]:
    """Read the zonings as they were on ``day``, for "à la date du" views.

    For each zoning, the version in force at the end of that day (French time), keeping
    only the structures created by then (see :func:`geodata.store.as_of`); zonings first
    stored after that day are absent.
    """
    return _zonings_on(zoning_store(), region, zonings_revision(region), day)


def load_place_layers(region: str) -> dict[str, PlaceList]:
    """Return the lists of places editors saved for everyone (latest version of each)."""
    return _place_layers(zoning_store(), region, zonings_revision(region), None)


def load_place_layers_on(region: str, day: dt.date) -> dict[str, PlaceList]:
    """Return the shared lists of places as they were at the end of ``day`` (French time)."""
    return _place_layers(zoning_store(), region, zonings_revision(region), end_of_day(day))


def load_indicator_layers(region: str) -> dict[str, UserIndicators]:
    """Return the indicator layers editors saved for everyone (latest version of each)."""
    return _indicator_layers(zoning_store(), region, zonings_revision(region), None)


def load_indicator_layers_on(region: str, day: dt.date) -> dict[str, UserIndicators]:
    """Return the shared indicator layers as they were at the end of ``day`` (French time)."""
    return _indicator_layers(zoning_store(), region, zonings_revision(region),
                             end_of_day(day))


@lru_cache(maxsize=32)
def _indicator_layers(store: ZoningStore, region: str, revision: int,
                      at: dt.datetime | None) -> dict[str, UserIndicators]:
    return store.indicator_layers(region, at)


@lru_cache(maxsize=32)
def _place_layers(store: ZoningStore, region: str, revision: int,
                  at: dt.datetime | None) -> dict[str, PlaceList]:
    return store.place_layers(region, at)


@lru_cache(maxsize=32)
def _zonings_on(store: ZoningStore, region: str, revision: int,
                day: dt.date) -> dict[str, Zoning]:
    return {key: as_of(store.load(info.id), day)
            for key, info in store.latest(region, end_of_day(day)).items()}


@lru_cache(maxsize=8)
def _zonings_at_revision(store: ZoningStore, region: str, revision: int) -> dict[str, Zoning]:
    return store.current(region)


def _check_seconds() -> float:
    raw = os.environ.get("CARTOCOORD_STORE_CHECK_SECONDS", "").strip()
    try:
        return max(float(raw), 0.0) if raw else DEFAULT_CHECK_SECONDS
    except ValueError:
        raise ValueError(
            f"CARTOCOORD_STORE_CHECK_SECONDS must be a number of seconds, got {raw!r}") from None


def _shared_indicator_summary(region: str) -> list[dict]:
    """Each shared indicator layer: its version, editor, file and indicators as shown."""
    infos = zoning_store().latest_indicator_layers(region)
    return [{
        "key": key, "label": layer.label, "version": infos[key].number,
        "stored_at": infos[key].created_at.isoformat(timespec="seconds"),
        "editor": infos[key].editor, "file": infos[key].file_name,
        "indicators": [{
            "code": indicator.code, "label": indicator.label, "source": indicator.source,
            "vintage": indicator.vintage,
            "units_with_value": int(layer.units[indicator.code].notna().sum()),
        } for indicator in layer.indicators],
    } for key, layer in load_indicator_layers(region).items()]


def summary(region: str) -> dict:
    """Describe what is loaded for ``region`` (``python -m geodata summary``)."""
    provenance = base.load_provenance(region)
    units = base.load_units(region)
    zonings = {}
    for key, zoning in load_zonings(region).items():
        coverage = zoning.coverage(units)
        zonings[key] = {
            "territories": len(zoning.fiches),
            "units_covered": coverage.units_covered,
            "partial_units": coverage.partial_units,
            "population_covered": coverage.population_covered,
            "illustrative": zoning.illustrative,
            "source": zoning.source,
        }
    iris = base.load_iris(region)
    table = load_indicator_table(region)
    return {
        "region": region,
        "region_name": provenance["region_name"],
        "units": len(units),
        "communes": provenance["communes"],
        "arrondissements": provenance["arrondissements"],
        "population": int(units["population"].sum()),
        "population_vintage": provenance["population_vintage"],
        "population_source": provenance["population_source"],
        "sources": {name: f"{source['package']} {source['version']}"
                    for name, source in provenance["sources"].items()},
        "departements": sorted(units["departement"].unique()),
        "ept": len(base.load_ept(region)),
        "zonings": zonings,
        "indicators": [indicator.code for indicator in INDICATORS],
        "indicator_sources": [{
            "code": indicator.code, "label": indicator.label, "source": indicator.source,
            "vintage": indicator.vintage, "iris_source": indicator.iris_source,
            "units_with_value": int(table[indicator.code].notna().sum()),
        } for indicator in INDICATORS],
        "shared_indicators": _shared_indicator_summary(region),
        "iris": {
            "units": len(iris),
            "per_departement": iris["code"].str[:2].value_counts().sort_index().to_dict(),
            "communes": int(iris["commune"].nunique()),
            "source": (provenance.get("iris") or {}).get("source", {}).get("source_line"),
            "weights": (provenance.get("iris") or {}).get("weights", {}).get("source_line"),
        },
    }
