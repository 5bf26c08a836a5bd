"""The whole view state, and its round trip through the URL (reload, back/forward, sharing)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import parse_qs, urlencode

from dashboard.constants import MAX_BREAKS, MAX_CLASSES, METHODS, MIN_CLASSES
from geodata.observations.indicators import DEFAULT_INDICATOR

PAGES = {"/": "carte", "/panorama": "panorama", "/heterogeneite": "heterogeneite",
         "/zones-blanches": "zones-blanches", "/harmonisation": "harmonisation",
         "/donnees": "donnees", "/accessibilite": "accessibilite"}
PATH_OF_PAGE = {page: path for path, page in PAGES.items()}
#: Bounds on what a URL may carry as manual breaks: this many characters each, and at
#: most :data:`~dashboard.constants.MAX_BREAKS` of them.
MAX_BREAK_LENGTH = 20
#: Colour the communes (default) or the territories of a zoning (its key).
BY_COMMUNE = "communes"
#: Goals of the harmonisation page: the zoning follows the reference, or the reverse.
HARMONISATION_GOALS = ("zonage", "reference")
#: Longest list of moves a URL may carry (about 3,000 moves of 20 characters).
MAX_MOVES_LENGTH = 60_000
#: Finest areas coloured: communes, or IRIS where they exist (« Maille » control, ``maille=``).
COMMUNE_MESH, IRIS_MESH = "commune", "iris"
MESHES = (COMMUNE_MESH, IRIS_MESH)


@dataclass(frozen=True)
class ViewState:
    """Everything needed to draw the same view again."""

    page: str = "carte"
    departements: tuple[str, ...] = ()
    zonings: tuple[str, ...] = ("dac",)
    #: Default: an indicator published nearly everywhere, so the first map says something
    #: on all of it (:data:`~geodata.observations.indicators.DEFAULT_INDICATOR`).
    indicator: str = DEFAULT_INDICATOR
    method: str = "quantiles"
    classes: int = 5
    #: Manual breaks as typed ("12,5"): classification reads them and explains mistakes.
    breaks: tuple[str, ...] = ()
    colour_by: str = BY_COMMUNE
    labels: bool = False
    territory: str | None = None
    commune: str | None = None
    #: Pair of zonings compared on the heterogeneity page (A nested in B), two distinct keys.
    pair_a: str | None = None
    pair_b: str | None = None
    #: Zoning whose zones blanches are shown (the view falls back if it is not loaded).
    gaps_zoning: str = "cpts"
    #: Meeting mode: full screen, large type, controls hidden.
    meeting: bool = False
    #: "À la date du" (ISO day): zonings as they were then; None for today's.
    date: str | None = None
    #: Harmonisation page: the zoning to adjust, its reference, the goal, and the moves
    #: of the scenario (:func:`geodata.harmonisation.encode_moves`; None: the proposal).
    harm_zoning: str | None = None
    harm_reference: str | None = None
    harm_goal: str = HARMONISATION_GOALS[0]
    harm_moves: str | None = None
    #: Saved draft the scenario comes from (its id), named in the page's banner.
    harm_draft: int | None = None
    #: Colour IRIS where they exist (at the detail level), or communes.
    mesh: str = COMMUNE_MESH
    #: Proportional circles of the QPV 2024 per commune over the choropleth (``qpv=1``).
    qpv: bool = False
    #: Shared lists of places drawn on the map (store keys, ``lieux=``).
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choices:
    """What the loaded data offers; the URL can only select among these."""

    departements: tuple[str, ...]
    zonings: tuple[str, ...]
    indicators: tuple[str, ...]
    territories: frozenset[str] = frozenset()
    communes: frozenset[str] = frozenset()
    place_layers: tuple[str, ...] = ()


def _listed(values: list[str], allowed: tuple[str, ...]) -> tuple[str, ...]:
    wanted = {item for value in values for item in value.split(",") if item}
    return tuple(item for item in allowed if item in wanted)


def iso_day(text: str | None) -> str | None:
    """Keep a day written ``2024-06-30`` (as the date control gives it), else None."""
    try:
        return date.fromisoformat(text).isoformat() if text and len(text) == 10 else None
    except ValueError:
        return None


def split_breaks(text: str | None) -> tuple[str, ...]:
    """Manual breaks typed as "10 ; 15,5 ; 20" (or in a URL), one string each."""
    tokens = (token.strip() for token in (text or "").split(";"))
    return tuple(token[:MAX_BREAK_LENGTH] for token in tokens if token)[:MAX_BREAKS]


def parse_url(pathname: str | None, search: str | None, choices: Choices,
              default: ViewState = ViewState()) -> ViewState:
    """Read a view from a URL, keeping only what the data offers (hand-edited links are safe)."""
    query = parse_qs((search or "").lstrip("?"), keep_blank_values=True)

    def first(key: str) -> str | None:
        return query.get(key, [None])[0]

    indicator = first("ind")
    method = first("meth")
    classes = first("k")
    colour_by = first("par")
    territory = first("terr")
    commune = first("com")
    pair_a = first("a") if first("a") in choices.zonings else None
    pair_b = first("b") if first("b") in choices.zonings and first("b") != pair_a else None
    gaps_zoning = first("zb")
    harm_goal = first("hobj")
    harm_draft = first("projet")
    return ViewState(
        page=PAGES.get((pathname or "/").rstrip("/") or "/", default.page),
        departements=_listed(query.get("dep", []), choices.departements),
        zonings=_listed(query["zon"], choices.zonings) if "zon" in query else default.zonings,
        indicator=indicator if indicator in choices.indicators else default.indicator,
        method=method if method in METHODS else default.method,
        classes=(min(max(int(classes), MIN_CLASSES), MAX_CLASSES)
                 if classes and classes.isdigit() else default.classes),
        breaks=split_breaks(first("seuils")),
        colour_by=colour_by if colour_by in choices.zonings else BY_COMMUNE,
        labels=first("etiquettes") == "1",
        territory=territory if territory in choices.territories else None,
        commune=commune if commune in choices.communes else None,
        pair_a=pair_a,
        pair_b=pair_b,
        gaps_zoning=gaps_zoning if gaps_zoning in choices.zonings else default.gaps_zoning,
        meeting=first("reunion") == "1",
        date=iso_day(first("date")),
        harm_zoning=first("hz") if first("hz") in choices.zonings else None,
        harm_reference=first("hr") if first("hr") in choices.zonings else None,
        harm_goal=harm_goal if harm_goal in HARMONISATION_GOALS else HARMONISATION_GOALS[0],
        harm_moves=None if first("hm") is None else first("hm")[:MAX_MOVES_LENGTH],
        harm_draft=int(harm_draft) if harm_draft and harm_draft.isdigit() else None,
        mesh=first("maille") if first("maille") in MESHES else COMMUNE_MESH,
        qpv=first("qpv") == "1",
        places=_listed(query.get("lieux", []), choices.place_layers),
    )


def to_url(state: ViewState) -> tuple[str, str]:
    """``(pathname, search)`` of a view; defaults are left out to keep links short."""
    params: dict[str, str] = {}
    if state.departements:
        params["dep"] = ",".join(state.departements)
    params["zon"] = ",".join(state.zonings)
    params["ind"] = state.indicator
    params["meth"] = state.method
    params["k"] = str(state.classes)
    if state.method == "manuel" and state.breaks:
        params["seuils"] = ";".join(state.breaks)
    if state.colour_by != BY_COMMUNE:
        params["par"] = state.colour_by
    if state.labels:
        params["etiquettes"] = "1"
    if state.territory:
        params["terr"] = state.territory
    if state.commune:
        params["com"] = state.commune
    if state.pair_a:
        params["a"] = state.pair_a
    if state.pair_b:
        params["b"] = state.pair_b
    if state.gaps_zoning != ViewState.gaps_zoning:
        params["zb"] = state.gaps_zoning
    if state.meeting:
        params["reunion"] = "1"
    if state.date:
        params["date"] = state.date
    for name, value in (("hz", state.harm_zoning), ("hr", state.harm_reference),
                        ("hm", state.harm_moves), ("projet", state.harm_draft)):
        if value is not None:
            params[name] = str(value)
    if state.harm_goal != ViewState.harm_goal:
        params["hobj"] = state.harm_goal
    if state.mesh != COMMUNE_MESH:
        params["maille"] = state.mesh
    if state.qpv:
        params["qpv"] = "1"
    if state.places:
        params["lieux"] = ",".join(state.places)
    return PATH_OF_PAGE[state.page], "?" + urlencode(params, safe=",;:")


def with_changes(state: ViewState, **changes) -> ViewState:
    """Copy ``state`` with some fields changed (tuples for list fields)."""
    return replace(state, **{key: tuple(value) if isinstance(value, list) else value
                             for key, value in changes.items()})
