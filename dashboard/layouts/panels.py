"""Panels filled by callbacks: the legend, "Qui couvre cette commune ?", the fiche, the banner."""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids, strings
from dashboard.figures.legend import Legend
from dashboard.figures.thumbnail import build_thumbnail_figure
from dashboard.formatting import format_share, format_value
from dashboard.layouts.components import circle_swatch, fill_swatch, hatch_swatch, line_swatch
from dashboard.layouts.profile import profile_note, profile_table
from dashboard.views.data import AppData, split_ref
from dashboard.views.map_table import MapTable
from dashboard.views.shading import unit_value_text
from dashboard.views.shares import partial_note
from dashboard.views.state import ViewState
from dashboard.views.territories import (
    covering_structures,
    overlapping_structures,
    territory_summary,
)
from geodata.zonings import FICHE_LABELS

#: Fiche fields shown in the identity table, in this order (name and type are the title,
#: the columns the file had beyond these come under « Autres informations »).
IDENTITY_FIELDS = ("porteur", "statut", "date_creation", "president", "coordination",
                   "adresse", "telephone", "courriel", "site", "perimetre", "missions",
                   "public_cible", "modalites_mobilisation", "mode_action", "criteres_inclusion",
                   "source", "date_mise_a_jour")
WEB_SCHEMES = ("http://", "https://")


def _class_number(number: int | None) -> html.Span:
    """Show the number of a class beside its colour (colour alone never tells classes apart)."""
    if number is None:
        return html.Span(className="cc-legend__class")
    return html.Span([html.Span(strings.LEGEND_CLASS, className="visually-hidden"), str(number)],
                     className="cc-legend__class")


def legend_panel(legend: Legend) -> list:
    """Return the legend beside the map: numbered classes with counts, outlines, method, source.

    Classes are numbered from 1 (lowest values) as in « Voir les données de la carte ».
    """
    numbered = [(row, len(legend.rows) - index) for index, row in enumerate(legend.rows)]
    numbered += [(row, None) for row in legend.extra_rows]
    children = [
        html.H2(legend.title, className="cc-legend__title"),
        *([html.P(legend.mesh, className="cc-legend__mesh")] if legend.mesh else []),
        html.P(legend.method, className="cc-legend__method"),
        html.Ul(className="cc-legend__rows", children=[
            html.Li([_class_number(number),
                     (hatch_swatch if row is legend.stand_in else fill_swatch)(row.colour),
                     html.Span(row.text)])
            for row, number in numbered
        ]),
        html.Ul(className="cc-legend__rows", children=[
            html.Li([line_swatch(row.style), html.Span(row.label)]) for row in legend.outlines
        ]),
    ]
    if legend.note:
        children.append(html.P(legend.note, className="cc-legend__note"))
    children.append(html.P(legend.source, className="cc-legend__source"))
    children += [html.P(line, className="cc-legend__source") for line in legend.perimeters]
    if legend.symbols is not None:
        symbols = legend.symbols
        children += [
            html.H3(symbols.title, className="cc-legend__title cc-legend__symbols"),
            html.Ul(className="cc-legend__rows", children=[
                html.Li([html.Span(circle_swatch(size, symbols.style),
                                   className="cc-legend__circle"), html.Span(text)])
                for text, size in symbols.rows]),
            html.P(symbols.note, className="cc-legend__note"),
            html.P(symbols.source, className="cc-legend__source"),
        ]
    return children


def map_table_panel(table: MapTable) -> html.Table:
    """Lay out the map's data as a table: caption, column headers, one row per area."""
    return html.Table(className="table table-sm table-striped cc-map-table__table", children=[
        html.Caption(table.caption),
        html.Thead(html.Tr([html.Th(header, scope="col") for header in table.headers])),
        html.Tbody([html.Tr([html.Th(row[0], scope="row"), *(html.Td(cell) for cell in row[1:])])
                    for row in table.rows]),
    ])


def _contact(territory: dict) -> list:
    items = []
    if territory.get("telephone"):
        items.append(html.Span(territory["telephone"]))
    if territory.get("courriel"):
        items.append(_field_value("courriel", territory["courriel"]))
    if str(territory.get("site") or "").startswith(WEB_SCHEMES):
        items.append(_field_value("site", territory["site"]))
    return items


def _field_value(name: str, value: object) -> object:
    """Show a fiche value: addresses as links, text as is (Dash escapes it once)."""
    text = str(value)
    if name == "courriel" and "@" in text and "," not in text:
        return html.A(text, href=f"mailto:{text}")
    if name == "site" and text.startswith(WEB_SCHEMES):
        return html.A(text, href=text, target="_blank", rel="noopener noreferrer")
    return text


