"""The strict JSON reader: what Python's `json` would take silently is refused, one line."""

from __future__ import annotations

import pytest

from triggermap.errors import InputError
from triggermap.strict_json import parse_json, read_json_items


def refused(text: str | bytes) -> str:
    with pytest.raises(InputError) as caught:
        parse_json(text, "input")
    message = caught.value.message
    assert "\n" not in message
    return message


def test_a_duplicated_key_naming_a_red_flag_is_refused_with_its_path() -> None:
    message = refused('{"symptoms": ["saddle_anaesthesia"], "symptoms": []}')
    assert message == "input: 'symptoms': this key appears twice in one object"


def test_a_duplicated_key_deep_inside_is_refused_with_its_path() -> None:
    text = '{"exam": {"tests": {"slr": "positive", "slr": "negative"}}}'
    assert refused(text) == "input: 'exam.tests.slr': this key appears twice in one object"


def test_a_duplicated_key_in_a_list_item_names_the_item() -> None:
    is_list, items = read_json_items('[{"a": 1}, {"b": 1, "b": 2}]', "input")
    assert is_list
    assert next(items) == ("[0]", {"a": 1})
    with pytest.raises(InputError, match=r"'\[1\]\.b': this key appears twice"):
        next(items)


@pytest.mark.parametrize("text", ["NaN", '{"age": NaN}', '{"age": Infinity}', "[-Infinity]"])
def test_nan_and_infinity_are_refused(text: str) -> None:
    assert "is not a number JSON allows" in refused(text)


@pytest.mark.parametrize("text", ['{"duration_weeks": 1e999}', "9" * 5000])
def test_numbers_too_large_are_refused(text: str) -> None:
    assert "too large" in refused(text)


def test_deep_nesting_is_refused() -> None:
    assert "nested too deeply" in refused("[" * 1000 + "]" * 1000)
    assert "nested too deeply" in refused("[" * 100 + "]" * 100)


def test_a_lone_surrogate_is_refused() -> None:
    assert "lone UTF-16 surrogate" in refused('{"id": "\\ud800"}')
    assert parse_json('{"id": "\\ud83d\\ude00"}', "input") == {"id": "\U0001f600"}


def test_bytes_that_are_not_utf8_are_refused() -> None:
    assert refused(b'{"id": "\xff"}') == "input: not valid UTF-8 (byte 9)"


def test_a_newline_in_a_key_is_shown_escaped_and_a_long_value_is_cut() -> None:
    message = refused('{"a\\nb": 1, "a\\nb": 2}')
    assert "'a\\nb'" in message
    message = refused('{"' + "x" * 100_000 + '": 1, "' + "x" * 100_000 + '": 2}')
    assert len(message) < 200


def test_extra_data_after_the_document_is_refused() -> None:
    assert refused('{"a": 1} {"b": 2}').startswith("input: not valid JSON: extra data")


def test_a_refused_number_is_named_by_its_path() -> None:
    assert refused('{"age": NaN}') == "input: 'age': NaN is not a number JSON allows"
    text = '{"exam": {"rom": {"hip_flexion": {"active": 1e999}}}}'
    assert refused(text) == (
        "input: 'exam.rom.hip_flexion.active': the number '1e999' is too large"
    )
    assert refused('{"a": [1, ' + "7" * 5000 + "]}").startswith("input: 'a[1]': the number '777")


def test_a_nul_character_is_refused_where_it_is() -> None:
    assert refused('{"id": "a\\u0000b"}') == "input: 'id': holds a NUL character"
    assert refused('{"a\\u0000": 1}') == "input: 'a\\x00': holds a NUL character"


# The walk that names a problem runs only when a cheap look says there may be one (see the
# module docstring); these hold that look to never missing one.


def nested(levels: int, inner: str = "1") -> str:
    """`levels` lists and objects around `inner`, beside enough brackets that counting them
    alone cannot rule the depth out."""
    text = inner
    for level in range(levels):
        text = f"[{text}]" if level % 2 else f'{{"k": {text}}}'
    wide = ", ".join("[]" for _ in range(100))
    return f"[[{wide}], {text}]"


def test_nesting_is_refused_from_one_level_past_the_limit_and_no_sooner() -> None:
    from triggermap.strict_json import MAX_DEPTH

    parse_json(nested(MAX_DEPTH - 1), "input")  # a scalar MAX_DEPTH levels down is fine
    parse_json(nested(MAX_DEPTH - 1, "[]"), "input")  # so is an empty list there
    assert "nested too deeply" in refused(nested(MAX_DEPTH))
    assert "nested too deeply" in refused(nested(MAX_DEPTH - 1, "[[]]"))


def test_a_surrogate_handed_over_as_text_is_refused_without_an_escape() -> None:
    assert "lone UTF-16 surrogate" in refused('{"id": "\ud800"}')
    assert refused('{"note": "\ud800 ok"}').startswith("input: 'note': holds a lone")


def test_a_problem_in_a_later_item_of_a_list_is_still_found() -> None:
    _, items = read_json_items('[{"a": "x"}, {"a": "\\u0000"}]', "input")
    assert next(items) == ("[0]", {"a": "x"})
    with pytest.raises(InputError, match=r"'\[1\]\.a': holds a NUL"):
        next(items)


def test_a_repeated_key_is_found_beside_a_colon_written_as_an_escape() -> None:
    # the repeat loses a pair's colon, the escape adds one once decoded: counts alone would tie
    text = '{"symptoms": ["saddle_anaesthesia"], "symptoms": [], "note": "\\u003a"}'
    assert refused(text) == "input: 'symptoms': this key appears twice in one object"


def test_an_integer_past_64_bits_stays_an_integer() -> None:
    assert parse_json('{"age": 123456789012345678901234}', "input") == {
        "age": 123456789012345678901234
    }
    assert type(parse_json("[18446744073709551616]", "input")[0]) is int
