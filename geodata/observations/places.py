"""Lists of places located in communes (QPV 2024), counted per commune and per territory.

A place list is one row per place × commune it touches: a quartier prioritaire spanning
Aubervilliers and Saint-Denis is listed under both. Counting it per commune is right;
summing those counts over a territory would count it twice, so territories count the
**distinct** places of their communes (:func:`count_in_territories`).

Some places are attached by their source to a whole city given on the map by its
arrondissements (the 21 QPV of Paris are listed under 75056, never under an
arrondissement): they count for a territory holding the whole city, and no arrondissement
has a count of its own (missing, not zero). A territory holding only part of such a city
gets the count of its other communes and a coverage below 1: its value is a minimum.

The same shape serves the point layers built on top of it (users' places located by
coordinates, assigned to the commune that contains them): ``id``, ``nom``, ``code``,
``lon``, ``lat`` and an optional ``category``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from geodata.observations.code_history import current_units, split_cities
from geodata.observations.files import OBSERVATION_FILES, checked_path

PLACE_COLUMNS = ("id", "nom", "code", "lon", "lat")


@dataclass(frozen=True, eq=False)
class PlaceList:
    """Places of one kind, each listed under every commune (or whole city) it touches.

    Attributes
    ----------
    key, label : str
        Identifier (``qpv``) and French name of the kind of place.
    source, vintage : str
        Source line to cite and date of the list.
    places : pandas.DataFrame
        ``id``, ``nom``, ``code`` (a unit code, or a city code of ``whole_cities``),
        ``lon``, ``lat`` (where the source puts it: for QPV, the commune's centre).
    whole_cities : mapping
        City code → its units, for places the source attaches to the whole city.
    city_names : mapping
        City code → its name (« Paris »), to name the whole city.
    value_label : str
        Name of the numeric column of a user's list (``value``), drawn as proportional
        circles; empty when there is none.
    """

    key: str
    label: str
    source: str
    vintage: str
    places: pd.DataFrame
    whole_cities: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    city_names: Mapping[str, str] = field(default_factory=dict)
    value_label: str = ""

    def count_by_unit(self, unit_codes: pd.Index) -> pd.Series:
        """Distinct places per unit: 0 where none, NaN in cities counted as a whole."""
        counts = self.places.groupby("code")["id"].nunique()
        result = counts.reindex(unit_codes).fillna(0.0).astype(float)
        for city, units in self.whole_cities.items():
            if city in counts.index:
                result[result.index.isin(units)] = np.nan
        return result

    def by_commune(self) -> pd.DataFrame:
        """One row per commune or whole city with places, for a symbol layer.

        Columns ``code``, ``count`` (distinct places), ``names`` (their names, sorted),
        ``whole_city`` (True for a city given as a whole: name it as such, never as one
        of its arrondissements), ``lon``, ``lat`` (where the source puts them).
        """
        grouped = self.places.groupby("code", sort=True)
        return pd.DataFrame({
            "count": grouped["id"].nunique(),
            "names": grouped["nom"].agg(lambda names: tuple(sorted(set(names)))),
            "whole_city": [code in self.whole_cities for code in grouped.groups],
            "lon": grouped["lon"].first(), "lat": grouped["lat"].first(),
        }).rename_axis("code").reset_index()


def presence_share(counts: pd.Series) -> pd.Series:
    """100 where a unit has at least one place, 0 where none, NaN where unknown.

    As a share of each unit's population (all or nothing), its population-weighted mean
    over a territory is the share of the territory's population living in a unit with
    at least one place; units of a city counted as a whole stay unknown.

    Examples
    --------
    >>> presence_share(pd.Series({"A": 2.0, "B": 0.0, "C": float("nan")})).tolist()
    [100.0, 0.0, nan]
    """
    return (counts > 0).astype(float).mul(100.0).where(counts.notna())


def count_in_territories(places: PlaceList, membership: pd.DataFrame,
                         population: pd.Series) -> pd.DataFrame:
    """Distinct places of each territory, and the share of its population that is counted.

    Parameters
    ----------
    places : PlaceList
    membership : pandas.DataFrame
        ``territory`` and ``code`` (unit codes); a ``share`` column, if any, is not used:
        a place in a unit shared between territories counts for each of them.
    population : pandas.Series
        Population by unit code, to measure the coverage.

    Returns
    -------
    pandas.DataFrame
        Indexed by territory (order of first appearance): ``value`` (number of distinct
        places) and ``coverage`` (1, less when the territory holds only part of a city
        whose places are attached to the whole city: its value is then a minimum).
    """
    links = membership[["territory", "code"]].dropna().drop_duplicates()
    rows = places.places[["id", "code"]]
    territories = pd.Index(pd.unique(links["territory"]), name="territory")
    codes_of = links.groupby("territory", sort=False)["code"].agg(frozenset)
    city_places = rows[rows["code"].isin(places.whole_cities)]
    per_unit = rows[~rows["code"].isin(places.whole_cities)]
    values, coverages = [], []
    for territory in territories:
        codes = codes_of[territory]
        ids = set(per_unit.loc[per_unit["code"].isin(codes), "id"])
        uncounted = 0.0
        for city, units in places.whole_cities.items():
            here = codes.intersection(units)
            attached = city_places.loc[city_places["code"] == city, "id"]
            if not here or attached.empty:
                continue
            if here == set(units):
                ids |= set(attached)
            else:
                uncounted += float(population.reindex(list(here)).fillna(0).sum())
        total = float(population.reindex(list(codes)).fillna(0).sum())
        values.append(float(len(ids)))
        coverages.append(1.0 - uncounted / total if total > 0 else 1.0)
    return pd.DataFrame({"value": values, "coverage": coverages}, index=territories)


@cache
def _qpv_rows() -> pd.DataFrame:
    frame = pd.read_csv(checked_path("qpv"), dtype=str, keep_default_na=False)
    return pd.DataFrame({
        "id": frame["code_qp"].str.strip(), "nom": frame["lib_qp"].str.strip(),
        "commune": frame["insee_com"].str.strip(),
        "lon": pd.to_numeric(frame["centroid_commune_lon"]),
        "lat": pd.to_numeric(frame["centroid_commune_lat"]),
    })


def load_qpv(unit_codes: pd.Index, aliases: pd.DataFrame) -> PlaceList:
    """Load the QPV 2024 of the region's units (« Source : ANCT, QPV 2024 »).

    Codes go through the code history; QPV attached to a city given by its
    arrondissements stay attached to the whole city.
    """
    rows = _qpv_rows()
    cities = {city: units for city, units in split_cities(aliases).items()
              if set(units) <= set(unit_codes)}
    units = current_units(rows["commune"], set(unit_codes), aliases)
    code = np.where(rows["commune"].isin(cities), rows["commune"], units)
    kept = rows.assign(code=code)[pd.notna(code)]
    qpv = OBSERVATION_FILES["qpv"]
    attached = sorted(set(kept["code"]) & set(cities))
    names = dict(zip(aliases["alias"], aliases["nom"], strict=True))
    return PlaceList("qpv", "Quartiers prioritaires de la politique de la ville", qpv.source,
                     qpv.vintage, kept[list(PLACE_COLUMNS)].reset_index(drop=True),
                     {city: cities[city] for city in attached},
                     {city: names.get(city, city) for city in attached})
