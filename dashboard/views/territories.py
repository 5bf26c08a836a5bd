"""What the dashboard says about one commune or one territory: pure functions over AppData."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from dashboard.figures.text import plotly_text
from dashboard.views.data import AppData, territory_ref
from geodata.observations.aggregation import (
    aggregate_departements,
    aggregate_indicator,
    aggregate_region,
)
from geodata.observations.indicators import Indicator

#: Fiche fields shown as contacts in "Qui couvre cette commune ?".
CONTACT_FIELDS = ("telephone", "courriel", "site")


@dataclass(frozen=True)
class Covering:
    """The territories of one zoning that cover a commune (none: a zone blanche)."""

    zoning_key: str
    zoning_label: str
    territories: tuple[dict, ...]


def covering_structures(data: AppData, code: str) -> tuple[Covering, ...]:
    """Every zoning with the territories that cover commune ``code`` and their contacts."""
    result = []
    for key, zoning in data.zonings.items():
        territories = tuple({
            "ref": territory_ref(key, tid),
            "nom": zoning.fiches[tid].nom,
            "statut": zoning.fiches[tid].statut,
            **{field: getattr(zoning.fiches[tid], field) for field in CONTACT_FIELDS},
        } for tid in zoning.territories_of(code))
        result.append(Covering(key, zoning.type.label, territories))
    return tuple(result)


def covering_names(data: AppData, key: str) -> pd.Series:
    """Per unit code, the names of the territories of zoning ``key`` covering it ("A / B").

    Units that no territory covers (zones blanches) are absent.
    """
    zoning = data.zonings[key]
    names = {tid: fiche.nom for tid, fiche in zoning.fiches.items()}
    membership = zoning.membership
    named = membership.assign(nom=membership["territory_id"].map(names))
    # Most communes have one territory: join names only where there are several (a
    # groupby over every commune of France costs about half a second per zoning).
    shared = named["code"].duplicated(keep=False).to_numpy()
    return pd.concat([named.loc[~shared].set_index("code")["nom"],
                      named.loc[shared].groupby("code", sort=False)["nom"]
                      .agg(" / ".join)])


def hover_lines(data: AppData, zoning_keys: tuple[str, ...]) -> pd.Series:
    """Per unit code, one line per shown zoning naming the territories that cover it."""
    lines = pd.Series("", index=data.units["code"].to_numpy())
    for key in zoning_keys:
        covered = covering_names(data, key).map(plotly_text).reindex(lines.index)
        text = (plotly_text(data.zonings[key].type.label) + " : "
                + covered.fillna("zone blanche")).to_numpy()
        lines = lines.where(lines == "", lines + "<br>") + text
    return lines


@dataclass(frozen=True)
class TerritorySummary:
    """Size of a territory and where it lies."""

    communes: int
    population: int
    departements: tuple[str, ...]
    main_departement: str | None


def territory_summary(data: AppData, zoning_key: str, territory_id: str) -> TerritorySummary:
    """Count the communes and population of a territory and its départements."""
    codes = list(data.zonings[zoning_key].units_of(territory_id))
    units = data.unit_index.loc[codes]
    by_departement = units.groupby("departement")["population"].sum().sort_values(
        ascending=False)
    return TerritorySummary(
        communes=len(units),
        population=int(units["population"].sum()),
        departements=tuple(sorted(by_departement.index)),
        main_departement=by_departement.index[0] if len(by_departement) else None,
    )


@lru_cache(maxsize=64)
def reference_values(data: AppData, indicator: Indicator) -> tuple[pd.Series, float]:
    """Value of an indicator in each département and in the whole region (computed once)."""
    departements = aggregate_departements(data.table, indicator, data.units)["value"]
    return departements, aggregate_region(data.table, indicator, data.units)["value"].iloc[0]


def precarity_profile(data: AppData, zoning_key: str, territory_id: str,
                      indicators: tuple[Indicator, ...]) -> pd.DataFrame:
    """Each indicator on the territory, its main département and the region, with coverage."""
    membership = pd.DataFrame({"territory": territory_id,
                               "code": list(data.zonings[zoning_key].units_of(territory_id))})
    departement = territory_summary(data, zoning_key, territory_id).main_departement
    rows = []
    for indicator in indicators:
        own = aggregate_indicator(data.table, indicator, membership)
        departements, region = reference_values(data, indicator)
        rows.append({
            "indicator": indicator.code,
            "territory": own["value"].iloc[0] if len(own) else float("nan"),
            "coverage": own["coverage"].iloc[0] if len(own) else 0.0,
            "departement": departements.get(departement, float("nan")),
            "region": region,
        })
    return pd.DataFrame(rows).set_index("indicator")


def overlapping_structures(data: AppData, zoning_key: str, territory_id: str) -> pd.DataFrame:
    """Territories of the other zonings sharing communes with this one, by shared population."""
    codes = list(data.zonings[zoning_key].units_of(territory_id))
    population = data.unit_index["population"]
    total = population.loc[codes].sum()
    rows = []
    for key, zoning in data.zonings.items():
        if key == zoning_key:
            continue
        membership = zoning.membership
        shared = membership[membership["code"].isin(codes)]
        shared_population = shared.assign(population=population.loc[shared["code"]].to_numpy())
        for tid, pop in shared_population.groupby("territory_id")["population"].sum().items():
            rows.append({"ref": territory_ref(key, tid), "type": zoning.type.label,
                         "nom": zoning.fiches[tid].nom,
                         "share": pop / total if total else 0.0})
    frame = pd.DataFrame(rows, columns=["ref", "type", "nom", "share"])
    return frame.sort_values(["type", "share"], ascending=[True, False], ignore_index=True)
