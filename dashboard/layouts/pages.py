"""The seven pages: their frame, the parts put in it when first shown, the libraries they need.

Every page is in the layout from the start, hidden but for the one the state shows, with
its controls: the state callback writes them all, whichever page shows. What a page holds
that costs to load is not: its map (``dcc.Graph`` loads plotly.js as soon as it mounts,
hidden or not), its grids (dash-ag-grid's scripts), the forms of the data page (a third
of the layout, which every page load would render). These parts go in their frames the
first time the page shows, after the browser has loaded the libraries they need
(:mod:`dashboard.server.libraries`, ``assets/pages.js``), so a first visit of the map
downloads no grid, and one of the panorama no plotly.js. On the pages that show maps
and tables, a table's grid comes only when the user opens it (its ``tables``): the map
comes first, without the grid's 0.5 MB of scripts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from dash import html, no_update
from dash.development.base_component import Component

from dashboard import ids
from dashboard.layouts import data_page
from dashboard.layouts.gaps import gaps_page, gaps_parts
from dashboard.layouts.harmonisation import (
    MOVES_PROPS,
    commune_options,
    harmonisation_page,
    harmonisation_parts,
)
from dashboard.layouts.heterogeneity import SPLIT_PROPS, nesting_page, nesting_parts
from dashboard.layouts.map_page import map_page, map_parts
from dashboard.layouts.panorama import panorama_page, panorama_parts
from dashboard.layouts.statement import statement_page, statement_text
from dashboard.views.data import AppData
from dashboard.views.state import PATH_OF_PAGE

#: Library of the grids, as :data:`dashboard.server.libraries.DEFERRED` names it.
GRID = "grid"


def _no_parts(_data: AppData) -> dict[str, Component]:
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
        ``data`` → the components to put in each frame, by frame id.
    libraries : tuple of str
        Libraries the parts need loaded first.
    tables : tuple of str
        Frames of ``parts`` holding grids shown when the user asks
        (:func:`~dashboard.layouts.tables.table_opener`), not with the page.
    map_first : bool
        Whether its first parts hold a map: the browser starts loading plotly.js as soon
        as the page is requested (``assets/map_start.js``), not once the map mounts.
    controls : tuple of str
        Controls of the page showing a field of the state: the state callback writes them
        once the page has shown, and not before (each value written costs the browser a
        pass over every component of the layout, whether the page shows or not).
    choices : dict
        Dropdowns of the page (in the layout from the start, since the state writes
        their value) whose options are long: id → ``data`` → the options, sent with the
        parts, so that the first visit of any other page neither downloads them nor
        indexes them for the dropdown's search.
    link_class : str
        Class of its link; the link of the page shown adds a ``--active`` modifier.
    """

    container: str
    nav: str
    view: str
    build: Callable[[AppData], html.Div]
    frames: tuple[str, ...] = ()
    parts: Callable[[AppData], dict[str, Component]] = _no_parts
    libraries: tuple[str, ...] = ()
    link_class: str = "cc-nav__link"
    tables: tuple[str, ...] = ()
    map_first: bool = False
    controls: tuple[str, ...] = ()
    choices: dict[str, Callable[[AppData], list[dict]]] = field(default_factory=dict)

    def first_parts(self, data: AppData) -> dict[str, Component]:
        """Build the parts put in the frames when the page first shows: all but its tables."""
        return {frame: part for frame, part in self.parts(data).items()
                if frame not in self.tables}

    def first_choices(self, data: AppData) -> list:
        """Options of every dropdown of :data:`CHOICES`: this page's, else ``no_update``."""
        return [self.choices[control](data) if control in self.choices else no_update
                for control in CHOICES]


