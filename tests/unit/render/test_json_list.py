"""A JSON list written item by item is the same text as `json.dumps(items, indent=2)`."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from triggermap.render.json_list import json_list_chunks

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10,
)


@given(items=st.lists(JSON, max_size=5), ensure_ascii=st.booleans())
def test_the_pieces_make_the_same_text_as_one_dump(items: list[Any], ensure_ascii: bool) -> None:
    pieces = "".join(json_list_chunks(iter(items), ensure_ascii=ensure_ascii))
    assert pieces == json.dumps(items, indent=2, ensure_ascii=ensure_ascii)


def test_an_empty_list() -> None:
    assert list(json_list_chunks([])) == ["[]"]
