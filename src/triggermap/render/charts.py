"""Progress charts: pain and PEG over time with the improvement threshold, and body-map heat
maps of how often each region hurt in the first and the latest two weeks.

matplotlib (Agg backend) is imported inside the functions, so importing this module is cheap.
The file's extension picks the format: .png or .svg.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triggermap.errors import InputError, show_path
from triggermap.render.numbers import one_decimal

if TYPE_CHECKING:
    from triggermap.careplan.handout import Handout
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.progress.report import History, ProgressReport

FORMATS = (".png", ".svg")
PAIN_COLOUR, MEAN_COLOUR, PEG_COLOUR = "#c9b7a7", "#8c2d04", "#2166ac"
BETTER_COLOUR, BASELINE_COLOUR = "#1a9850", "#6b6159"


def check_chart_path(path: Path, *, force: bool = False) -> None:
    """Before any work: a .png or .svg file that can be written (see `private_files`)."""
    from triggermap.private_files import check_new_file

    if path.suffix.lower() not in FORMATS:
        raise InputError(f"--chart: {show_path(path)} must end in .png or .svg")
    check_new_file(path, "--chart", force=force)


@dataclass(frozen=True)
class ChartSize:
    width_inches: float
    font_points: float  # the smallest text, as printed at this width


SCREEN_SIZE_IN = (10.0, 8.2)
HANDOUT_SIZE_IN = (7.0, 4.4)  # shown this wide in the PDF handout (render.plan_pdf)
HANDOUT_MIN_FONT_PT = 7.5  # so no word is under 7 pt on paper
SCREEN = ChartSize(width_inches=SCREEN_SIZE_IN[0], font_points=9)
HANDOUT = ChartSize(width_inches=HANDOUT_SIZE_IN[0], font_points=HANDOUT_MIN_FONT_PT)


def write_progress_chart(
    path: Path,
    report: ProgressReport,
    history: History,
    *,
    kb: KnowledgeBase | None = None,
    side: str | None = None,
    size: ChartSize = SCREEN,
    force: bool = False,
) -> None:
    """Pain over time, PEG in a panel of its own, and the two body maps; one private file
    (`private_files`: 0600, never through a link, an existing one replaced only with `force`).
    The body maps paint only the painful `side` (both for bilateral or unknown)."""
    from triggermap.private_files import write_private_file

    check_chart_path(path, force=force)
    image_format = path.suffix.lower().lstrip(".")
    data = progress_chart_bytes(report, history, image_format, side=side, size=size)
    write_private_file(path, data, "--chart", force=force)


def progress_chart_bytes(
    report: ProgressReport,
    history: History,
    image_format: str,
    *,
    side: str | None = None,
    size: ChartSize = SCREEN,
) -> bytes:
    """The charts as the bytes of a .png or .svg file (drawn in memory, never on disk)."""
    from io import BytesIO

    plt = _pyplot()
    buffer = BytesIO()
    with plt.rc_context({"font.size": size.font_points}):
        fig = _figure(plt, report, history, side, size)
        try:
            with warnings.catch_warnings():  # a diary of one or two days leaves the locator unsure
                warnings.filterwarnings("ignore", message="AutoDateLocator was unable")
                fig.savefig(buffer, format=image_format, dpi=120 if size is SCREEN else 200)
        finally:
            plt.close(fig)
    return buffer.getvalue()


def progress_figure(
    report: ProgressReport,
    history: History,
    *,
    size_in: tuple[float, float] = SCREEN_SIZE_IN,
    side: str | None = None,
) -> Any:
    """The chart as a matplotlib figure `size_in[0]` inches wide (its height follows the
    panels); at the handout's width no word is under HANDOUT_MIN_FONT_PT."""
    plt = _pyplot()
    size = HANDOUT if size_in[0] < SCREEN_SIZE_IN[0] else SCREEN
    with plt.rc_context({"font.size": size.font_points}):
        return _figure(plt, report, history, side, replace(size, width_inches=size_in[0]))


def _figure(
    plt: Any, report: ProgressReport, history: History, side: str | None, size: ChartSize
) -> Any:
    panels = [1.0] + ([0.6] if history.peg else []) + [1.15]
    height = size.width_inches * 0.82 * sum(panels) / 2.15
    fig = plt.figure(figsize=(size.width_inches, height), layout="constrained")
    figures = fig.subfigures(len(panels), 1, height_ratios=panels)
    pain_axes = figures[0].subplots()
    draw_pain_chart(pain_axes, report, history, size)
    if history.peg:
        peg_axes = figures[1].subplots()
        draw_peg_chart(peg_axes, report, history, size)
        if history.diary:  # the same days under each other
            peg_axes.set_xlim(pain_axes.get_xlim())
    _draw_region_maps(figures[-1], report, side, size)
    fig.suptitle(_title(report), fontsize=size.font_points + 2)
    return fig


def with_progress_chart(
    handout: Handout, report: ProgressReport, history: History, *, side: str | None = None
) -> Handout:
    """The handout with the person's progress charts, when they have a diary."""
    return replace(handout, progress_chart_png=progress_chart_png(report, history, side=side))


def progress_chart_png(
    report: ProgressReport, history: History, *, side: str | None = None
) -> bytes | None:
    """The progress charts as PNG bytes for a handout (drawn at the width it is printed, so
    no text is under 7 pt), or None when the diary is empty."""
    if not history.diary:
        return None
    return progress_chart_bytes(report, history, "png", side=side, size=HANDOUT)


