"""Map furniture: a scale bar in kilometres and a north arrow, true to the projection.

The scale bar's length comes from the frame's scale at the map's centre
(:meth:`~dashboard.export.drawing.projection.MapFrame.pixels_per_km`), and the north
arrow turns by the meridian convergence of Lambert-93 there (half a degree in
Île-de-France): both are what a surveyor would measure on the printed page.
"""

from __future__ import annotations

from dashboard.constants import TEXT_COLOUR
from dashboard.export.drawing.fonts import BOLD, REGULAR, text_width
from dashboard.export.drawing.projection import MapFrame
from dashboard.export.drawing.svg import Box, attributes, num, rect
from dashboard.export.drawing.text import TextBlock
from dashboard.formatting import format_number

#: Lengths a scale bar may have, in kilometres (their halves are written too).
ROUND_KM = (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
SCALE_TEXT = 10.0
SCALE_BAR_HEIGHT = 4.0
#: Plate behind furniture drawn over the map.
PLATE = {"fill": "#ffffff", "fill_opacity": 0.85, "rx": 2}
PLATE_PADDING = 5.0
ARROW_SIZE = (14.0, 22.0)


def scale_length(pixels_per_km: float, longest_px: float) -> float:
    """Return the longest round length (km) whose bar is at most ``longest_px`` long."""
    fitting = [km for km in ROUND_KM if km * pixels_per_km <= longest_px]
    return fitting[-1] if fitting else ROUND_KM[0]


def _km(value: float) -> str:
    """Write a length in km with the decimals it needs: « 20 », « 2,5 », « 0,25 »."""
    decimals = next(places for places in range(4) if round(value, places) == value)
    return format_number(value, decimals)


def scale_bar(frame: MapFrame, left: float, bottom: float, longest_px: float) -> tuple[str, Box]:
    """Draw a two-part scale bar (black, white), « 0 », the middle and « n km » under it.

    ``left`` and ``bottom`` place the plate's bottom-left corner. Returns the SVG and
    the plate's box (an obstacle for labels).
    """
    per_km = frame.pixels_per_km()
    km = scale_length(per_km, longest_px)
    length = km * per_km
    end_text = f"{_km(km)}\u00a0km"
    end_width = text_width(end_text, SCALE_TEXT)
    width = length + end_width / 2 + 3 + 2 * PLATE_PADDING
    height = SCALE_BAR_HEIGHT + SCALE_TEXT * 1.3 + 2 * PLATE_PADDING + 2
    plate = Box(left, bottom - height, width, height)
    x0, y0 = left + PLATE_PADDING + 3, plate.top + PLATE_PADDING
    half = length / 2
    parts = [rect(plate, **PLATE),
             f'<g class="scale-bar" data-km="{km:g}">',
             rect(Box(x0, y0, half, SCALE_BAR_HEIGHT), fill=TEXT_COLOUR),
             rect(Box(x0 + half, y0, half, SCALE_BAR_HEIGHT), fill="#ffffff"),
             rect(Box(x0, y0, length, SCALE_BAR_HEIGHT), fill="none", stroke=TEXT_COLOUR,
                  stroke_width=0.8),
             "</g>"]
    labels_top = y0 + SCALE_BAR_HEIGHT + 1
    for x, text, anchor in ((x0, "0", "middle"), (x0 + half, _km(km / 2), "middle"),
                            (x0 + length, end_text, "middle")):
        parts.append(TextBlock((text,), SCALE_TEXT, REGULAR, TEXT_COLOUR).svg(
            x, labels_top, anchor=anchor))
    return "".join(parts), plate


def north_arrow(frame: MapFrame, left: float, bottom: float) -> tuple[str, Box]:
    """Draw an arrow pointing to true north, « N » above it, on a plate."""
    width, height = ARROW_SIZE
    letter = TextBlock(("N",), SCALE_TEXT + 1, BOLD, TEXT_COLOUR)
    plate = Box(left, bottom - height - letter.height - 2 * PLATE_PADDING,
                width + 2 * PLATE_PADDING, height + letter.height + 2 * PLATE_PADDING)
    centre_x = plate.left + plate.width / 2
    centre_y = plate.bottom - PLATE_PADDING - height / 2
    half, tip = width / 2, height / 2
    arrow = (f'<g transform="rotate({frame.north_angle():.2f} {num(centre_x)} {num(centre_y)})"'
             f'{attributes(stroke=TEXT_COLOUR, stroke_width=0.8, stroke_linejoin="round")}>'
             f'<path d="M{num(centre_x)} {num(centre_y - tip)}L{num(centre_x - half)} '
             f'{num(centre_y + tip)}L{num(centre_x)} {num(centre_y + tip * 0.45)}Z" '
             'fill="#ffffff"/>'
             f'<path d="M{num(centre_x)} {num(centre_y - tip)}L{num(centre_x + half)} '
             f'{num(centre_y + tip)}L{num(centre_x)} {num(centre_y + tip * 0.45)}Z" '
             f'fill="{TEXT_COLOUR}"/></g>')
    return (rect(plate, **PLATE) + f'<g class="north-arrow">{arrow}'
            + letter.svg(centre_x, plate.top + PLATE_PADDING - 2, anchor="middle") + "</g>",
            plate)
