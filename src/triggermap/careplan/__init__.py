"""Care planning: a dosed, safe, printable plan from an assessment (pure: no I/O, no clock).

generate_care_plan(case=..., assessment=..., kb=..., today=date(...)) -> CarePlan
"""

from triggermap.careplan.generator import generate_care_plan
from triggermap.careplan.model import (
    PHASES,
    SELF_TREATMENT_KINDS,
    UNDOSED_KINDS,
    CarePlan,
    PlanDose,
    PlanItem,
    Referral,
    SafetyNetGroup,
)

__all__ = [
    "PHASES",
    "SELF_TREATMENT_KINDS",
    "UNDOSED_KINDS",
    "CarePlan",
    "PlanDose",
    "PlanItem",
    "Referral",
    "SafetyNetGroup",
    "generate_care_plan",
]
