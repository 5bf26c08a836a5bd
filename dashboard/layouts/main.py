"""Page skeleton: header with navigation and sharing, demo banner, the pages, footer."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids, strings
from dashboard.layouts.meeting import meeting_bar
from dashboard.layouts.pages import PAGES
from dashboard.views.data import AppData, load_app_data
from geodata.observations.indicators import DENSITY_CODE, POPULATION_CODE
from geodata.observations.shared_indicators import is_shared_indicator


def header(data: AppData) -> html.Header:
    """Build the header: title, navigation, link sharing."""
    return html.Header(className="cc-header", children=html.Div(className="cc-header__inner",
                                                                 children=[
        html.Div([
            html.P(strings.APP_TITLE, className="cc-header__title"),
            html.P(f"{strings.APP_SUBTITLE} — {data.region_name}",
                   className="cc-header__tagline"),
        ]),
        # On narrow screens the links fold into a menu (assets/accessibility.js opens it).
        html.Button(strings.NAV_MENU, id=ids.NAV_TOGGLE, type="button",
                    className="btn btn-outline-primary btn-sm cc-nav-toggle",
                    **{"aria-controls": ids.NAV_LINKS, "aria-expanded": "false",
                       "data-cc-open": "cc-nav-open"}),
        html.Nav(id=ids.NAV_LINKS, className="cc-nav", **{"aria-label": strings.NAV_LABEL},
                 children=[
            dcc.Link(strings.NAV_MAP, id=ids.NAV_MAP, href="/", className="cc-nav__link"),
            dcc.Link(strings.NAV_PANORAMA, id=ids.NAV_PANORAMA, href="/panorama",
                     className="cc-nav__link"),
            dcc.Link(strings.NAV_NESTING, id=ids.NAV_NESTING, href="/heterogeneite",
                     className="cc-nav__link"),
            dcc.Link(strings.NAV_GAPS, id=ids.NAV_GAPS, href="/zones-blanches",
                     className="cc-nav__link"),
            dcc.Link(strings.NAV_HARMONISATION, id=ids.NAV_HARMONISATION,
                     href="/harmonisation", className="cc-nav__link"),
            dcc.Link(strings.NAV_DATA, id=ids.NAV_DATA, href="/donnees", className="cc-nav__link"),
        ]),
        html.Div(className="cc-share", children=[
            dbc.Button(strings.COPY_LINK, id=ids.COPY_LINK, color="primary", outline=True,
                       size="sm"),
            html.Span(id=ids.COPY_LINK_DONE, title=strings.COPY_LINK_DONE,
                      className="cc-share__done", role="status"),
        ]),
    ]))


def footer(data: AppData) -> html.Footer:
    """Build the footer: every source of the app with its vintage, the accessibility statement.

    The layers editors shared are not listed: their data is not the public data under the
    licence the footer names (their legends and exports cite them).
    """
    public = [indicator for indicator in data.indicators
              if not is_shared_indicator(indicator.code)]
    lines = [indicator.source for indicator in public
             if indicator.code not in (POPULATION_CODE, DENSITY_CODE)]
    lines += [indicator.iris_source for indicator in public if indicator.iris_source]
    iris = data.provenance.get("iris") or {}
    lines += [part["source_line"] for part in (iris.get("source"), iris.get("weights")) if part]
    sources = " ; ".join(line.removeprefix(strings.SOURCE_PREFIX)
                         for line in dict.fromkeys([*lines, data.geography_source]))
    return html.Footer(className="cc-footer", children=[
        html.P(strings.FOOTER_SOURCES.format(sources=sources, licence=data.geography_licence)),
        dcc.Link(strings.FOOTER_STATEMENT, id=ids.FOOTER_STATEMENT, href="/accessibilite",
                 className="cc-footer__link"),
    ])


def build_layout(libraries: dict[str, list[str]] | None = None) -> Component:
    """Return the whole page; every page is in it, shown or hidden by the state.

    Parameters
    ----------
    libraries : dict, optional
        Scripts of the libraries loaded on demand, by name
        (:func:`dashboard.server.libraries.defer_libraries`), for ``assets/pages.js``.
    """
    data = load_app_data()
    return html.Div(id=ids.PAGE_ROOT, className="cc-page", children=[
        dcc.Location(id=ids.URL, refresh="callback-nav"),
        dcc.Store(id=ids.STATE),
        *(dcc.Store(id=page.view) for page in PAGES.values()),
        dcc.Store(id=ids.PAGE_REQUEST),
        dcc.Store(id=ids.PAGE_READY),
        dcc.Store(id=ids.TABLE_REQUEST),
        dcc.Store(id=ids.TABLE_READY),
        *(dcc.Store(id=page.controls_store) for page in PAGES.values() if page.controls_store),
        dcc.Store(id=ids.LIBRARIES, data=libraries or {}),
        dcc.Store(id=ids.MAP_SIGNATURE),
        dcc.Store(id=ids.MAP_ZOOM),
        dcc.Store(id=ids.SLIDES, storage_type="local"),
        dcc.Store(id=ids.SLIDE_INDEX),
        meeting_bar(data),
        header(data),
        html.Div(role="status", children=dbc.Alert(
            id=ids.DEMO_BANNER, color="warning", is_open=False, fade=False,
            className="cc-banner")),
        html.Main(className="cc-main", children=[page.build(data) for page in PAGES.values()]),
        footer(data),
    ])
