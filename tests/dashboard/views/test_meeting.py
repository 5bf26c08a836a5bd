from __future__ import annotations

import json

import pytest

from dashboard.views.meeting import (
    MAX_FILE_BYTES,
    SlideshowError,
    add_slide,
    dump_slideshow,
    load_slideshow,
    step,
)
from dashboard.views.state import Choices

CHOICES = Choices(departements=("75", "93"), zonings=("dac", "cpts"),
                  indicators=("TP6021", "MED21"))


class TestAddSlide:
    def test_titles_are_kept_or_numbered(self) -> None:
        slides = add_slide([], "  Pauvreté en 93 ", "/", "?dep=93")
        slides = add_slide(slides, "", "/panorama", "?zon=dac")
        assert [slide["title"] for slide in slides] == ["Pauvreté en 93", "Vue 2"]
        assert slides[1] == {"title": "Vue 2", "pathname": "/panorama", "search": "?zon=dac"}


class TestFileRoundTrip:
    def test_saved_slideshow_loads_back(self) -> None:
        slides = add_slide(add_slide([], "A", "/", "?dep=93&zon=dac&ind=MED21&meth=jenks&k=4"),
                           "B", "/panorama", "?zon=cpts&ind=TP6021&meth=quantiles&k=5")
        loaded = load_slideshow(dump_slideshow(slides).encode(), CHOICES)
        assert [slide["title"] for slide in loaded] == ["A", "B"]
        assert loaded[0]["search"] == slides[0]["search"]

    def test_views_are_sanitised(self) -> None:
        raw = json.dumps({"format": "cartocoord-diaporama", "vues": [
            {"title": "<b>x</b>", "pathname": "/nowhere", "search": "?dep=99,93&ind=EVIL"}]})
        slide = load_slideshow(raw.encode(), CHOICES)[0]
        assert slide["pathname"] == "/"
        assert "dep=93&" in slide["search"] and "EVIL" not in slide["search"]
        assert slide["title"] == "<b>x</b>"

    @pytest.mark.parametrize(("raw", "message"), [
        (b"\xff\xfe\x00garbage", "JSON illisible"),
        (b"{not json", "JSON illisible"),
        (b'{"format": "other", "vues": []}', "champ « format »"),
        (b'{"format": "cartocoord-diaporama", "vues": []}', "aucune vue"),
        (b'{"format": "cartocoord-diaporama", "vues": [42]}', "n° 1"),
        (b" " * (MAX_FILE_BYTES + 1), "trop volumineux"),
    ])
    def test_bad_files_get_a_french_message(self, raw: bytes, message: str) -> None:
        with pytest.raises(SlideshowError, match=message):
            load_slideshow(raw, CHOICES)


@pytest.mark.parametrize(("index", "count", "delta", "expected"), [
    (0, 3, 1, 1), (2, 3, 1, 2), (0, 3, -1, 0), (1, 3, -1, 0), (None, 3, 1, 1), (0, 0, 1, 0),
])
def test_step_stays_within_the_slides(index, count, delta, expected) -> None:
    assert step(index, count, delta) == expected
