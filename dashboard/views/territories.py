"""What the dashboard says about one commune or one territory: pure functions over AppData."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from dashboard import strings
from dashboard.figures.text import plotly_text
from dashboard.formatting import format_value
from dashboard.views.data import AppData, territory_ref
from dashboard.views.shares import PartialCommune, member_share, partial_communes, share_text
from geodata.heterogeneity import uncovered_share
from geodata.observations.aggregation import REGION_TERRITORY
from geodata.observations.indicators import DENSITY_CODE, POPULATION_CODE, Indicator
from geodata.observations.tables import MEAN_KINDS
from geodata.zonings import Zoning
from geodata.zonings.iris_shares import iris_shares

#: Fiche fields shown as contacts in "Qui couvre cette commune ?".
CONTACT_FIELDS = ("telephone", "courriel", "site")


@dataclass(frozen=True)
class Covering:
    """The territories of one zoning that cover a commune (none: a zone blanche).

    Each territory says its share of the commune (``share``, text) when it covers part
    of it; ``uncovered`` is the share no territory covers (0 for a covered commune, 1
    for a zone blanche); ``illustrative`` marks a made-up zoning.
    """

    zoning_key: str
    zoning_label: str
    territories: tuple[dict, ...]
    illustrative: bool = False
    uncovered: float = 0.0


def covering_structures(data: AppData, code: str) -> tuple[Covering, ...]:
    """Every zoning with the territories that cover commune ``code`` and their contacts."""
    result = []
    frame = pd.DataFrame({"code": [code]})
    for key, zoning in data.zonings.items():
        tids = zoning.territories_of(code)
        territories = tuple({
            "ref": territory_ref(key, tid),
            "nom": zoning.fiches[tid].nom,
            "statut": zoning.fiches[tid].statut,
            "share": share_label(zoning, tid, code),
            "illustratif": bool(zoning.illustrative or zoning.fiches[tid].illustratif),
            **{field: getattr(zoning.fiches[tid], field) for field in CONTACT_FIELDS},
        } for tid in tids)
        result.append(Covering(key, zoning.type.label, territories,
                               illustrative=zoning.illustrative,
                               uncovered=float(uncovered_share(zoning, frame)[0])))
    return tuple(result)


def covering_names(data: AppData, key: str) -> pd.Series:
    """Per unit code, the territories of zoning ``key`` covering it ("A / B").

    A territory covering part of the commune comes with its share (« CPTS Nord (28,9 %) »).
    Units that no territory covers (zones blanches) are absent.
    """
    zoning = data.zonings[key]
    names = {tid: fiche.nom for tid, fiche in zoning.fiches.items()}
    membership = zoning.membership
    named = membership.assign(nom=membership["territory_id"].map(names))
    partial = named["code"].isin(list(zoning.partial_codes())).to_numpy()
    if partial.any():
        named.loc[partial, "nom"] = [
            strings.HOVER_TERRITORY_SHARE.format(name=name, share=share_text(share, known))
            for name, share, known in zip(named.loc[partial, "nom"],
                                          named.loc[partial, "share"],
                                          named.loc[partial, "share_known"], strict=True)]
    # Most communes have one territory: join names only where there are several (a
    # groupby over every commune of France costs about half a second per zoning).
    shared = named["code"].duplicated(keep=False).to_numpy()
    return pd.concat([named.loc[~shared].set_index("code")["nom"],
                      named.loc[shared].groupby("code", sort=False)["nom"]
                      .agg(" / ".join)])


def share_label(zoning: Zoning, territory_id: str, code: str) -> str:
    """« 28,9 % de la commune », « part non précisée », or empty for the whole commune."""
    text = member_share(zoning, territory_id, code)
    if not text or text == strings.SHARE_UNKNOWN:
        return text
    return strings.SHARE_OF_COMMUNE.format(share=text)


def hover_lines(data: AppData, zoning_keys: tuple[str, ...]) -> pd.Series:
    """Per unit code, one line per shown zoning naming the territories that cover it.

    A territory covering part of the commune comes with its share (« CPTS Nord (28,9 %) »).
    """
    lines = pd.Series("", index=data.units["code"].to_numpy())
    for key in zoning_keys:
        zoning = data.zonings[key]
        covered = covering_names(data, key).map(plotly_text).reindex(lines.index)
        rest = uncovered_share(zoning, pd.DataFrame({"code": lines.index}))
        partly = (rest > 0) & covered.notna().to_numpy()
        if partly.any():
            covered[partly] += [" ; " + strings.COVERAGE_PARTLY_UNCOVERED.format(
                share=format_value(100 * share, "%", 1)).lower() for share in rest[partly]]
        text = (plotly_text(zoning.type.label) + " : "
                + covered.fillna("zone blanche")).to_numpy()
        lines = lines.where(lines == "", lines + "<br>") + text
    return lines


@dataclass(frozen=True)
class TerritorySummary:
    """Size of a territory and where it lies.

    ``population`` counts each commune for the territory's share of it; ``partial``
    lists the communes counted in part, which every figure of the fiche names.
    """

    communes: int
    population: int
    departements: tuple[str, ...]
    main_departement: str | None
    partial: tuple[PartialCommune, ...] = ()


def _members(data: AppData, zoning_key: str, territory_id: str) -> pd.DataFrame:
    """Membership rows of one territory (``territory``, ``code``, ``share``…), known units."""
    zoning = data.zonings[zoning_key]
    membership = zoning.membership
    rows = membership[membership["territory_id"] == territory_id]
    # Not Series.isin: pandas' string isin builds one pyarrow scalar per unit looked for.
    rows = rows[data.unit_index.index.get_indexer(rows["code"]) >= 0]
    return rows.rename(columns={"territory_id": "territory"})


def territory_summary(data: AppData, zoning_key: str, territory_id: str) -> TerritorySummary:
    """Count the communes and population of a territory and its départements."""
    rows = _members(data, zoning_key, territory_id)
    units = data.unit_index.loc[rows["code"]]
    people = units["population"].to_numpy(dtype=float) * rows["share"].to_numpy()
    by_departement = pd.Series(people, index=units["departement"].to_numpy()).groupby(
        level=0).sum().sort_values(ascending=False)
    return TerritorySummary(
        communes=len(units),
        population=int(round(people.sum())),
        departements=tuple(sorted(by_departement.index)),
        main_departement=by_departement.index[0] if len(by_departement) else None,
        partial=partial_communes(data, data.zonings[zoning_key], territory_id),
    )


@lru_cache(maxsize=64)
def reference_values(data: AppData, indicator: Indicator) -> pd.DataFrame:
    """Value and coverage of an indicator in each département and the region (computed once).

    Indexed by département code, then :data:`REGION_TERRITORY` for the region.
    """
    observations = data.observations
    return pd.concat([observations.aggregate_departements(indicator, data.units),
                      observations.aggregate_region(indicator, data.units, REGION_TERRITORY)])


def precarity_profile(data: AppData, zoning_key: str, territory_id: str,
                      indicators: tuple[Indicator, ...]) -> pd.DataFrame:
    """Each indicator on the territory, its main département and the region, with coverage.

    Columns ``territory``, ``departement``, ``region`` and the ``coverage`` of each
    (``coverage``, ``departement_coverage``, ``region_coverage``); a shared commune
    weighs for the territory's share of it.
    """
    membership = _members(data, zoning_key, territory_id)
    departement = territory_summary(data, zoning_key, territory_id).main_departement
    missing = pd.Series({"value": float("nan"), "coverage": 0.0})
    rows = []
    for indicator in indicators:
        own = data.observations.aggregate(indicator, membership)
        own = own.iloc[0] if len(own) else missing
        references = reference_values(data, indicator)
        here = references.loc[departement] if departement in references.index else missing
        region = references.loc[REGION_TERRITORY]
        rows.append({
            "indicator": indicator.code,
            "territory": own["value"], "coverage": own["coverage"],
            "departement": here["value"], "departement_coverage": here["coverage"],
            "region": region["value"], "region_coverage": region["coverage"],
        })
    return pd.DataFrame(rows).set_index("indicator")


def profile_indicators(data: AppData) -> tuple[Indicator, ...]:
    """List the indicators of a fiche's profile: every observation but population, density."""
    return tuple(indicator for indicator in data.indicators
                 if indicator.code not in (POPULATION_CODE, DENSITY_CODE))


