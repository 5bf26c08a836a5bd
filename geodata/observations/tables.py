"""Every observation of a region in one object: per unit, per IRIS, lists of places.

:class:`Observations` is what the app aggregates through: an indicator of the unit table
is aggregated by :func:`~geodata.observations.aggregation.aggregate_indicator`, a count
of places by :func:`~geodata.observations.places.count_in_territories`, and an indicator
published by IRIS can also be aggregated from its IRIS (:meth:`Observations.aggregate_iris`,
weighted by the IRIS population of the 2022 census). Lists of places and user
indicators are added beside the built-in ones (:meth:`Observations.with_places`).

Membership frames are those of :func:`aggregate`: ``territory``, ``code`` (unit codes)
and, when a unit is only partly in a territory, ``share`` (0..1): IRIS weights are then
multiplied by the share of their unit.

Examples
--------
>>> from geodata.catalog import load_observations
>>> from geodata.observations.indicators import get_indicator
>>> observations = load_observations("11")
>>> membership = pd.DataFrame({"territory": ["Aubervilliers"], "code": ["93001"]})
>>> row = observations.aggregate_iris(get_indicator("TP6021"), membership).iloc[0]
>>> round(float(row["value"]), 1), round(float(row["coverage"]), 3)
(41.6, 0.978)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import pandas as pd

from geodata.observations.aggregation import aggregate, aggregate_indicator
from geodata.observations.indicators import POPULATION_CODE, Indicator
from geodata.observations.iris_sources import POPULATION
from geodata.observations.places import PlaceList, count_in_territories

COMMUNE = "commune"
#: Separator of the territory and the IRIS in the key of one IRIS × territory link.
_LINK = "\x1f"
#: Enclosing levels of a unit, smallest first: the columns of the units naming them.
ENCLOSING_LEVELS = ("epci", "departement")
#: Kinds whose value over a group of communes says something about each of them.
MEAN_KINDS = ("rate", "ratio")


@dataclass(frozen=True, eq=False)
class Observations:
    """The observations of a region. Frames are shared: never modify them.

    Attributes
    ----------
    table : pandas.DataFrame
        Per unit code: one column per indicator and the weights
        (:func:`geodata.catalog.load_indicator_table`).
    iris : pandas.DataFrame
        Per IRIS code (geography of its file): ``commune`` (unit), ``population``
        (RP 2022), the values of the indicators published by IRIS.
    places : mapping
        Lists of places by key (``qpv``).
    """

    table: pd.DataFrame
    iris: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        {COMMUNE: pd.Series(dtype=str), POPULATION: pd.Series(dtype=float)}))
    places: Mapping[str, PlaceList] = field(default_factory=lambda: MappingProxyType({}))

    def with_places(self, places: PlaceList) -> Observations:
        """Return a copy with one more list of places (a user's point layer, say)."""
        return replace(self, places=MappingProxyType({**self.places, places.key: places}))

    def with_values(self, units: pd.DataFrame | None = None,
                    iris: pd.DataFrame | None = None) -> Observations:
        """Return a copy with more columns (a user's indicators), by unit and/or by IRIS.

        ``units`` is indexed by unit code, ``iris`` by IRIS code; their columns must be
        new (an indicator code each, as :func:`~geodata.observations.indicators.user_indicator`
        names them). Values of IRIS the table does not hold are left out.
        """
        table, iris_table = self.table, self.iris
        if units is not None:
            table = table.join(units, how="left")
        if iris is not None:
            iris_table = iris_table.join(iris, how="left")
        return replace(self, table=table, iris=iris_table)

    def without(self, codes: set[str]) -> Observations:
        """Return a copy without some columns (the shared indicators of another date)."""
        return replace(self, table=self.table.drop(columns=list(codes), errors="ignore"),
                       iris=self.iris.drop(columns=list(codes), errors="ignore"))

    def aggregate(self, indicator: Indicator, membership: pd.DataFrame) -> pd.DataFrame:
        """Value and coverage of each territory (``territory``, ``code`` [, ``share``])."""
        if indicator.places is not None:
            return count_in_territories(self.places[indicator.places], membership,
                                        self.table[POPULATION_CODE])
        return aggregate_indicator(self.table, indicator, membership)

    def aggregate_departements(self, indicator: Indicator, units: pd.DataFrame) -> pd.DataFrame:
        """Value of each département of ``units``, to compare territories with."""
        return self.aggregate(indicator, pd.DataFrame({
            "territory": units["departement"].to_numpy(), "code": units["code"].to_numpy()}))

    def aggregate_region(self, indicator: Indicator, units: pd.DataFrame,
                         territory: str) -> pd.DataFrame:
        """One-row frame: the value over all ``units``, indexed by ``territory``."""
        return self.aggregate(indicator, pd.DataFrame({"territory": territory,
                                                       "code": units["code"].to_numpy()}))

    def iris_values(self, indicator: Indicator) -> pd.Series | None:
        """Values by IRIS code, None when the indicator is not published by IRIS."""
        if indicator.iris_source is None or indicator.code not in self.iris:
            return None
        return self.iris[indicator.code]

    def aggregate_iris(self, indicator: Indicator, membership: pd.DataFrame,
                       iris_shares: pd.DataFrame | None = None) -> pd.DataFrame:
        """Value of each territory from the IRIS of its units, weighted by their population.

        The weight of an IRIS is its RP 2022 population times its share in the
        territory: from ``iris_shares`` (``territory``, ``iris``, ``share``: the part of
        the IRIS inside the territory's polygon, :func:`geodata.zonings.iris_shares.
        iris_shares`) where given, else the share of its unit. ``coverage`` is the share
        of the territory's IRIS population whose IRIS has a value (units without IRIS
        observations count as not covered). Only for means (rates, ratios): counts add
        up in the unit table already.
        """
        values = self.iris_values(indicator)
        if values is None or indicator.kind not in MEAN_KINDS:
            raise ValueError(f"{indicator.code} n'est pas un taux publié par IRIS.")
        links = membership.drop_duplicates(["territory", "code"])
        share = links["share"] if "share" in links else pd.Series(1.0, index=links.index)
        rows = pd.DataFrame({"territory": links["territory"].to_numpy(),
                             COMMUNE: links["code"].to_numpy(),
                             "share": share.to_numpy(dtype=float)}).merge(
            self.iris[[COMMUNE, POPULATION]].rename_axis("iris").reset_index(), on=COMMUNE)
        if iris_shares is not None and len(iris_shares):
            own = rows[["territory", "iris"]].merge(
                iris_shares[["territory", "iris", "share"]], how="left", on=["territory", "iris"])
            rows["share"] = own["share"].fillna(rows["share"]).to_numpy(dtype=float)
        key = rows["territory"].astype(str) + _LINK + rows["iris"]
        weights = pd.Series((rows[POPULATION] * rows["share"]).to_numpy(), index=key)
        result = aggregate(pd.Series(values.reindex(rows["iris"]).to_numpy(), index=key),
                           weights, pd.DataFrame({"territory": rows["territory"].to_numpy(),
                                                  "code": key.to_numpy()}), indicator.kind)
        return result.reindex(pd.Index(pd.unique(links["territory"]), name="territory"))

    def enclosing_values(self, indicator: Indicator, units: pd.DataFrame) -> pd.DataFrame:
        """For units without a value, the value of the smallest enclosing group that has one.

        The group value is the mean of its **published** units (weighted as over a
        territory), not an official value of the group: it leaves out the withheld
        units, which are usually small. Only for means (a count of a group says nothing
        of one of its communes) whose missing values are withheld: a value missing for a
        stated reason (``missing_label``: no such value in the source) has no stand-in.

        Returns
        -------
        pandas.DataFrame
            Indexed by the code of each unit without a value that one of its groups can
            stand in for: ``value``, ``level`` (``epci`` or ``departement``), ``group``
            (its code).
        """
        columns = ["value", "level", "group"]
        if (indicator.kind not in MEAN_KINDS or indicator.places is not None
                or indicator.missing_label is not None):
            return pd.DataFrame(columns=columns)
        own = self.table[indicator.code].reindex(units["code"])
        todo = units[own.isna().to_numpy()]
        found = []
        for level in ENCLOSING_LEVELS:
            groups = units[units[level].astype(bool)]
            means = self.aggregate(indicator, pd.DataFrame({
                "territory": groups[level].to_numpy(), "code": groups["code"].to_numpy()}))
            group_of = todo.set_index("code")[level]
            value = means["value"].reindex(group_of.to_numpy()).to_numpy()
            hit = pd.notna(value)
            found.append(pd.DataFrame({"value": value[hit], "level": level,
                                       "group": group_of.to_numpy()[hit]},
                                      index=group_of.index[hit]))
            todo = todo[~todo["code"].isin(group_of.index[hit])]
        return pd.concat(found)[columns]
