"""The strict JSON reader's shortcuts (orjson when a document is plainly fine; the walk only
when a cheap look says it may find something) never change an answer: on generated documents
with NUL characters, lone surrogates, colons written as they are and escaped, repeated keys,
refused and long numbers and nesting around the limit, `parse_json` answers exactly as the
checking decoder and a walk of the whole tree do, and gives the same value (types included)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from triggermap.errors import InputError
from triggermap.strict_json import _DECODER, MAX_DEPTH, _check_tree, parse_json

# Any code point, with NUL and lone surrogates drawn often.
CHARACTERS = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, categories=None)
SPECIAL = st.sampled_from(["\x00", "\ud800", "\udfff", "\\", '"', ":"])
TEXT = st.lists(CHARACTERS | SPECIAL, max_size=8).map("".join)  # st.text drops surrogates
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)


def walked(text: str) -> str:
    """What the checking decoder and a walk of the whole tree make of the text: the problem,
    or the value's repr (which tells 1 from 1.0 and -0.0 from 0.0)."""
    try:
        value, _ = _DECODER.raw_decode(text.strip(), 0)
    except (ValueError, RecursionError):
        return "undecodable"
    problem = _check_tree(value, "", 0)
    return repr(value) if problem is None else f"input: {problem}"


def answer(text: str) -> str:
    try:
        value = parse_json(text, "input")
    except InputError as exc:
        return "undecodable" if "not valid JSON" in exc.message else exc.message
    return repr(value)


@st.composite
def documents(draw: Any) -> str:
    value = draw(VALUES)
    levels = draw(st.sampled_from([0, 0, 0, 1, 2, MAX_DEPTH - 2, MAX_DEPTH - 1, MAX_DEPTH]))
    for level in range(levels):
        value = {"k": value} if level % 2 == levels % 2 else [value]
    if draw(st.booleans()):  # enough brackets that counting them cannot settle the depth
        value = [[[] for _ in range(MAX_DEPTH)], value]
    text = json.dumps(value, ensure_ascii=draw(st.booleans()))
    edits = {
        "repeat": '"k": 1',  # a repeat when the object already has "k"
        "colon repeat": '"k": "a:b"',
        "escaped colon": '"k\\u003a": "\\u003A"',
        "nan": '"n": NaN',
        "huge": '"n": 1e999',
        "long": '"n": 123456789012345678901234',
        "u64": '"n": 18446744073709551615',
    }
    edit = draw(st.sampled_from(["none", *edits]))
    if edit != "none" and text.endswith("}"):
        text = text[:-1] + ("" if text == "{}" else ", ") + edits[edit] + "}"
    return text


@settings(max_examples=400, deadline=None)
@given(documents())
def test_the_cheap_look_agrees_with_the_full_walk(text: str) -> None:
    assert answer(text) == walked(text)
