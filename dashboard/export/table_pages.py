"""The atlas's tables of structures, paginated in Python into pages like the maps'.

Columns have fixed widths and the page's text has no kerning, so the wrapping of each
cell, hence each row's height, is known exactly (:mod:`dashboard.export.drawing.text`):
rows are cut into pages here, the header row repeated on each, and every page gets the
same frame as a map page (title, sources, illustrative notice, date, page number). The
atlas knows its page count before printing, so its contents and folios are exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.constants import TEXT_COLOUR
from dashboard.export.constants import (
    ATLAS_COLUMNS,
    ATLAS_COMMUNES_PARTIAL,
    ATLAS_CONTINUED,
    ATLAS_PARTIAL_ITEM,
    ATLAS_PARTIAL_NOTE,
    ATLAS_TABLE_EMPTY,
    ATLAS_TABLE_TITLE,
    ATLAS_VALUE_NOTE,
    MUTED_COLOUR,
    RULE_COLOUR,
)
from dashboard.export.drawing.fonts import BOLD, REGULAR
from dashboard.export.drawing.svg import Box, line
from dashboard.export.drawing.text import TextBlock, block
from dashboard.export.tables import territory_rows
from dashboard.export.texts import scope_name, zoning_labels
from dashboard.formatting import format_value, french_list
from dashboard.strings import MISSING_UNAVAILABLE
from dashboard.views.data import AppData
from dashboard.views.state import ViewState

TABLE_SIZE = 10.0
NOTE_SIZE = 9.0
CELL_PADDING = (4.0, 3.5)
#: Columns: key, share of the width, numeric (right-aligned).
COLUMNS = (("type", 0.07, False), ("nom", 0.29, False), ("statut", 0.11, False),
           ("departements", 0.12, False), ("communes", 0.12, True),
           ("population", 0.12, True), ("value", 0.17, True))


@dataclass(frozen=True)
class TablePage:
    """One page of a table: its title, subtitle and SVG body (drawn in the page's body)."""

    title: str
    subtitle: str
    draw: str


def _cells(data: AppData, state: ViewState, table: pd.DataFrame
           ) -> tuple[list[str], list[list[str]]]:
    """Header texts and the formatted cells of each structure."""
    indicator = data.indicator(state.indicator)
    unit = f" ({indicator.unit})" if indicator.unit else ""
    headers = [ATLAS_COLUMNS[key] for key, _, _ in COLUMNS[:-1]] + [
        indicator.short_label + unit]
    rows = [[str(row.type), str(row.nom), str(row.statut), str(row.departements),
             _communes_cell(row.communes, row.partagees), format_value(row.population, "", 0),
             format_value(row.value, indicator.unit, indicator.decimals, MISSING_UNAVAILABLE)]
            for row in table.itertuples()]
    return headers, rows


def _communes_cell(communes: int, partial: int) -> str:
    """« 12 » or « 12 dont 1 en partie »: the population counts those for their part."""
    count = format_value(communes, "", 0)
    return ATLAS_COMMUNES_PARTIAL.format(communes=count, partial=partial) if partial else count


def shared_communes_note(data: AppData, state: ViewState, table: pd.DataFrame) -> str | None:
    """Name once each commune that several structures of the table share.

    A shared commune appears in several rows, each counting its part of the population:
    the note says so, so that no reader adds it twice. ``None`` when no commune is shared.
    """
    items = []
    for key in state.zonings:
        zoning = data.zonings[key]
        listed = set(table.loc[table["zoning"] == key, "id"])
        for code, tids in sorted(zoning.shared_units().items()):
            names = [zoning.fiches[tid].nom for tid in tids if tid in listed]
            if names and code in data.unit_index.index:
                items.append(ATLAS_PARTIAL_ITEM.format(
                    nom=data.unit_index.at[code, "nom"], territories=french_list(names)))
    return ATLAS_PARTIAL_NOTE.format(items=" ; ".join(items)) if items else None


def _row_blocks(cells: list[str], widths: list[float], weight: int) -> list[TextBlock]:
    return [block(text, width - 2 * CELL_PADDING[0], TABLE_SIZE, weight, TEXT_COLOUR)
            for text, width in zip(cells, widths, strict=True)]


def _row_height(blocks: list[TextBlock]) -> float:
    return max(cell.height for cell in blocks) + 2 * CELL_PADDING[1]


def _draw_row(blocks: list[TextBlock], widths: list[float], left: float, top: float,
              height: float, rule: dict) -> str:
    parts, x = [], left
    for (_, _, numeric), cell, width in zip(COLUMNS, blocks, widths, strict=True):
        if numeric:
            parts.append(cell.svg(x + width - CELL_PADDING[0], top + CELL_PADDING[1],
                                  anchor="end"))
        else:
            parts.append(cell.svg(x + CELL_PADDING[0], top + CELL_PADDING[1]))
        x += width
    parts.append(line(left, top + height, x, top + height, **rule))
    return "".join(parts)


def table_pages(data: AppData, state: ViewState, body: Box, notes: tuple[str, ...]
                ) -> list[TablePage]:
    """Cut the structures table of a section into pages whose body is ``body``.

    Each page's ``draw`` is the SVG of its body; the notes and sources close the table
    on its last page (on a page of their own if the table fills the last one).
    """
    indicator = data.indicator(state.indicator)
    title = ATLAS_TABLE_TITLE.format(scope=scope_name(data, state.departements))
    subtitle = f"{french_list(zoning_labels(data, state.zonings))} — {indicator.label}"
    table = territory_rows(data, state)
    headers, rows = _cells(data, state, table)
    shared = shared_communes_note(data, state, table)
    widths = [share * body.width for _, share, _ in COLUMNS]
    header = _row_blocks(headers, widths, BOLD)
    header_height = _row_height(header)
    note_block = block(" ".join([ATLAS_VALUE_NOTE.format(indicator=indicator.short_label),
                                 *([shared] if shared else []), *indicator.notes,
                                 *notes]),
                       body.width, NOTE_SIZE, REGULAR, MUTED_COLOUR)
    head_rule = {"stroke": TEXT_COLOUR, "stroke_width": 1.2}
    row_rule = {"stroke": RULE_COLOUR, "stroke_width": 0.5}
    pages: list[list[str]] = []
    current: list[str] = []
    y = body.top
    if not rows:
        current.append(block(ATLAS_TABLE_EMPTY, body.width, TABLE_SIZE).svg(body.left, y))
        y += TABLE_SIZE * 2
    for cells in rows:
        blocks = _row_blocks(cells, widths, REGULAR)
        height = _row_height(blocks)
        if not current or y + height > body.bottom:
            if current:
                pages.append(current)
            current = [_draw_row(header, widths, body.left, body.top, header_height,
                                 head_rule)]
            y = body.top + header_height
        current.append(_draw_row(blocks, widths, body.left, y, height, row_rule))
        y += height
    if y + 6 + note_block.height > body.bottom:
        pages.append(current)
        current, y = [], body.top
    current.append(note_block.svg(body.left, y + 6))
    pages.append(current)
    return [TablePage(title if number == 0 else f"{title} {ATLAS_CONTINUED}", subtitle,
                      "".join(parts)) for number, parts in enumerate(pages)]
