"""The zones blanches page: communes no territory of a zoning covers, ranked by need.

:func:`gaps_view` builds the page from the loaded data (cached): the map of the
uncovered communes coloured by the indicator, the list sorted by need (population ×
poverty rate), the count per département and the communes claimed twice. Its builders
(:func:`gaps_figure`, :func:`need_rows`…) are tested on small frames.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard import strings
from dashboard.classification import Classification, ClassificationError, classify
from dashboard.figures.geojson import Outline, outline_coordinates
from dashboard.figures.legend import Legend, LegendDetails, build_legend
from dashboard.figures.map import ZoningLayer, build_map_figure
from dashboard.formatting import format_value
from dashboard.palettes import OutlineStyle
from dashboard.views.analysis import (
    CACHE_SIZE,
    line_trace,
    number_column,
    scope_level,
    scope_units,
    selection,
    text_column,
)
from dashboard.views.data import AppData
from dashboard.views.map_geometry import areas, departement_outline, geojson_name, zoning_layer
from dashboard.views.sources import perimeter_sources
from dashboard.views.state import BY_COMMUNE, ViewState
from dashboard.views.territories import hover_lines
from geodata.heterogeneity import gaps_by_departement, overlaps, partly_uncovered
from geodata.observations.indicators import Indicator
from geodata.zonings import Zoning

#: Indicator of the "besoin" score of a zone blanche: population × poverty rate.
NEED_INDICATOR = "TP6021"
#: Zones blanches map: covered communes are only a light background.
COVERED_COLOUR = "#f2f2f2"
COVERED_LINE = {"color": "#c8c8c8", "width": 0.3}
GAPS_OUTLINE_STYLE = OutlineStyle("#1a1a1a", "solid", 1.6)


def communes_geojson_name(data: AppData, departements: tuple[str, ...]) -> str:
    """File name of the communes of the scope: the main map's own file."""
    return geojson_name(selection(data, departements, BY_COMMUNE))


def gaps_zoning_key(data: AppData, wanted: str) -> str | None:
    """Choose the zoning whose gaps are shown: ``wanted`` if loaded, else the first with gaps."""
    if wanted in data.stored:
        return wanted
    for key in data.stored:
        if not data.zonings[key].covers(data.units["code"]).all():
            return key
    return next(iter(data.stored), None)


@lru_cache(maxsize=CACHE_SIZE)
def uncovered_counts(data: AppData) -> dict[str, int]:
    """Communes of the region outside every territory, per stored zoning (for the menu)."""
    return {key: int(gaps_by_departement(data.zonings[key], data.units)["uncovered_units"].sum())
            for key in data.stored}


def need_scores(population: pd.Series, poverty_rate: pd.Series) -> pd.Series:
    """Besoin of a commune: population × poverty rate (in %) / 100.

    It estimates the number of inhabitants below the poverty line: a large commune with a
    moderate rate can need more than a small, very poor one. NaN when the rate is
    withheld (secret statistique).
    """
    return population.astype(float) * poverty_rate.astype(float) / 100


def need_columns() -> list[dict]:
    """Define the columns of the list of zones blanches (French headers)."""
    labels = strings.GAPS_COLUMNS
    return [
        number_column("rang", labels["rang"], width=80),
        text_column("commune", labels["commune"], minWidth=150, flex=2,
                     tooltipField="commune"),
        # In the CSV (``allColumns``), not on screen: the name is enough to read the list.
        text_column("code", labels["code"], width=90, hide=True),
        text_column("departement", labels["departement"], width=125, filter=False),
        number_column("population", labels["population"], width=115),
        number_column("part_non_couverte", labels["part_non_couverte"], 0, width=120),
        number_column("taux_pauvrete", labels["taux_pauvrete"], 1, width=115),
        number_column("besoin", labels["besoin"], 0, width=130),
    ]


