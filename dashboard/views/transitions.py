"""How the view changes when the user acts: one pure function per kind of action.

The state callback only finds out which input fired and calls one of these, so every
user journey (search a commune, click the map, open a fiche from the panorama) can be
tested without a browser.
"""

from __future__ import annotations

from typing import Any

from dashboard.constants import MAX_CLASSES, METHODS, MIN_CLASSES
from dashboard.formatting import format_day, parse_day
from dashboard.views.data import AppData, split_ref, territory_ref
from dashboard.views.harmonisation import control_values as harmonisation_controls
from dashboard.views.map_geometry import PIECE_SEPARATOR
from dashboard.views.state import (
    BY_COMMUNE,
    HARMONISATION_GOALS,
    MESHES,
    Choices,
    ViewState,
    split_breaks,
    with_changes,
)
from dashboard.views.territories import territory_summary

#: Control id → ViewState field it sets.
CONTROL_FIELDS = {
    "departements": "departements",
    "zonings": "zonings",
    "labels": "labels",
    "indicator": "indicator",
    "colour-by": "colour_by",
    "method": "method",
    "classes": "classes",
    # Heterogeneity and zones blanches pages: their own filters, the same state fields.
    "nesting-departements": "departements",
    "gaps-departements": "departements",
    "gaps-zoning": "gaps_zoning",
    "pair-a": "pair_a",
    "pair-b": "pair_b",
    "as-of": "date",
    # Harmonisation page: its choices, and the commune picked for a move.
    "harm-zoning": "harm_zoning",
    "harm-reference": "harm_reference",
    "harm-goal": "harm_goal",
    "harm-departements": "departements",
    "harm-commune": "commune",
    "mesh": "mesh",
    "qpv": "qpv",
    "place-layers": "places",
}
#: Fields naming one side of the compared pair of zonings.
PAIR_FIELDS = ("pair_a", "pair_b")
#: Choices of the harmonisation page: changing one starts again from its proposal.
HARMONISATION_FIELDS = ("harm_zoning", "harm_reference", "harm_goal")
#: Controls of the harmonisation page, in the order of
#: :func:`dashboard.views.harmonisation.control_values`.
HARMONISATION_CONTROLS = ("harm-zoning", "harm-reference", "harm-goal", "harm-departements",
                          "harm-commune")
#: The text field of the map's class breaks (:func:`set_breaks`).
BREAKS_CONTROL = "breaks"


def control_values(data: AppData, state: ViewState) -> dict[str, Any]:
    """Return what each control shows of a state, by control id.

    The day shows as typed (jj/mm/aaaa), the breaks as their text, the harmonisation
    page's choices as resolved (its proposal when the URL names none), not as stored.
    """
    values = {control: getattr(state, field) for control, field in CONTROL_FIELDS.items()}
    values = {control: list(value) if isinstance(value, tuple) else value
              for control, value in values.items()}
    return {**values, **dict(zip(HARMONISATION_CONTROLS, harmonisation_controls(data, state),
                                 strict=True)),
            "as-of": format_day(state.date), BREAKS_CONTROL: " ; ".join(state.breaks)}


def set_control(data: AppData, state: ViewState, field: str, value) -> ViewState:
    """Apply a control change, keeping only values the data offers, in its order."""
    choices = data.choices
    if field in PAIR_FIELDS:
        return choose_pair_side(data, state, field, value)
    if field == "date":
        day = parse_day(value)  # typed jj/mm/aaaa in the field
        return with_changes(state, date=day.isoformat() if day else None)
    if field in HARMONISATION_FIELDS:
        allowed = HARMONISATION_GOALS if field == "harm_goal" else choices.zonings
        if value not in allowed or value == getattr(state, field):
            return state
        return with_changes(state, **{field: value}, harm_moves=None, harm_draft=None)
    if field == "commune":
        return with_changes(state, commune=value if value in choices.communes else None)
    if field == "gaps_zoning":
        return with_changes(state, gaps_zoning=value) if value in choices.zonings else state
    if field == "departements":
        value = tuple(code for code in choices.departements if code in (value or ()))
    elif field == "zonings":
        value = tuple(key for key in choices.zonings if key in (value or ()))
    elif field == "places":
        value = tuple(key for key in choices.place_layers if key in (value or ()))
    elif field in ("labels", "qpv"):
        value = bool(value)
    elif value not in _offered(choices, field):
        return state
    return with_changes(state, **{field: value})


