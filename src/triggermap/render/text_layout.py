"""Terminal text laid out without a terminal library: lines of styled runs at a given width.

A records command spent more time importing and running Rich's layout engine than on its own
work (issue 11), so the plan's text is laid out here and Rich only colours it on a terminal.
The layout follows Rich's rules exactly, so the text is the same byte for byte as Rich's (the
golden files in tests/golden/plan_text were written by Rich): words keep the spaces after
them, a line breaks before the word that does not fit (a word wider than the line is folded),
trailing spaces are cut only where they pass the width, and a block (a panel, a rule, an
indented block, a column of marks) fills the whole width with spaces.

    Run   (text, style)   style: Rich's style words ("bold green"), "" for none
    Line  a tuple of runs; its text never wider than the width it was laid out for
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from itertools import pairwise

Run = tuple[str, str]
Line = tuple[Run, ...]

_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")


# ---------------------------------------------------------------- cells


def cell_len(text: str) -> int:
    """The terminal cells `text` takes: 2 for a wide character, 0 for a combining one."""
    if text.isascii():
        return len(text)
    return sum(_char_cells(c) for c in text)


def _char_cells(char: str) -> int:
    if char.isascii():
        return 1 if char.isprintable() else 0
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _crop(text: str, width: int) -> tuple[int, int]:
    """How many characters of `text` fit in `width` cells, and the spaces that then fill
    the width where a wide character would have been cut in half."""
    if text.isascii():
        return min(len(text), width), 0
    used = 0
    for index, char in enumerate(text):
        cells = _char_cells(char)
        if used + cells > width:
            return index, width - used
        used += cells
    return len(text), 0


def _chop(text: str, width: int) -> list[str]:
    """`text` cut into pieces of at most `width` cells (a word too wide for a line)."""
    pieces: list[str] = [""]
    used = 0
    for char in text:
        cells = _char_cells(char)
        if used + cells > width:
            pieces.append(char)
            used = cells
        else:
            pieces[-1] += char
            used += cells
    return pieces


# ---------------------------------------------------------------- paragraphs


def _breaks(text: str, width: int, fold: bool) -> list[int]:
    """Where one line of text breaks to fit `width` cells (Rich's word wrap): a word wider
    than the line is folded onto the next lines, or with `fold` False left whole on its own."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width and not fold:
            if start:
                breaks.append(start)
            offset = cell_len(word)
        elif length > width:
            pieces = _chop(word, width)
            for n, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if n == len(pieces) - 1:
                    offset = cell_len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def paragraph(runs: Sequence[Run], width: int, *, fold: bool = True) -> list[Line]:
    """Styled text (newlines included) wrapped to `width` cells; each line as wide as its
    text, with the spaces a break left inside the width. A word wider than the line is folded,
    or with `fold` False cut with an ellipsis (as Rich does in a table's column)."""
    text = "".join(t for t, _ in runs)
    lines: list[Line] = []
    position = 0
    for physical in text.split("\n"):
        cuts = [0, *_breaks(physical, width, fold), len(physical)]
        for start, end in pairwise(cuts):
            piece = physical[start:end]
            excess = len(piece) - width
            if excess > 0:
                space = _TRAILING_SPACE.search(piece)
                if space is not None:
                    piece = piece[: len(piece) - min(len(space.group(0)), excess)]
            kept, fill, cut = len(piece), 0, cell_len(piece) > width
            if cut:
                kept, fill = _crop(piece, width if fold else width - 1)
            line = _styled(runs, position + start, position + start + kept)
            style = line[-1][1] if line else ""
            if fill:
                line = (*line, (" " * fill, style))
            if cut and not fold:
                line = (*line, ("…", style))
            lines.append(line)
        position += len(physical) + 1
    return lines


def _styled(runs: Sequence[Run], start: int, end: int) -> Line:
    """The runs between two character positions of their joined text."""
    out: list[Run] = []
    at = 0
    for text, style in runs:
        stop = at + len(text)
        if stop > start and at < end:
            out.append((text[max(start - at, 0) : min(end, stop) - at], style))
        at = stop
        if at >= end:
            break
    return tuple(out)


def width_of(line: Line) -> int:
    return sum(cell_len(t) for t, _ in line)


def padded(line: Line, width: int) -> Line:
    """The line filled with spaces to `width` cells."""
    missing = width - width_of(line)
    return (*line, (" " * missing, "")) if missing > 0 else line


def block(lines: Iterable[Line], width: int) -> list[Line]:
    return [padded(line, width) for line in lines]


def indented(lines: Iterable[Line], left: int, width: int, *, top: int = 0) -> list[Line]:
    """Lines laid out for `width - left`, shifted right by `left`, filling `width` (blank
    lines first when `top`)."""
    blank: Line = ((" " * width, ""),)
    shifted = [padded(((" " * left, ""), *line) if left else line, width) for line in lines]
    return [blank] * top + shifted


# ---------------------------------------------------------------- blocks


def rule(title: str, width: int, style: str) -> Line:
    """`title ───────` across the whole width."""
    room = max(0, width - 2)
    if not room:
        return (("─" * width, style),)
    if cell_len(title) > room:
        kept, fill = _crop(title, room - 1)
        title = title[:kept] + " " * fill + "…"
    line = f"{title} "
    return ((title, ""), (" ", ""), ("─" * (width - cell_len(line)), style))


def panel(body: Sequence[Line], width: int, border: str) -> list[Line]:
    """Lines laid out for `width - 4` inside a rounded box across the whole width."""
    inner = width - 2
    out: list[Line] = [(("╭" + "─" * inner + "╮", border),)]
    for line in body:
        out.append((("│", border), (" ", ""), *padded(line, inner - 2), (" ", ""), ("│", border)))
    out.append((("╰" + "─" * inner + "╯", border),))
    return out


def hanging(marks: Sequence[str], texts: Sequence[Sequence[Run]], width: int) -> list[Line]:
    """Each text beside its mark, the marks right-aligned in their own column and a text's
    wrapped lines under its start, filling `width`."""
    mark_width = max((cell_len(m) for m in marks), default=0)
    room = max(width - mark_width - 1, 1)
    out: list[Line] = []
    for mark, runs in zip(marks, texts, strict=True):
        first: Run = (" " * (mark_width - cell_len(mark)) + mark + " ", "")
        under: Run = (" " * (mark_width + 1), "")
        for n, line in enumerate(paragraph(runs, room, fold=False)):
            out.append(padded(((first if n == 0 else under), *line), width))
    return out


def merged(line: Line) -> Line:
    """The line with neighbouring runs of one style joined."""
    out: list[Run] = []
    for text, style in line:
        if out and out[-1][1] == style:
            out[-1] = (out[-1][0] + text, style)
        elif text:
            out.append((text, style))
    return tuple(out)


def plain_text(lines: Iterable[Line]) -> str:
    """The lines as text, each ending in a newline."""
    return "".join("".join(t for t, _ in line) + "\n" for line in lines)
