"""Everything the dashboard shows for one region, loaded once per process.

Built from :mod:`geodata.catalog` (the only reader of files); holds the lookups that
callbacks need so that they stay cheap: search index, territories of each commune,
territory geometries.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache

import geopandas as gpd
import pandas as pd

from dashboard.views.search import search_index
from dashboard.views.state import Choices, ViewState, parse_url, to_url
from dashboard.views.territory_shapes import territory_shapes
from geodata import base, catalog
from geodata.config import current_region
from geodata.observations.indicators import FILOSOFI_SOURCE, INDICATORS, Indicator
from geodata.observations.places import PlaceList
from geodata.observations.tables import Observations
from geodata.observations.user_indicators import UserIndicators
from geodata.store import as_of
from geodata.zonings import Zoning

#: Separator of a territory reference "zoning:territory_id" in URLs and component ids.
REF_SEPARATOR = ":"


def territory_ref(zoning_key: str, territory_id: str) -> str:
    """One string naming a territory across zonings (``cpts:cpts-12``)."""
    return f"{zoning_key}{REF_SEPARATOR}{territory_id}"


def split_ref(ref: str) -> tuple[str, str]:
    """Return the zoning key and territory id of a reference made by :func:`territory_ref`."""
    zoning_key, _, territory_id = ref.partition(REF_SEPARATOR)
    return zoning_key, territory_id


@dataclass(frozen=True, eq=False)
class AppData:
    """The loaded region. Frames are shared between requests: never modify them."""

    region: str
    provenance: dict
    units: gpd.GeoDataFrame
    overview: gpd.GeoDataFrame
    departements: gpd.GeoDataFrame
    departements_overview: gpd.GeoDataFrame
    table: pd.DataFrame
    #: Stored zonings, then the official levels of the base geography (EPCI…).
    zonings: dict[str, Zoning]
    indicators: tuple[Indicator, ...] = INDICATORS
    #: Keys of ``zonings`` that are official reference levels, not stored zonings of
    #: coordination structures (:mod:`geodata.zonings.references`).
    references: tuple[str, ...] = ()
    #: Per unit, per IRIS and lists of places; by default the unit table alone.
    observations: Observations = None  # type: ignore[assignment]
    #: IRIS sub-units (:func:`geodata.base.load_iris`), detailed and simplified inside
    #: their commune; empty where the region has none.
    iris: gpd.GeoDataFrame = field(default_factory=gpd.GeoDataFrame)
    iris_overview: gpd.GeoDataFrame = field(default_factory=gpd.GeoDataFrame)
    #: Lists of places editors saved for everyone, by store key (``lieux:…``).
    place_layers: dict[str, PlaceList] = field(default_factory=dict)
    #: Indicator layers editors saved for everyone, by store key (``indicateurs:…``);
    #: their indicators are in ``indicators`` and their values in the tables.
    indicator_layers: dict[str, UserIndicators] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.observations is None:
            object.__setattr__(self, "observations", Observations(self.table))

    @property
    def stored(self) -> tuple[str, ...]:
        """Keys of the stored zonings: coordination structures, which editors can change."""
        return tuple(key for key in self.zonings if key not in self.references)

    @property
    def region_name(self) -> str:
        """Name of the loaded region."""
        return self.provenance["region_name"]

    @property
    def geography_source(self) -> str:
        """Source line of the base geography, with the vintage of its populations."""
        return self.provenance["source_line"]

    @property
    def geography_licence(self) -> str:
        """Licence of the base geography."""
        return self.provenance["licence"]

    @property
    def population_vintage(self) -> str:
        """Vintage of the populations, as :data:`geodata.sources.POPULATION_VINTAGE` states it."""
        return self.provenance["population_vintage"]

    @property
    def population_source(self) -> str:
        """Source line of the populations, with their vintage."""
        return self.provenance["population_source"]

    @property
    def source_lines(self) -> tuple[str, ...]:
        """Sources of what tables show: Filosofi indicators, populations and geography."""
        return (FILOSOFI_SOURCE, self.geography_source)

    @cached_property
    def unit_index(self) -> pd.DataFrame:
        """Units without geometry, indexed by code, for fast lookups."""
        return pd.DataFrame(self.units.drop(columns="geometry")).set_index("code")

    @cached_property
    def search(self) -> pd.DataFrame:
        """Index of the units for the commune search."""
        return search_index(self.units)

    @cached_property
    def choices(self) -> Choices:
        """What the URL may select among: départements, zonings, indicators, territories."""
        return Choices(
            departements=tuple(self.departements["code"]),
            zonings=tuple(self.zonings),
            indicators=tuple(indicator.code for indicator in self.indicators),
            territories=frozenset(territory_ref(key, tid) for key, zoning in self.zonings.items()
                                  for tid in zoning.fiches),
            communes=frozenset(self.units["code"]),
            place_layers=tuple(self.place_layers),
        )

    @cached_property
    def default_state(self) -> ViewState:
        """View of a bare URL: the whole region with the DAC."""
        return ViewState(zonings=tuple(key for key in ("dac",) if key in self.zonings))

    @cached_property
    def group_names(self) -> dict[str, str]:
        """Names of the EPCI and départements by code, to name the groups of communes."""
        names = dict(zip(self.departements["code"], self.departements["nom"], strict=True))
        try:
            epci = base.load_epci(self.region)
        except base.MissingRegionError:  # a region assembled in memory (tests)
            return names
        return {**names, **dict(zip(epci["code"], epci["nom"], strict=True))}

    @cached_property
    def iris_departements(self) -> frozenset[str]:
        """Départements whose units have IRIS sub-units."""
        if self.iris.empty:
            return frozenset()
        return frozenset(self.unit_index.loc[self.iris["commune"].unique(), "departement"])

    @cached_property
    def iris_index(self) -> pd.DataFrame:
        """IRIS without geometry, indexed by code (``nom``, ``commune``, ``type_iris``…)."""
        if self.iris.empty:
            return pd.DataFrame(columns=["nom", "commune", "type_iris", "population"])
        return pd.DataFrame(self.iris.drop(columns="geometry")).set_index("code")

    def indicator(self, code: str) -> Indicator:
        """Look an indicator up by code."""
        return next(indicator for indicator in self.indicators if indicator.code == code)

    def territory_geometries(self, zoning_key: str, level: str = "detail") -> gpd.GeoSeries:
        """Shape of each territory of a zoning, indexed by territory id.

        Its communes dissolved, and where its file had a polygon covering part of a
        commune, that polygon cut to the commune (:mod:`dashboard.views.territory_shapes`).
        """
        return _territory_geometries(self, zoning_key, level)

    def illustrative_zonings(self, keys: tuple[str, ...]) -> tuple[str, ...]:
        """Labels of the shown zonings whose perimeters are made up."""
        return tuple(self.zonings[key].type.label for key in keys
                     if key in self.zonings and self.zonings[key].illustrative)


@lru_cache(maxsize=64)
def _territory_geometries(data: AppData, zoning_key: str, level: str) -> gpd.GeoSeries:
    units = data.units if level == "detail" else data.overview
    return territory_shapes(data.zonings[zoning_key], units.set_index("code").geometry)


def with_imported(data: AppData, imports: Iterable[UserIndicators]) -> AppData:
    """Return ``data`` with imported indicators listed after its own, their values joined.

    The one way indicators that are not built in join the data: a visitor's import
    (:mod:`dashboard.views.user_indicators`) and the layers editors shared. A code the
    data already has is left out (never two columns of one name).
    """
    known = set(data.table.columns)
    fresh: list[Indicator] = []
    units: list[pd.DataFrame] = []
    iris: list[pd.DataFrame] = []
    for imported in imports:
        new = [indicator for indicator in imported.indicators if indicator.code not in known]
        codes = [indicator.code for indicator in new]
        if not codes:
            continue
        known.update(codes)
        fresh += new
        units.append(imported.units[codes])
        if imported.iris is not None:
            iris.append(imported.iris[codes])
    if not fresh:
        return data
    unit_values = pd.concat(units, axis=1)
    iris_values = pd.concat(iris, axis=1) if iris else None
    return replace(data, indicators=data.indicators + tuple(fresh),
                   table=data.table.join(unit_values, how="left"),
                   observations=data.observations.with_values(unit_values, iris_values))


def with_shared_indicators(data: AppData, layers: Mapping[str, UserIndicators]) -> AppData:
    """Return ``data`` with these shared indicator layers instead of the ones it has.

    « À la date du » swaps the layers in force now for those in force on that day: a
    layer stored later is absent, an older version shows its own values.
    """
    codes = {indicator.code for layer in data.indicator_layers.values()
             for indicator in layer.indicators}
    if codes:
        data = replace(data, indicators=tuple(indicator for indicator in data.indicators
                                              if indicator.code not in codes),
                       table=data.table.drop(columns=list(codes), errors="ignore"),
                       observations=data.observations.without(codes))
    return replace(with_imported(data, layers.values()), indicator_layers=dict(layers))


def load_app_data(region: str | None = None) -> AppData:
    """Return the region served by the app (``CARTOCOORD_REGION``, Île-de-France by default).

    Reloaded when an editor stores a new version of a zoning, in every worker.
    """
    region = region or current_region()
    return _load_app_data(region, catalog.zonings_revision(region))


def resolve_view(data: AppData, pathname: str | None,
                 search: str | None) -> tuple[AppData, ViewState]:
    """Read a view from a URL, with the data as it was on the view's date, if any."""
    state = parse_url(pathname, search, data.choices, data.default_state)
    if state.date is None:
        return data, state
    then = dated(data, state.date)
    return then, parse_url(*to_url(state), then.choices, then.default_state)


