"""Balanced wrapping: the fewest lines, as even as possible, no orphan word."""

from __future__ import annotations

from dashboard.export.drawing.fonts import BOLD, text_width
from dashboard.export.drawing.text import TextBlock, block, wrap


def test_short_text_stays_on_one_line() -> None:
    assert wrap("Île-de-France", 300, 14) == ["Île-de-France"]


def test_two_lines_are_even_and_the_last_word_is_not_alone() -> None:
    text = "Taux de pauvreté (seuil à 60 % du niveau de vie médian), en\u00a0%"
    lines = wrap(text, 250, 12.5, BOLD)
    assert len(lines) == 2
    widths = [text_width(line, 12.5, BOLD) for line in lines]
    assert min(widths) > 0.7 * max(widths)
    assert " ".join(lines) == text


def test_no_break_space_keeps_words_together() -> None:
    lines = wrap("Taux de pauvreté — Seine-Saint-Denis\u00a0(93)", 150, 14)
    assert lines[-1].endswith("Seine-Saint-Denis\u00a0(93)")
    assert all(line.strip() != "(93)" for line in lines)


def test_fewest_lines_that_fit() -> None:
    text = " ".join(["mot"] * 30)
    lines = wrap(text, 100, 10)
    assert all(text_width(line, 10) <= 100 for line in lines)
    assert len(wrap(text, 100, 10, max_lines=2)) == 2


def test_a_word_wider_than_the_room_stays_whole() -> None:
    assert wrap("Anticonstitutionnellement", 20, 10) == ["Anticonstitutionnellement"]


def test_block_is_written_as_escaped_text() -> None:
    written = block("Pauvreté <b> & co", 500, 10).svg(5, 5)
    assert ">Pauvreté &lt;b&gt; &amp; co</text>" in written
    assert TextBlock(("a", "b"), 10).height > TextBlock(("a",), 10).height
