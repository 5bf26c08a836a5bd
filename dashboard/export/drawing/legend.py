"""The legend of the printed map: the sections the layers give, stacked in a column.

Each section has a title (the indicator, « Limites »…), optional subtitles (the mesh,
the classification method), its lines (a sample and a text, wrapped to the column) and an
optional note. Sizes are pixels of the page at A4 scale.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.constants import TEXT_COLOUR
from dashboard.export.drawing.fonts import BOLD, REGULAR
from dashboard.export.drawing.layers import SAMPLE_SIZE, LegendSection
from dashboard.export.drawing.svg import Box
from dashboard.export.drawing.text import block

TITLE_SIZE = 12.5
TEXT_SIZE = 11.5
NOTE_SIZE = 10.0
MUTED = "#555555"
#: Gap between a sample and its text, between lines and between sections.
SAMPLE_GAP = 8.0
ROW_GAP = 3.0
SECTION_GAP = 12.0
TITLE_GAP = 4.0


@dataclass(frozen=True)
class DrawnLegend:
    """The legend's SVG and the height it takes."""

    svg: str
    height: float


def draw_legend(sections: tuple[LegendSection, ...], left: float, top: float,
                width: float) -> DrawnLegend:
    """Stack ``sections`` from (``left``, ``top``) in a column ``width`` pixels wide."""
    parts, y = [], top
    text_left = left + SAMPLE_SIZE[0] + SAMPLE_GAP
    text_width = width - SAMPLE_SIZE[0] - SAMPLE_GAP
    for number, section in enumerate(sections):
        if number:
            y += SECTION_GAP
        if section.title:
            title = block(section.title, width, TITLE_SIZE, BOLD, TEXT_COLOUR)
            parts.append(title.svg(left, y))
            y += title.height
        for line in (section.mesh, section.subtitle):
            if line:
                subtitle = block(line, width, NOTE_SIZE, REGULAR, MUTED)
                parts.append(subtitle.svg(left, y))
                y += subtitle.height
        y += TITLE_GAP
        for entry in section.entries:
            text = block(entry.text, text_width, TEXT_SIZE, REGULAR, TEXT_COLOUR)
            height = max(text.height, SAMPLE_SIZE[1] + 2, entry.height + 2)
            centred = height if entry.height else min(text.height, height)
            sample_top = y + (centred - SAMPLE_SIZE[1]) / 2 \
                if len(text.lines) == 1 or entry.height else y + 1.5
            parts.append(entry.sample(Box(left, sample_top, *SAMPLE_SIZE)))
            parts.append(text.svg(text_left, y + (height - text.height) / 2))
            y += height + ROW_GAP
        if section.note:
            note = block(section.note, width, NOTE_SIZE, REGULAR, MUTED)
            parts.append(note.svg(left, y + 1))
            y += note.height + 1
    return DrawnLegend("".join(parts), y - top)


def legend_height(sections: tuple[LegendSection, ...], width: float) -> float:
    """Height the sections take in a column ``width`` pixels wide."""
    return draw_legend(sections, 0.0, 0.0, width).height
