"""Exports of a harmonisation scenario: its moves as CSV, its maps before and after as PDF.

Both read the scenario from the view state in the query string, as the page does
(:func:`dashboard.views.harmonisation.harmonisation_view`), so that a file says what the
page showed. The PDF is one page: the zoning as it is (« Actuel ») beside the draft
(« Projet »), the population moved and the nesting index before and after, the notice
that the draft is not official, the sources and the date. It is composed as one SVG
with the printed map's drawing tools (:mod:`dashboard.export.drawing`): real text
(searchable), vector maps in Lambert-93 on one frame, so that both show the same extent
at the same scale.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace
from functools import lru_cache

import numpy as np
import shapely

from dashboard.constants import TEXT_COLOUR
from dashboard.export.constants import (
    CONTEXT_EDGE,
    CONTEXT_FILL,
    FRAME_COLOUR,
    FURNITURE_MARGIN,
    GAP,
    MAP_PADDING,
    PRINT_LINE_SCALE,
    PROJECTION_NOTE,
    SCALE_BAR_SHARE,
    SIDE_MAX,
    SIDE_MIN,
    SIDE_SHARE,
)
from dashboard.export.content import EDGE_M, outline_lines, outline_stack, shown_area, surroundings
from dashboard.export.drawing.fonts import BOLD
from dashboard.export.drawing.furniture import scale_bar
from dashboard.export.drawing.layers import (
    ChoroplethLayer,
    ContextLayer,
    LegendEntry,
    LegendSection,
    fill_sample,
)
from dashboard.export.drawing.legend import draw_legend
from dashboard.export.drawing.outlines import OutlineLayer, OutlineStack
from dashboard.export.drawing.projection import MapFrame, project
from dashboard.export.drawing.svg import Box, rect
from dashboard.export.drawing.text import block
from dashboard.export.errors import ExportOptionsError
from dashboard.export.page import date_line, sheet, svg_document
from dashboard.export.presets import PageFormat
from dashboard.export.renderer import Renderer
from dashboard.export.spreadsheet import csv_bytes
from dashboard.export.static import print_document
from dashboard.export.texts import Sources, scope_name, view_sources
from dashboard.palettes import MISSING_COLOUR, UNIT_LINE, OutlineStyle
from dashboard.strings import ILLUSTRATIVE_SUFFIX
from dashboard.views import harmonisation_strings as hstrings
from dashboard.views.data import AppData
from dashboard.views.gaps import communes_geojson_name
from dashboard.views.harmonisation import (
    HarmonisationView,
    harmonisation_request,
    harmonisation_view,
    moved_part,
    scenario_moves,
    scope,
)
from dashboard.views.harmonisation_map import (
    FATE_COLOURS,
    FATES,
    PROJECT_STYLE,
    fates,
    project_outlines,
    shown_outline,
)
from dashboard.views.heterogeneity import format_index
from dashboard.views.map_geometry import DETAIL, shown_units
from dashboard.views.state import ViewState, with_changes
from geodata.harmonisation import Move, Scenario
from geodata.harmonisation.report import move_records

CSV_COLUMNS = ("Code commune", "Commune", "Part de la commune", "Population déplacée",
               "Territoire quitté",
               "Territoire rejoint", "Territoire {other}", "Origine", "Statut",
               "Périmètres", "Géographie")
#: Sizes (pixels) of the summary line and of the captions « Actuel » and « Projet ».
SUMMARY_SIZE, CAPTION_SIZE = 13.0, 14.0


def scenario_view(data: AppData, state: ViewState) -> HarmonisationView:
    """Measure the scenario of the view state as the page does.

    Raises
    ------
    ExportOptionsError
        When the data has nothing to harmonise.
    """
    request = harmonisation_request(data, state)
    if request is None:
        raise ExportOptionsError(hstrings.HARM_UNAVAILABLE)
    return harmonisation_view(data, request, scenario_moves(data, state, request), None,
                              communes_geojson_name(data, request.departements))


def scenario_sources(data: AppData, state: ViewState, view: HarmonisationView) -> Sources:
    """Give the sources of the geography and of both zonings' perimeters."""
    return view_sources(data, with_changes(state, zonings=(view.request.edited,
                                                           view.request.other)))


