"""A stored assessment reads back the same with the plain reader as with pydantic's validator:
every scenario's result, and every result with any one value changed to another kind of value
(the plain reader then gives pydantic's value, or leaves it to pydantic to accept or refuse)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import ValidationError
from test_compiled_identity import SCENARIOS  # the same folder

from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.assessment import Assessment, _adapter
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess
from triggermap.reasoning.plain_read import NotPlain, plain_reader

OTHER_VALUES = [None, "x", "0.5", 0, 1, 2.5, True, [], {}, ["x"], {"x": 1}]


def stored(raw: dict[str, Any], kb: KnowledgeBase) -> Any:
    return json.loads(json.dumps(assess(parse_case(raw, kb), kb).to_json()))


def outcome(read: Any, data: Any) -> tuple[str, str]:
    try:
        return "value", repr(read(data))
    except (ValidationError, ValueError, TypeError):
        return "refused", ""


def from_pydantic(data: Any) -> Any:
    return _adapter().validate_python(data)


@pytest.mark.parametrize(("name", "raw"), SCENARIOS, ids=[name for name, _ in SCENARIOS])
def test_every_scenario_reads_back_plainly_as_pydantic_reads_it(
    name: str, raw: dict[str, Any], kb: KnowledgeBase
) -> None:
    data = stored(raw, kb)
    plain = plain_reader(Assessment)(data)  # no NotPlain: what to_json writes reads plainly
    assert repr(plain) == repr(from_pydantic(data))  # the same values of the same types
    assert plain.to_json() == data


def paths(value: Any, where: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield where
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:2]):
            yield from paths(item, (*where, index))


def test_any_value_changed_reads_as_pydantic_reads_it(kb: KnowledgeBase) -> None:
    data = stored(SCENARIOS[0][1], kb)
    checked = 0
    for where in paths(data):
        if not where:
            continue
        for other in OTHER_VALUES:
            changed = copy.deepcopy(data)
            parent = changed
            for step in where[:-1]:
                parent = parent[step]
            parent[where[-1]] = other
            try:
                plain_reader(Assessment)(changed)
            except NotPlain:
                pass  # pydantic decides: Assessment.from_json asks it
            else:
                assert outcome(plain_reader(Assessment), changed) == outcome(
                    from_pydantic, changed
                ), where
            assert outcome(Assessment.from_json, changed) == outcome(from_pydantic, changed)
            checked += 1
    assert checked > 500


def test_an_unknown_key_or_a_missing_one_is_pydantics_to_judge(kb: KnowledgeBase) -> None:
    data = stored(SCENARIOS[0][1], kb)
    extra = {**data, "later_field": 1}
    missing = {k: v for k, v in data.items() if k != "triage"}
    for changed in (extra, missing):
        with pytest.raises(NotPlain):
            plain_reader(Assessment)(changed)
        assert outcome(Assessment.from_json, changed) == outcome(from_pydantic, changed)
