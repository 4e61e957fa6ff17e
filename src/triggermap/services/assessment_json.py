"""An assessment as the JSON encoder's input, fast: the same bytes as `json_bytes(encodable())`.

orjson writes a slotted dataclass several times slower than a dict, and most of an
assessment's bytes are values the compiled engine shares between cases (each condition's and
muscle's evidence items with their notes, the triage reasons, the imaging advice). So each
shared value is encoded once, already indented for where it sits, and inserted as an
`orjson.Fragment`; the records built for one case become plain dicts. Only the one-shot
`triggermap assess --format json` path uses this; the test suite holds its bytes equal to
`json_bytes(assessment.encodable())`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from triggermap.reasoning.assessment import Assessment

_INDENT = orjson.OPT_INDENT_2
_LIMIT = 20_000  # entries kept per depth; beyond, the cache starts over (values stay right)
# depth -> id(value) -> (value, fragment or None: seen once); the value is held so its id is
# never reused while it is here
_FRAGMENTS: dict[int, dict[int, tuple[Any, orjson.Fragment | None]]] = {}


def _fragment(value: Any, depth: int) -> Any:
    """`value` as it appears `depth` levels deep in an indented document: the first time it is
    seen, its fields as a dict (a value built for one case is seen once); from the second, the
    same object (a value the engine shares between cases) encoded once, as a fragment. JSON
    strings hold no raw newline, so indenting after each newline is exact."""
    cache = _FRAGMENTS.get(depth)
    if cache is None:
        cache = _FRAGMENTS[depth] = {}
    hit = cache.get(id(value))
    if hit is not None and hit[0] is value:
        if hit[1] is not None:
            return hit[1]
        text = orjson.dumps(value, option=_INDENT).replace(b"\n", b"\n" + b"  " * depth)
        fragment = orjson.Fragment(text)
        cache[id(value)] = (value, fragment)
        return fragment
    if len(cache) >= _LIMIT:
        cache.clear()
    cache[id(value)] = (value, None)
    return value.to_json()


def assessment_encodable(a: Assessment, depth: int = 0) -> dict[str, Any]:
    """What `json_bytes` (depth 0) or an item of `json_list_bytes` (depth 1) turns into the
    same JSON as `a.encodable()`."""
    item = depth + 4  # an evidence item: the document, a list, its record, the evidence list
    frag = _fragment
    data: dict[str, Any] = {} if a.id is None else {"id": a.id}
    data["knowledge_version"] = a.knowledge_version
    t = a.triage
    data["triage"] = {
        "level": t.level,
        "summary": t.summary,
        "reasons": [frag(r, depth + 3) for r in t.reasons],
        "screening_complete": t.screening_complete,
        "unanswered": t.unanswered,
    }
    data["muscles"] = [
        {
            "id": m.id,
            "name": m.name,
            "score": m.score,
            "explains": m.explains,
            "evidence": [frag(e, item) for e in m.evidence],
        }
        for m in a.muscles
    ]
    data["combination"] = a.combination
    data["unexplained"] = a.unexplained
    data["conditions"] = [
        {
            "id": c.id,
            "name": c.name,
            "probability": c.probability,
            "pretest": c.pretest,
            "pretest_source": c.pretest_source,
            "pretest_population": c.pretest_population,
            "evidence": [frag(e, item) for e in c.evidence],
            "serious": c.serious,
        }
        for c in a.conditions
    ]
    data["none_of_these"] = a.none_of_these
    data["must_exclude"] = [m.to_json() for m in a.must_exclude]
    data["imaging"] = frag(a.imaging, depth + 1)
    data["next_tests"] = [
        {"id": n.id, "name": n.name, "why": n.why, "expected_information": n.expected_information}
        for n in a.next_tests
    ]
    data["disclaimer"] = a.disclaimer
    return data
