"""The « Déclaration d'accessibilité » page (RGAA model), reached from the footer."""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.layouts.components import HIDDEN
from dashboard.strings.statement import STATEMENT_INTRO, STATEMENT_SECTIONS, STATEMENT_TITLE


def _item(item: str | tuple[str, str]) -> str | html.A:
    if isinstance(item, str):
        return item
    text, address = item
    return html.A(text, href=address, rel="noopener noreferrer")


def statement_page() -> html.Div:
    """Lay out the page: its title, and the frame its text goes in when it first shows.

    The text (2.6 kB compressed) is read by few: it does not weigh on every first visit.
    """
    return html.Div(id=ids.PAGE_STATEMENT, className="cc-statement-page", style=HIDDEN,
                    children=[html.H1(STATEMENT_TITLE), html.Div(id=ids.STATEMENT_FRAME)])


def statement_text() -> list[Component]:
    """Write the statement: conformity, test results, what is not accessible, recourse."""
    sections = []
    for title, paragraphs, items in STATEMENT_SECTIONS:
        sections.append(html.Section([
            html.H2(title),
            *(html.P(text) for text in paragraphs),
            *([html.Ul([html.Li(_item(item)) for item in items])] if items else []),
        ]))
    return [html.P(STATEMENT_INTRO), *sections]
