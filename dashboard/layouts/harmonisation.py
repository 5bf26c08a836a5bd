"""The harmonisation page, and the panels its callbacks fill from a scenario.

The page is built when it first shows (:func:`harmonisation_body`,
:mod:`dashboard.layouts.pages`), its grids when the user asks for them; every panel is filled by
:mod:`dashboard.callbacks.harmonisation` from
:class:`~dashboard.views.harmonisation.HarmonisationView`. The moves are a grid whose
first column is a check box (Space toggles it from the keyboard): a decision sends one
cell, and the page sends back rows of data, not a tree of components.
"""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.formatting import format_value, plural
from dashboard.layouts.components import (
    HIDDEN,
    dropdown,
    fill_swatch,
    graph_frame,
    labelled,
    line_swatch,
    map_graph,
)
from dashboard.layouts.heterogeneity import departement_filter
from dashboard.layouts.map_page import MAP_CONFIG
from dashboard.layouts.tables import TABLE_LOCALE, data_grid, table_card, table_opener
from dashboard.views import harmonisation_strings as hstrings
from dashboard.views.analysis import number_column, text_column
from dashboard.views.data import AppData
from dashboard.views.harmonisation import (
    CommuneChoice,
    HarmonisationView,
    banner_lines,
    page_scenario,
)
from dashboard.views.harmonisation_map import FATE_COLOURS
from dashboard.views.heterogeneity import format_index
from dashboard.views.state import ViewState
from dashboard.views.transitions import control_values
from geodata.harmonisation import Goal
from geodata.store import MAX_NOTE_CHARS
from geodata.store.drafts import MAX_NAME_CHARS

HARM_MAP_CONFIG = {**MAP_CONFIG, "toImageButtonOptions": {
    **MAP_CONFIG["toImageButtonOptions"], "filename": "cartocoord-harmonisation"}}
#: What screen readers say of the grid's check boxes (AG Grid's own words are English).
#: Properties of the moves grid the page's callback writes (its columns follow the choices).
MOVES_PROPS = ("rowData", "columnDefs")
CHECKBOX_LOCALE = {"ariaToggleCellValue": "Appuyez sur Espace pour retenir ou rejeter",
                   "ariaChecked": "retenu", "ariaUnchecked": "rejeté"}


def harmonisation_body(data: AppData, state: ViewState) -> list:
    """Lay out the page, its choices showing ``state`` (resolved: its proposal if none).

    The scenario's note, banner and summary come measured; map, commune panel, moves and
    territories are filled by the page's callbacks (which write the same header again);
    the grids come when the user asks (:func:`harmonisation_grids`).
    """
    values = control_values(data, state)
    # Filled later, the header pushed the map and the tables 200 px down under the pointer.
    measured = page_scenario(data, state)
    note, banner_open, banner, summary = (
        scenario_header(measured[0], banner_lines(data, state, measured[0]))
        if measured else ([], False, [], []))
    return [
        html.Div(className="cc-analysis-head", children=[
            html.Div(className="cc-analysis-head__text", children=[
                html.H1(hstrings.HARM_TITLE), html.P(hstrings.HARM_INTRO)]),
        ]),
        html.Div(className="cc-harm__choices", children=[
            labelled(hstrings.HARM_ZONING_LABEL, dropdown(
                id=ids.HARM_ZONING, clearable=False, searchable=False,
                value=values[ids.HARM_ZONING],
                options=[{"label": data.zonings[key].type.label, "value": key}
                         for key in data.stored]), ids.HARM_ZONING),
            labelled(hstrings.HARM_REFERENCE_LABEL, dropdown(
                id=ids.HARM_REFERENCE, clearable=False, searchable=False,
                value=values[ids.HARM_REFERENCE],
                options=[{"label": zoning.type.label, "value": key}
                         for key, zoning in data.zonings.items()]), ids.HARM_REFERENCE),
            html.Fieldset(className="cc-field cc-harm__goal", children=[
                html.Legend(hstrings.HARM_GOAL_LABEL, className="cc-field__label"),
                dbc.RadioItems(id=ids.HARM_GOAL, options=goal_options(False),
                               value=values[ids.HARM_GOAL]),
            ]),
            departement_filter(data, ids.HARM_DEPARTEMENTS, values[ids.HARM_DEPARTEMENTS]),
        ]),
        html.P(note, id=ids.HARM_NOTE, className="cc-hint"),
        html.Div(role="status", children=dbc.Alert(
            banner, id=ids.HARM_BANNER, color="warning", is_open=banner_open, fade=False,
            className="cc-banner cc-harm__banner")),
        html.Div(summary, id=ids.HARM_SUMMARY, className="cc-harm__summary", role="status"),
        html.Div(className="cc-harm__grid", children=[
            html.Section(className="cc-panel cc-harm__map", children=[
                graph_frame(graph=map_graph(ids.HARM_MAP, HARM_MAP_CONFIG),
                            class_name="cc-harm__frame"),
                html.Div(id=ids.HARM_LEGEND, className="cc-harm__legend",
                         **{"aria-live": "polite"}),
            ]),
            html.Div(className="cc-harm__side", children=[
                commune_panel(data, values[ids.HARM_COMMUNE]), exports_panel(),
                save_panel()]),
        ]),
        html.Section(className="cc-panel cc-harm__table", children=[
            html.Div(className="cc-table-card__head", children=[
                html.H2(hstrings.HARM_MOVES_TITLE, className="cc-table-card__title"),
                html.Div(className="cc-buttons", children=[
                    dbc.Button(hstrings.HARM_RESET, id=ids.HARM_RESET, color="primary",
                               outline=True, size="sm"),
                    dbc.Button(hstrings.HARM_CLEAR, id=ids.HARM_CLEAR, color="secondary",
                               outline=True, size="sm"),
                ]),
            ]),
            *table_opener(ids.HARM_MOVES_FRAME, ids.HARM_MOVES, MOVES_PROPS),
        ]),
        table_card(hstrings.HARM_TERRITORIES_TITLE, ids.HARM_TERRITORIES_FRAME,
                   ids.HARM_TERRITORIES_EXPORT, ids.HARM_TERRITORIES),
        dcc.Store(id=ids.HARM_FIGURE_KEY),
        dcc.Store(id=ids.HARM_ADDRESS),
    ]


