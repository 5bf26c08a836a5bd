"""The "Données" page: editor login, import with preview, fiche editing, versions, dates.

Component ids are the constants below (shared with the callbacks and the tests). The
page is built without any request or data access, so it can be part of a static layout;
its contents are filled by :mod:`dashboard.callbacks.data_page`.
"""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import strings
from dashboard.editing import auth
from dashboard.editing.zoning_admin import (
    EDITABLE_FIELDS,
    LONG_FIELDS,
    MAX_SOURCE_CHARS,
    TEXTS,
    statut_options,
)
from dashboard.layouts.components import day_field, dropdown, labelled
from dashboard.layouts.drafts import drafts_card
from geodata import intake
from geodata.store import MAX_NOTE_CHARS
from geodata.zonings import FICHE_LABELS, load_zoning_types
from geodata.zonings.messages import fmt_size

PAGE = "page-donnees"
FRAME = "donnees-frame"
PATH = auth.DATA_PAGE_PATH

ACCOUNT = "donnees-account"
ACCOUNT_POLL = "donnees-account-poll"
LOGIN_FORM = "donnees-login-form"
LOGIN_USER = "donnees-login-user"
LOGIN_PASSWORD = "donnees-login-password"
LOGIN_TOKEN = "donnees-login-token"
LOGIN_SUBMIT = "donnees-login-submit"
LOGOUT_FORM = "donnees-logout-form"
LOGOUT_TOKEN = "donnees-logout-token"
EDIT_SECTION = "donnees-edit"

IMPORT_TYPE = "donnees-import-type"
IMPORT_CRS = "donnees-import-crs"
UPLOAD = "donnees-upload"
UPLOAD_REFUSAL = "donnees-upload-refusal"
IMPORT_REPORT = "donnees-import-report"
IMPORT_PREVIEW = "donnees-import-preview"
IMPORT_PREVIEW_FRAME = "donnees-import-preview-frame"
IMPORT_PENDING = "donnees-import-pending"
IMPORT_NOTE = "donnees-import-note"
IMPORT_SOURCE = "donnees-import-source"
IMPORT_CONFIRM = "donnees-import-confirm"
IMPORT_RESULT = "donnees-import-result"

FICHE_ZONING = "donnees-fiche-zoning"
FICHE_TERRITORY = "donnees-fiche-territory"
FICHE_FIELD = "donnees-fiche-field"
FICHE_BASE = "donnees-fiche-base"
FICHE_NOTE = "donnees-fiche-note"
FICHE_SAVE = "donnees-fiche-save"
FICHE_RESULT = "donnees-fiche-result"

VERSIONS_ZONING = "donnees-versions-zoning"
VERSIONS_TABLE = "donnees-versions-table"
COMPARE_A = "donnees-compare-a"
COMPARE_B = "donnees-compare-b"
COMPARE_RESULT = "donnees-compare-result"
ROLLBACK_VERSION = "donnees-rollback-version"
ROLLBACK_NOTE = "donnees-rollback-note"
ROLLBACK_BUTTON = "donnees-rollback-button"
ROLLBACK_CONFIRM = "donnees-rollback-confirm"
ROLLBACK_RESULT = "donnees-rollback-result"

EMPTY_ZONING = "donnees-empty-zoning"
EMPTY_NOTE = "donnees-empty-note"
EMPTY_BUTTON = "donnees-empty-button"
EMPTY_CONFIRM = "donnees-empty-confirm"
EMPTY_RESULT = "donnees-empty-result"

ASOF_DATE = "donnees-asof-date"
ASOF_TABLE = "donnees-asof-table"
ASOF_PREVIEW = "donnees-asof-preview"
ASOF_PREVIEW_FRAME = "donnees-asof-preview-frame"

