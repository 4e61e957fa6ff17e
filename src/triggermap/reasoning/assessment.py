"""The assessment: what triggermap concludes from a case (spec/CASES.md, the output half).

Frozen values only; `Assessment.to_json()` is the contract printed by
`triggermap assess --format json`. Fields beyond the contract's minimum are welcome there.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

# The one level type and order live in kb.levels; these names stay importable from here.
from triggermap.kb.levels import LEVEL_RANK as LEVEL_RANK
from triggermap.kb.levels import TriageLevel
from triggermap.kb.levels import seeks_care_now as seeks_care_now

DISCLAIMER = "Decision support, not a diagnosis. It does not replace an examination by a clinician."


class Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class TriageReason(Out):
    rule: str
    level: TriageLevel
    findings: list[str]  # the atoms that made the rule fire
    explanation: str
    source: str
    action: str | None = None
    unsure: list[str] = []  # findings counted as present because the answer was "not sure"


class Triage(Out):
    level: TriageLevel
    summary: str
    reasons: list[TriageReason]
    screening_complete: bool
    unanswered: list[str]


class MuscleEvidence(Out):
    finding: str
    likelihood_ratio: float
    source: str


class MuscleResult(Out):
    id: str
    name: str
    score: float
    explains: list[str]
    evidence: list[MuscleEvidence]


class Combination(Out):
    muscles: list[str]
    explains: list[str]


class EvidenceItem(Out):
    finding: str
    state: Literal["present", "absent"]
    likelihood_ratio: float
    source: str
    evidence: str  # verified | secondary | expert_estimate
    note: str | None = None


class ConditionResult(Out):
    id: str
    name: str
    probability: float
    pretest: float
    pretest_source: str
    pretest_population: str
    evidence: list[EvidenceItem]
    serious: bool = False
    flagged: bool = False  # an emergency or urgent rule points to it: listed first (ADR 0002)


class ImagingReason(Out):
    rule: str
    recommended: bool
    modality: str
    reason: str
    source: str


class Imaging(Out):
    recommended: bool
    modality: str
    urgency: str
    reasons: list[ImagingReason]


class NextTest(Out):
    id: str
    name: str
    why: str
    expected_information: float


class Assessment(Out):
    id: str | None = None  # the case's id; left out of the JSON when the case has none
    knowledge_version: str
    triage: Triage
    muscles: list[MuscleResult]
    combination: Combination | None
    unexplained: list[str]
    conditions: list[ConditionResult]
    imaging: Imaging
    next_tests: list[NextTest]
    disclaimer: str = DISCLAIMER

    def to_json(self) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        if data["id"] is None:
            del data["id"]
        return data
