"""The seven pages: their frame, the parts put in it when first shown, the libraries they need.

Every page is in the layout from the start, hidden but for the one the state shows. What
a page holds that costs to load is not: its map (``dcc.Graph`` loads plotly.js as soon as
it mounts, hidden or not), its grids (dash-ag-grid's scripts), the forms of the data
page. These parts go in their frames the first time the page shows, after the browser
has loaded the libraries they need (:mod:`dashboard.server.libraries`,
``assets/pages.js``), so a first visit of the map downloads no grid, and one of the
panorama no plotly.js.

The heterogeneity, zones blanches and harmonisation pages are an empty container in the
layout: the browser goes over every component of the layout for each value a callback
writes, on every click of the map, and their bodies were 169 of its 378 components.
Their whole body, controls included, is their part, built at their first show with its
controls showing the state of that moment (a permalink opens on its choices); afterwards
the state callback writes these controls through a store of the page
(``controls_store``). On these pages a table's grid comes only when the user opens it
(``tables``): the map comes first, without the grid's 0.5 MB of scripts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dash import html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.layouts import data_page
from dashboard.layouts.components import HIDDEN
from dashboard.layouts.gaps import gaps_body, gaps_grids
from dashboard.layouts.harmonisation import MOVES_PROPS, harmonisation_body, harmonisation_grids
from dashboard.layouts.heterogeneity import SPLIT_PROPS, nesting_body, nesting_grids
from dashboard.layouts.map_page import map_page, map_parts
from dashboard.layouts.panorama import panorama_page, panorama_parts
from dashboard.layouts.statement import statement_page, statement_text
from dashboard.layouts.tables import GRID
from dashboard.views.data import AppData
from dashboard.views.state import PATH_OF_PAGE, ViewState


def _no_parts(_data: AppData, _state: ViewState) -> dict[str, Component]:
    return {}


def _no_grids(_data: AppData) -> dict[str, Component]:
    return {}


@dataclass(frozen=True)
class Page:
    """One page of the app.

    Attributes
    ----------
    container, nav, view : str
        Ids of its root element, its link (in the navigation, or the footer's for the
        accessibility statement), and its view store (written when the page must follow
        the state: it fires the page's callbacks).
    build : callable
        Its layout (``data`` → the root element), hidden.
    frames : tuple of str
        Ids of the boxes that ``parts`` fills.
    parts : callable
        ``data, state`` → the components to put in each frame, by frame id, at the first
        show of the page (controls showing ``state``).
    libraries : tuple of str
        Libraries the parts need loaded first.
    tables : tuple of str
        Frames, in its parts, of grids shown when the user asks
        (:func:`~dashboard.layouts.tables.table_opener`), not with the page.
    grids : callable
        ``data`` → the grid of each frame of ``tables``.
    map_first : bool
        Whether its first parts hold a map: the browser starts loading plotly.js as soon
        as the page is requested (``assets/map_start.js``), not once the map mounts.
    controls : tuple of str
        Controls of the page showing a field of the state: the state callback writes them
        once the page has shown, and not before (each value written costs the browser a
        pass over every component of the layout, whether the page shows or not).
    controls_store : str or None
        For a page whose controls are in its parts: the store through which the state
        callback writes them while the page shows (``assets/pages.js`` copies its values
        to the controls). A callback cannot write them directly: they are not always in
        the layout.
    link_class : str
        Class of its link; the link of the page shown adds a ``--active`` modifier.
    """

    container: str
    nav: str
    view: str
    build: Callable[[AppData], html.Div]
    frames: tuple[str, ...] = ()
    parts: Callable[[AppData, ViewState], dict[str, Component]] = _no_parts
    libraries: tuple[str, ...] = ()
    link_class: str = "cc-nav__link"
    tables: tuple[str, ...] = ()
    grids: Callable[[AppData], dict[str, Component]] = _no_grids
    map_first: bool = False
    controls: tuple[str, ...] = ()
    controls_store: str | None = None


def _built_on_show(container: str, class_name: str, nav: str, view: str,
                   body: Callable[[AppData, ViewState], list], **options) -> Page:
    """Declare a page whose whole body, controls included, comes at its first show.

    In the layout it is its root only, empty and hidden; ``body`` (``data, state``) fills
    that root: the root is the page's one frame.
    """
    return Page(container, nav, view,
                lambda _data: html.Div(id=container, className=class_name, style=HIDDEN),
                (container,), lambda data, state: {container: body(data, state)}, **options)


#: By page key (:data:`dashboard.views.state.PAGES`), in the order of the navigation.
PAGES: dict[str, Page] = {
    "carte": Page(ids.PAGE_MAP, ids.NAV_MAP, ids.MAP_VIEW, map_page, (ids.MAP_FRAME,),
                  lambda data, _state: map_parts(data), map_first=True,
                  controls=(ids.DEPARTEMENTS, ids.ZONINGS, ids.LABELS, ids.INDICATOR,
                            ids.COLOUR_BY, ids.METHOD, ids.CLASSES, ids.AS_OF, ids.MESH,
                            ids.QPV, ids.PLACE_LAYERS, ids.BREAKS)),
    "panorama": Page(ids.PAGE_PANORAMA, ids.NAV_PANORAMA, ids.PANORAMA_VIEW, panorama_page,
                     (ids.PANORAMA_FRAME,), lambda data, _state: panorama_parts(data), (GRID,)),
    "heterogeneite": _built_on_show(
        ids.PAGE_NESTING, "cc-analysis-page", ids.NAV_NESTING, ids.NESTING_VIEW, nesting_body,
        tables=(ids.CROSSINGS_FRAME, ids.SPLIT_FRAME), grids=nesting_grids,
        controls=(ids.NESTING_DEPARTEMENTS, ids.PAIR_A, ids.PAIR_B),
        controls_store=ids.NESTING_CONTROLS),
    "zones-blanches": _built_on_show(
        ids.PAGE_GAPS, "cc-analysis-page", ids.NAV_GAPS, ids.GAPS_VIEW, gaps_body,
        tables=(ids.GAPS_FRAME, ids.GAPS_DEPARTEMENT_FRAME, ids.OVERLAPS_FRAME),
        grids=gaps_grids, map_first=True,
        controls=(ids.GAPS_DEPARTEMENTS, ids.GAPS_ZONING), controls_store=ids.GAPS_CONTROLS),
    "harmonisation": _built_on_show(
        ids.PAGE_HARMONISATION, "cc-analysis-page cc-harm", ids.NAV_HARMONISATION,
        ids.HARM_VIEW, harmonisation_body,
        tables=(ids.HARM_MOVES_FRAME, ids.HARM_TERRITORIES_FRAME), grids=harmonisation_grids,
        map_first=True,
        controls=(ids.HARM_ZONING, ids.HARM_REFERENCE, ids.HARM_GOAL, ids.HARM_DEPARTEMENTS,
                  ids.HARM_COMMUNE),
        controls_store=ids.HARM_CONTROLS),
    "donnees": Page(data_page.PAGE, ids.NAV_DATA, ids.DATA_VIEW,
                    lambda _data: data_page.data_page(), (data_page.FRAME,),
                    lambda _data, _state: {data_page.FRAME: data_page.data_page_body()}),
    "accessibilite": Page(ids.PAGE_STATEMENT, ids.FOOTER_STATEMENT, ids.STATEMENT_VIEW,
                          lambda _data: statement_page(), (ids.STATEMENT_FRAME,),
                          lambda _data, _state: {ids.STATEMENT_FRAME: statement_text()},
                          link_class="cc-footer__link"),
}
#: Every frame of every page, in the order of :data:`PAGES`.
FRAMES = tuple(frame for page in PAGES.values() for frame in page.frames)
#: Paths of the pages whose first parts hold a map (:attr:`Page.map_first`).
MAP_PATHS = tuple(PATH_OF_PAGE[key] for key, page in PAGES.items() if page.map_first)
#: The page of each control showing a field of the state (:attr:`Page.controls`).
PAGE_OF_CONTROL = {control: key for key, page in PAGES.items() for control in page.controls}
#: Controls in the layout from the start, which the state callback writes directly.
LAYOUT_CONTROLS = tuple(control for page in PAGES.values() if page.controls_store is None
                        for control in page.controls)
#: Pages whose body, controls included, comes at their first show: their controls are
#: written through their ``controls_store``.
BODY_PAGES = tuple(key for key, page in PAGES.items() if page.controls_store)
#: Grids shown on demand → the properties their page's callbacks write in their stores.
DEFERRED_GRIDS = {
    ids.CROSSINGS_GRID: ("rowData",), ids.SPLIT_GRID: SPLIT_PROPS,
    ids.GAPS_GRID: ("rowData",), ids.GAPS_DEPARTEMENT_GRID: ("rowData",),
    ids.OVERLAPS_GRID: ("rowData",), ids.HARM_MOVES: MOVES_PROPS,
    ids.HARM_TERRITORIES: ("rowData",),
}
#: The page of each frame holding a table shown on demand.
PAGE_OF_TABLE = {frame: key for key, page in PAGES.items() for frame in page.tables}