def harmonisation_grids(data: AppData) -> dict[str, Component]:
    """Build the grids of the page, by frame, empty until its callback fills them."""
    return {
        ids.HARM_MOVES_FRAME: moves_grid(),
        ids.HARM_TERRITORIES_FRAME: data_grid(
            ids.HARM_TERRITORIES, territory_columns(), "cartocoord-territoires-modifies.csv",
            data.source_lines, auto_height=True),
    }


def moves_grid() -> dag.AgGrid:
    """Build the grid of the moves: French texts, sortable columns, cells one can copy.

    Rows are identified by their move's key, so that a check box names its move; a
    rejected move stays in its place, struck through.
    """
    return dag.AgGrid(
        id=ids.HARM_MOVES, columnDefs=move_columns(""), rowData=[],
        getRowId="params.data.key", rowClassRules={"cc-harm__rejected": "!params.data.kept"},
        defaultColDef={"sortable": True, "resizable": True, "wrapHeaderText": True,
                       "autoHeaderHeight": True},
        dashGridOptions={"localeText": {**TABLE_LOCALE, **CHECKBOX_LOCALE}, "animateRows": False,
                         "enableCellTextSelection": True,
                         # A handful of columns: all in the page, for screen readers too.
                         "suppressColumnVirtualisation": True},
        className="cc-grid cc-harm__moves", style={"height": None})


def move_columns(other: str) -> list[dict]:
    """Columns of the moves grid; the first, a check box, keeps or rejects the move."""
    labels = hstrings.HARM_MOVES_COLUMNS
    return [
        {"field": "kept", "headerName": labels["accept"], "editable": True,
         "cellDataType": "boolean", "width": 100},
        text_column("commune", labels["commune"], minWidth=190, flex=1),
        number_column("population", labels["population"], width=125),
        text_column("source", labels["source"], minWidth=200, flex=1, tooltipField="source"),
        text_column("target", labels["target"], minWidth=200, flex=1, tooltipField="target"),
        text_column("reference", labels["reference"].format(label=other), minWidth=150,
                    flex=1),
        text_column("origin", labels["origin"], width=110),
    ]


def territory_columns() -> list[dict]:
    """Columns of the grid of the territories changed."""
    labels = hstrings.HARM_TERRITORY_COLUMNS
    return [text_column("nom", labels["nom"], minWidth=240, flex=2),
            number_column("population_before", labels["before"], width=150),
            number_column("population_after", labels["after"], width=150),
            text_column("units", labels["units"], width=190)]


def goal_options(reference_fixed: bool) -> list[dict]:
    """List the two goals; the reference cannot follow when it is an official level."""
    return [{"label": label, "value": value,
             "disabled": reference_fixed and value == str(Goal.REFERENCE)}
            for value, label in hstrings.HARM_GOALS.items()]


