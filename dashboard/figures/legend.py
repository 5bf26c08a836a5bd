"""The legend of the map as data: classes, counts, outlines, source.

The page renders :class:`Legend` as HTML next to the map (it stays readable and
selectable); the interactive HTML export writes it too. Printed pages draw their own
legend from the layers they draw (:mod:`dashboard.export.drawing.legend`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from dashboard.classification import Classification
from dashboard.figures.map import ZoningLayer
from dashboard.formatting import format_value
from dashboard.palettes import (
    DEPARTEMENT_STYLE,
    HATCH_SWATCH,
    MISSING_COLOUR,
    OutlineStyle,
    SymbolStyle,
    class_colours,
    svg_dasharray,
)
from dashboard.strings import (
    DEPARTEMENT_OUTLINE_LABEL,
    ILLUSTRATIVE_SUFFIX,
    LEGEND_TITLE_WITH_UNIT,
    METHOD_SHORT_LABELS,
    MISSING_LEGEND_LABEL,
)
from geodata.observations.indicators import Indicator


@dataclass(frozen=True)
class LegendRow:
    """One colour of the map: its class label and how many areas have it."""

    colour: str
    label: str
    count: int

    @property
    def text(self) -> str:
        """Label with the count: "12,0 – 18,5 % (215)"."""
        return f"{self.label} ({format_value(self.count, '', 0)})"


@dataclass(frozen=True)
class OutlineRow:
    """One kind of line of the map: a zoning or the départements."""

    label: str
    style: OutlineStyle

    @property
    def dasharray(self) -> str:
        """SVG ``stroke-dasharray`` matching the map's dashes, for an HTML legend."""
        return svg_dasharray(self.style.dash, self.style.width)


@dataclass(frozen=True)
class Legend:
    """Everything the legend of a choropleth says.

    Attributes
    ----------
    title : str
        Indicator label and unit: "Taux de pauvreté …, en %".
    method : str
        Classification method in French: "Quantiles", "Seuils naturels (Jenks)"…
    rows : tuple of LegendRow
        One per class, **highest values first** (top of the legend).
    missing : LegendRow or None
        "Secret statistique / non disponible" and its count; None when nothing is missing.
    outlines : tuple of OutlineRow
        Shown zonings in drawing order, then the départements.
    note : str or None
        Remark of the classification (fewer classes than asked…).
    source, vintage : str
        Source line(s) of the values shown (« Source : Insee, Filosofi 2021 (IRIS) ;
        Source : Insee, Filosofi 2021 ») and the indicator's vintage.
    perimeters : tuple of str
        Source of the perimeters drawn (« Périmètres CPTS : ARS … »), or the illustrative
        notice: the page's legend says it, as exports do.
    mesh : str or None
        Which areas are coloured (« Maille : IRIS (93) »), so that IRIS values are never
        taken for commune values.
    stand_in : LegendRow or None
        The areas shown, hatched, with the value of a larger area (colour: the hatch
        pattern's), and their count; None when there are none.
    symbols : SymbolLegend or None
        Proportional circles drawn over the areas (the QPV), when shown.
    """

    title: str
    method: str
    rows: tuple[LegendRow, ...]
    missing: LegendRow | None
    outlines: tuple[OutlineRow, ...]
    note: str | None
    source: str
    vintage: str
    perimeters: tuple[str, ...] = ()
    mesh: str | None = None
    stand_in: LegendRow | None = None
    symbols: SymbolLegend | None = None

    @property
    def count(self) -> int:
        """Number of areas on the map, hatched and missing included."""
        return sum(row.count for row in (*self.rows, *self.extra_rows))

    @property
    def extra_rows(self) -> tuple[LegendRow, ...]:
        """The hatched row and the missing row, those present, after the classes."""
        return tuple(row for row in (self.stand_in, self.missing) if row is not None)


