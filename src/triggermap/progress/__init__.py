"""Progress analysis (pure: frozen values in, frozen values out; "today" is an argument).

entries.py     diary entries, PEG scores, self-care sessions, and the checks on them
change.py      change from baseline and the clinically important change (Farrar 2001)
trend.py       least-squares slope over the last four weeks
adherence.py   self-care done against the care plan's schedule
regions.py     how often each region hurt, first and latest two weeks
escalation.py  red flag -> triage now; worse, not better at 2 weeks, not resolved at 6
report.py      analyse_progress(history, today=..., red_flags=..., rules=...) -> ProgressReport
thresholds.py  ProgressRules: the knowledge base's cited thresholds (thresholds.yaml), and the
               analysis windows
"""
