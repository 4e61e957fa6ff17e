"""Every number the progress rules use, beside its source (keys of knowledge/sources)."""

from __future__ import annotations

# Farrar 2001: on the 0-10 numerical pain rating scale a reduction of about 2 points or about
# 30% matched "much improved" (2724 patients, 10 trials).
MCID_POINTS = 2.0
MCID_FRACTION = 0.30
MCID_SOURCE = "farrar_2001"

# Worse by a clinically important amount: the same 2-point size in the other direction.
WORSE_POINTS = 2.0
WORSE_SOURCE = "farrar_2001"

# Not clearly better after 2 weeks of self-care: see a clinician (triggermap's rule, issue 5).
NOT_BETTER_WEEKS = 2
NOT_BETTER_SOURCE = "triggermap_estimate"

# Not resolved after 6 weeks: "failed conservative care" is 6 weeks (ACR low back pain
# criteria; NASS Choosing Wisely), the point at which a clinician should reassess.
NOT_RESOLVED_WEEKS = 6
NOT_RESOLVED_SOURCES = ("acr_lbp_2021", "nass_choosing_wisely")
RESOLVED_PAIN = 1.0  # a week's mean pain of 1 or less counts as resolved (triggermap_estimate)

# A red flag no assessment has rechecked (diary or earlier assessment): run triage at once.
RED_FLAG_SOURCE = "triggermap_estimate"

PEG_SOURCE = "krebs_2009"

# Windows (days): a week for the baseline and the current level, four weeks for the trend,
# two weeks for adherence and for the body map's first and latest views.
WEEK_DAYS = 7
TREND_DAYS = 28
TWO_WEEKS_DAYS = 14
FLAT_TREND_POINTS_PER_WEEK = 0.25  # slopes smaller than this read as "steady"

EPSILON = 1e-9  # comparisons of means against thresholds
