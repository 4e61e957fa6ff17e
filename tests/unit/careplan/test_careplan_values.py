"""Care plans are plain frozen values (no validation library when one is built); a stored plan
read back is checked field by field, and the plan's published JSON Schema is pydantic's."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from tests.golden.test_handout_golden import handout

from triggermap.careplan.model import CarePlan, PlanItem, plan_json_schema
from triggermap.person.records import OutdatedRecord
from triggermap.store.saved import read_plan


@pytest.fixture(scope="module")
def plan() -> CarePlan:
    return handout("pub-piri-1").plan


def without_each_side(plan: CarePlan) -> CarePlan:
    """The plan as its JSON keeps it: a dose's `each_side` is said in the steps instead."""
    items = tuple(
        i if i.dose is None else replace(i, dose=replace(i.dose, each_side=None))
        for i in plan.items
    )
    return replace(plan, items=items)


def test_a_stored_plan_reads_back_as_the_same_value(plan: CarePlan) -> None:
    stored = json.loads(json.dumps(plan.to_json()))
    assert read_plan(stored) == without_each_side(plan)
    assert isinstance(plan.items[0], PlanItem) and isinstance(plan.items, tuple)
    assert hash(plan) == hash(replace(plan))  # a value: equal plans hash alike


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: {**d, "extra": 1}, "extra"),
        (lambda d: {**d, "items": [{**d["items"][0], "bogus": 2}]}, "items.0.bogus"),
        (lambda d: {**d, "review": {"start": "x", "checks": [{"after_weeks": "two"}]}}, "review"),
        (lambda d: {k: v for k, v in d.items() if k != "triage"}, "triage"),
    ],
)
def test_a_stored_plan_that_no_longer_reads_is_outdated(
    plan: CarePlan, change: Any, field: str
) -> None:
    read = read_plan(change(plan.to_json()))
    assert isinstance(read, OutdatedRecord)
    assert read.reason.startswith(f"plan: {field}")


def test_the_plan_schema_refuses_unknown_fields_and_names_every_part() -> None:
    schema = plan_json_schema()
    assert schema["title"] == "CarePlan" and schema["additionalProperties"] is False
    assert set(schema["required"]) == {
        *("triage", "items", "left_out", "referrals", "safety_net", "review"),
        "knowledge_version",
    }
    assert {"PlanItem", "PlanDose", "Referral", "SafetyNetGroup", "ReviewCheck"} <= set(
        schema["$defs"]
    )
    assert all(d.get("additionalProperties") is False for d in schema["$defs"].values())
