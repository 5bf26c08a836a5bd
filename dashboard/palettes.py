"""Colours and line styles of the maps.

Choice of colour ramps
----------------------
* Precarity indicators use ColorBrewer **YlOrRd** whatever their direction, so that on
  every map **darker red always means more precarious**: a poverty rate (direction +1)
  goes light → dark with the value, a median income (direction -1) is reversed (low
  income dark). A blue ramp for incomes was rejected: its lightest classes are nearly
  the light grey of missing values, and users would have to relearn what "dark" means.
* Neutral indicators (direction 0: population, density) use ColorBrewer **Blues**, dark =
  high, so that they do not read as precarity.
* Both ramps are ColorBrewer's own scheme for each number of classes (3 to 9): sequential,
  colour-blind safe, and designed so that the classes of a k-class map stay
  distinguishable (plotly.colors only has the 9-class lists). For k ≤ 7 the darkest red
  is #bd0026, not #800026, so black outlines stay readable on it.
* Missing values (secret statistique, no data) are :data:`MISSING_COLOUR`, a neutral grey.
  Areas shown with a value that is not their own (an IRIS with its commune's value, a
  withheld commune with its EPCI's mean) take a pale tint of that value's class colour
  (:func:`tint`) under diagonal lines (:data:`HATCH_STYLE`): they read as the class but
  never as strongly as own values. Plotly cannot hatch a ``go.Choropleth`` fill, so the
  hatch is a line trace (:mod:`dashboard.figures.hatching`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from geodata.zonings.zoning_types import OutlineStyle

#: Colour of units without a value; distinct from every class of both ramps.
MISSING_COLOUR = "#d9d9d9"
#: ColorBrewer sequential schemes per number of classes (colorbrewer2.org, Cynthia A.
#: Brewer, Penn State, Apache-2.0), lightest first.
COLORBREWER: dict[str, dict[int, tuple[str, ...]]] = {
    "YlOrRd": {
        3: ("#ffeda0", "#feb24c", "#f03b20"),
        4: ("#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"),
        5: ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"),
        6: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"),
        7: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"),
        8: ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c",
            "#b10026"),
        9: ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c",
            "#bd0026", "#800026"),
    },
    "Blues": {
        3: ("#deebf7", "#9ecae1", "#3182bd"),
        4: ("#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"),
        5: ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"),
        6: ("#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"),
        7: ("#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"),
        8: ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5",
            "#084594"),
        9: ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5",
            "#08519c", "#08306b"),
    },
}
#: Ramp of precarity indicators (direction +1 or -1).
PRECARITY_RAMP = "YlOrRd"
#: Ramp of neutral indicators (direction 0).
NEUTRAL_RAMP = "Blues"
#: Colours of 1 and 2 classes (few distinct values, one manual break), from the 3-class
#: scheme: the middle one, or both ends.
_FEW_CLASSES = {1: (1,), 2: (0, 2)}

#: Thin white borders between communes: visible between classes, quiet inside a class.
UNIT_LINE = {"color": "#ffffff", "width": 0.3}
#: Territories coloured as a whole have few, large polygons: a darker, thicker border.
TERRITORY_LINE = {"color": "#555555", "width": 0.8}

#: Territory thumbnail of the fiche: a blue that says "selected", not "precarious".
THUMBNAIL_MEMBER_COLOUR = "#4a7bb7"
THUMBNAIL_NEIGHBOUR_COLOUR = "#e6e6e6"
THUMBNAIL_UNIT_LINE = {"color": "#ffffff", "width": 0.5}
THUMBNAIL_OUTLINE = {"color": "#1f3f66", "width": 1.6}


#: Limits of départements: always drawn, thin and dark, below the zonings.
DEPARTEMENT_STYLE = OutlineStyle("#3a3a3a", "solid", 1.0)
#: Hatching of areas shown with another area's value: thin dark grey, dense enough to read
#: as a texture on every class colour, light enough to let the colour show.
HATCH_STYLE = OutlineStyle("rgba(40,40,40,0.55)", "solid", 0.8)
#: Share of white mixed into a class colour for the areas shown with a stand-in value:
#: they read as the class, lighter, so that own values stay the strongest on the map.
STAND_IN_TINT = 0.6
#: Background of the hatched swatch of the legend: the tint of a middle class.
HATCH_SWATCH = "#fee3b8"


@dataclass(frozen=True)
class SymbolStyle:
    """Look of proportional circles: fill, its opacity, and the edge that separates them."""

    fill: str
    opacity: float
    edge: str
    edge_width: float


#: Circles of the QPV: a violet no class of the yellow-to-red fills has, half opaque so
#: that the commune's colour shows through, a white edge between overlapping circles.
QPV_SYMBOL_STYLE = SymbolStyle("#5e3c99", 0.7, "#ffffff", 1.0)
#: Styles for zonings, in the order they are offered: Okabe-Ito colours that stand out
#: on the yellow-to-red fills, each with its own dash so that they differ in grey too.
ZONING_STYLES: tuple[OutlineStyle, ...] = (
    OutlineStyle("#000000", "solid", 2.4),
    OutlineStyle("#0072b2", "dash", 2.0),
    OutlineStyle("#009e73", "dot", 2.6),
    OutlineStyle("#cc79a7", "dashdot", 2.0),
)


def class_colours(k: int, direction: int = 1) -> tuple[str, ...]:
    """Colours of ``k`` classes (0 to 9), from the class of the lowest values upwards.

    Parameters
    ----------
    k : int
        Number of classes.
    direction : {1, -1, 0}
        +1: higher values are more precarious (dark = high); -1: higher values are less
        precarious (ramp reversed, dark = low); 0: neutral indicator (blue ramp).

    Returns
    -------
    tuple of str
        ``k`` colours as "#rrggbb"; index ``i`` is the colour of class ``i``.
    """
    schemes = COLORBREWER[NEUTRAL_RAMP if direction == 0 else PRECARITY_RAMP]
    if k == 0:  # nothing to classify (every value missing)
        return ()
    if k in _FEW_CLASSES:
        colours = tuple(schemes[3][index] for index in _FEW_CLASSES[k])
    elif k in schemes:
        colours = schemes[k]
    else:
        raise ValueError(f"between 1 and {max(schemes)} classes, got {k}")
    return colours[::-1] if direction < 0 else colours


def tint(colour: str, share: float = STAND_IN_TINT) -> str:
    """Mix ``share`` of white into a "#rrggbb" colour.

    >>> tint("#000000", 0.5)
    '#808080'
    """
    channels = (int(colour[index:index + 2], 16) for index in (1, 3, 5))
    return "#" + "".join(f"{round(value + (255 - value) * share):02x}" for value in channels)


def stepped_colorscale(colours: Sequence[str]) -> list[list[float | str]]:
    """Build a plotly colorscale mapping integer ``z`` to exact colours, missing included.

    Band 0 is :data:`MISSING_COLOUR` and band ``i + 1`` is ``colours[i]``; use it with
    ``z = class index`` (-1 for missing), ``zmin = -1.5`` and ``zmax = len(colours) - 0.5``
    so that every integer falls in the middle of its band.
    """
    bands = (MISSING_COLOUR, *colours)
    scale: list[list[float | str]] = []
    for index, colour in enumerate(bands):
        scale += [[index / len(bands), colour], [(index + 1) / len(bands), colour]]
    return scale


def svg_dasharray(dash: str, width: float) -> str:
    """SVG ``stroke-dasharray`` that plotly.js draws for ``dash`` at ``width`` pixels.

    Lets an HTML legend show the same dashes as the map (plotly.js scales its patterns
    with the line width, at least 3 px).
    """
    unit = max(width, 3)
    pattern = {
        "solid": (),
        "dot": (1, 1),
        "dash": (3, 3),
        "longdash": (5, 5),
        "dashdot": (3, 1, 1, 1),
        "longdashdot": (5, 2, 1, 2),
    }[dash]
    return ",".join(f"{factor * unit:g}" for factor in pattern) or "none"


#: Categories of a list of places: Okabe & Ito's colour-blind-safe qualitative palette
#: (yellow left out: unreadable on the pale classes), then two darker tones.
PLACE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00",
                 "#000000", "#882255", "#117733", "#44AA99")
#: Edge of every place marker, so that it stands out on any class colour.
PLACE_OUTLINE = "#ffffff"
#: Marker shape of each list shown, in order (plotly names; the exports draw the same).
PLACE_SYMBOLS = ("circle", "square", "diamond", "triangle-up")
