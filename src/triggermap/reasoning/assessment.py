"""The assessment: what triggermap concludes from a case (spec/CASES.md, the output half).

Plain slotted dataclasses: cheap to build, no validation library imported, and serialised
natively by the JSON encoder (`json_output.assessment_bytes`) in the field order below.
`Assessment.to_json()` gives the same contract as plain data; fields beyond the contract's
minimum are welcome. Every field is documented in docs/assessment-format.md.

They are values. The leaves (evidence items, muscle evidence, triage reasons, imaging) are
frozen: the compiled engine builds each constant one once and shares it between assessments.
The records built for one case (the assessment, its triage, each condition, muscle, next test
and must-be-ruled-out entry) are not frozen, to keep building a few dozen per case cheap (a
frozen dataclass sets every field through object.__setattr__), but nothing modifies them:
use `dataclasses.replace` for a changed copy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Literal, TypeVar

# The one level type and order live in kb.levels; these names stay importable from here.
from triggermap.kb.levels import LEVEL_RANK as LEVEL_RANK
from triggermap.kb.levels import TriageLevel
from triggermap.kb.levels import seeks_care_now as seeks_care_now

T = TypeVar("T")


def shown_ratio(lr: float) -> float:
    """A likelihood ratio as the assessment shows it and the differential then uses: four
    decimals, or two significant figures below 0.001 (a drawing far outside a condition's
    regions multiplies small ratios; rounding them to 0 would leave no logarithm to take)."""
    return round(lr, 4) if lr >= 0.001 else float(f"{lr:.2g}")


DISCLAIMER = "Decision support, not a diagnosis. It does not replace an examination by a clinician."


@dataclass(frozen=True, slots=True)
class TriageReason:
    rule: str
    level: TriageLevel
    findings: list[str]  # the atoms that made the rule fire
    explanation: str
    source: str
    action: str | None = None
    unsure: Sequence[str] = ()  # counted as present: answered "not sure"

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "level": self.level,
            "findings": list(self.findings),
            "explanation": self.explanation,
            "source": self.source,
            "action": self.action,
            "unsure": list(self.unsure),
        }


@dataclass(slots=True)
class Triage:
    level: TriageLevel
    summary: str
    reasons: list[TriageReason]
    screening_complete: bool
    unanswered: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "summary": self.summary,
            "reasons": [r.to_json() for r in self.reasons],
            "screening_complete": self.screening_complete,
            "unanswered": list(self.unanswered),
        }

    @classmethod
    def from_json(cls, data: Any) -> Triage:
        """A stored triage read back; ValueError when it does not read whole."""
        if not isinstance(data, dict) or data.get("level") not in LEVEL_RANK:
            raise ValueError("not a triage")
        try:
            reasons = [TriageReason(**r) for r in data["reasons"]]
            triage = cls(
                level=data["level"],
                summary=str(data["summary"]),
                reasons=reasons,
                screening_complete=bool(data["screening_complete"]),
                unanswered=[str(u) for u in data["unanswered"]],
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a whole triage: {exc}") from None
        if any(r.level not in LEVEL_RANK for r in reasons):
            raise ValueError("a reason has no valid level")
        return triage


@dataclass(frozen=True, slots=True)
class MuscleEvidence:
    finding: str
    likelihood_ratio: float
    source: str

    def to_json(self) -> dict[str, Any]:
        return {
            "finding": self.finding,
            "likelihood_ratio": self.likelihood_ratio,
            "source": self.source,
        }


@dataclass(slots=True)
class MuscleResult:
    id: str
    name: str
    score: float
    explains: list[str]
    evidence: list[MuscleEvidence]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "score": self.score,
            "explains": list(self.explains),
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass(slots=True)
class Combination:
    muscles: list[str]
    explains: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"muscles": list(self.muscles), "explains": list(self.explains)}


EvidenceState = Literal["present", "absent", "partial"]


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    finding: str
    state: EvidenceState  # "partial": a cluster not yet decided, its members counted so far
    likelihood_ratio: float
    source: str
    evidence: str  # verified | secondary | expert_estimate
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "finding": self.finding,
            "state": self.state,
            "likelihood_ratio": self.likelihood_ratio,
            "source": self.source,
            "evidence": self.evidence,
            "note": self.note,
        }


@dataclass(slots=True)
class ConditionResult:
    id: str
    name: str
    probability: float  # the share of the normalised differential (ADR 0001)
    pretest: float  # the prior used: general, subgroup or referral population
    pretest_source: str
    pretest_population: str
    evidence: list[EvidenceItem]
    serious: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "probability": self.probability,
            "pretest": self.pretest,
            "pretest_source": self.pretest_source,
            "pretest_population": self.pretest_population,
            "evidence": [e.to_json() for e in self.evidence],
            "serious": self.serious,
        }


ExclusionKind = Literal["red_flag_rule", "raised", "unanswered"]


@dataclass(slots=True)
class ExclusionReason:
    """Why a condition must be ruled out: a warning-sign rule that fired (its findings), the
    findings that raised it clearly above its base rate, or its screening questions not asked."""

    kind: ExclusionKind
    findings: list[str]
    rule: str | None = None
    level: TriageLevel | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "findings": list(self.findings),
            "rule": self.rule,
            "level": self.level,
        }


@dataclass(slots=True)
class MustExclude:
    id: str
    name: str
    probability: float
    pretest: float  # the condition's base rate (general pretest probability)
    reasons: list[ExclusionReason]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "probability": self.probability,
            "pretest": self.pretest,
            "reasons": [r.to_json() for r in self.reasons],
        }


@dataclass(frozen=True, slots=True)
class ImagingReason:
    rule: str
    recommended: bool
    modality: str
    reason: str
    source: str

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "recommended": self.recommended,
            "modality": self.modality,
            "reason": self.reason,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Imaging:
    recommended: bool
    modality: str
    urgency: str
    reasons: list[ImagingReason]

    def to_json(self) -> dict[str, Any]:
        return {
            "recommended": self.recommended,
            "modality": self.modality,
            "urgency": self.urgency,
            "reasons": [r.to_json() for r in self.reasons],
        }


@dataclass(slots=True)
class NextTest:
    id: str
    name: str
    why: str
    expected_information: float

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "why": self.why,
            "expected_information": self.expected_information,
        }


@dataclass(slots=True)
class Assessment:
    knowledge_version: str
    triage: Triage
    muscles: list[MuscleResult]
    combination: Combination | None
    unexplained: list[str]
    conditions: list[ConditionResult]  # most probable first
    imaging: Imaging
    next_tests: list[NextTest]
    none_of_these: float = 0.0  # probability that none of the conditions explains the pain
    must_exclude: list[MustExclude] = field(default_factory=list)  # beside the ranking
    id: str | None = None  # the case's id; left out of the JSON when the case has none
    disclaimer: str = DISCLAIMER

    def to_json(self) -> dict[str, Any]:
        """The contract as plain data (dicts, lists, strings, numbers)."""
        data = self.encodable()
        for key in ("triage", "imaging"):
            data[key] = data[key].to_json()
        for key in ("muscles", "conditions", "must_exclude", "next_tests"):
            data[key] = [item.to_json() for item in data[key]]
        if data["combination"] is not None:
            data["combination"] = data["combination"].to_json()
        data["unexplained"] = list(data["unexplained"])
        return data

    def encodable(self) -> dict[str, Any]:
        """The contract as a dict whose values may still be these dataclasses, which the JSON
        encoder writes natively in field order (`json_output.json_bytes`): the same JSON as
        `to_json()`, without building every nested dict in Python first."""
        data: dict[str, Any] = {} if self.id is None else {"id": self.id}
        data["knowledge_version"] = self.knowledge_version
        data["triage"] = self.triage
        data["muscles"] = self.muscles
        data["combination"] = self.combination
        data["unexplained"] = self.unexplained
        data["conditions"] = self.conditions
        data["none_of_these"] = self.none_of_these
        data["must_exclude"] = self.must_exclude
        data["imaging"] = self.imaging
        data["next_tests"] = self.next_tests
        data["disclaimer"] = self.disclaimer
        return data

    @classmethod
    def from_json(cls, data: Any) -> Assessment:
        """A stored assessment read back, every field checked against its type (pydantic's
        ValidationError, a ValueError, names the first field that does not read). One that
        reads plainly (`reasoning.plain_read`: exactly what `to_json` writes) is read without
        building pydantic's validator; anything else is pydantic's to accept or refuse."""
        from triggermap.reasoning.plain_read import NotPlain, plain_reader

        try:
            return plain_reader(cls)(data)  # type: ignore[no-any-return]
        except NotPlain:
            return _adapter().validate_python(data)  # type: ignore[no-any-return]


def assessment_json_schema() -> dict[str, Any]:
    """The JSON Schema of the assessment as it is written."""
    schema: dict[str, Any] = _adapter().json_schema(mode="serialization")
    return schema


_ADAPTER: list[Any] = []


def _adapter() -> Any:
    """pydantic's validator for these dataclasses, built on first use (the engine never needs
    it: only a stored result read back, and the published schema)."""
    if not _ADAPTER:
        from pydantic import TypeAdapter

        _ADAPTER.append(TypeAdapter(Assessment))
    return _ADAPTER[0]


def fast_constructor(cls: type[T]) -> Callable[..., T]:
    """A constructor for a frozen slotted dataclass, taking every field positionally.

    A frozen dataclass's `__init__` sets each field through `object.__setattr__` (to get past
    its own frozen `__setattr__`), which makes it several times slower to build than a plain
    class. The compiled engine builds a few dozen values per case, so it sets the slots through
    their descriptors instead: the object, its equality, hash and immutability are the same.
    """
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    for name in names:
        namespace[f"set_{name}"] = cls.__dict__[name].__set__
    body = "".join(f"    set_{n}(o, {n})\n" for n in names)
    source = f"def build({', '.join(names)}):\n    o = new(cls)\n{body}    return o\n"
    exec(source, namespace)
    build: Callable[..., T] = namespace["build"]
    return build