def commune_panel(data: AppData, commune: str | None) -> html.Section:
    """Pick a commune (map click or list, ``commune`` chosen) and the territory it should join.

    The list holds every commune of the region (1,300 in Île-de-France, 15 kB
    compressed): it comes with the page, not with the first layout every page loads.
    """
    return html.Section(className="cc-panel cc-harm__commune", children=[
        html.H2(hstrings.HARM_COMMUNE_TITLE, className="cc-table-card__title"),
        html.P(hstrings.HARM_COMMUNE_HINT, className="cc-hint"),
        labelled(hstrings.HARM_COMMUNE_LABEL, dropdown(
            id=ids.HARM_COMMUNE, clearable=True, searchable=True, value=commune,
            options=commune_options(data)), ids.HARM_COMMUNE),
        html.Div(id=ids.HARM_COMMUNE_INFO, **{"aria-live": "polite"}),
        labelled(hstrings.HARM_TARGET_LABEL, dropdown(id=ids.HARM_TARGET, clearable=False),
                 ids.HARM_TARGET),
        dbc.Button(hstrings.HARM_MOVE_BUTTON, id=ids.HARM_MOVE, color="primary",
                   disabled=True),
    ])


def commune_options(data: AppData) -> list[dict]:
    """List the communes one can move, by name."""
    return [{"label": f"{row.nom} ({row.code})", "value": row.code}
            for row in data.units.sort_values("nom").itertuples()]


def exports_panel() -> html.Section:
    """Download the moves as CSV and the maps before and after as PDF."""
    return html.Section(className="cc-panel cc-harm__exports", children=[
        html.H2(hstrings.HARM_EXPORTS_TITLE, className="cc-table-card__title"),
        html.Ul(className="cc-export__links", children=[
            html.Li(html.A(hstrings.HARM_EXPORT_CSV, id=ids.HARM_EXPORT_CSV, href="#",
                           download="")),
            html.Li(html.A(hstrings.HARM_EXPORT_PDF, id=ids.HARM_EXPORT_PDF, href="#",
                           download="")),
        ]),
    ])


def save_panel() -> html.Section:
    """Save the scenario as a draft of the zoning (editors only; checked on the server)."""
    return html.Section(className="cc-panel cc-harm__save", children=[
        html.H2(hstrings.HARM_SAVE_TITLE, className="cc-table-card__title"),
        html.P(hstrings.HARM_SAVE_HELP, className="cc-hint"),
        html.P(hstrings.HARM_SAVE_LOGIN, id=ids.HARM_SAVE_LOGIN, className="cc-hint"),
        html.Div(id=ids.HARM_SAVE_FORM, style=HIDDEN, children=[
            labelled(hstrings.HARM_SAVE_NAME, dcc.Input(
                id=ids.HARM_SAVE_NAME, type="text", maxLength=MAX_NAME_CHARS,
                className="form-control"), ids.HARM_SAVE_NAME),
            labelled(hstrings.HARM_SAVE_NOTE, dcc.Textarea(
                id=ids.HARM_SAVE_NOTE, maxLength=MAX_NOTE_CHARS, className="form-control"),
                ids.HARM_SAVE_NOTE),
            dbc.Button(hstrings.HARM_SAVE_BUTTON, id=ids.HARM_SAVE, color="primary"),
        ]),
        html.Div(id=ids.HARM_SAVE_RESULT, role="status"),
    ])


# --- Panels filled by the callbacks --------------------------------------------------------

def summary_panel(view: HarmonisationView) -> list:
    """Index before → after, population moved, moves and territories changed."""
    a, b, edited = view.labels
    scenario = view.scenario
    if not view.proposal and not scenario.moves:
        return [html.P(hstrings.HARM_NOTHING_TO_DO.format(a=a, b=b), className="cc-harm__done")]
    counts = hstrings.HARM_COUNTS.format(
        share=view.moved_share, moves=plural(len(scenario.moves), "commune"),
        territories=plural(len(view.territories), f"territoire {edited}",
                            f"territoires {edited}"))
    cards = [
        _card(hstrings.HARM_INDEX_TITLE.format(a=a, b=b), hstrings.HARM_INDEX_VALUE.format(
            before=format_index(scenario.index_before),
            after=format_index(scenario.index_after))),
        _card(hstrings.HARM_MOVED_TITLE, view.moved_text, counts),
    ]
    children = [html.Div(cards, className="cc-harm__cards")]
    if view.leaving:
        children.append(html.P(hstrings.HARM_LEAVING.format(
            count=plural(view.leaving, "commune"), label=edited,
            reference=view.labels[1] if edited == a else a), className="cc-hint"))
    return children