def moves_csv(data: AppData, state: ViewState) -> bytes:
    """One row per move of the scenario: commune, population moved, territories, status.

    Written by :func:`~dashboard.export.spreadsheet.csv_bytes` (French Excel, every cell
    neutralised against formulas); every row says it is a draft and carries the
    sources, as the app's other CSV files do.
    """
    view = scenario_view(data, state)
    zoning, other = (data.zonings[key] for key in (view.request.edited, view.request.other))
    names = dict(zip(data.units["code"], data.units["nom"], strict=True))
    status = hstrings.HARM_BANNER_TITLE
    sources = scenario_sources(data, state, view)
    perimeters = " ; ".join(sources.perimeters)
    rows = [(record["code"], record["commune"],
             moved_part(zoning, move) or hstrings.HARM_WHOLE_COMMUNE,
             round(record["population"]),
             record["source_nom"] or hstrings.HARM_OUTSIDE_ZONING,
             record["target_nom"] or hstrings.HARM_OUTSIDE_ZONING, record["reference_nom"],
             hstrings.HARM_ORIGIN_PROPOSED if record["proposed"] else hstrings.HARM_ORIGIN_ADDED,
             status, perimeters, sources.geography)
            for move, record in zip(view.scenario.moves, move_records(
                view.scenario, other, names, view.proposal), strict=True)]
    return csv_bytes([name.format(other=other.type.label) for name in CSV_COLUMNS], rows)


def before_after_pdf(data: AppData, state: ViewState, renderer: Renderer,
                     today: dt.date | None = None) -> bytes:
    """Print the zoning as it is beside the draft, on one A4 landscape page."""
    view = scenario_view(data, state)
    page = before_after_page(data, state, view, today)
    paper = PageFormat("a4", "paysage").mm
    return renderer.print_pdf(print_document([page], paper, title=page_title(view)), paper)


def page_title(view: HarmonisationView) -> str:
    """« Projet de découpage CPTS — emboîtement dans DAC »."""
    _, reference, edited = view.labels
    return hstrings.HARM_PDF_TITLE.format(label=edited, reference=reference)


def before_after_page(data: AppData, state: ViewState, view: HarmonisationView,
                      today: dt.date | None = None) -> str:
    """Compose the page as one SVG: titles, summary, the two maps, legend, sources, date.

    Both maps share one frame (same extent and scale): communes coloured by their fate,
    département limits, the reference zoning, and the edited zoning as it is
    (« Actuel ») or as the draft makes it (« Projet », in the draft style).
    """
    request, scenario = view.request, view.scenario
    sources = scenario_sources(data, state, view)
    # No indicator on these maps: the sources are the geography's and the perimeters'.
    line = replace(sources, indicator="").combined(PROJECTION_NOTE)
    notice = " ".join(part for part in (hstrings.HARM_PDF_NOTICE, sources.notice) if part)
    width, height = PageFormat("a4", "paysage").layout_size(0.0)
    frame = sheet(width, height, page_title(view), _subtitle(data, view),
                  line, notice, date_line(today))
    body = frame.body
    summary = block(_summary(view), body.width, SUMMARY_SIZE, BOLD, TEXT_COLOUR)
    side = min(max(body.width * SIDE_SHARE, SIDE_MIN), SIDE_MAX)
    top = body.top + summary.height + GAP / 2
    map_width = (body.width - side - 2 * GAP) / 2
    caption_height = CAPTION_SIZE * 1.6
    boxes = [Box(body.left + index * (map_width + GAP), top + caption_height, map_width,
                 body.bottom - top - caption_height) for index in range(2)]
    fills = _fate_layer(data, request.departements, scenario, view.proposal,
                        frozenset(scope(data, request)["code"].tolist()))
    context = ContextLayer(surroundings(data, request.departements)[1], CONTEXT_FILL,
                           CONTEXT_EDGE)
    stacks = _outline_stacks(data, view)
    units = fills.geometries
    extent = tuple(shapely.total_bounds(units))
    parts, defs = [*frame.parts, summary.svg(body.left, body.top)], []
    map_frame = None
    for index, (box, caption, stack) in enumerate(zip(
            boxes, (hstrings.HARM_BEFORE, hstrings.HARM_AFTER), stacks, strict=True)):
        map_frame = MapFrame.fit(extent, box, MAP_PADDING)
        title = block(caption, box.width, CAPTION_SIZE, BOLD, TEXT_COLOUR)
        clip = f"harm-map-{index}"
        defs.append(f'<clipPath id="{clip}">{rect(box)}</clipPath>')
        parts += [title.svg(box.left, box.top - caption_height),
                  f'<g clip-path="url(#{clip})">', rect(box, fill="#ffffff"),
                  context.draw(map_frame), fills.draw(map_frame), stack.draw(map_frame), "</g>",
                  rect(box, fill="none", stroke=FRAME_COLOUR, stroke_width=0.75)]
    parts.append(scale_bar(map_frame, boxes[1].left + FURNITURE_MARGIN,
                           boxes[1].bottom - FURNITURE_MARGIN, map_width * SCALE_BAR_SHARE)[0])
    sections = (*fills.legend(map_frame), *_outline_legend(stacks, map_frame))
    parts.append(draw_legend(sections, body.right - side, top, side).svg)
    return svg_document(frame.width, frame.height, page_title(view), "".join(parts),
                        "".join(defs))