def need_rows(uncovered: pd.DataFrame, poverty_rate: pd.Series) -> pd.DataFrame:
    """Uncovered communes where the need is highest first.

    Sorted by decreasing :func:`need_scores`; communes whose rate is withheld come after,
    by decreasing population; ties by code, so that the order is stable. A commune
    covered in part is a zone blanche for the rest only: its population is that part's.

    Parameters
    ----------
    uncovered : pandas.DataFrame
        ``code``, ``nom``, ``departement``, ``population`` of the zones blanches, and
        ``uncovered_share`` for communes uncovered in part (1 when absent).
    poverty_rate : pandas.Series
        Poverty rate (%) indexed by commune code.
    """
    fields = [column["field"] for column in need_columns()]
    rate = poverty_rate.reindex(uncovered["code"]).to_numpy(dtype=float)
    share = (uncovered["uncovered_share"].to_numpy(dtype=float)
             if "uncovered_share" in uncovered else np.ones(len(uncovered)))
    frame = pd.DataFrame({
        "commune": uncovered["nom"].to_numpy(),
        "code": uncovered["code"].to_numpy(),
        "departement": uncovered["departement"].to_numpy(),
        "population": np.round(uncovered["population"].to_numpy(dtype=float) * share)
        .astype(int),
        "part_non_couverte": np.round(100 * share),
        "taux_pauvrete": rate,
    })
    frame["besoin"] = need_scores(frame["population"], frame["taux_pauvrete"]).round()
    frame = frame.sort_values(["besoin", "population", "code"], ascending=[False, False, True],
                              na_position="last", ignore_index=True)
    frame["rang"] = np.arange(1, len(frame) + 1)
    return frame[fields]


def gaps_departement_columns() -> list[dict]:
    """Define the columns of the per-département table (French headers)."""
    labels = strings.GAPS_DEPARTEMENT_COLUMNS
    return [
        text_column("departement", labels["departement"], minWidth=190, flex=2,
                     filter=False),
        number_column("communes", labels["communes"], width=110),
        number_column("communes_non_couvertes", labels["communes_non_couvertes"], width=120),
        number_column("population", labels["population"], width=120),
        number_column("population_non_couverte", labels["population_non_couverte"],
                       width=130),
        number_column("part_non_couverte", labels["part_non_couverte"], 1, width=125),
    ]


def gaps_departement_rows(summary: pd.DataFrame,
                          departement_names: Mapping[str, str]) -> pd.DataFrame:
    """Rows of the per-département table from :func:`~geodata.heterogeneity.gaps_by_departement`."""
    return pd.DataFrame({
        "departement": [f"{code} — {departement_names.get(code, code)}"
                        for code in summary.index],
        "communes": summary["units"].to_numpy(dtype=int),
        "communes_non_couvertes": summary["uncovered_units"].to_numpy(dtype=int),
        "population": summary["population"].to_numpy(dtype=int),
        "population_non_couverte": summary["uncovered_population"].to_numpy(dtype=int),
        "part_non_couverte": (summary["uncovered_share"] * 100).round(1).to_numpy(),
    }, columns=[column["field"] for column in gaps_departement_columns()])


def overlap_columns() -> list[dict]:
    """Define the columns of the shared communes table (French headers)."""
    labels = strings.OVERLAPS_COLUMNS
    return [
        text_column("commune", labels["commune"], minWidth=150, flex=1),
        text_column("code", labels["code"], width=90, hide=True),
        text_column("departement", labels["departement"], width=125, filter=False),
        number_column("population", labels["population"], width=115),
        text_column("territoires", labels["territoires"], minWidth=200, flex=2,
                     tooltipField="territoires"),
        text_column("repartition", labels["repartition"], minWidth=150, flex=1,
                    filter=False),
    ]