def coverage_card(data: AppData, code: str | None, indicator_code: str) -> list:
    """Who covers a commune: every zoning, its territories with contacts, or zone blanche."""
    if code is None:
        return [html.P(strings.COVERAGE_HINT, className="cc-hint")]
    unit = data.unit_index.loc[code]
    indicator = data.indicator(indicator_code)
    value = unit_value_text(data, indicator, code)
    sections = []
    for covering in covering_structures(data, code):
        entries = [html.Li([
            html.Strong(territory["nom"]),
            *([html.Span(f" — {territory['share']}", className="cc-coverage__share")]
              if territory["share"] else []),
            html.Div(_contact(territory), className="cc-coverage__contact"),
            dbc.Button(strings.OPEN_FICHE, id={"type": ids.OPEN_FICHE, "ref": territory["ref"]},
                       size="sm", color="link", className="cc-coverage__open"),
        ]) for territory in covering.territories]
        if not covering.territories:
            entries = [html.Li(strings.COVERAGE_NONE, className="cc-coverage__none")]
        elif covering.uncovered > 0:
            entries.append(html.Li(strings.COVERAGE_PARTLY_UNCOVERED.format(
                share=format_value(100 * covering.uncovered, "%", 1)),
                className="cc-coverage__none"))
        title = [covering.zoning_label]
        if covering.illustrative:
            title += [" ", html.Span(strings.COVERAGE_ILLUSTRATIVE, className="cc-badge-demo")]
        sections.append(html.Div([html.H4(title), html.Ul(entries)],
                                 className="cc-coverage__zoning"))
    return [
        html.H3(strings.COVERAGE_TITLE, className="cc-coverage__title"),
        html.P([html.Strong(f"{unit['nom']} ({code})"), " — ",
                *_population(data, unit["population"])]),
        html.P(f"{indicator.short_label} : {value}", className="cc-coverage__value"),
        *sections,
    ]


def _population(data: AppData, population: float) -> list:
    """Show a population and, quieter, its vintage (« 149 077 habitants (…) »)."""
    return [format_value(population, "habitants", 0),
            html.Span(strings.POPULATION_VINTAGE_NOTE.format(vintage=data.population_vintage),
                      className="cc-population-vintage")]



def fiche_body(data: AppData, ref: str | None) -> list:
    """Return the fiche d'identité of a territory: identity, size, profile, overlaps."""
    if ref is None:
        return []
    zoning_key, territory_id = split_ref(ref)
    zoning = data.zonings[zoning_key]
    fiche = zoning.fiches[territory_id]
    summary = territory_summary(data, zoning_key, territory_id)
    identity = [html.Tr([html.Th(FICHE_LABELS[name], scope="row"),
                         html.Td(_field_value(name, value))])
                for name in IDENTITY_FIELDS if (value := getattr(fiche, name))]
    overlaps = overlapping_structures(data, zoning_key, territory_id)
    members = zoning.units_of(territory_id)
    children = [
        html.H2(fiche.nom, className="cc-fiche__name"),
        html.P(zoning.type.long_label, className="cc-fiche__type"),
    ]
    if fiche.illustratif:
        children.append(dbc.Alert(strings.FICHE_ILLUSTRATIVE, color="warning",
                                  className="cc-fiche__demo"))
    if members:
        children.append(dcc.Graph(
            figure=build_thumbnail_figure(data.units, members,
                                          outline=zoning.outlines.get(territory_id)),
            config={"staticPlot": True, "topojsonURL": "/assets/topojson/"},
            className="cc-fiche__thumbnail"))
    partial = partial_note(summary.partial)
    children += [
        html.H3(strings.FICHE_TERRITORY_TITLE),
        html.Ul([
            html.Li(f"{strings.FICHE_COMMUNES} : {summary.communes}"),
            html.Li([f"{strings.FICHE_POPULATION} : ",
                     *_population(data, summary.population),
                     *([html.Br(), html.Small(partial, className="cc-fiche__partial")]
                       if partial else [])]),
            html.Li(f"{strings.FICHE_DEPARTEMENTS} : {', '.join(summary.departements) or '—'}"),
        ]),
        html.H3(strings.FICHE_FIELDS_TITLE),
        dbc.Table(html.Tbody(identity), size="sm", className="cc-identity"),
    ]
    if fiche.autres:
        children += [
            html.H3(FICHE_LABELS["autres"]),
            dbc.Table(html.Tbody([html.Tr([html.Th(label, scope="row"), html.Td(value)])
                                  for label, value in fiche.autres]),
                      size="sm", className="cc-identity cc-identity--others"),
        ]
    if members:
        children += [html.H3(strings.FICHE_PROFILE_TITLE),
                     profile_table(data, zoning_key, territory_id),
                     profile_note(data, partial=bool(summary.partial))]
    children.append(html.H3(strings.FICHE_OVERLAPS_TITLE))
    children.append(html.Ul([
        html.Li([html.Span(f"{row.type} — "),
                 dbc.Button(row.nom, id={"type": ids.OPEN_FICHE, "ref": row.ref}, color="link",
                            size="sm", className="cc-inline-link"),
                 html.Span(f" ({format_share(row.share, '{share} de la population')})")])
        for row in overlaps.itertuples()
    ]) if len(overlaps) else html.P(strings.FICHE_NO_OVERLAP))
    return children


def banner_facts(data: AppData, state: ViewState) -> tuple[tuple[str, ...], str | None]:
    """Tell what the banner says of a view: the made-up zonings shown, the view's date.

    On the map, the zonings shown (and the one colouring the map); on the other pages,
    which show them all, every zoning.
    """
    shown = state.zonings if state.page == "carte" else tuple(data.zonings)
    if state.colour_by in data.zonings and state.colour_by not in shown:
        shown = (*shown, state.colour_by)
    return data.illustrative_zonings(shown), state.date


def demo_banner(facts: tuple[tuple[str, ...], str | None]) -> list:
    """Say that the zonings shown are made up, and the date of the view, if any.

    ``facts`` come from :func:`banner_facts`; empty when there is nothing to say.
    """
    labels, day = facts
    children = []
    if labels:
        children += [html.Strong(strings.DEMO_BANNER_TITLE), " — ",
                     strings.DEMO_BANNER_TEXT.format(zonings=", ".join(labels))]
    if day:
        shown = date.fromisoformat(day).strftime("%d/%m/%Y")
        children += [html.Br() if children else "", strings.AS_OF_BANNER.format(day=shown)]
    return children
