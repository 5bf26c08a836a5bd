"""Page formats: paper sizes at 150/300 dpi, slides at 1080/2160, web 1200 px wide."""

from __future__ import annotations

import pytest

from dashboard.export.errors import ExportOptionsError
from dashboard.export.presets import PageFormat


@pytest.mark.parametrize(("page", "resolution", "pixels"), [
    (PageFormat("a4", "paysage"), "150", (1754, 1240)),
    (PageFormat("a4", "portrait"), "150", (1240, 1754)),
    (PageFormat("a4", "paysage"), "300", (3508, 2480)),
    (PageFormat("a3", "portrait"), "300", (3508, 4961)),
    (PageFormat("a3", "paysage"), "150", (2480, 1754)),
    (PageFormat("diapo"), "1080", (1920, 1080)),
    (PageFormat("diapo"), "2160", (3840, 2160)),
])
def test_pixel_sizes(page, resolution, pixels) -> None:
    assert page.png_size(resolution) == pixels
    if page.is_paper:
        assert pixels == tuple(round(mm / 25.4 * int(resolution)) for mm in page.mm)


def test_web_is_1200_wide_and_as_high_as_laid_out() -> None:
    assert PageFormat("web").png_size("1200", (1200.0, 987.4)) == (1200, 987)
    assert PageFormat("web").layout_width == 1200


def test_a3_text_is_larger_than_at_a4() -> None:
    a4, a3 = PageFormat("a4"), PageFormat("a3")
    assert a3.mm[0] / a3.layout_width > a4.mm[0] / a4.layout_width


def test_slide_is_16_9_and_fills_a_slide_when_inserted() -> None:
    slide = PageFormat("diapo")
    width, height = slide.layout_size(0)
    assert width / height == pytest.approx(16 / 9)
    assert slide.png_dpi("1080") == pytest.approx(1920 / 13.333)
    assert slide.page_mm((width, height)) == pytest.approx((338.67, 190.5), abs=0.01)


@pytest.mark.parametrize(("kind", "orientation"), [("a5", "paysage"), ("a4", "landscape"),
                                                   ("diaporama", "paysage")])
def test_unknown_format_is_refused_in_french(kind, orientation) -> None:
    with pytest.raises(ExportOptionsError, match="invalide pour"):
        PageFormat(kind, orientation)


def test_resolutions_belong_to_their_format() -> None:
    assert PageFormat("a4").resolutions == ("150", "300")
    assert PageFormat("diapo").resolutions == ("1080", "2160")
    with pytest.raises(ExportOptionsError, match="résolution"):
        PageFormat("diapo").png_size("300")