@dataclass(frozen=True)
class SymbolLegend:
    """Legend of a layer of proportional circles drawn over the choropleth.

    ``rows`` are (text, diameter in pixels) of sample circles, smallest first.
    """

    title: str
    rows: tuple[tuple[str, float], ...]
    note: str
    source: str
    style: SymbolStyle


@dataclass(frozen=True)
class LegendDetails:
    """What a legend says beyond classes and outlines (see :class:`Legend`).

    ``stand_in`` is the label and count of the hatched areas; ``missing`` replaces the
    label of missing values (« Non publié… ») when it is not the secret statistique;
    ``sources`` are the source lines of the values shown (the indicator's by default);
    ``perimeters`` those of the perimeters drawn
    (:func:`dashboard.views.sources.perimeter_sources`).
    """

    mesh: str | None = None
    stand_in: tuple[str, int] | None = None
    missing: str | None = None
    sources: tuple[str, ...] = ()
    perimeters: tuple[str, ...] = ()


def legend_title(indicator: Indicator) -> str:
    """Title of a map's legend: the label, then its unit unless the label already says it.

    « Allocataires du RSA socle, en allocataires » would say its unit twice; units of
    measure (%, €, hab./km²) are always said.
    """
    unit = indicator.unit
    said = not unit or (unit.isalpha() and unit.lower() in indicator.label.lower())
    return (indicator.label if said
            else LEGEND_TITLE_WITH_UNIT.format(label=indicator.label, unit=unit))


def build_legend(classification: Classification, indicator: Indicator,
                 zonings: Sequence[ZoningLayer] = (), *,
                 colours: Sequence[str] | None = None,
                 illustrative: Collection[str] = (),
                 details: LegendDetails = LegendDetails()) -> Legend:
    """Legend of a map built with the same classification, zonings and colours.

    Parameters
    ----------
    classification : Classification
        Classes of the map.
    indicator : geodata.observations.indicators.Indicator
        Label, unit, direction, source and vintage of the indicator.
    zonings : sequence of ZoningLayer
        Zonings outlined on the map.
    colours : sequence of str, optional
        Colours of the classes if the map was given its own.
    illustrative : collection of str
        Names of the zonings whose perimeters are made up: their row says so, in the
        app's legend as in every export.
    details : LegendDetails
        Mesh, hatched areas, label of missing values, sources of the map and of its
        perimeters.
    """
    if colours is None:
        colours = class_colours(classification.k, indicator.direction)
    stand_ins = details.stand_in[1] if details.stand_in else 0
    rows = tuple(LegendRow(colour, label, count) for colour, label, count in zip(
        colours, classification.labels, classification.counts, strict=True))
    return Legend(
        title=legend_title(indicator),
        method=METHOD_SHORT_LABELS[classification.method],
        rows=rows[::-1],
        missing=(LegendRow(MISSING_COLOUR, details.missing or MISSING_LEGEND_LABEL,
                           classification.missing_count - stand_ins)
                 if classification.missing_count > stand_ins else None),
        outlines=(*_zoning_rows(zonings, illustrative),
                  OutlineRow(DEPARTEMENT_OUTLINE_LABEL, DEPARTEMENT_STYLE)),
        note=classification.note,
        source=" ; ".join(details.sources or (indicator.source,)),
        vintage=indicator.vintage,
        perimeters=tuple(details.perimeters),
        mesh=details.mesh,
        stand_in=(LegendRow(HATCH_SWATCH, details.stand_in[0], stand_ins)
                  if details.stand_in else None),
    )


def _zoning_rows(zonings: Sequence[ZoningLayer], illustrative: Collection[str]) -> list[OutlineRow]:
    """One row per zoning, and one for its shared communes' dotted rings when drawn."""
    rows = []
    for zoning in zonings:
        suffix = ILLUSTRATIVE_SUFFIX if zoning.name in illustrative else ""
        rows.append(OutlineRow(zoning.name + suffix, zoning.style))
        if zoning.shared is not None and zoning.shared.lon:
            rows.append(OutlineRow(zoning.shared_name, zoning.shared_style))
    return rows
