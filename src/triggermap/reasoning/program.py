"""The knowledge base as plain values: what the compiled engine is generated from.

`reasoning.compiler.compile_program(kb)` walks the validated knowledge base once and keeps only
what reasoning needs, as tuples, frozensets, dicts, strings and floats, plus the output values
that never vary (an evidence item for a finding is the same in every assessment). A `Program`
holds no validation objects, and this module imports none, so it pickles small and loads fast:
`services.engine_cache` stores it keyed by the knowledge content and the code that compiles
it, and a process that only assesses cases never imports the schema or a YAML parser.

Expressions are nested tuples: ("atom", "symptom:fever"), ("all", (...)), ("any", (...)),
("at_least", k, (...)).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from triggermap.reasoning.assessment import EvidenceItem, ImagingReason, MuscleEvidence
from triggermap.reasoning.case import CaseVocabulary

Spec = tuple[Any, ...]


class FindingSpec(NamedTuple):
    atom: str
    positive: float | None  # unrounded, as the readable form compares it with 1.0
    negative: float | None
    present: EvidenceItem | None  # None when the ratio does not count (missing or 1.0)
    absent: EvidenceItem | None
    demographic: bool
    within: bool  # measured inside the referral population (counts on top of its prior)


class ClusterSpec(NamedTuple):
    atom: str
    test_id: str
    members: frozenset[str]
    items: tuple[tuple[Spec, frozenset[str]], ...]  # counting items: spec, atoms it reads
    missing: int
    rule: Spec | None  # non-counting clusters: the rule
    positive: float
    negative: float
    strata: tuple[tuple[int, int | None, float], ...]  # counting clusters only
    share_for: float
    share_against: float
    source: str
    evidence: str
    note: str | None
    applies_when: Spec | None  # the population its accuracy was measured in
    demographic: tuple[bool, ...] = ()  # per counting item: an age or sex criterion


class PriorSpec(NamedTuple):
    probability: float
    source: str
    population: str
    log_odds: float  # differential.log_odds(probability), computed once
    when: Spec | None = None  # subgroups
    conditioned: frozenset[str] = frozenset()
    rules: tuple[str, ...] = ()  # referral populations: the rules that define them


class KeySpec(NamedTuple):
    regions: frozenset[str]
    positive: float
    present: EvidenceItem | None
    absent: EvidenceItem | None


class ConditionSpec(NamedTuple):
    id: str
    name: str
    serious: bool
    general: PriorSpec
    suspected: PriorSpec | None
    subgroups: tuple[PriorSpec, ...]
    typical: frozenset[str]
    core: frozenset[str]
    keys: tuple[KeySpec, ...]
    clusters: tuple[ClusterSpec, ...]
    consumed: frozenset[str]
    findings: tuple[FindingSpec, ...]
    defining: tuple[str, ...]
    defining_regions: tuple[frozenset[str], ...]


class RuleSpec(NamedTuple):
    id: str
    level: str
    when: Spec
    reason: str
    source: str
    action: str | None
    suspects: tuple[str, ...]
    reads_differential: bool


class ImagingSpec(NamedTuple):
    id: str
    when: Spec
    recommended: bool
    modality: str
    urgency: str
    priority: int
    reason: ImagingReason


class MuscleSpec(NamedTuple):
    id: str
    name: str
    zones: tuple[tuple[float, dict[str, float]], ...]  # per trigger point: base, delta by region
    covered: frozenset[str]
    symptoms: tuple[tuple[str, MuscleEvidence, MuscleEvidence, float, float], ...]
    history: tuple[tuple[str, MuscleEvidence, float], ...]
    palpation: dict[str, tuple[MuscleEvidence, MuscleEvidence, float, float]]
    source: str
    symptom_ids: frozenset[str]
    history_ids: frozenset[str]


class TestSpec(NamedTuple):
    id: str
    atom: str  # test:ID
    name: str
    accuracy: tuple[tuple[str, float, float, float, float, float, float], ...]
    # (condition, Sn, Sp, LR+, LR-, H(Sn), H(Sp)) for each condition with Sn and Sp


class Program(NamedTuple):
    version: str
    vocabulary: CaseVocabulary
    red_flags: frozenset[str]
    red_flags_sorted: tuple[str, ...]
    symptom_labels: dict[str, str]  # lower case, for "counted as present" notes
    features: dict[str, Spec]
    tests: dict[str, tuple[Spec | None, int]]  # id -> (rule, missing items)
    rules: tuple[RuleSpec, ...]
    summaries: dict[str, str]
    same_day: frozenset[str]  # urgent rules with `timeframe: same_day` (SAME_DAY_SUMMARY)
    conditions: tuple[ConditionSpec, ...]
    general_pretest: dict[str, float]
    away: EvidenceItem
    outside: tuple[float, str, str, str | None]  # value, source, evidence, note
    implied: tuple[tuple[str, str, frozenset[str]], ...]  # (finding, region, reaches)
    raised_ratio: float
    raised_floor: float
    raised_at: dict[str, float]  # serious condition -> the probability from which it is raised
    screening: dict[str, tuple[str, ...]]
    imaging: tuple[ImagingSpec, ...]
    muscles: tuple[MuscleSpec, ...]
    muscle_prior_log_odds: float
    combination_floor: float
    next_tests: tuple[TestSpec, ...]
    test_conditions: tuple[str, ...]  # every condition a next test informs
    condition_names: dict[str, str]
