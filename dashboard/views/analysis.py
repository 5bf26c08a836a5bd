"""What the heterogeneity and zones blanches pages share: their scope, table columns, lines.

Scope: every analysis runs on the communes of the chosen départements (the whole region
when none), so a territory astride a limit counts only by its part inside; the list of
territories crossing a département limit, on the contrary, looks at whole territories.
The pages themselves are :mod:`dashboard.views.heterogeneity` (the nesting matrix and the
crossings), :mod:`dashboard.views.pair` (two zonings compared) and
:mod:`dashboard.views.gaps` (zones blanches).
"""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
import pandas as pd

from dashboard.figures.geojson import Outline
from dashboard.palettes import OutlineStyle
from dashboard.views.data import AppData
from dashboard.views.map_geometry import Selection
from dashboard.views.state import BY_COMMUNE, ViewState

CACHE_SIZE = 32


def selection(data: AppData, departements: tuple[str, ...], colour_by: str) -> Selection:
    """Select what the main map would draw for these départements, coloured by ``colour_by``.

    Built like the main map's selection, so that the GeoJSON file names (and the
    browser's cache) are the same, and the geo routes serve them.
    """
    return Selection.of(ViewState(departements=departements, zonings=(), colour_by=colour_by),
                        data)


def scope_level(data: AppData, departements: tuple[str, ...]) -> str:
    """Geometry level of a département selection, as on the main map."""
    return selection(data, departements, BY_COMMUNE).level


@lru_cache(maxsize=CACHE_SIZE)
def scope_units(data: AppData, departements: tuple[str, ...]) -> gpd.GeoDataFrame:
    """Communes of the chosen départements (all when none), detailed geometry."""
    units = data.units
    if departements:
        units = units[units["departement"].isin(departements)]
    return units.reset_index(drop=True)


def zoning_labels(data: AppData) -> dict[str, str]:
    """Short French label of each loaded zoning, in the data's order."""
    return {key: zoning.type.label for key, zoning in data.zonings.items()}


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows for AG Grid: missing values as None (JSON null), numbers as Python numbers."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _number_format(decimals: int) -> dict:
    """AG Grid value formatter writing French numbers (``assets/dashAgGridFunctions.js``)."""
    return {"function": f"frenchNumber(params.value, {decimals})"}


def number_column(field: str, header: str, decimals: int = 0, width: int = 130) -> dict:
    """Define a number column: sortable, French format, no filter (pages filter by département)."""
    return {"field": field, "headerName": header, "width": width, "type": "numericColumn",
            "filter": False, "valueFormatter": _number_format(decimals)}


def text_column(field: str, header: str, **options) -> dict:
    """Define a text column; ``options`` are AG Grid's (width, flex, tooltip…)."""
    return {"field": field, "headerName": header, **options}


def line_trace(uid: str, name: str, outline: Outline, style: OutlineStyle,
               show_legend: bool = False) -> dict:
    """Draw an outline as a plain line trace, in its style, without hover."""
    return {"type": "scattergeo", "uid": uid, "name": name, "mode": "lines",
            "lon": outline.lon, "lat": outline.lat,
            "line": {"color": style.colour, "width": style.width, "dash": style.dash},
            "hoverinfo": "skip", "showlegend": show_legend}