def overlap_rows(shared: pd.DataFrame, zoning: Zoning) -> pd.DataFrame:
    """Rows of the table of communes claimed by several territories (:func:`overlaps`)."""
    return pd.DataFrame({
        "commune": shared["nom"].to_numpy(),
        "code": shared["code"].to_numpy(),
        "departement": shared["departement"].to_numpy(),
        "population": shared["population"].to_numpy(dtype=int),
        "territoires": [" / ".join(zoning.fiches[tid].nom for tid in tids)
                        for tids in shared["territories"]],
        "repartition": [" / ".join(format_value(100 * share, "%", 1) for share in shares)
                        if known else strings.OVERLAP_EQUAL_PARTS
                        for shares, known in zip(shared["shares"], shared["known"],
                                                 strict=True)],
    }, columns=[column["field"] for column in overlap_columns()])


def subset_classification(classification: Classification, mask: np.ndarray) -> Classification:
    """Restrict classes to some values: bounds kept, counts of those values only."""
    class_of = classification.class_of[mask]
    counts = tuple(int((class_of == index).sum()) for index in range(classification.k))
    return replace(classification, class_of=class_of, counts=counts,
                   missing_count=int((class_of < 0).sum()))


def gaps_figure(communes: pd.DataFrame, uncovered: np.ndarray, values: np.ndarray,
                classification: Classification, indicator: Indicator, geojson: str | dict,
                departements: Outline, zoning: ZoningLayer, gaps_outline: Outline,
                covered_hover: Sequence[str], uirevision: str) -> dict:
    """Zones blanches coloured by the indicator over the covered communes in light grey.

    Parameters
    ----------
    communes : pandas.DataFrame
        ``code`` and ``nom`` of the shown communes.
    uncovered : numpy.ndarray of bool
        Which of them no territory of the zoning covers.
    values : numpy.ndarray
        Indicator value of every shown commune.
    classification : Classification
        Classes of ``values`` over all shown communes, as on the main map (colours mean
        the same on both pages).
    covered_hover : sequence of str
        Hover line of each covered commune (its territories).

    Returns
    -------
    dict
        Traces: covered communes (uniform light fill), uncovered communes
        (:func:`~dashboard.figures.map.build_map_figure`'s choropleth), départements,
        zoning outline, outline of the zones blanches.
    """
    gaps = communes[uncovered]
    figure = build_map_figure(
        gaps[["code", "nom"]], values[uncovered],
        subset_classification(classification, uncovered), indicator, geojson, departements,
        [zoning], hover_lines={"gaps": pd.Series(strings.GAPS_HOVER.format(label=zoning.name),
                                                 index=gaps["code"].to_numpy())},
        show_legend=False, uirevision=uirevision)
    covered = communes[~uncovered]
    figure["data"][0]["uid"] = "gaps"
    figure["data"].insert(0, {
        "type": "choropleth",
        "uid": "covered",
        "geojson": geojson if isinstance(geojson, str) else dict(geojson),
        "featureidkey": "id",
        "locations": covered["code"].astype(str).tolist(),
        "z": [0] * len(covered),
        "zmin": 0,
        "zmax": 1,
        "colorscale": [[0, COVERED_COLOUR], [1, COVERED_COLOUR]],
        "customdata": [[name, line] for name, line in zip(covered["nom"], covered_hover,
                                                           strict=True)],
        "hovertemplate": "<b>%{customdata[0]}</b> (%{location})<br>%{customdata[1]}"
                         "<extra></extra>",
        "marker": {"line": dict(COVERED_LINE)},
        "showscale": False,
        "showlegend": False,
    })
    figure["data"].append(line_trace("gaps-outline", strings.GAPS_OUTLINE, gaps_outline,
                                GAPS_OUTLINE_STYLE))
    return figure


@dataclass(frozen=True)
class GapsView:
    """Everything the zones blanches page shows for one zoning on a scope."""

    zoning: str
    label: str
    figure: dict
    legend: Legend
    needs: pd.DataFrame
    by_departement: pd.DataFrame
    overlaps: pd.DataFrame
    uncovered_units: int
    uncovered_population: int
    population: int
    #: Communes covered in part only (zones blanches for the rest).
    partly_uncovered_units: int = 0


