"""Colours on the printed page: text that stays readable on its white halo.

Examples
--------
>>> readable_on_white("#009e73")
'#008661'
>>> readable_on_white("#000000")
'#000000'
"""

from __future__ import annotations

#: WCAG contrast asked of small text (AA).
MIN_CONTRAST = 4.5
#: Each darkening step keeps this share of every channel.
DARKEN_STEP = 0.95


def _luminance(rgb: tuple[float, float, float]) -> float:
    """Relative luminance (WCAG 2) of an sRGB colour with channels in 0..1."""
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_with_white(colour: str) -> float:
    """WCAG contrast ratio of ``#rrggbb`` on white."""
    rgb = tuple(int(colour[index:index + 2], 16) / 255 for index in (1, 3, 5))
    return 1.05 / (_luminance(rgb) + 0.05)


def readable_on_white(colour: str) -> str:
    """``colour``, darkened just enough to reach :data:`MIN_CONTRAST` on white."""
    rgb = [int(colour[index:index + 2], 16) for index in (1, 3, 5)]
    shade = colour.lower()
    while contrast_with_white(shade) < MIN_CONTRAST:
        rgb = [int(channel * DARKEN_STEP) for channel in rgb]
        shade = "#" + "".join(f"{channel:02x}" for channel in rgb)
    return shade
