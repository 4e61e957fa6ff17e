"""The knowledge base schema: pydantic models for every kind of entry.

Rules that hold everywhere:
- every model is frozen and forbids unknown fields (a typo is an error, not a silent default);
- every clinical number lives in a `Cited` model, beside its `source` (a key of `sources`) and
  its `evidence` status; an `expert_estimate` must say why in `note`;
- references to other entries are plain ids, checked by `kb.integrity`;
- findings are written as prefixed atoms (see `FINDING_PREFIXES`) and combined in `Expr`.

Finding atoms (three-valued: present, absent or unknown for a given case):
    symptom:ID            in case.symptoms (present), case.absent (absent), case.unsure
    history:ID            in case.history (present); otherwise unknown
    test:ID               exam.tests positive/negative; a cluster test evaluates its rule
    neuro:ID              exam.neuro true/false
    region:ID             in pain.regions (present); absent when a drawing was given without it
    palpation:MUSCLE.FINDING   exam.palpation
    feature:ID            a derived finding defined in features.yaml (age, duration, ROM ...)
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from triggermap.kb.kinds import KINDS
from triggermap.kb.levels import TriageLevel

Probability = Annotated[float, Field(ge=0.0, le=1.0)]
LikelihoodRatio = Annotated[float, Field(gt=0.0)]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]

FINDING_PREFIXES = ("symptom", "history", "test", "neuro", "region", "palpation", "feature")


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)  # see Expr below


class Evidence(StrEnum):
    """How a number was checked (the compendium's St column)."""

    verified = "verified"  # V: primary abstract/text or official page
    secondary = "secondary"  # V2: a secondary source only
    expert_estimate = "expert_estimate"  # no source gives the figure; reasoned estimate


class Cited(Model):
    """Base of every model that carries a clinical number."""

    source: str
    evidence: Evidence = Evidence.verified
    note: str | None = None

    @model_validator(mode="after")
    def _estimate_needs_reason(self) -> Cited:
        if self.evidence is Evidence.expert_estimate and not (self.note and self.note.strip()):
            raise ValueError("an expert_estimate needs a `note` that says why")
        return self


class Code(Model):
    """A terminology code (SNOMED CT, ICD-10-CM, LOINC) with its verification status."""

    system: Literal["snomed", "icd10cm", "loinc"]
    code: str
    display: str
    status: Literal["V", "C", "S"]  # standards.md: verified, corroborated, single source
    source: str
    # ICD-10-CM codes that name a side: the FHIR adapter picks those that fit the case's side.
    laterality: Literal["left", "right", "bilateral", "unspecified"] | None = None


class NamedCode(Model):
    """A code that belongs to no region, muscle, structure or condition (`codes.yaml`): what
    a rating is (LOINC), a laterality qualifier or a procedure (SNOMED CT)."""

    id: Id
    label: str
    use: str  # where the FHIR adapter puts it
    code: Code


# ---------------------------------------------------------------- expressions


class AllExpr(Model):
    all: list[Expr] = Field(min_length=1)


class AnyExpr(Model):
    any: list[Expr] = Field(min_length=1)


class AtLeastExpr(Model):
    at_least: int = Field(ge=1)
    of: list[Expr] = Field(min_length=1)


Expr = Union[str, AllExpr, AnyExpr, AtLeastExpr]  # noqa: UP007 (recursive alias)
# Every model defers building its validator to its first validation (`defer_build`), which
# resolves `Expr` then: a process that reads the validated knowledge base from its cache
# (every command but the first after a change) never builds one (issue 11: ~70 ms a process).


def expr_atoms(expr: Expr) -> list[str]:
    """Every atom an expression mentions, in order of appearance."""
    if isinstance(expr, str):
        return [expr]
    children = (
        expr.all
        if isinstance(expr, AllExpr)
        else (expr.any if isinstance(expr, AnyExpr) else expr.of)
    )
    return [atom for child in children for atom in expr_atoms(child)]


# ---------------------------------------------------------------- manifest, sources


class Manifest(Model):
    name: str
    version: str
    released: str
    changelog: list[str]


class Source(Model):
    id: Id
    citation: str  # full reference as a clinician would cite it
    url: str | None = None
    evidence: Evidence  # the compendium's status for what we take from it
    year: int | None = None
    kind: Literal[
        "primary_study",
        "systematic_review",
        "guideline",
        "textbook",
        "secondary",
        "standard",
        "article",
        "estimate",
    ]
    note: str | None = None


# ---------------------------------------------------------------- body map, symptoms, history


class Region(Model):
    id: Id
    label: str
    plain: str  # what a patient reads
    view: Literal["front", "back", "side"]
    area: Literal["back", "buttock", "hip", "abdomen", "thigh", "knee", "leg", "foot"]
    snomed: Code | None = None


class Symptom(Model):
    """A symptom, or a fact about the person asked among the warning signs. `background` marks
    such a fact (a cancer, thin bones, steroid or immune-suppressing medicine, injecting drugs):
    it is not something that newly happens, so a plan's warning list takes a denied one as
    denied, while an unanswered one is still said."""

    id: Id
    label: str
    patient_question: str
    clinician_term: str
    red_flag: bool = False
    plain: str | None = None
    background: bool = False
    # An event that begins a new episode (a major fall): when it happens, the rules' "in the
    # last week" holds for it in a plan's warning list.
    starts_episode: bool = False


class HistoryItem(Model):
    """A history item. One that `refines` another is a more specific answer to that item's
    question, asked as its `follow_up` (a hip replacement -> from the back or the front); a
    case lists the most specific item it knows. Front ends ask items that refine nothing, then
    the follow-up of each one answered yes, with "not sure" keeping the general item."""

    id: Id
    label: str
    patient_question: str
    clinician_term: str
    red_flag: bool = False
    plain: str | None = None
    refines: Id | None = None
    follow_up: str | None = None  # the question whose answers are the items refining this one


# ---------------------------------------------------------------- derived findings


class Comparison(Model):
    """A field of the case compared with a value.

    field: age | duration_weeks | pain.intensity | onset | side | sex |
           rom.<movement>.active | rom.<movement>.passive | rom.<movement>.painful |
           rom.<movement>.least  (the smaller of active and passive that is present)
    op `missing` is true when the field is absent and false otherwise (never unknown).
    """

    field: str
    op: Literal["gt", "ge", "lt", "le", "eq", "ne", "in", "missing"]
    value: float | int | str | bool | list[str] | None = None


class LeadingCondition(Model):
    """True when the most probable condition is not one of `not_in`, reaches the floor and, when
    `below` is given, stays under it (a band: a rule that says less than a stronger one beside
    it)."""

    not_in: list[Id]
    min_probability: Probability
    below: Probability | None = None


class ConditionProbability(Model):
    """True when a condition's posterior probability reaches `min_probability`."""

    condition: Id
    min_probability: Probability


PalpationFinding = Literal[
    "taut_band", "tender_spot", "referred_pain", "twitch_response", "jump_sign"
]


class PalpationCriteria(Model):
    """Over the muscles the examiner palpated (not all muscles): true when one of them shows
    every finding in `all_of` (or, with `at_least`, at least that many of them); false when
    muscles were palpated and each falls short; unknown when no muscle was palpated or a
    palpated muscle's record leaves it open."""

    all_of: list[PalpationFinding] = Field(min_length=1)
    at_least: int | None = Field(default=None, ge=1)


class Feature(Model):
    """A derived finding, referenced as `feature:ID`. Exactly one way of deriving it."""

    id: Id
    label: str
    compare: Comparison | None = None
    regions_any: list[Id] | None = None
    when: Expr | None = None
    leading_condition: LeadingCondition | None = None
    condition_probability: ConditionProbability | None = None
    palpation_criteria: PalpationCriteria | None = None
    # How the finding reads as a warning sign that may still come (a plan's safety net), for a
    # feature of the episode's start: "after a fall or other injury" for an onset after trauma.
    # A text starting "after " qualifies the sign before it ("cannot walk after a fall ...").
    warning_label: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Feature:
        ways = [
            self.compare,
            self.regions_any,
            self.when,
            self.leading_condition,
            self.condition_probability,
            self.palpation_criteria,
        ]
        if sum(w is not None for w in ways) != 1:
            raise ValueError(
                "give exactly one of compare, regions_any, when, leading_condition, "
                "condition_probability, palpation_criteria"
            )
        return self


# ---------------------------------------------------------------- accuracy and likelihood ratios


class Stratum(Model):
    """A stratum-specific likelihood ratio of a counting cluster: `at_least`..`at_most` of its
    items positive (`at_most` omitted: up to every item)."""

    at_least: int = Field(ge=0)
    at_most: int | None = Field(default=None, ge=0)
    likelihood_ratio: LikelihoodRatio


class Accuracy(Cited):
    """How well a finding discriminates a condition.

    Give sensitivity and specificity when the source reports them (the likelihood ratios are
    then derived in code), or the likelihood ratios the source reports. Values given directly
    win over derived ones (a source that reports LR+ only, or a specificity of 1.0).
    """

    sensitivity: Probability | None = None
    specificity: Probability | None = None
    lr_positive: LikelihoodRatio | None = None
    lr_negative: LikelihoodRatio | None = None
    strata: list[Stratum] = []
    reference_standard: str | None = None
    study: str | None = None
    n: int | None = Field(default=None, ge=1)
    # One of the findings that define the condition (its criteria, its validated cluster, its
    # pathognomonic history): adding it never lowers the condition (a tested property), and a
    # demographic ratio above 1 counts only once one of these is present.
    defining: bool = False
    # Age or sex: shifts the prior; a ratio above 1 counts only beside a present defining
    # finding (demographics alone never make a diagnosis lead; ADR 0001).
    demographic: bool = False

    @model_validator(mode="after")
    def _derivable(self) -> Accuracy:
        has_pair = self.sensitivity is not None and self.specificity is not None
        has_ratio = self.lr_positive is not None or self.lr_negative is not None
        if not (has_pair or has_ratio or self.strata):
            raise ValueError("give sensitivity and specificity, lr_positive/lr_negative, or strata")
        for name in ("positive_lr", "negative_lr"):
            value = getattr(self, name)
            if value is not None and not (math.isfinite(value) and value > 0):
                field = "lr_positive" if name == "positive_lr" else "lr_negative"
                raise ValueError(
                    f"{field} derived from sensitivity/specificity is {value}: give it directly"
                )
        return self

    @property
    def positive_lr(self) -> float | None:
        """LR+ = Sn / (1 - Sp), unless the source gives it (strata: the highest stratum)."""
        if self.lr_positive is not None:
            return self.lr_positive
        if self.strata:
            return self.strata[-1].likelihood_ratio
        if self.sensitivity is None or self.specificity is None:
            return None
        if self.specificity >= 1.0:
            return math.inf
        return self.sensitivity / (1.0 - self.specificity)

    @property
    def negative_lr(self) -> float | None:
        """LR- = (1 - Sn) / Sp, unless the source gives it (strata: the lowest stratum)."""
        if self.lr_negative is not None:
            return self.lr_negative
        if self.strata:
            return self.strata[0].likelihood_ratio
        if self.sensitivity is None or self.specificity is None:
            return None
        if self.specificity <= 0.0:
            return math.inf
        return (1.0 - self.sensitivity) / self.specificity


class TestAccuracy(Accuracy):
    """A test's accuracy for one target condition."""

    condition: Id


class FindingLR(Accuracy):
    """A non-test finding's likelihood ratios for the condition that lists it.

    `within_suspected`: the ratio was measured inside the referral population of the
    condition's `suspected_pretest`, so it still applies on top of that prior even when the
    finding is one of those that placed the person in it.
    """

    finding: str
    within_suspected: bool = False


# ---------------------------------------------------------------- muscles and structures


class TriggerPoint(Model):
    id: Id
    name: str
    location: str
    essential: list[Id] = Field(min_length=1)  # region ids, the primary referral zone
    spillover: list[Id] = []
    note: str | None = None


class Referral(Cited):
    """A muscle's referral pattern: the trigger points and the regions each refers to."""

    trigger_points: list[TriggerPoint] = Field(min_length=1)


class Factor(Model):
    text: str
    history: Id | None = None  # a `history` id when the factor matches one
    symptom: Id | None = None


class Palpation(Cited):
    position: str
    technique: list[str] = Field(min_length=1)
    findings: str  # what a positive finding feels like


class SelfRelease(Cited):
    tool: Literal["foam_roller", "massage_ball", "hands"]
    treatment: Id  # the treatment entry with the full steps and dose
    how_to_find: str
    steps: list[str] = Field(min_length=1)


class Muscle(Model):
    id: Id
    name: str
    plain_name: str
    summary: str
    location: str
    depth: Literal["superficial", "intermediate", "deep"]
    attachments: dict[Literal["origin", "insertion"], str]
    actions: list[str] = Field(min_length=1)
    innervation: str | None = None
    referral: Referral
    symptoms: list[Id] = []  # symptom ids typical of this muscle's trigger points
    activating_factors: list[Factor] = []
    perpetuating_factors: list[Factor] = []
    palpation: Palpation
    self_release: SelfRelease
    stretches: list[Id] = []  # treatment ids
    strengthening: list[Id] = []  # treatment ids
    mimics: list[Id] = []  # condition ids this muscle's pain is often mistaken for
    snomed: Code | None = None
    sources: list[str] = Field(min_length=1)


class Structure(Model):
    id: Id
    name: str
    plain_name: str
    description: str
    function: str
    clinical_relevance: str
    regions: list[Id] = []
    related_conditions: list[Id] = []
    snomed: Code | None = None
    sources: list[str] = Field(min_length=1)


# ---------------------------------------------------------------- conditions


class Pretest(Cited):
    probability: Probability
    population: str


class SuspectedPretest(Pretest):
    """The prior in a referral population, used once a triage rule places the person there."""

    when_rules: list[Id] = Field(min_length=1)  # triage rule ids that define the population


class SubgroupPretest(Pretest):
    """The prior in a subgroup the case itself defines (age, sex, duration ...).

    The first subgroup whose `when` is true replaces the general pretest; the findings its
    `when` reads then do not enter again as likelihood ratios.
    """

    when: Expr


class KeyRegions(Cited):
    """Where a condition most typically hurts: a region or a `regions_any` feature, with the
    ratio when it hurts and when the drawing touches the condition's typical regions only
    elsewhere (ADR 0001, regional likelihood)."""

    finding: str  # region:ID or feature:ID (a regions_any feature)
    lr_positive: LikelihoodRatio
    lr_negative: LikelihoodRatio = 1.0
    # The location itself defines the condition (groin pain in 92% of labral tears): when it
    # hurts, the condition's demographic ratios above 1 count (see Accuracy.demographic).
    defining: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> KeyRegions:
        if self.lr_negative > self.lr_positive:
            raise ValueError("lr_negative above lr_positive: a key region would count against")
        return self


class ConditionRegions(Model):
    """The regions a condition typically hurts in (a pain drawing is a complete list).

    `typical`: the regions whose pain the condition explains; a painful region outside them
    counts against it. `core` (a subset; all of `typical` when omitted): at least one of these
    must hurt for the drawing to fit at all, e.g. sciatica explains back pain beside leg pain,
    but back pain alone is not sciatica. `key`: where it most typically hurts, with ratios.
    """

    typical: list[Id] = Field(min_length=1)
    core: list[Id] = []
    key: list[KeyRegions] = []

    @property
    def core_regions(self) -> list[Id]:
        return self.core or self.typical


class ConditionImaging(Cited):
    modality: Literal["none", "xray", "mri", "mri_arthrogram", "ultrasound", "ct", "urgent_mri"]
    when: str


class Condition(Model):
    id: Id
    name: str
    plain_name: str
    category: Literal[
        "myofascial", "neural", "joint", "tendon", "serious", "vascular", "inflammatory"
    ]
    serious: bool = False
    description: str
    key_features: list[str] = Field(min_length=1)
    pretest: Pretest
    suspected_pretest: SuspectedPretest | None = None
    subgroup_pretests: list[SubgroupPretest] = []
    findings: list[FindingLR] = []
    regions: ConditionRegions
    imaging: ConditionImaging
    codes: list[Code] = []
    patient_summary: str
    sources: list[str] = Field(min_length=1)


# ---------------------------------------------------------------- model parameters


class CitedValue(Cited):
    """One number of the reasoning model itself, with its source."""

    value: float


class CitedRatio(Cited):
    lr_positive: LikelihoodRatio
    lr_negative: LikelihoodRatio = 1.0


class ImpliedRegion(Cited):
    """A reported symptom that puts pain in a region the drawing may leave out.

    `region` is where its pain certainly is (it counts as painful); `reaches` (a regions_any
    feature) is how far it may go: when none of those regions is drawn, a key region among them
    is unknown, not pain-free (pain down the leg, with only the back drawn, may or may not go
    below the knee).
    """

    finding: str  # the symptom atom, e.g. symptom:radiating_pain
    region: Id  # the region its pain passes through
    reaches: str  # feature:ID, a regions_any feature


class RegionalModel(Model):
    """The pain drawing as evidence for a condition (ADR 0001, regional likelihood)."""

    no_typical_region: CitedValue  # ratio when no typical region of the condition hurts
    outside_typical: CitedValue  # ratio per painful region outside its typical regions
    implied: list[ImpliedRegion] = []  # regions a reported symptom adds to a drawing


class MustExcludeModel(Model):
    """When a serious condition's own probability is 'clearly above its base rate'."""

    raised_ratio: CitedValue  # posterior at least this multiple of the general pretest
    raised_floor: CitedValue  # ... and at least this probability


class DifferentialModel(Model):
    regional: RegionalModel
    must_exclude: MustExcludeModel


class ReferralProbabilities(Cited):
    """How often a trigger point makes a region hurt, against the background rate."""

    essential: Probability
    spillover: Probability
    other: Probability
    background: Probability


class MuscleModel(Model):
    """The numbers of the muscle model (ADR 0001, muscles)."""

    referral: ReferralProbabilities
    prior: CitedValue
    linked_symptom: CitedRatio
    linked_history: CitedRatio
    palpation: dict[PalpationFinding, CitedRatio]
    combination_floor: CitedValue


class ModelParameters(Model):
    """`model.yaml`: the numbers of the reasoning model that are not about one entry."""

    differential: DifferentialModel
    muscles: MuscleModel


# ---------------------------------------------------------------- tests


class Test(Model):
    __test__ = False  # not a pytest test class

    id: Id
    name: str
    type: Literal["single", "cluster"] = "single"
    purpose: str
    how_to: str | None = None  # the test in one line, for an examination form
    steps: list[str] = []
    positive: str
    rule: Expr | None = None  # clusters: the combination of findings that makes it positive
    # Clusters: the population the accuracy was measured in (e.g. people with hip pain). Outside
    # it (false or unknown) the cluster does not count and its members count one by one.
    applies_when: Expr | None = None
    # Items of the published cluster that triggermap does not ask about (always unknown): they
    # widen the range a count can still reach, so a stratum is decided only when it is certain.
    missing_items: int = Field(default=0, ge=0)
    accuracy: list[TestAccuracy] = []
    reliability: str | None = None
    cost: Literal["history", "exam", "lab", "imaging"] = "exam"
    sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _cluster_has_rule(self) -> Test:
        if (self.type == "cluster") != (self.rule is not None):
            raise ValueError("a cluster needs a `rule`, and only a cluster has one")
        if self.type == "single" and not self.steps:
            raise ValueError("a single test needs `steps`")
        return self


# ---------------------------------------------------------------- triage and imaging rules

ImagingModality = Literal["none", "xray", "mri", "mri_arthrogram", "ultrasound", "ct", "urgent_mri"]


class TriageRule(Model):
    """A triage rule. `timeframe: same_day` asks for care sooner than its level usually means
    (leg swelling: a doctor the same day, within the urgent level); the triage summary and the
    plan's warning list say so."""

    id: Id
    level: TriageLevel
    when: Expr
    reason: str  # plain words for the person
    source: str
    sources: list[str] = []  # further sources behind the rule, besides `source`
    action: str | None = None  # what to do, if more than the level says
    suspects: list[Id] = []  # conditions this rule raises suspicion of
    timeframe: Literal["same_day"] | None = None


class ImagingRule(Model):
    id: Id
    when: Expr
    recommended: bool
    modality: ImagingModality
    urgency: Literal["emergency", "urgent", "routine", "none"] = "routine"
    reason: str
    source: str
    priority: int = Field(ge=0, le=100)  # higher wins when several fire


# ---------------------------------------------------------------- treatments

TreatmentKind = Literal[
    "self_release",
    "stretch",
    "strengthen",
    "proprioception",
    "activation",
    "heat",
    "lifestyle",
    "ergonomics",
    "stress",
    "education",
    "professional",
    "cold",
]
Deliverer = Literal[
    "self",
    "physical_therapist",
    "massage_therapist",
    "athletic_trainer",
    "chiropractor",
    "physician",
]


class Dose(Cited):
    hold_seconds: int | None = Field(default=None, ge=1)
    repetitions: int | None = Field(default=None, ge=1)
    sets: int | None = Field(default=None, ge=1)
    times_per_day: int | None = Field(default=None, ge=1)
    days_per_week: int | None = Field(default=None, ge=1, le=7)
    minutes: int | None = Field(default=None, ge=1)
    rest_seconds: int | None = Field(default=None, ge=0)
    each_side: bool | None = None  # the dose is for one side; then the other side the same


class Precaution(Model):
    """A contraindication (leave the treatment out) or a precaution (keep it, say this).

    finding: an atom (history:ID, symptom:ID or feature:ID) present in the case; a symptom
        answered "not sure" counts as present. A precaution without a finding applies to
        everyone who gets the treatment (a contraindication always needs one).
    muscles: when given, it applies only while the plan treats one of these muscles (the
        anatomy next to them: the sciatic nerve beside piriformis, the pleura near
        quadratus lumborum).
    instead: for a contraindication, the treatment offered in its place (it is screened too).
    stops_progression: while it applies, the plan leaves out the item's `progression` (the
        text says how far to go instead): a person alone follows the steps, so a harder step
        the precaution forbids must not be printed above it.
    evidence, note: how the source supports the text when it is not simply what the source
        says (`expert_estimate`, with the reason in `note`).

    A precaution's text may point to a version the steps describe ("use the standing version")
    only when the steps name that version (kb check); a safe way of doing it that the steps do
    not describe is a treatment of its own, offered `instead`.
    """

    finding: str | None = None
    severity: Literal["contraindication", "precaution"]
    text: str
    source: str
    muscles: list[Id] = []
    instead: Id | None = None
    stops_progression: bool = False
    evidence: Evidence | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Precaution:
        if self.severity == "contraindication" and self.finding is None:
            raise ValueError("a contraindication needs the `finding` that rules the treatment out")
        if self.instead is not None and self.severity != "contraindication":
            raise ValueError("only a contraindication names a treatment to use `instead`")
        if self.stops_progression and self.severity != "precaution":
            raise ValueError(
                "only a precaution stops the progression (a contraindication "
                "leaves the whole item out)"
            )
        if self.evidence is Evidence.expert_estimate and not (self.note and self.note.strip()):
            raise ValueError("an expert_estimate needs a `note` that says why")
        return self


# Self-delivered kinds whose items a person does alone at home with the body (they say what
# they ask of it in `demands`).
SELF_CARE_KINDS = frozenset(
    {"self_release", "stretch", "strengthen", "proprioception", "activation", "heat", "cold"}
)
# What a self-care item asks of the body. Each demand needs a recorded screening (a precaution
# reading the topic's findings, or a `not_relevant` reason) for the topics listed here; kb check
# fails without one (kb.integrity.check_screening).
Demand = Literal[
    "spine",
    "hip_flexion_past_90",
    "hip_adduction_or_internal_rotation",
    "hip_extension",
    "side_lying",
    "balance",
    "lying_on_back",
    "lying_face_down",
]
ScreeningTopic = Literal["hip_replacement", "pregnancy", "osteoporosis", "fall_risk"]
SCREENING_FINDINGS: dict[str, tuple[str, ...]] = {
    "hip_replacement": (
        "history:hip_replacement",
        "history:hip_replacement_posterior",
        "history:hip_replacement_anterior",
        "history:hip_replacement_lateral",
    ),
    "pregnancy": ("history:pregnancy",),
    "osteoporosis": ("symptom:osteoporosis", "symptom:long_term_steroids"),
    "fall_risk": ("feature:age_65_or_more",),  # read through feature:fall_risk
}
ALL_TOPICS = ("hip_replacement", "pregnancy", "osteoporosis")
SCREENING_REQUIRED: dict[str, tuple[str, ...]] = {
    "spine": ALL_TOPICS,  # loads, bends or twists the spine
    "hip_flexion_past_90": ALL_TOPICS,  # bends a hip past a right angle
    # crosses the leg over the middle of the body or turns the hip inward (posterior approach)
    "hip_adduction_or_internal_rotation": ("hip_replacement",),
    "hip_extension": ("hip_replacement",),  # takes the leg back behind the body (anterior)
    # lies on one side: the bottom hip bears weight, the top leg can drop across the body
    "side_lying": ("hip_replacement",),
    "balance": (*ALL_TOPICS, "fall_risk"),  # challenges balance (a fall is possible)
    "lying_on_back": ("pregnancy",),
    "lying_face_down": ("pregnancy",),
}


class Treatment(Model):
    """A treatment. Self-care kinds (SELF_CARE_KINDS) done by the person say what they ask of
    the body in `demands` (an empty list when none of the listed demands applies), and record
    under `not_relevant` why a screening topic their demands call for does not apply."""

    id: Id
    name: str
    kind: TreatmentKind
    plain: str  # one paragraph a patient understands
    steps: list[str] = []
    dose: Dose | None = None
    progression: str | None = None  # plain words; its figures cite `progression_sources`
    progression_sources: list[str] = []
    muscles: list[Id] = []  # muscles it targets (self-release, stretch, strengthen)
    conditions: list[Id] = []  # conditions it is indicated for
    indicated_by_history: list[Id] = []  # history ids that make it relevant
    # Offered only when one of `indicated_by_history` is present (a correction for a problem
    # the person has), never for its muscles or conditions alone.
    only_with_history: bool = False
    # Offered only in place of an item a contraindication leaves out (named by its `instead`),
    # never linked on its own: a safe version of another exercise.
    replacement_only: bool = False
    precautions: list[Precaution] = []
    delivered_by: list[Deliverer] = Field(min_length=1)
    equipment: list[str] = []
    phase: Literal["relief", "restore", "prevent"]
    sources: list[str] = Field(min_length=1)
    demands: list[Demand] | None = None
    not_relevant: dict[ScreeningTopic, Annotated[str, Field(min_length=10)]] = {}

    @model_validator(mode="after")
    def _dosed(self) -> Treatment:
        if self.kind not in ("education", "professional") and self.dose is None:
            raise ValueError(f"a {self.kind} treatment needs a `dose`")
        if self.kind in SELF_CARE_KINDS and "self" in self.delivered_by and self.demands is None:
            raise ValueError(
                "a self-care item needs `demands` (what it asks of the body; [] when none of "
                "spine, hip_flexion_past_90, hip_adduction_or_internal_rotation, hip_extension, "
                "side_lying, balance, lying_on_back, lying_face_down)"
            )
        return self


# ---------------------------------------------------------------- illustrations
#
# An exercise's picture as data: a posable figure (joint angles, or a hand or foot placed on a
# landmark) in one or two poses, the props it uses and arrows for the movement or the pressure.
# `render.pictures` draws it; `kb check` draws every one. Units: a standing person is about
# 100 tall; the scene has x to the viewer's right, y up and z toward the viewer. The figure is
# posed for its *working* side (the sore side) and the *other* side; the renderer maps the
# working side to the person's left or right.

Direction = Literal["up", "down", "left", "right", "toward", "away"]
LANDMARK_PARTS = (
    "hip",
    "knee",
    "ankle",
    "heel",
    "toe",
    "glute",
    "trochanter",
    "thigh",
    "shin",
    "flank",
    "shoulder",
    "elbow",
    "hand",
)
Landmark = Annotated[
    str,
    Field(
        pattern=r"^(pelvis|sacrum|belly|chest|neck|head|ground|(working|other)\.("
        + "|".join(LANDMARK_PARTS)
        + r"))$"
    ),
]
Offset = tuple[float, float, float]


class LegPose(Model):
    """Hip, knee and ankle angles in degrees; or the foot placed on a landmark (`reach`), the
    angles then only saying which way the knee points."""

    flex: float = 0.0  # hip flexion (thigh forward); negative: extension
    abduct: float = 0.0  # hip abduction (thigh out to the side); negative: across the body
    rotate: float = 0.0  # hip external rotation (knee turns out); negative: internal
    knee: float = 0.0  # knee bend
    ankle: float = 0.0  # foot pointed (plantarflexion); negative: toes pulled up
    reach: Landmark | None = None  # put the ankle here
    reach_offset: Offset = (0.0, 0.0, 0.0)


class ArmPose(Model):
    """Shoulder and elbow angles in degrees; or the hand placed on a landmark (`reach`)."""

    flex: float = 0.0  # shoulder flexion (arm forward and up); negative: arm back
    abduct: float = 0.0  # out to the side; negative: across the body
    elbow: float = 0.0  # elbow bend
    reach: Landmark | None = None  # put the hand here
    reach_offset: Offset = (0.0, 0.0, 0.0)


class TrunkPose(Model):
    bend: float = 0.0  # forward bend of the trunk on the pelvis; negative: arching back
    side: float = 0.0  # side bend toward the working side; negative: toward the other side
    twist: float = 0.0  # rotation toward the working side


class Pose(Model):
    """One position of the figure. `facing` is where the front of the pelvis points and `head`
    where the trunk points from the pelvis (two different axes); `at` is the pelvis's x. The
    figure rests on the floor (or on the props under it), raised by `lift`; or its pelvis is
    `height` above the floor (needed to reach the `ground` landmark, the floor under it)."""

    facing: Direction
    head: Direction
    tilt: float = 0.0  # the pelvis turned about its left-right axis (+: top forward)
    roll: float = 0.0  # about its head-to-feet axis (+: working side turned to the front)
    lean: float = 0.0  # about its front-to-back axis (+: head toward the working side)
    at: float = 0.0
    lift: float = 0.0
    height: float | None = None
    # the defaults built without validating (the same values): a default built by validation
    # would build the models' validators when this module is imported (`defer_build`)
    trunk: TrunkPose = TrunkPose.model_construct()
    nod: float = 0.0  # head bent forward
    working_leg: LegPose = LegPose.model_construct()
    other_leg: LegPose = LegPose.model_construct()
    working_arm: ArmPose = ArmPose.model_construct()
    other_arm: ArmPose = ArmPose.model_construct()

    @model_validator(mode="after")
    def _axes_differ(self) -> Pose:
        axis = {"up": "y", "down": "y", "left": "x", "right": "x", "toward": "z", "away": "z"}
        if axis[self.facing] == axis[self.head]:
            raise ValueError(f"facing {self.facing!r} and head {self.head!r} share an axis")
        return self


PropKind = Literal[
    "foam_roller",
    "massage_ball",
    "wall",
    "chair",
    "counter",
    "band",
    "strap",
    "pillow",
    "step",
    "wobble_board",
    "heat_pack",
    "cold_pack",
    "mirror",
    "sensor",
    "screen",
]


class Prop(Model):
    """A prop placed at a landmark of the final pose. Under the body (`under`), the figure
    rests on it; a `wall` stands behind a massage ball or the body; a band or strap runs from
    `at` to `to`."""

    kind: PropKind
    at: Landmark
    to: Landmark | None = None  # band, strap: the other end
    placement: Literal["under", "behind", "beside", "over"] = "under"
    offset: Offset = (0.0, 0.0, 0.0)

    @model_validator(mode="after")
    def _ends(self) -> Prop:
        if (self.kind in ("band", "strap")) != (self.to is not None):
            raise ValueError("a band or a strap needs `to` (its other end), and only they have one")
        return self


class Arrow(Model):
    """`move`: the landmark's path from the start pose to the end pose; `press`: pressure on
    the landmark from `toward`'s opposite side; `roll`: to and fro along `toward`."""

    kind: Literal["move", "press", "roll"]
    at: Landmark
    toward: Direction = "down"
    bend: float = 0.25  # move: how far the path bows out (a share of its length; sign: side)
    offset: tuple[float, float] = (0.0, 0.0)  # shifts the arrow off the body (scene units)


class Illustration(Model):
    id: Id  # the treatment it shows
    title: str  # the picture's <title>
    alt: str  # one line for a reader who cannot see it
    view: Literal["side", "front", "back", "top"]  # top: looking down on a person lying
    sided: bool = True  # done on the sore side (or one side, then the other)
    turn: float = 0.0  # the camera turned about the vertical axis (degrees), for a 3/4 view
    tilt: float = 0.0  # the camera raised to look down (degrees; 90 for the top view)
    floor: Literal["mat", "floor", "none"] = "floor"
    start: Pose | None = None  # drawn faint, when the exercise moves
    end: Pose
    props: list[Prop] = []
    arrows: list[Arrow] = []

    @model_validator(mode="after")
    def _one_line(self) -> Illustration:
        if "\n" in self.alt.strip() or len(self.alt) > 240:
            raise ValueError("`alt` is one line of at most 240 characters")
        if any(a.kind == "move" for a in self.arrows) and self.start is None:
            raise ValueError("a `move` arrow needs a `start` pose")
        return self


# ---------------------------------------------------------------- thresholds


class CitedNumber(Cited):
    value: float = Field(ge=0)


class CitedCount(Cited):
    value: int = Field(ge=0)


class CarePlanThresholds(Model):
    """How the care plan picks what to offer (docs/adr/0003-care-plan.md)."""

    min_muscle_score: CitedNumber  # a muscle below this does not explain the case
    relative_muscle_score: CitedNumber  # ... nor below this share of the best muscle's score
    max_leading_muscles: CitedCount
    min_condition_probability: CitedNumber  # a condition below this is not "probable"
    home_limits: dict[TreatmentKind, CitedCount]  # most self-delivered items of one kind


class ProgressThresholds(Model):
    """When the pain diary says "clearly better", "worse" or "see a clinician"."""

    mcid_points: CitedNumber  # a clinically important fall in pain, in points of 0-10
    mcid_fraction: CitedNumber  # ... or as a share of the baseline
    worse_points: CitedNumber  # a clinically important rise
    not_better_weeks: CitedCount  # not clearly better after this long: see a clinician
    not_resolved_weeks: CitedCount  # not resolved after this long: see a clinician
    resolved_pain: CitedNumber  # a week's mean pain at or below this counts as resolved
    flat_trend_points_per_week: CitedNumber  # slopes smaller than this read as steady


class Thresholds(Model):
    """`thresholds.yaml`: the numbers that shape plans and progress, each with its source, so
    that `knowledge_version` changes whenever one of them does."""

    careplan: CarePlanThresholds
    progress: ProgressThresholds


KIND_MODELS: dict[str, type[Model]] = {
    "regions": Region,
    "muscles": Muscle,
    "structures": Structure,
    "symptoms": Symptom,
    "history": HistoryItem,
    "features": Feature,
    "conditions": Condition,
    "tests": Test,
    "triage_rules": TriageRule,
    "imaging_rules": ImagingRule,
    "treatments": Treatment,
    "sources": Source,
    "illustrations": Illustration,
    "codes": NamedCode,
}
assert tuple(KIND_MODELS) == KINDS  # kb.kinds names them for code that must not load this


def entry_title(entry: Any) -> str:
    """A one-line title for any entry: its name, label, citation or reason."""
    for name in ("name", "label", "citation", "reason"):
        value = getattr(entry, name, None)
        if isinstance(value, str):
            return value if len(value) <= 90 else value[:87] + "..."
    return str(getattr(entry, "id", ""))


def dump(entry: Model) -> dict[str, Any]:
    """An entry as plain JSON-ready data (for `kb list/show --json`)."""
    return entry.model_dump(mode="json", exclude_none=True)