def iris_profile(data: AppData, zoning_key: str, territory_id: str, indicator: Indicator,
                 departement: str | None) -> tuple[pd.Series, pd.Series, pd.Series] | None:
    """Compute the indicator from the IRIS: territory, département, region; None without IRIS.

    Weighted by the IRIS population of the 2022 census times the share of each IRIS in
    the territory: the part of it inside the territory's polygon where the polygon cuts
    its commune, else the share of its commune; each ``coverage`` is the share of that
    population whose IRIS has a value (units without IRIS observations are not covered).
    """
    if not _by_iris(data, indicator):
        return None
    zoning = data.zonings[zoning_key]
    territory = data.observations.aggregate_iris(
        indicator, _members(data, zoning_key, territory_id), _iris_shares(data, zoning))
    if territory.empty or not territory["coverage"].iloc[0] > 0:
        return None
    references = _iris_references(data, indicator)
    missing = pd.Series({"value": float("nan"), "coverage": 0.0})
    return (territory.iloc[0], references.get(departement, missing),
            references[REGION_TERRITORY])


def fiche_references(data: AppData) -> None:
    """Compute (and cache) the département and region values every fiche compares with."""
    for indicator in profile_indicators(data):
        reference_values(data, indicator)
        if _by_iris(data, indicator):
            _iris_references(data, indicator)