#: Components that only the edit callbacks update: refused to anonymous requests before
#: any callback code runs (see ``dashboard.editing.auth.protect``).
PROTECTED = (IMPORT_REPORT, IMPORT_RESULT, FICHE_RESULT, ROLLBACK_RESULT, EMPTY_RESULT)
#: Seconds between two checks of the session (shows an expiry without a reload).
ACCOUNT_POLL_SECONDS = 60
PREVIEW_CONFIG = {"topojsonURL": "/assets/topojson/", "displaylogo": False, "locale": "fr",
                  "showSendToCloud": False,
                  "scrollZoom": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
HIDDEN = {"display": "none"}


def _type_options() -> list[dict[str, str]]:
    return [{"label": zoning_type.long_label, "value": zoning_type.key}
            for zoning_type in load_zoning_types()]


def account_card() -> dbc.Card:
    """Login form (plain POST with the CSRF token) and logout button, shown by the callbacks."""
    login = html.Form(id=LOGIN_FORM, action=auth.LOGIN_PATH, method="POST",
                      className="cc-login", style=HIDDEN, children=[
        labelled(TEXTS["username"], dcc.Input(
            id=LOGIN_USER, name="username", type="text", autoComplete="username",
            required=True, maxLength=64, className="form-control"), LOGIN_USER),
        labelled(TEXTS["password"], dcc.Input(
            id=LOGIN_PASSWORD, name="password", type="password",
            autoComplete="current-password", required=True, maxLength=256,
            className="form-control"), LOGIN_PASSWORD),
        dcc.Input(id=LOGIN_TOKEN, name=auth.CSRF_FIELD, type="hidden", value=""),
        html.Button(TEXTS["login"], id=LOGIN_SUBMIT, type="submit",
                    className="btn btn-primary"),
    ])
    logout = html.Form(id=LOGOUT_FORM, action=auth.LOGOUT_PATH, method="POST", style=HIDDEN,
                       children=[
        dcc.Input(id=LOGOUT_TOKEN, name=auth.CSRF_FIELD, type="hidden", value=""),
        html.Button(TEXTS["logout"], type="submit", className="btn btn-outline-primary btn-sm"),
    ])
    return dbc.Card(className="cc-data-card", children=dbc.CardBody([
        html.H2(TEXTS["account_title"], className="h5"),
        html.Div(id=ACCOUNT, role="status", **{"aria-live": "polite"}),
        login, logout,
        dcc.Interval(id=ACCOUNT_POLL, interval=ACCOUNT_POLL_SECONDS * 1000, disabled=True),
    ]))


def upload_checks() -> dict[str, str]:
    """Give the browser, as ``data-`` attributes, what it checks before sending a file.

    A file too large or of a type the picker does not offer is refused by the upload
    component without a word; ``assets/refusals.js`` catches it first and says why, with
    the server's own sentences (:data:`geodata.intake.MESSAGES`).
    """
    limits = intake.UploadLimits.from_env()
    return {
        "data-max-bytes": str(limits.max_bytes),
        "data-accepted": ",".join(intake.SUFFIXES),
        "data-too-large": "{name} : " + intake.MESSAGES["too_large"].replace(
            "{limit}", fmt_size(limits.max_bytes)),
        "data-bad-type": "{name} : " + intake.MESSAGES["bad_extension"].replace(
            "{accepted}", intake.ACCEPTED),
        "data-empty": "{name} : " + intake.MESSAGES["empty"],
    }


def import_card() -> dbc.Card:
    """Type, file, optional CRS; then the report, the preview, a note and the confirmation."""
    limits = intake.UploadLimits.from_env()
    limit = fmt_size(limits.max_bytes)
    return dbc.Card(className="cc-data-card", children=dbc.CardBody([
        html.H2(TEXTS["import_title"], className="h5"),
        html.P(TEXTS["import_help"]),
        labelled(TEXTS["import_type"], dropdown(
            id=IMPORT_TYPE, options=_type_options(), value="dac", clearable=False),
            IMPORT_TYPE),
        labelled(TEXTS["import_crs"], dcc.Input(
            id=IMPORT_CRS, type="text", placeholder=TEXTS["import_crs_placeholder"],
            maxLength=20, debounce=True, className="form-control"), IMPORT_CRS),
        html.Div(className="cc-upload-zone", **upload_checks(), children=[
            dcc.Upload(id=UPLOAD, multiple=False, max_size=limits.max_bytes,
                       accept=",".join(intake.SUFFIXES), className="cc-upload",
                       children=html.Div([html.P(TEXTS["upload"]),
                                          html.P(TEXTS["upload_limit"].format(limit=limit),
                                                 className="cc-hint")])),
            # Filled in the browser (assets/refusals.js) when a file is refused there.
            html.P(id=UPLOAD_REFUSAL, className="cc-upload-refusal", role="alert"),
        ]),
        dcc.Loading(html.Div(id=IMPORT_REPORT, className="cc-report", role="status")),
        html.Div(id=IMPORT_PREVIEW_FRAME),
        dcc.Store(id=IMPORT_PENDING),
        labelled(TEXTS["import_source"], dcc.Textarea(
            id=IMPORT_SOURCE, maxLength=MAX_SOURCE_CHARS, rows=2,
            className="form-control cc-source-field",
            placeholder=TEXTS["import_source_placeholder"]), IMPORT_SOURCE),
        labelled(TEXTS["import_note"], dcc.Textarea(
            id=IMPORT_NOTE, maxLength=MAX_NOTE_CHARS, className="form-control"), IMPORT_NOTE),
        dbc.Button(TEXTS["confirm"], id=IMPORT_CONFIRM, color="primary", disabled=True),
        dcc.Loading(html.Div(id=IMPORT_RESULT, role="status")),
    ]))


def _fiche_field(name: str) -> html.Div:
    field_id = {"type": FICHE_FIELD, "field": name}
    label = FICHE_LABELS[name]
    if name == "statut":
        control = dropdown(id=field_id, options=statut_options(), value="",
                               clearable=False)
    elif name in LONG_FIELDS:
        control = dcc.Textarea(id=field_id, value="", className="form-control", rows=3)
    else:
        control = dcc.Input(id=field_id, type="text", value="", className="form-control")
    # The <label for> names the id as Dash writes a dict id in the page.
    dom_id = json.dumps(field_id, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return html.Div(className="cc-field", children=[
        html.Label(label, htmlFor=dom_id, className="cc-field__label"), control])


def fiche_card() -> dbc.Card:
    """Choose a territory, change its fiche, save it as a new version."""
    return dbc.Card(className="cc-data-card", children=dbc.CardBody([
        html.H2(TEXTS["fiche_title"], className="h5"),
        labelled(TEXTS["fiche_zoning"], dropdown(id=FICHE_ZONING, options=[]),
                 FICHE_ZONING),
        labelled(TEXTS["fiche_territory"], dropdown(id=FICHE_TERRITORY, options=[]),
                 FICHE_TERRITORY),
        html.Div([_fiche_field(name) for name in EDITABLE_FIELDS]),
        dcc.Store(id=FICHE_BASE),
        labelled(TEXTS["fiche_note"], dcc.Input(
            id=FICHE_NOTE, type="text", maxLength=MAX_NOTE_CHARS, className="form-control"),
            FICHE_NOTE),
        dbc.Button(TEXTS["fiche_save"], id=FICHE_SAVE, color="primary"),
        html.Div(id=FICHE_RESULT, role="status"),
    ]))


def versions_card() -> dbc.Card:
    """History of one zoning, comparison of two versions, and (editors) restoration."""
    return dbc.Card(className="cc-data-card", children=dbc.CardBody([
        html.H2(TEXTS["versions_title"], className="h5"),
        labelled(TEXTS["versions_zoning"], dropdown(id=VERSIONS_ZONING, options=[],
                                                        clearable=False), VERSIONS_ZONING),
        html.Div(id=VERSIONS_TABLE, className="cc-versions"),
        html.H3(TEXTS["compare_title"], className="h6"),
        dbc.Row([
            dbc.Col(labelled(TEXTS["compare_a"], dropdown(id=COMPARE_A, options=[]),
                             COMPARE_A)),
            dbc.Col(labelled(TEXTS["compare_b"], dropdown(id=COMPARE_B, options=[]),
                             COMPARE_B)),
        ]),
        html.Div(id=COMPARE_RESULT, role="status"),
    ]))


def rollback_card() -> dbc.Card:
    """Restore a version (editors only): a new version equal to the chosen one."""
    return _confirmed_action_card("rollback", TEXTS["rollback_version"], ROLLBACK_VERSION,
                                  ROLLBACK_NOTE, ROLLBACK_BUTTON, ROLLBACK_CONFIRM,
                                  ROLLBACK_RESULT, button=TEXTS["rollback"])


def empty_card() -> dbc.Card:
    """Empty a zoning on purpose (editors only).

    The one way to store a version without any commune, which an import can never do.
    """
    return _confirmed_action_card("empty", TEXTS["empty_zoning"], EMPTY_ZONING, EMPTY_NOTE,
                                  EMPTY_BUTTON, EMPTY_CONFIRM, EMPTY_RESULT,
                                  button=TEXTS["empty_button"])


def _confirmed_action_card(name: str, choice_label: str, choice: str, note: str, button_id: str,
                           confirm: str, result: str, *, button: str) -> dbc.Card:
    """Build a card whose red button stores a new version after a confirmation dialog.

    Texts are ``TEXTS[f"{name}_title"]``, ``_help``, ``_note`` and ``_confirm``; the
    editor picks what to act on in ``choice`` and may leave a note.
    """
    return dbc.Card(className="cc-data-card", children=dbc.CardBody([
        html.H2(TEXTS[f"{name}_title"], className="h5"),
        html.P(TEXTS[f"{name}_help"]),
        labelled(choice_label, dropdown(id=choice, options=[]), choice),
        labelled(TEXTS[f"{name}_note"], dcc.Input(
            id=note, type="text", maxLength=MAX_NOTE_CHARS, className="form-control"), note),
        dbc.Button(button, id=button_id, color="danger", outline=True),
        dcc.ConfirmDialog(id=confirm, message=TEXTS[f"{name}_confirm"]),
        html.Div(id=result, role="status"),
    ]))


def as_of_card() -> dbc.Card:
    """Build the card showing the zonings as they were on a date."""
    return dbc.Card(className="cc-data-card", children=dbc.CardBody([
        html.H2(TEXTS["asof_title"], className="h5"),
        html.P(TEXTS["asof_help"]),
        day_field(TEXTS["asof_date"], strings.DAY_PLACEHOLDER, ASOF_DATE),
        html.Div(id=ASOF_TABLE),
        html.Div(id=ASOF_PREVIEW_FRAME),
    ]))


def preview(graph_id: str, figure: dict) -> dcc.Graph:
    """Build the map of a zoning, put in its frame by the callback that draws it.

    Not in the page from the start: a ``dcc.Graph`` loads plotly.js as soon as it mounts.
    """
    return dcc.Graph(id=graph_id, figure=figure, config=PREVIEW_CONFIG)


def data_page_body() -> list:
    """Build what the page shows; the edit sections stay hidden until an editor logs in."""
    return [
        html.H1(TEXTS["title"]),
        html.P(TEXTS["intro"]),
        account_card(),
        html.Div(id=EDIT_SECTION, style=HIDDEN, children=[import_card(), fiche_card(),
                                                          rollback_card(), empty_card()]),
        versions_card(),
        drafts_card(),
        as_of_card(),
    ]


def data_page(body: list | None = None) -> html.Div:
    """Build the page, hidden, its body in its frame (put there when it first shows).

    Few users come to this page, and its forms are most of what the app's layout holds:
    it costs every page load nothing until it shows (:mod:`dashboard.layouts.pages`).
    """
    return html.Div(id=PAGE, className="cc-data-page", style=HIDDEN,
                    children=html.Div(id=FRAME, children=body))


def table(columns: dict[str, str], rows: list[dict[str, str]]) -> dbc.Table:
    """Build a plain table of text cells (Dash escapes every cell)."""
    return dbc.Table(bordered=False, hover=True, size="sm", responsive=True, children=[
        html.Thead(html.Tr([html.Th(label, scope="col") for label in columns.values()])),
        html.Tbody([html.Tr([html.Td(row[key]) for key in columns]) for row in rows]),
    ])
