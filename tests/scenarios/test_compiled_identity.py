"""The compiled engine and the readable form give identical assessments on every scenario."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.compiled import compiled_engine
from triggermap.reasoning.engine import assess_readable

HERE = Path(__file__).parent
SETS = sorted([*HERE.glob("independent/set-*.yaml"), *HERE.glob("published/*.yaml")])
PUBLIC = HERE.parents[1].parent / "shared" / "vignettes" / "public.yaml"


def _scenarios() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in [*SETS, PUBLIC] if PUBLIC.exists() else SETS:
        for v in yaml.safe_load(path.read_text(encoding="utf-8")):
            out.append((f"{path.stem}:{v['id']}", v["case"]))
    return out


SCENARIOS = _scenarios()


@pytest.mark.parametrize("case", [c for _, c in SCENARIOS], ids=[i for i, _ in SCENARIOS])
def test_compiled_equals_readable(kb: KnowledgeBase, case: dict[str, Any]) -> None:
    parsed = parse_case(case, kb)
    assert compiled_engine(kb).assess(parsed).to_json() == assess_readable(parsed, kb).to_json()


def test_the_encoder_writes_the_dataclasses_as_their_contract(kb: KnowledgeBase) -> None:
    from triggermap.json_output import json_bytes

    for _, case in SCENARIOS:
        a = compiled_engine(kb).assess(parse_case(case, kb))
        assert json_bytes(a.encodable()) == json_bytes(a.to_json())


def test_assess_json_writes_every_scenario_as_its_contract(kb: KnowledgeBase) -> None:
    """`triggermap assess --format json` (shared values encoded once, as indented fragments)
    writes the same bytes as the contract's dicts, alone and in a list, and again the second
    time, when every shared value comes from its fragment."""
    import json

    from triggermap.json_output import json_bytes
    from triggermap.services.assess import assess_json, fast_case_batch

    raw = [case for _, case in SCENARIOS]
    expected = [compiled_engine(kb).assess(parse_case(case, kb)).to_json() for case in raw]
    for _ in range(2):
        written = b"".join(assess_json(fast_case_batch(json.dumps(raw))))
        assert written == json_bytes(expected)
        for case, contract in list(zip(raw, expected, strict=True))[:40]:
            assert b"".join(assess_json(fast_case_batch(json.dumps(case)))) == json_bytes(contract)