def _card(title: str, value: str, detail: str | None = None) -> html.Div:
    return html.Div(className="cc-harm__card", children=[
        html.P(title, className="cc-harm__card-title"),
        html.P(value, className="cc-harm__card-value"),
        *([html.P(detail, className="cc-harm__card-detail")] if detail else []),
    ])


def legend_panel(view: HarmonisationView) -> list:
    """Say what the fills and lines of the map mean, with the communes of each fill."""
    return [html.Ul(className="cc-legend__rows", children=[
        *(html.Li([fill_swatch(FATE_COLOURS[fate]),
                   html.Span(f"{hstrings.HARM_STATUS_LABELS[fate]} ({count})")])
          for fate, count in view.map.fates),
        *(html.Li([line_swatch(style), html.Span(label)])
          for label, style in view.map.outlines),
    ])]


def move_rows(view: HarmonisationView) -> list[dict]:
    """Rows of the moves grid (``key`` names the move, for the check box)."""
    return [{"key": row.key, "kept": row.accepted,
             "commune": f"{row.commune} ({row.code})" + (f" — {row.part}" if row.part else ""),
             "population": round(row.population), "source": row.source
             or hstrings.HARM_OUTSIDE_ZONING, "target": row.target,
             "reference": row.reference,
             "origin": (hstrings.HARM_ORIGIN_PROPOSED if row.proposed
                        else hstrings.HARM_ORIGIN_ADDED)}
            for row in view.rows]


def territory_rows(view: HarmonisationView) -> list[dict]:
    """Rows of the grid of the territories changed."""
    return [{"nom": nom, "population_before": round(before), "population_after": round(after),
             "units": f"{units_before} → {units_after}"}
            for _, nom, before, after, units_before, units_after
            in view.territories.itertuples(index=False, name=None)]


def commune_info(choice: CommuneChoice | None, labels: tuple[str, str, str],
                 edited_is_zoning: bool) -> list:
    """Say where the picked commune is, in the edited zoning and the other one."""
    if choice is None:
        return []
    edited = labels[2]
    other = labels[1] if edited_is_zoning else labels[0]
    children = [
        html.P(html.Strong(hstrings.HARM_COMMUNE_NOW.format(
            commune=choice.name, code=choice.code,
            population=format_value(choice.population, "habitants", 0)))),
        html.P(hstrings.HARM_COMMUNE_IN.format(label=edited, territories=choice.now)),
        html.P(hstrings.HARM_COMMUNE_IN.format(label=other, territories=choice.other)),
    ]
    if not choice.in_scope:
        children.append(html.P(hstrings.HARM_OUT_OF_SCOPE.format(reference=labels[1]),
                               className="cc-hint"))
    return children


#: Position of the map figure among the outputs of :func:`harmonisation_panels`.
FIGURE_OUTPUT = 5


def scenario_header(view: HarmonisationView, banner: list[str]) -> tuple[list, bool, list, list]:
    """Note, banner (shown, text) and summary above the map: what places the rest."""
    b = view.labels[1]
    note = [hstrings.HARM_SCOPE.format(
        units=format_value(view.scenario.unit_count, "", 0), reference=b,
        population=format_value(view.scenario.population, "habitants", 0),
        vintage=view.population_vintage)]
    source = view.reference_source
    if source:
        note.append(" " + hstrings.HARM_REFERENCE_OFFICIAL.format(source=source))
        note.append(" " + hstrings.HARM_GOAL_FIXED.format(label=b))
    banner_children = ([html.Strong(hstrings.HARM_BANNER_TITLE), " — ",
                        *(part for line in banner for part in (line, " "))] if banner else [])
    return note, bool(banner), banner_children, summary_panel(view)


def harmonisation_panels(view: HarmonisationView, choice: CommuneChoice | None,
                         banner: list[str], exports: tuple[str, str], editor: bool) -> tuple:
    """Fill the page: the ``fill_harmonisation`` outputs, in order."""
    request = view.request
    b = view.labels[1]
    movable = choice is not None and choice.in_scope
    return (
        goal_options(bool(view.reference_source)), *scenario_header(view, banner),
        view.map.figure, legend_panel(view),
        commune_info(choice, view.labels, request.goal is Goal.ZONING),
        [{"label": label, "value": value} for value, label in choice.options] if choice else [],
        choice.current if choice else None, not movable,
        move_rows(view), move_columns(b if request.goal is Goal.ZONING else view.labels[0]),
        territory_rows(view),
        *exports,
        None if editor else HIDDEN, HIDDEN if editor else None,
    )
