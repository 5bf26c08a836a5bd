"""Page skeleton: header, main area and footer (placeholder until the map page lands)."""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component

from dashboard.strings import APP_SUBTITLE, APP_TITLE

PLACEHOLDER_TITLE = "Tableau de bord en préparation"
PLACEHOLDER_TEXT = (
    "La carte des territoires de coordination (DAC, CPTS, contrats locaux de santé) "
    "et des indicateurs de précarité de la population arrivera ici."
)
SOURCES = "Sources : INSEE, IGN (Licence Ouverte)."


def build_layout() -> Component:
    """Build the whole page.

    Returns
    -------
    Component
        A ``div`` holding the header, the main area and the footer.
    """
    return html.Div(
        className="cc-page",
        children=[
            html.Header(
                className="cc-header",
                children=html.Div(
                    className="cc-header__inner",
                    children=[
                        html.P(APP_TITLE, className="cc-header__title"),
                        html.P(APP_SUBTITLE, className="cc-header__tagline"),
                    ],
                ),
            ),
            html.Main(
                className="cc-main",
                children=html.Section(
                    className="cc-panel",
                    children=[html.H1(PLACEHOLDER_TITLE), html.P(PLACEHOLDER_TEXT)],
                ),
            ),
            html.Footer(className="cc-footer", children=html.P(SOURCES)),
        ],
    )
