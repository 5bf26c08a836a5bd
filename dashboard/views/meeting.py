"""Prepared views for meetings ("diaporama"): a titled list of view URLs, saved as JSON.

A conseil territorial de santé steps through them with a presentation remote; the file
can be prepared before the meeting, shared, and loaded again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from dashboard import strings
from dashboard.views.state import Choices, parse_url, to_url

#: Bounds on a loaded file: a slideshow is a handful of views, not a database.
MAX_SLIDES = 100
MAX_TITLE_LENGTH = 120
MAX_FILE_BYTES = 200_000
FORMAT = "cartocoord-diaporama"
VERSION = 1


class SlideshowError(ValueError):
    """A slideshow file cannot be read; the message is French, for the user."""


@dataclass(frozen=True)
class Slide:
    """One prepared view: what the audience reads as title, and the view's address."""

    title: str
    pathname: str
    search: str


def add_slide(slides: list[dict], title: str | None, pathname: str, search: str) -> list[dict]:
    """Return the list with the current view appended, titled by the user or numbered."""
    title = (title or "").strip()[:MAX_TITLE_LENGTH] or strings.SLIDE_DEFAULT_TITLE.format(
        number=len(slides) + 1)
    return [*slides, asdict(Slide(title, pathname, search))]


def dump_slideshow(slides: list[dict]) -> str:
    """Return the JSON file of a slideshow (UTF-8, readable, versioned)."""
    return json.dumps({"format": FORMAT, "version": VERSION, "vues": slides},
                      ensure_ascii=False, indent=2)


def load_slideshow(raw: bytes, choices: Choices) -> list[dict]:
    """Read a slideshow file, keeping each view within what the loaded data offers.

    Raises
    ------
    SlideshowError
        With a French message saying what is wrong with the file.
    """
    if len(raw) > MAX_FILE_BYTES:
        raise SlideshowError(strings.SLIDESHOW_TOO_LARGE.format(limit=MAX_FILE_BYTES // 1000))
    try:
        payload = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SlideshowError(strings.SLIDESHOW_NOT_JSON.format(detail=error)) from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise SlideshowError(strings.SLIDESHOW_WRONG_FORMAT)
    views = payload.get("vues")
    if not isinstance(views, list) or not views:
        raise SlideshowError(strings.SLIDESHOW_EMPTY)
    slides = []
    for number, view in enumerate(views[:MAX_SLIDES], start=1):
        if not isinstance(view, dict) or not isinstance(view.get("search", ""), str):
            raise SlideshowError(strings.SLIDESHOW_BAD_VIEW.format(number=number))
        state = parse_url(str(view.get("pathname", "/")), view.get("search", ""), choices)
        pathname, search = to_url(state)
        slides.append(asdict(Slide(str(view.get("title", ""))[:MAX_TITLE_LENGTH]
                                   or strings.SLIDE_DEFAULT_TITLE.format(number=number),
                                   pathname, search)))
    return slides


def step(index: int | None, count: int, delta: int) -> int:
    """Index of the next or previous view, staying on the first or last one."""
    if count == 0:
        return 0
    return min(max((index or 0) + delta, 0), count - 1)
