"""The precarity profile of a fiche: each observation on the territory, département, region.

Indicators are grouped by source (Filosofi, DREES, ANCT, Cnaf…), each group under its
source line with its vintage, so that a value is never read without its date. A value
covering only part of the population says so under it; a count is « au moins » when
part of the territory is not published; the poverty rate is also computed from the IRIS
where the territory has some (weighted by their 2022 census population), beside the same
computation for the département and the region.
"""

from __future__ import annotations

from itertools import groupby

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import strings
from dashboard.constants import FULL_COVERAGE
from dashboard.formatting import format_share, format_value, is_missing
from dashboard.views.data import AppData
from dashboard.views.territories import (
    iris_profile,
    precarity_profile,
    profile_indicators,
    territory_summary,
)
from dashboard.views.user_indicators import is_user_indicator
from geodata.observations.indicators import Indicator

#: The rate also computed from the IRIS of the territory.
IRIS_PROFILE_CODE = "TP6021"
#: Units short enough to repeat in every cell; the others are said once, in the label.
CELL_UNITS = ("%", "€")


def _cell(indicator: Indicator, value: float, coverage: float = 1.0,
          template: str = strings.SHARE_COVERED) -> list:
    """Write a value and, when it covers part of the population only, how much and why.

    An indicator whose source leaves units out (:attr:`Indicator.missing_label`: Paris's
    QPV not given by arrondissement, CAF for large communes) says the reason, in place
    of a missing value and beside a partial coverage.
    """
    unit = indicator.unit if indicator.unit in CELL_UNITS else ""
    reason = indicator.missing_label
    text = format_value(value, unit, indicator.decimals, strings.MISSING_UNAVAILABLE)
    if indicator.kind == "count" and coverage < 1 and not is_missing(value):
        text = strings.VALUE_AT_LEAST.format(value=text)
    if is_missing(value):
        return [text] if reason is None else [text, html.Br(), html.Small(
            reason, className="text-muted")]
    if coverage >= FULL_COVERAGE:
        return [text]
    said = format_share(coverage, template)
    if reason is not None:
        said = strings.FICHE_COVERAGE_WHY.format(coverage=said, reason=reason)
    return [text, html.Br(), html.Small(said, className="text-muted")]


def _label(indicator: Indicator, text: str | None = None) -> html.Th:
    text = text or indicator.short_label + (" *" if indicator.approximate_aggregate else "")
    unit = [] if indicator.unit in CELL_UNITS or not indicator.unit else [
        html.Br(), html.Small(f"({indicator.unit})", className="text-muted")]
    return html.Th([text, *unit], scope="row")


def _row(indicator: Indicator, line: pd.Series) -> html.Tr:
    """Territory, département and region, each with its coverage where it can be partial.

    Counts, and sources leaving units out, say it in every column: a rate of a region
    part of which has no value is said to be so.
    """
    counts = indicator.kind == "count" or indicator.missing_label is not None
    return html.Tr([_label(indicator),
                    html.Td(_cell(indicator, line["territory"], line["coverage"])),
                    html.Td(_cell(indicator, line["departement"],
                                  line["departement_coverage"] if counts else 1.0)),
                    html.Td(_cell(indicator, line["region"],
                                  line["region_coverage"] if counts else 1.0))])


def _iris_row(indicator: Indicator, lines: tuple[pd.Series, ...]) -> html.Tr:
    label = strings.FICHE_IRIS_ROW.format(label=indicator.short_label)
    return html.Tr([_label(indicator, label), *(
        html.Td(_cell(indicator, line["value"], line["coverage"], strings.FICHE_IRIS_COVERAGE))
        for line in lines)])


def profile_table(data: AppData, zoning_key: str, territory_id: str) -> dbc.Table:
    """Build the profile table of a territory, one section per source."""
    indicators = profile_indicators(data)
    profile = precarity_profile(data, zoning_key, territory_id, indicators)
    departement = territory_summary(data, zoning_key, territory_id).main_departement
    header = html.Thead(html.Tr([
        html.Th(strings.FICHE_COMPARE_INDICATOR), html.Th(strings.FICHE_COMPARE_TERRITORY),
        html.Th(strings.FICHE_COMPARE_DEPARTEMENT.format(code=departement)),
        html.Th(strings.FICHE_COMPARE_REGION)]))
    rows = []
    for source, group in groupby(indicators, key=lambda indicator: indicator.source):
        rows.append(html.Tr([html.Th(source.removeprefix(strings.SOURCE_PREFIX), colSpan=4,
                                     scope="colgroup", className="cc-profile__source")]))
        for indicator in group:
            rows.append(_row(indicator, profile.loc[indicator.code]))
            # The poverty rate, and a user's values given by IRIS: also from their IRIS.
            if indicator.code == IRIS_PROFILE_CODE or (
                    indicator.iris_source and is_user_indicator(indicator.code)):
                lines = iris_profile(data, zoning_key, territory_id, indicator, departement)
                if lines is not None:
                    rows.append(_iris_row(indicator, lines))
    return dbc.Table([header, html.Tbody(rows)], size="sm", striped=True,
                     className="cc-profile")


def profile_note(data: AppData, partial: bool = False) -> html.P:
    """How the profile's values are computed, and the sources with their dates.

    A territory with shared communes says that they weigh only for its part of them.
    """
    sources = [*dict.fromkeys(indicator.source.removeprefix(strings.SOURCE_PREFIX)
                              for indicator in profile_indicators(data))]
    weights = (data.provenance.get("iris") or {}).get("weights", {}).get("source_line")
    if weights:
        sources.append(strings.FICHE_IRIS_WEIGHTS.format(
            source=weights.removeprefix(strings.SOURCE_PREFIX)))
    note = strings.FICHE_PROFILE_NOTE.format(sources=" ; ".join(sources))
    return html.P(note + (strings.FICHE_PROFILE_PARTIAL if partial else ""),
                  className="cc-hint")