def dated(data: AppData, day: str | None) -> AppData:
    """Return the data with the zonings as they were on ``day`` (ISO), or as is when None."""
    return data if day is None else _dated(data, day)


@lru_cache(maxsize=16)
def _dated(data: AppData, day: str) -> AppData:
    """Use the zonings in force that day.

    A zoning stored only later (the demonstration set, stored on first start) shows its
    first perimeters, keeping the structures created by then.
    """
    when = date.fromisoformat(day)
    then = catalog.load_zonings_on(data.region, when)
    data = with_shared_indicators(data, catalog.load_indicator_layers_on(data.region, when))
    return replace(data, zonings={key: then.get(key) or as_of(zoning, when)
                                  for key, zoning in data.zonings.items()},
                   place_layers=catalog.load_place_layers_on(data.region, when))


@lru_cache(maxsize=2)
def _load_app_data(region: str, revision: int) -> AppData:
    with _collector_paused():
        stored = catalog.load_zonings(region)
        references = {key: zoning for key, zoning in
                      catalog.load_reference_zonings(region).items() if key not in stored}
        loaded = AppData(
            region=region,
            provenance=base.load_provenance(region),
            units=base.load_units(region, "detail"),
            overview=base.load_units(region, "overview"),
            departements=base.load_departements(region, "detail"),
            departements_overview=base.load_departements(region, "overview"),
            table=catalog.load_indicator_table(region),
            zonings={**stored, **references},
            references=tuple(references),
            observations=catalog.load_observations(region),
            iris=base.load_iris(region, "detail"),
            iris_overview=base.load_iris(region, "overview"),
            place_layers=catalog.load_place_layers(region),
        )
        return with_shared_indicators(loaded, catalog.load_indicator_layers(region))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the data is built.

    Loading France creates hundreds of thousands of objects that live as long as the
    process (zoning members, geometries, fiches); the collector would walk them again
    and again as they are made: about a tenth of the loading time, for nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
