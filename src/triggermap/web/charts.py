"""The progress page's charts as small SVG (no script, no inline style: the page's CSS colours
them): pain by day with its weekly mean, PEG scores, and the then-vs-now body-map heat map.

Drawing only: the figures (baseline, threshold, windows, shares) are the progress report's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from triggermap.progress.entries import DiaryEntry, PegScore
    from triggermap.progress.report import ProgressReport

WIDTH, HEIGHT = 640.0, 260.0
LEFT, RIGHT, TOP, BOTTOM = 40.0, 16.0, 34.0, 34.0
WEEK_DAYS = 7
HEAT_STEPS = (0.25, 0.5, 0.75)  # a region's share of diary days: up to 25 %, 50 %, 75 %, more
HEAT_LEGEND = (
    ("heat-1", "up to a quarter of the days"),
    ("heat-2", "up to half"),
    ("heat-3", "up to three quarters"),
    ("heat-4", "more"),
)


@dataclass(frozen=True)
class Frame:
    first: date
    last: date

    @property
    def days(self) -> int:
        return max(1, (self.last - self.first).days)

    def x(self, day: date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - self.first).days / self.days

    @staticmethod
    def y(score: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - score / 10)


def pain_chart(diary: Sequence[DiaryEntry], report: ProgressReport) -> Markup:
    """Each day's pain as a dot, the mean of the week before as a line, and the line below
    which the pain counts as clearly better than at the start."""
    if not diary:
        return Markup("")
    frame = Frame(min(e.day for e in diary), max(e.day for e in diary))
    parts = [_axes(frame, "Pain, 0 to 10")]
    threshold = report.improvement_threshold()
    if threshold is not None:
        y = frame.y(threshold)
        parts.append(_line(LEFT, y, WIDTH - RIGHT, y, "chart__threshold"))  # its value: legend
    means = weekly_means(diary)
    points = " ".join(f"{frame.x(d):.1f},{frame.y(v):.1f}" for d, v in sorted(means.items()))
    parts.append(f'<polyline class="chart__line" points="{points}"/>')
    for e in diary:
        parts.append(
            f'<circle class="chart__dot" cx="{frame.x(e.day):.1f}" '
            f'cy="{frame.y(e.pain):.1f}" r="3.5"/>'
        )
    label = f"Pain by day from {frame.first:%d %B %Y} to {frame.last:%d %B %Y}"
    return _svg(label, parts)


def peg_chart(pegs: Sequence[PegScore]) -> Markup:
    """Each PEG score (the mean of its three items) as a dot, joined in order."""
    if not pegs:
        return Markup("")
    first, last = min(g.day for g in pegs), max(g.day for g in pegs)
    frame = Frame(first, last if last > first else first + timedelta(days=WEEK_DAYS))
    ordered = sorted(pegs, key=lambda g: g.day)
    points = " ".join(f"{frame.x(g.day):.1f},{frame.y(g.score):.1f}" for g in ordered)
    parts = [
        _axes(frame, "PEG score, 0 to 10"),
        f'<polyline class="chart__line" points="{points}"/>',
    ]
    parts += [
        f'<circle class="chart__dot chart__dot--peg" cx="{frame.x(g.day):.1f}" '
        f'cy="{frame.y(g.score):.1f}" r="4"/>'
        for g in ordered
    ]
    return _svg(f"PEG scores from {first:%d %B %Y} to {last:%d %B %Y}", parts)


def weekly_means(diary: Sequence[DiaryEntry]) -> dict[date, float]:
    """{day: the mean pain of the entries of the week up to that day} for each diary day."""
    out: dict[date, float] = {}
    for day in sorted({e.day for e in diary}):
        week = [e.pain for e in diary if day - timedelta(days=WEEK_DAYS - 1) <= e.day <= day]
        out[day] = sum(week) / len(week)
    return out


def heat_marks(share: dict[str, float]) -> dict[str, str]:
    """{region: heat-1..heat-4} by the share of diary days it hurt."""
    return {region: f"heat-{_step(value)}" for region, value in share.items() if value > 0}


def _step(value: float) -> int:
    return 1 + sum(value > step for step in HEAT_STEPS)


def _axes(frame: Frame, title: str) -> str:
    parts = []
    for score in range(0, 11, 2):
        y = frame.y(score)
        parts.append(_line(LEFT, y, WIDTH - RIGHT, y, "chart__grid"))
        parts.append(_text(LEFT - 6, y + 4, str(score), "end"))
    bottom = HEIGHT - BOTTOM + 18
    parts.append(_text(LEFT, bottom, f"{frame.first:%d %b}", "start"))
    parts.append(_text(WIDTH - RIGHT, bottom, f"{frame.last:%d %b %Y}", "end"))
    parts.append(_text(LEFT, TOP - 12, title, "start"))
    return "".join(parts)


def _line(x1: float, y1: float, x2: float, y2: float, kind: str) -> str:
    return f'<line class="{kind}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"/>'


def _text(x: float, y: float, text: str, anchor: str) -> str:
    return (
        f'<text class="chart__text" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">'
        f"{escape(text)}</text>"
    )


def _svg(label: str, parts: list[str]) -> Markup:
    head = (
        f'<svg class="chart" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" role="img" '
        f'aria-label="{escape(label)}">'
    )
    return Markup(head + "".join(parts) + "</svg>")
