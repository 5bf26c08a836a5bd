"""Rows and columns of the panorama grid: one row per structure, all zonings together."""

from __future__ import annotations

from functools import cache

import pandas as pd

from dashboard import strings
from dashboard.views.data import AppData, territory_ref
from dashboard.views.shares import partial_communes, partial_note

#: Indicators shown as columns of the panorama, in this order.
KEY_INDICATORS = ("TP6021", "MED21", "PPMINI21", "DENSITE")


def _number_format(decimals: int) -> dict:
    """AG Grid value formatter: French numbers (``assets/dashAgGridFunctions.js``)."""
    return {"function": f"frenchNumber(params.value, {decimals})"}


def grid_columns(data: AppData) -> list[dict]:
    """Column definitions (French headers, number formats) of the panorama grid."""
    labels = strings.PANORAMA_COLUMNS
    columns = [
        {"field": "type", "headerName": labels["type"], "width": 120},
        {"field": "nom", "headerName": labels["nom"], "minWidth": 240, "flex": 2},
        {"field": "statut", "headerName": labels["statut"], "width": 150},
        {"field": "departements", "headerName": labels["departements"], "width": 140},
        {"field": "communes", "headerName": labels["communes"], "width": 120,
         "filter": "agNumberColumnFilter",
         "valueFormatter": _number_format(0)},
        {"field": "population", "headerName": labels["population"], "width": 140,
         "filter": "agNumberColumnFilter", "valueFormatter": _number_format(0),
         "headerTooltip": f"{data.population_source}. {strings.PANORAMA_POPULATION_TOOLTIP}"},
        {"field": "partagees", "headerName": labels["partagees"], "width": 130,
         "filter": "agNumberColumnFilter", "valueFormatter": _number_format(0),
         "tooltipField": "partagees_detail",
         "headerTooltip": strings.PANORAMA_PARTIAL_TOOLTIP},
    ]
    for code in KEY_INDICATORS:
        indicator = data.indicator(code)
        unit = f" ({indicator.unit})" if indicator.unit else ""
        columns.append({
            "field": code, "headerName": indicator.short_label + unit, "width": 150,
            "filter": "agNumberColumnFilter",
            "headerTooltip": f"{indicator.label} — {indicator.source}",
            "valueFormatter": _number_format(indicator.decimals),
        })
    return columns


@cache
def structure_rows(data: AppData) -> pd.DataFrame:
    """Every structure of every stored zoning with its size and key indicators.

    ``population`` counts each commune for the territory's share of it, ``partagees`` the
    communes counted in part and ``partagees_detail`` says which (« dont 1 commune
    partagée : … »).
    """
    frames = []
    units = data.unit_index
    for key in data.stored:
        zoning = data.zonings[key]
        membership = zoning.membership.rename(columns={"territory_id": "territory"})
        members = membership.join(units[["population", "departement"]], on="code", how="inner")
        members["population"] = members["population"] * members["share"]
        grouped = members.groupby("territory")
        territories = zoning.territories
        frame = pd.DataFrame({
            "id": [territory_ref(key, tid) for tid in territories.index],
            "zoning": key,
            "type": zoning.type.label,
            "nom": territories["nom"].to_numpy(),
            "statut": territories["statut"].fillna("").astype(str).to_numpy(),
            "departements": grouped["departement"].agg(
                lambda deps: ", ".join(sorted(set(deps)))).reindex(territories.index)
                .fillna("").to_numpy(),
            "communes": grouped.size().reindex(territories.index).fillna(0).astype(int).to_numpy(),
            "population": grouped["population"].sum().reindex(territories.index).fillna(0)
                .round().astype(int).to_numpy(),
        })
        partial = [partial_communes(data, zoning, tid) for tid in territories.index]
        frame["partagees"] = [len(communes) for communes in partial]
        frame["partagees_detail"] = [partial_note(communes) for communes in partial]
        for code in KEY_INDICATORS:
            values = data.observations.aggregate(data.indicator(code), membership)["value"]
            frame[code] = values.reindex(territories.index).round(2).to_numpy()
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def panorama_rows(data: AppData, departements: tuple[str, ...]) -> list[dict]:
    """Grid rows of the structures touching the selected départements (all when none)."""
    rows = structure_rows(data)
    if departements:
        wanted = set(departements)
        touches = rows["departements"].str.split(", ").map(lambda deps: bool(wanted & set(deps)))
        rows = rows[touches]
    return rows.astype(object).where(rows.notna(), None).to_dict("records")