def _classify(values: np.ndarray, state: ViewState, indicator: Indicator) -> Classification:
    """Classes as on the main map; unusable manual breaks fall back to quantiles."""
    try:
        return classify(values, state.method, state.classes, state.breaks,
                        unit=indicator.unit, decimals=indicator.decimals)
    except ClassificationError:
        return classify(values, "quantiles", state.classes, unit=indicator.unit,
                        decimals=indicator.decimals)


@lru_cache(maxsize=CACHE_SIZE)
def _covered_hover(data: AppData, key: str) -> pd.Series:
    """Hover line of every commune: its territories (with their shares), escaped once."""
    return hover_lines(data, (key,))


@lru_cache(maxsize=CACHE_SIZE)
def _gaps_outline(data: AppData, key: str, departements: tuple[str, ...]) -> Outline:
    units = scope_units(data, departements)
    uncovered = ~data.zonings[key].covers(units["code"])
    return outline_coordinates(units.geometry[uncovered])


def gaps_view(data: AppData, state: ViewState, geojson: str) -> GapsView | None:
    """Build the zones blanches view of the state's zoning and départements (None: no zoning).

    ``geojson`` is the URL of the communes of the scope (the main map's file).
    """
    key = gaps_zoning_key(data, state.gaps_zoning)
    if key is None:
        return None
    return _gaps_view(data, key, state.departements, state.indicator, state.method,
                      state.classes, state.breaks, geojson)


@lru_cache(maxsize=CACHE_SIZE)
def _gaps_view(data: AppData, key: str, departements: tuple[str, ...], indicator_code: str,
               method: str, classes: int, breaks: tuple[str, ...], geojson: str) -> GapsView:
    zoning = data.zonings[key]
    label = zoning.type.label
    level = scope_level(data, departements)
    communes = areas(data, selection(data, departements, BY_COMMUNE))
    uncovered = ~zoning.covers(communes["code"])
    indicator = data.indicator(indicator_code)
    values = data.table[indicator_code].reindex(communes["code"]).to_numpy(dtype=float)
    state = ViewState(indicator=indicator_code, method=method, classes=classes, breaks=breaks)
    classification = _classify(values, state, indicator)
    layer = zoning_layer(data, key, departements, level)
    hover = _covered_hover(data, key).reindex(communes["code"][~uncovered]).fillna("")
    figure = gaps_figure(
        communes[["code", "nom"]], uncovered, values, classification, indicator, geojson,
        departement_outline(data, departements, level), layer,
        _gaps_outline(data, key, departements), hover.tolist(),
        uirevision=f"zones-blanches|{','.join(departements)}")
    units = scope_units(data, departements)
    summary = gaps_by_departement(zoning, units)
    names = dict(zip(data.departements["code"], data.departements["nom"], strict=True))
    wholly = units[~zoning.covers(units["code"])].drop(columns="geometry")
    gap_units = pd.concat([wholly.assign(uncovered_share=1.0),
                           partly_uncovered(zoning, units)], ignore_index=True)
    return GapsView(
        zoning=key, label=label, figure=figure,
        legend=build_legend(subset_classification(classification, uncovered), indicator,
                            [layer], illustrative=data.illustrative_zonings((key,)),
                            details=LegendDetails(perimeters=perimeter_sources(data, (key,)))),
        needs=need_rows(gap_units, data.table[NEED_INDICATOR]),
        by_departement=gaps_departement_rows(summary, names),
        overlaps=overlap_rows(overlaps(zoning, units), zoning),
        uncovered_units=int(summary["uncovered_units"].sum()),
        uncovered_population=int(round(summary["uncovered_population"].sum())),
        population=int(summary["population"].sum()),
        partly_uncovered_units=int(summary["partly_uncovered_units"].sum()),
    )