def _by_iris(data: AppData, indicator: Indicator) -> bool:
    """Tell whether a fiche computes the indicator from the IRIS too (published means)."""
    return data.observations.iris_values(indicator) is not None and indicator.kind in MEAN_KINDS


@lru_cache(maxsize=16)
def _iris_shares(data: AppData, zoning: Zoning) -> pd.DataFrame:
    """Share of each IRIS inside the polygons of a zoning (the whole zoning, once)."""
    membership = zoning.membership.rename(columns={"territory_id": "territory"})
    return iris_shares(membership, zoning.outlines, data.iris,
                       data.observations.iris["commune"])


@lru_cache(maxsize=64)
def _iris_references(data: AppData, indicator: Indicator) -> dict[str, pd.Series]:
    """Compute the indicator from the IRIS of each département and of the region, once."""
    units = data.units
    membership = pd.concat([
        pd.DataFrame({"territory": units["departement"], "code": units["code"]}),
        pd.DataFrame({"territory": REGION_TERRITORY, "code": units["code"]})])
    result = data.observations.aggregate_iris(indicator, membership)
    return {territory: row for territory, row in result.iterrows()}


def overlapping_structures(data: AppData, zoning_key: str, territory_id: str) -> pd.DataFrame:
    """Territories of the other zonings sharing population with this one, by shared share.

    Inside a commune, the overlap of two territories is population × both shares (the
    cuts are independent below the commune: exact when either covers it whole).
    """
    own = _members(data, zoning_key, territory_id).set_index("code")["share"]
    population = data.unit_index["population"].astype(float)
    people = population.reindex(own.index) * own
    total = people.sum()
    rows = []
    for key, zoning in data.zonings.items():
        if key == zoning_key:
            continue
        membership = zoning.membership
        shared = membership[membership["code"].isin(own.index)]
        overlap = people.reindex(shared["code"]).to_numpy() * shared["share"].to_numpy()
        for tid, pop in pd.Series(overlap).groupby(shared["territory_id"].to_numpy()).sum(
                ).items():
            rows.append({"ref": territory_ref(key, tid), "type": zoning.type.label,
                         "nom": zoning.fiches[tid].nom,
                         "share": pop / total if total else 0.0})
    frame = pd.DataFrame(rows, columns=["ref", "type", "nom", "share"])
    return frame.sort_values(["type", "share"], ascending=[True, False], ignore_index=True)