def _offered(choices: Choices, field: str) -> tuple:
    """Values a single-choice control may take (what :func:`parse_url` would keep)."""
    return {
        "indicator": choices.indicators,
        "method": METHODS,
        "classes": tuple(range(MIN_CLASSES, MAX_CLASSES + 1)),
        "colour_by": (BY_COMMUNE, *choices.zonings),
        "mesh": MESHES,
    }.get(field, ())


def set_breaks(state: ViewState, text: str | None) -> ViewState:
    """Manual breaks typed in the text box; typing them selects the manual method."""
    breaks = split_breaks(text)
    return with_changes(state, breaks=breaks, method="manuel" if breaks else state.method)


def select_commune(data: AppData, state: ViewState, code: str | None) -> ViewState:
    """Show who covers a commune, zooming to its département unless it is already shown."""
    if code is None or code not in data.choices.communes:
        return with_changes(state, commune=None)
    departement = data.unit_index.at[code, "departement"]
    departements = (state.departements if departement in state.departements
                    else (departement,))
    return with_changes(state, commune=code, departements=departements)


def click_map(data: AppData, state: ViewState, location: str | None) -> ViewState:
    """Select the clicked commune (that of a clicked IRIS), or open the clicked territory.

    A piece of a commune cut by a zoning's polygons (``territory|commune``, see
    :func:`dashboard.views.map_geometry.zoning_pieces`) selects its commune: the pieces
    lie over the communes, those of hidden zonings too.
    """
    if location is None:
        return state
    if location in data.iris_index.index:
        location = data.iris_index.at[location, "commune"]
    if state.colour_by == BY_COMMUNE:
        location = location.rpartition(PIECE_SEPARATOR)[2]
        return with_changes(state, commune=location) if location in data.choices.communes \
            else state
    return open_territory(data, state, territory_ref(state.colour_by, location), zoom=False)


def open_territory(data: AppData, state: ViewState, ref: str | None, *,
                   zoom: bool = True) -> ViewState:
    """Open a fiche; from the panorama also show the map on the territory and its zoning."""
    if ref is None or ref not in data.choices.territories:
        return state
    if not zoom:
        return with_changes(state, territory=ref)
    key, tid = split_ref(ref)
    zonings = state.zonings if key in state.zonings else tuple(
        k for k in data.choices.zonings if k in state.zonings or k == key)
    return with_changes(state, territory=ref, page="carte", zonings=zonings,
                        departements=territory_summary(data, key, tid).departements)


def close_territory(state: ViewState) -> ViewState:
    """Close the fiche."""
    return with_changes(state, territory=None)


def choose_pair_side(data: AppData, state: ViewState, field: str, key: str | None) -> ViewState:
    """One side of the compared pair chosen in its menu; choosing the other side swaps them."""
    if key not in data.choices.zonings:
        return state
    other = PAIR_FIELDS[1 - PAIR_FIELDS.index(field)]
    changes = {field: key}
    if getattr(state, other) == key:
        changes[other] = getattr(state, field)
    return with_changes(state, **changes)


def open_pair(data: AppData, state: ViewState, a: str | None, b: str | None) -> ViewState:
    """Compare zoning ``a`` (row of the clicked matrix cell) with ``b`` (its column)."""
    zonings = data.choices.zonings
    if a not in zonings or b not in zonings or a == b:
        return state
    return with_changes(state, pair_a=a, pair_b=b)


def close_pair(state: ViewState) -> ViewState:
    """Close the comparison of two zonings."""
    return with_changes(state, pair_a=None, pair_b=None)
