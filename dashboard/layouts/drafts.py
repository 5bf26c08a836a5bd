"""The « Projets de découpage » card of the « Données » page (filled by its callbacks).

Everyone can list the drafts, compare one with the version in service and open it in the
harmonisation page; the promotion part is shown to editors, and refused on the server to
anyone else.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.editing.drafts import DRAFT_TEXTS
from dashboard.layouts.components import dropdown, labelled
from geodata.store import MAX_NOTE_CHARS

DRAFTS_TABLE = "donnees-drafts-table"
DRAFT_CHOICE = "donnees-draft-choice"
DRAFT_COMPARE = "donnees-draft-compare"
DRAFT_OPEN = "donnees-draft-open"
DRAFT_PROMOTE_SECTION = "donnees-draft-promote-section"
DRAFT_PROMOTE_NOTE = "donnees-draft-promote-note"
DRAFT_PROMOTE = "donnees-draft-promote"
DRAFT_PROMOTE_CONFIRM = "donnees-draft-promote-confirm"
DRAFT_PROMOTE_RESULT = "donnees-draft-promote-result"
#: Updated only by the promotion, an editor action (see ``dashboard.editing.auth.protect``).
PROTECTED = (DRAFT_PROMOTE_RESULT,)
HIDDEN = {"display": "none"}


def drafts_card() -> dbc.Card:
    """List the drafts; compare, open or (editors) promote the one chosen."""
    return dbc.Card(className="cc-data-card", children=dbc.CardBody([
        html.H2(DRAFT_TEXTS["title"], className="h5"),
        html.P(DRAFT_TEXTS["help"]),
        html.Div(id=DRAFTS_TABLE, className="cc-versions"),
        labelled(DRAFT_TEXTS["choose"], dropdown(id=DRAFT_CHOICE, options=[]), DRAFT_CHOICE),
        html.Div(id=DRAFT_COMPARE, role="status"),
        html.P(html.A(DRAFT_TEXTS["open"], id=DRAFT_OPEN, href="/harmonisation"),
               className="mt-2"),
        html.Div(id=DRAFT_PROMOTE_SECTION, style=HIDDEN, children=[
            html.H3(DRAFT_TEXTS["promote_title"], className="h6"),
            html.P(DRAFT_TEXTS["promote_help"]),
            labelled(DRAFT_TEXTS["promote_note"], dcc.Input(
                id=DRAFT_PROMOTE_NOTE, type="text", maxLength=MAX_NOTE_CHARS,
                className="form-control"), DRAFT_PROMOTE_NOTE),
            dbc.Button(DRAFT_TEXTS["promote"], id=DRAFT_PROMOTE, color="danger", outline=True),
            dcc.ConfirmDialog(id=DRAFT_PROMOTE_CONFIRM, message=DRAFT_TEXTS["promote_confirm"]),
        ]),
        html.Div(id=DRAFT_PROMOTE_RESULT, role="status"),
    ]))
