"""The strict JSON reader's cheap look (is a walk needed?) never lets through what the full
walk refuses: on generated documents with NUL characters, lone surrogates, repeated keys,
refused numbers and nesting around the limit, `parse_json` answers exactly as decoding and
walking the whole tree does."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from triggermap.errors import InputError
from triggermap.strict_json import _DECODER, MAX_DEPTH, _check_tree, parse_json

# Any code point, with NUL and lone surrogates drawn often.
CHARACTERS = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, categories=None)
SPECIAL = st.sampled_from(["\x00", "\ud800", "\udfff", "\\", '"'])
TEXT = st.lists(CHARACTERS | SPECIAL, max_size=8).map("".join)  # st.text drops surrogates
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)


def walked(text: str) -> str | None:
    """What decoding and walking the whole tree refuses (None: nothing)."""
    try:
        value, _ = _DECODER.raw_decode(text.strip(), 0)
    except (ValueError, RecursionError):
        return "undecodable"
    problem = _check_tree(value, "", 0)
    return None if problem is None else f"input: {problem}"


def answer(text: str) -> str | None:
    try:
        parse_json(text, "input")
    except InputError as exc:
        return "undecodable" if "not valid JSON" in exc.message else exc.message
    return None


@st.composite
def documents(draw: Any) -> str:
    value = draw(VALUES)
    for level in range(draw(st.sampled_from([0, 0, 1, MAX_DEPTH - 2, MAX_DEPTH - 1, MAX_DEPTH]))):
        value = [value] if level % 2 else {"k": value}
    if draw(st.booleans()):  # enough brackets that counting them cannot settle the depth
        value = [[[] for _ in range(MAX_DEPTH)], value]
    text = json.dumps(value, ensure_ascii=draw(st.booleans()))
    edit = draw(st.sampled_from(["none", "repeat", "nan", "huge"]))
    if edit == "repeat" and text.endswith("}"):
        text = text[:-1] + (', "k": 1}' if text != "{}" else '"k": 1, "k": 2}')
    elif edit == "nan" and text.endswith("]"):
        text = text[:-1] + (", NaN]" if text != "[]" else "NaN]")
    elif edit == "huge" and text.endswith("]"):
        text = text[:-1] + (", 1e999]" if text != "[]" else "1e999]")
    return text


@settings(max_examples=400, deadline=None)
@given(documents())
def test_the_cheap_look_agrees_with_the_full_walk(text: str) -> None:
    assert answer(text) == walked(text)
