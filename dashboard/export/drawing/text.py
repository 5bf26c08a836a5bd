r"""Lines of text on the page: balanced wrapping, written as SVG ``<text>``.

Wrapping is balanced: a text needing two lines is cut where both lines are about as long,
so no word is left alone on a second line (« (93) », « CPTS »), and words joined by a
no-break space stay together.

Examples
--------
>>> wrap("Taux de pauvreté — Seine-Saint-Denis\u00a0(93)", 150, 14)
['Taux de pauvreté —', 'Seine-Saint-Denis\xa0(93)']
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.export.drawing.fonts import REGULAR, descent, printable, text_width
from dashboard.export.drawing.svg import Box, attributes, escape, num

#: Baseline-to-baseline distance, in font sizes.
LINE_HEIGHT = 1.25


def wrap(text: str, width: float, size: float, weight: int = REGULAR,
         max_lines: int | None = None) -> list[str]:
    """Cut ``text`` into the fewest lines fitting ``width``, as even as possible.

    A single word wider than ``width`` stays whole on its line. With ``max_lines``, the
    text is cut into at most that many lines, the last ones allowed to run over. Widths
    add up (no kerning on the page), so the cuts that make the widest line the narrowest
    are found exactly, by dynamic programming over the words.
    """
    words = text.split(" ")
    sizes = [text_width(word, size, weight) for word in words]
    space = text_width(" ", size, weight)
    prefix = [0.0]
    for word_width in sizes:
        prefix.append(prefix[-1] + word_width)

    def span(start: int, end: int) -> float:
        return prefix[end] - prefix[start] + (end - start - 1) * space

    count, start = 0, 0
    while start < len(words):  # greedy fill: the fewest lines
        end = start + 1
        while end < len(words) and span(start, end + 1) <= width:
            end += 1
        count, start = count + 1, end
    if max_lines is not None:
        count = min(count, max_lines)
    n = len(words)
    # best[k][j]: narrowest widest line cutting words[:j] into k lines; cut[k][j] its start.
    best = [[float("inf")] * (n + 1) for _ in range(count + 1)]
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    best[0][0] = 0.0
    for lines in range(1, count + 1):
        for end in range(lines, n + 1):
            for begin in range(lines - 1, end):
                widest = max(best[lines - 1][begin], span(begin, end))
                if widest < best[lines][end]:
                    best[lines][end], cut[lines][end] = widest, begin
    result, end = [], n
    for lines in range(count, 0, -1):
        begin = cut[lines][end]
        result.append(" ".join(words[begin:end]))
        end = begin
    return result[::-1]


@dataclass(frozen=True)
class TextBlock:
    """Lines written from a top-left corner (or top-right, ``anchor="end"``)."""

    lines: tuple[str, ...]
    size: float
    weight: int = REGULAR
    colour: str = "#222222"
    line_height: float = LINE_HEIGHT

    @property
    def height(self) -> float:
        """Height from the top of the first line to the bottom of the last one."""
        return (len(self.lines) - 1) * self.size * self.line_height + self.size * 1.2

    @property
    def width(self) -> float:
        """Width of the widest line."""
        return max((text_width(line, self.size, self.weight) for line in self.lines),
                   default=0.0)

    def svg(self, left: float, top: float, anchor: str = "start", **extra: object) -> str:
        """Write the lines as ``<text>``; ``left`` is the right edge for ``end``."""
        baseline = top + self.size * 1.2 - descent(self.size, self.weight)
        style = attributes(font_size=num(self.size),
                           font_weight=self.weight if self.weight != REGULAR else None,
                           fill=self.colour,
                           text_anchor=anchor if anchor != "start" else None, **extra)
        return "".join(
            f'<text x="{num(left)}" y="{num(baseline + index * self.size * self.line_height)}"'
            f"{style}>{escape(printable(line))}</text>"
            for index, line in enumerate(self.lines))

    def box(self, left: float, top: float, anchor: str = "start") -> Box:
        """Where the block lies on the page."""
        start = left - self.width if anchor == "end" else left
        return Box(start, top, self.width, self.height)


def block(text: str, width: float, size: float, weight: int = REGULAR,
          colour: str = "#222222", max_lines: int | None = None) -> TextBlock:
    """Wrap ``text`` to ``width`` and keep it as a block."""
    return TextBlock(tuple(wrap(text, width, size, weight, max_lines)), size, weight, colour)
