"""The numbers the progress rules use.

The clinical ones (what counts as clearly better or worse, when to see a clinician, what reads
as a steady trend) are cited numbers of the knowledge base (`thresholds.yaml`: progress), so
that `knowledge_version` changes with them; `ProgressRules.from_kb` reads them once per report.
What stays here are the windows of the analysis and the sources of rules that have no number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase


@dataclass(frozen=True, slots=True)
class ProgressRules:
    mcid_points: float  # clearly better: this many points less (Farrar 2001) ...
    mcid_fraction: float  # ... or this share less than at the start
    mcid_source: str
    worse_points: float  # worse by a clinically important amount
    worse_source: str
    not_better_weeks: int  # not clearly better after this long: see a clinician
    not_better_source: str
    not_resolved_weeks: int  # not resolved after this long: see a clinician
    not_resolved_source: str
    resolved_pain: float  # a week's mean pain at or below this counts as resolved
    flat_trend_points_per_week: float  # slopes smaller than this read as "steady"

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> ProgressRules:
        t = kb.thresholds.progress
        return cls(
            mcid_points=t.mcid_points.value,
            mcid_fraction=t.mcid_fraction.value,
            mcid_source=t.mcid_points.source,
            worse_points=t.worse_points.value,
            worse_source=t.worse_points.source,
            not_better_weeks=t.not_better_weeks.value,
            not_better_source=t.not_better_weeks.source,
            not_resolved_weeks=t.not_resolved_weeks.value,
            not_resolved_source=t.not_resolved_weeks.source,
            resolved_pain=t.resolved_pain.value,
            flat_trend_points_per_week=t.flat_trend_points_per_week.value,
        )


# A red flag no assessment has rechecked (diary or earlier assessment): run triage at once.
RED_FLAG_SOURCE = "triggermap_estimate"

PEG_SOURCE = "krebs_2009"

# Windows (days): a week for the baseline and the current level, four weeks for the trend,
# two weeks for adherence and for the body map's first and latest views.
WEEK_DAYS = 7
TREND_DAYS = 28
# A trend is shown once its entries span two weeks: over a few days, a slope read as points a
# week is day-to-day noise (two entries two days apart made '-7 points a week').
MIN_TREND_SPAN_DAYS = 14
TWO_WEEKS_DAYS = 14

EPSILON = 1e-9  # comparisons of means against thresholds