def _subtitle(data: AppData, view: HarmonisationView) -> str:
    return (f"{scope_name(data, view.request.departements)} — "
            f"{hstrings.HARM_GOALS[str(view.request.goal)]}")


def _summary(view: HarmonisationView) -> str:
    scenario = view.scenario
    count = len(scenario.moves)
    moves = f"{count} commune" + ("s déplacées" if count > 1 else " déplacée")
    return hstrings.HARM_PDF_SUMMARY.format(
        population=view.moved_text, share=view.moved_share, moves=moves,
        before=format_index(scenario.index_before), after=format_index(scenario.index_after))


@lru_cache(maxsize=8)
def _projected_units(data: AppData, departements: tuple[str, ...]) -> tuple[tuple[str, ...],
                                                                           np.ndarray]:
    """Codes and projected detailed outlines of the communes shown."""
    units = shown_units(data, departements, DETAIL)
    return tuple(units["code"]), project(units.geometry.to_numpy())


def _fate_layer(data: AppData, departements: tuple[str, ...], scenario: Scenario,
                proposal: tuple[Move, ...], in_scope: frozenset[str]) -> ChoroplethLayer:
    """Communes coloured by their fate, with the count of each in the legend."""
    codes, shapes = _projected_units(data, departements)
    fate = fates(codes, scenario, proposal, in_scope)
    counts = Counter(fate)
    entries = tuple(LegendEntry(f"{hstrings.HARM_STATUS_LABELS[item]} ({counts[item]})",
                                fill_sample(FATE_COLOURS[item]))
                    for item in FATES if counts[item])
    return ChoroplethLayer(shapes, np.array([FATES.index(item) for item in fate]),
                           tuple(FATE_COLOURS.values()), MISSING_COLOUR, dict(UNIT_LINE),
                           LegendSection(hstrings.HARM_LEGEND_COMMUNES, entries))


def _outline_stacks(data: AppData, view: HarmonisationView) -> tuple[OutlineStack, OutlineStack]:
    """Limits of the « Actuel » map and of the « Projet » map.

    Both have the département limits and the reference; the edited zoning is drawn as it
    is in its own style on the first, as the draft makes it in the draft style on the
    second. Its lines along the shown area's edge are left to the département limit.
    """
    request, scenario = view.request, view.scenario
    departements = request.departements
    base = outline_stack(data, departements, (request.other,))
    edge = shapely.buffer(shapely.boundary(shown_area(data, departements)), EDGE_M)
    edited = scenario.edited
    label = edited.type.label + (ILLUSTRATIVE_SUFFIX if edited.illustrative else "")
    current = shown_outline(data, departements, DETAIL, edited)
    project_lines = [outline_lines(outline) for outline in project_outlines(
        data, departements, DETAIL, scenario, view.proposal)]

    def layer(key: str, text: str, lines: shapely.Geometry, style: OutlineStyle) -> OutlineLayer:
        return OutlineLayer(key, text, shapely.difference(lines, edge), OutlineStyle(
            style.colour, style.dash, style.width * PRINT_LINE_SCALE))

    before = layer("current", label, outline_lines(current), edited.type.style)
    after = layer("project", hstrings.HARM_OUTLINE_PROJECT.format(label=label),
                  shapely.union_all(project_lines), PROJECT_STYLE)
    return (OutlineStack((*base.layers, before), base.title),
            OutlineStack((*base.layers, after), base.title))


def _outline_legend(stacks: tuple[OutlineStack, OutlineStack], frame: MapFrame
                    ) -> tuple[LegendSection, ...]:
    """One legend of the limits of both maps: the draft, the zoning as it is, the rest."""
    before, after = stacks
    both = OutlineStack((*before.layers[:-1], before.layers[-1], after.layers[-1]), after.title)
    return both.legend(frame)