def draw_pain_chart(
    ax: Any, report: ProgressReport, history: History, size: ChartSize = SCREEN
) -> None:
    """Daily pain (dots), its 7-day mean (line), the baseline and the zone below the
    improvement threshold (2 points or 30% below baseline; Farrar 2001)."""
    diary = [e for e in history.diary if e.day <= report.today]
    if not diary:
        ax.text(
            0.5,
            0.5,
            "no diary entries yet",
            ha="center",
            va="center",
            transform=ax.transAxes,
            color=BASELINE_COLOUR,
        )
        ax.set_axis_off()
        return
    days = [e.day for e in diary]
    ax.scatter(
        days,
        [e.pain for e in diary],
        s=9,
        color=PAIN_COLOUR,
        label="daily pain",
        zorder=2,
        linewidths=0,
    )
    means = _rolling_mean(diary)
    ax.plot(
        list(means),
        list(means.values()),
        color=MEAN_COLOUR,
        linewidth=2,
        label="pain, 7-day mean",
        zorder=3,
    )
    _draw_thresholds(ax, report)
    _score_axes(ax, "pain, 0 = none, 10 = worst", size)
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        fontsize=size.font_points,
        frameon=False,
        ncols=2 if size is HANDOUT else 3,
    )
    _date_axis(ax)


def draw_peg_chart(
    ax: Any, report: ProgressReport, history: History, size: ChartSize = SCREEN
) -> None:
    """The PEG score (the mean of pain, enjoyment and activity, 0-10; Krebs 2009) on its own
    axes: a different measure from the daily pain."""
    scores = [p for p in history.peg if p.day <= report.today]
    ax.plot(
        [p.day for p in scores],
        [p.score for p in scores],
        marker="o",
        markersize=4,
        color=PEG_COLOUR,
        linewidth=1.2,
        label="PEG score (pain, enjoyment, activity)",
    )
    _score_axes(ax, "PEG, 0-10", size)
    ax.legend(loc="upper right", fontsize=size.font_points, frameon=False)
    _date_axis(ax)


def _score_axes(ax: Any, label: str, size: ChartSize) -> None:
    ax.set_ylim(-0.3, 10.3)
    ax.set_yticks(range(0, 11, 2))
    ax.set_ylabel(label, fontsize=size.font_points)
    ax.tick_params(labelsize=size.font_points)
    ax.grid(axis="y", color="#e6e0da", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)


def _date_axis(ax: Any) -> None:
    from matplotlib import dates

    module: Any = dates  # its locators are untyped
    low, high = ax.get_xlim()
    if high - low < 14:  # a short diary: widen, so the date locator finds an interval
        middle = (low + high) / 2
        ax.set_xlim(middle - 7, middle + 7)
    locator = module.AutoDateLocator(maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(module.ConciseDateFormatter(locator))


def _draw_thresholds(ax: Any, report: ProgressReport) -> None:
    threshold = report.improvement_threshold()
    if report.pain is None or threshold is None:
        return
    baseline = report.pain.baseline
    ax.axhline(
        baseline,
        color=BASELINE_COLOUR,
        linestyle="--",
        linewidth=1,
        zorder=1,
        label=f"start (first week's mean): {one_decimal(baseline):.1f}",
    )
    ax.axhspan(-0.3, threshold, color=BETTER_COLOUR, alpha=0.09, zorder=0)
    ax.axhline(
        threshold,
        color=BETTER_COLOUR,
        linewidth=1,
        zorder=1,
        label=f"clearly better: {one_decimal(threshold):.1f} or less "
        "(2 points or 30% below the start; Farrar 2001)",
    )


def _rolling_mean(diary: list[Any]) -> dict[date, float]:
    """Mean pain over the 7 days ending on each diary day (days with entries only)."""
    from triggermap.progress.change import daily_pain

    daily = daily_pain(diary)
    ordered = sorted(daily)
    out: dict[date, float] = {}
    start = 0
    total = 0.0
    for end, day in enumerate(ordered):
        total += daily[day]
        while ordered[start] < day - timedelta(days=6):
            total -= daily[ordered[start]]
            start += 1
        out[day] = total / (end - start + 1)
    return out


def _draw_region_maps(
    figure: Any, report: ProgressReport, side: str | None, size: ChartSize
) -> None:
    from triggermap.render.body_geometry import painted_sides
    from triggermap.render.bodymap import draw_body_map

    axes = figure.subplots(1, 2)
    if report.regions is None:
        for ax in axes:
            ax.set_axis_off()
        return
    mappable = None
    for ax, (name, frequency) in zip(axes, _windows(report), strict=True):
        first, last = frequency.days
        title = f"{name}: {first:%d %b} to {last:%d %b %Y}\n({frequency.diary_days} diary days)"
        mappable = draw_body_map(
            ax,
            frequency.share,
            title=title,
            sides=painted_sides(side or "unknown"),
            title_points=size.font_points + 1,
        )
    bar = figure.colorbar(mappable, ax=list(axes), shrink=0.7, pad=0.02)
    bar.set_label("share of diary days the region hurt", fontsize=size.font_points)
    bar.ax.tick_params(labelsize=size.font_points)
    bar.ax.yaxis.set_major_formatter(_percent_formatter())


def _windows(report: ProgressReport) -> list[tuple[str, Any]]:
    assert report.regions is not None
    first, latest = report.regions
    return [("at the start", first), ("latest", latest)]


def _title(report: ProgressReport) -> str:
    if report.first_day is None:
        return "Progress"
    return f"Progress from {report.first_day:%d %b %Y} to {report.last_day:%d %b %Y}"


def _percent_formatter() -> Any:
    from matplotlib.ticker import PercentFormatter

    return PercentFormatter(xmax=1.0, decimals=0)


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt
