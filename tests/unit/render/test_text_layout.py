"""The plain text layout (`render.text_layout`) wraps, folds, pads and draws blocks exactly as
Rich does, the library the plan's text was drawn with before issue 11 (and still the one that
colours it on a terminal): the same text, byte for byte, for any words at any width."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from triggermap.render.text_layout import (
    cell_len,
    hanging,
    indented,
    panel,
    paragraph,
    plain_text,
    rule,
)

# words of plain letters, a long one that must fold, wide and accented characters, spaces
WORD = st.one_of(
    st.text("abcdefghij", min_size=1, max_size=9),
    st.text("xyz", min_size=12, max_size=40),
    st.sampled_from(["é", "·", "•", "–", "漢字", "(15 minutes)", "30%", "“Take care”"]),
)
TEXT = st.lists(
    st.tuples(WORD, st.sampled_from([" ", "  ", "\n", "\n\n", " \n"])), max_size=25
).map(lambda parts: "".join(w + s for w, s in parts).rstrip("\n"))
WIDTH = st.integers(min_value=8, max_value=100)


def rich(renderable: RenderableType, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


@settings(max_examples=300, deadline=None)
@given(TEXT, WIDTH)
def test_a_paragraph_wraps_as_rich_wraps(text: str, width: int) -> None:
    assert plain_text(paragraph([(text, "")], width)) == rich(Text(text), width)


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=5), WIDTH, st.integers(0, 3))
def test_marked_lines_in_an_indented_block_are_as_rich_draws_them(
    texts: list[str], width: int, indent: int
) -> None:
    marks = [f"{n}." for n in range(1, len(texts) + 1)]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for mark, text in zip(marks, texts, strict=True):
        grid.add_row(mark, Text(text))
    ours = indented(hanging(marks, [[(t, "")] for t in texts], width - indent), indent, width)
    assert plain_text(ours) == rich(Padding(grid, (0, 0, 0, indent)), width)


@settings(max_examples=100, deadline=None)
@given(TEXT, st.integers(min_value=10, max_value=100))
def test_a_panel_and_an_item_block_are_as_rich_draws_them(text: str, width: int) -> None:
    body = paragraph([(text, "")], width - 4)
    assert plain_text(panel(body, width, "red")) == rich(Panel(Text(text)), width)
    item = indented(paragraph([(text, "")], width - 2), 2, width, top=1)
    assert plain_text(item) == rich(Padding(Text(text), (1, 0, 0, 2)), width)


@given(st.text("abc Relief now", min_size=1, max_size=120), st.integers(3, 100))
def test_a_rule_is_as_rich_draws_it(title: str, width: int) -> None:
    title = " ".join(title.split()) or "x"
    assert plain_text([rule(title, width, "cyan")]) == rich(Rule(title, align="left"), width)


def test_wide_characters_take_two_cells() -> None:
    assert cell_len("漢字 ok") == 7
    assert cell_len("café · •") == 8
