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
_LIMIT = 20_000  # values kept per depth; beyond, the cache starts over (results stay right)


class _Fragments:
    """The values seen at one depth, and the fragments of those seen more than once.

    Keyed by `id(value)`, with every value held in `seen` while it is a key: an id is unique
    among the objects alive at once, so a live object whose id is a key is that very value.
    """

    __slots__ = ("depth", "ready", "seen")

    def __init__(self, depth: int) -> None:
        self.depth = depth
        self.seen: dict[int, Any] = {}
        self.ready: dict[int, orjson.Fragment] = {}

    def miss(self, value: Any) -> Any:
        """The first time `value` is seen, its fields as a dict (a value built for one case is
        seen once); the second time (a value the engine shares between cases), encoded once as
        a fragment indented for its depth (JSON strings hold no raw newline, so indenting after
        each newline is exact)."""
        key = id(value)
        if key in self.seen:
            text = orjson.dumps(value, option=_INDENT)
            fragment = orjson.Fragment(text.replace(b"\n", b"\n" + b"  " * self.depth))
            self.ready[key] = fragment
            return fragment
        if len(self.seen) >= _LIMIT:
            self.seen.clear()
            self.ready.clear()
        self.seen[key] = value
        return value.to_json()


_FRAGMENTS: dict[int, _Fragments] = {}


def _at(depth: int) -> _Fragments:
    found = _FRAGMENTS.get(depth)
    if found is None:
        found = _FRAGMENTS[depth] = _Fragments(depth)
    return found


def assessment_encodable(a: Assessment, depth: int = 0) -> dict[str, Any]:
    """What `json_bytes` (depth 0) or an item of `json_list_bytes` (depth 1) turns into the
    same JSON as `a.encodable()`."""
    items = _at(depth + 4)  # an evidence item: the document, a list, its record, the evidence
    got, miss = items.ready.get, items.miss
    reasons = _at(depth + 3)
    imaging = _at(depth + 1)
    data: dict[str, Any] = {} if a.id is None else {"id": a.id}
    data["knowledge_version"] = a.knowledge_version
    t = a.triage
    data["triage"] = {
        "level": t.level,
        "summary": t.summary,
        "reasons": [reasons.ready.get(id(r)) or reasons.miss(r) for r in t.reasons],
        "screening_complete": t.screening_complete,
        "unanswered": t.unanswered,
    }
    data["muscles"] = [
        {
            "id": m.id,
            "name": m.name,
            "score": m.score,
            "explains": m.explains,
            "evidence": [got(id(e)) or miss(e) for e in m.evidence],
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
            "evidence": [got(id(e)) or miss(e) for e in c.evidence],
            "serious": c.serious,
        }
        for c in a.conditions
    ]
    data["none_of_these"] = a.none_of_these
    data["must_exclude"] = [m.to_json() for m in a.must_exclude]
    data["imaging"] = imaging.ready.get(id(a.imaging)) or imaging.miss(a.imaging)
    data["next_tests"] = [
        {"id": n.id, "name": n.name, "why": n.why, "expected_information": n.expected_information}
        for n in a.next_tests
    ]
    data["disclaimer"] = a.disclaimer
    return data