#: By page key (:data:`dashboard.views.state.PAGES`), in the order of the navigation.
PAGES: dict[str, Page] = {
    "carte": Page(ids.PAGE_MAP, ids.NAV_MAP, ids.MAP_VIEW, map_page, (ids.MAP_FRAME,),
                  map_parts, map_first=True,
                  controls=(ids.DEPARTEMENTS, ids.ZONINGS, ids.LABELS, ids.INDICATOR,
                            ids.COLOUR_BY, ids.METHOD, ids.CLASSES, ids.AS_OF, ids.MESH,
                            ids.QPV, ids.PLACE_LAYERS, ids.BREAKS)),
    "panorama": Page(ids.PAGE_PANORAMA, ids.NAV_PANORAMA, ids.PANORAMA_VIEW, panorama_page,
                     (ids.PANORAMA_FRAME,), panorama_parts, (GRID,)),
    "heterogeneite": Page(ids.PAGE_NESTING, ids.NAV_NESTING, ids.NESTING_VIEW, nesting_page,
                          (ids.CROSSINGS_FRAME, ids.SPLIT_FRAME), nesting_parts,
                          tables=(ids.CROSSINGS_FRAME, ids.SPLIT_FRAME),
                          controls=(ids.NESTING_DEPARTEMENTS, ids.PAIR_A, ids.PAIR_B)),
    "zones-blanches": Page(ids.PAGE_GAPS, ids.NAV_GAPS, ids.GAPS_VIEW, gaps_page,
                           (ids.GAPS_MAP_FRAME, ids.GAPS_FRAME, ids.GAPS_DEPARTEMENT_FRAME,
                            ids.OVERLAPS_FRAME), gaps_parts,
                           tables=(ids.GAPS_FRAME, ids.GAPS_DEPARTEMENT_FRAME,
                                   ids.OVERLAPS_FRAME), map_first=True,
                           controls=(ids.GAPS_DEPARTEMENTS, ids.GAPS_ZONING)),
    "harmonisation": Page(ids.PAGE_HARMONISATION, ids.NAV_HARMONISATION, ids.HARM_VIEW,
                          harmonisation_page, (ids.HARM_MAP_FRAME, ids.HARM_MOVES_FRAME,
                                               ids.HARM_TERRITORIES_FRAME),
                          harmonisation_parts,
                          tables=(ids.HARM_MOVES_FRAME, ids.HARM_TERRITORIES_FRAME),
                          map_first=True, choices={ids.HARM_COMMUNE: commune_options},
                          controls=(ids.HARM_ZONING, ids.HARM_REFERENCE, ids.HARM_GOAL,
                                    ids.HARM_DEPARTEMENTS, ids.HARM_COMMUNE)),
    "donnees": Page(data_page.PAGE, ids.NAV_DATA, ids.DATA_VIEW,
                    lambda _data: data_page.data_page(), (data_page.FRAME,),
                    lambda _data: {data_page.FRAME: data_page.data_page_body()}),
    "accessibilite": Page(ids.PAGE_STATEMENT, ids.FOOTER_STATEMENT, ids.STATEMENT_VIEW,
                          lambda _data: statement_page(), (ids.STATEMENT_FRAME,),
                          lambda _data: {ids.STATEMENT_FRAME: statement_text()},
                          link_class="cc-footer__link"),
}
#: Every frame of every page, in the order of :data:`PAGES`.
FRAMES = tuple(frame for page in PAGES.values() for frame in page.frames)
#: Paths of the pages whose first parts hold a map (:attr:`Page.map_first`).
MAP_PATHS = tuple(PATH_OF_PAGE[key] for key, page in PAGES.items() if page.map_first)
#: The page of each control showing a field of the state (:attr:`Page.controls`).
PAGE_OF_CONTROL = {control: key for key, page in PAGES.items() for control in page.controls}
#: Every dropdown whose options come with its page's parts (:attr:`Page.choices`).
CHOICES = tuple(control for page in PAGES.values() for control in page.choices)
#: Grids shown on demand → the properties their page's callbacks write in their stores.
DEFERRED_GRIDS = {
    ids.CROSSINGS_GRID: ("rowData",), ids.SPLIT_GRID: SPLIT_PROPS,
    ids.GAPS_GRID: ("rowData",), ids.GAPS_DEPARTEMENT_GRID: ("rowData",),
    ids.OVERLAPS_GRID: ("rowData",), ids.HARM_MOVES: MOVES_PROPS,
    ids.HARM_TERRITORIES: ("rowData",),
}
#: The page of each frame holding a table shown on demand.
PAGE_OF_TABLE = {frame: key for key, page in PAGES.items() for frame in page.tables}
