"""Progress charts: pain and PEG over time with the improvement threshold, and body-map heat
maps of how often each region hurt in the first and the latest two weeks.

matplotlib (Agg backend) is imported inside the functions, so importing this module is cheap.
The file's extension picks the format: .png or .svg.
"""

from __future__ import annotations

import warnings
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triggermap.errors import InputError
from triggermap.render.numbers import one_decimal

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.progress.report import History, ProgressReport

FORMATS = (".png", ".svg")
PAIN_COLOUR, MEAN_COLOUR, PEG_COLOUR = "#c9b7a7", "#8c2d04", "#2166ac"
BETTER_COLOUR, BASELINE_COLOUR = "#1a9850", "#6b6159"


def check_chart_path(path: Path) -> None:
    if path.suffix.lower() not in FORMATS:
        raise InputError(f"--chart: {str(path)!r} must end in .png or .svg")
    if not path.parent.exists():
        raise InputError(f"--chart: folder {str(path.parent)!r} does not exist")


SCREEN_SIZE_IN = (10.0, 8.2)
HANDOUT_SIZE_IN = (7.0, 4.4)  # shown at this size in the PDF handout: no word under 7 pt
HANDOUT_MIN_FONT_PT = 7.5


def write_progress_chart(
    path: Path,
    report: ProgressReport,
    history: History,
    *,
    kb: KnowledgeBase | None = None,
    size_in: tuple[float, float] = SCREEN_SIZE_IN,
) -> None:
    """Pain and PEG over time above, the two body maps below; one file."""
    check_chart_path(path)
    plt = _pyplot()
    fig = progress_figure(report, history, size_in=size_in)
    try:
        with warnings.catch_warnings():  # a diary of one or two days leaves the locator unsure
            warnings.filterwarnings("ignore", message="AutoDateLocator was unable")
            fig.savefig(path, dpi=120)
    except OSError as exc:
        raise InputError(f"--chart: cannot write {str(path)!r}: {exc.strerror}") from None
    finally:
        plt.close(fig)


def progress_figure(
    report: ProgressReport, history: History, *, size_in: tuple[float, float] = SCREEN_SIZE_IN
) -> Any:
    """The chart as a matplotlib figure; at the handout's size no word is under 7.5 pt."""
    plt = _pyplot()
    small = size_in[0] < SCREEN_SIZE_IN[0]
    with plt.rc_context({"font.size": 8.5 if small else 10.0}):
        fig = plt.figure(figsize=size_in, layout="constrained")
        top, bottom = fig.subfigures(2, 1, height_ratios=[1, 1.15])
        draw_pain_chart(top.subplots(), report, history)
        _draw_region_maps(bottom, report)
        fig.suptitle(_title(report), fontsize=11)
    return fig


def progress_chart_png(report: ProgressReport, history: History) -> bytes | None:
    """The progress charts as PNG bytes for a handout (drawn at the size the handout shows
    them), or None when the diary is empty."""
    import tempfile

    if not history.diary:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "progress.png"
        write_progress_chart(path, report, history, size_in=HANDOUT_SIZE_IN)
        return path.read_bytes()


def draw_pain_chart(ax: Any, report: ProgressReport, history: History) -> None:
    """Daily pain (dots), its 7-day mean (line), PEG scores, the baseline and the zone below
    the improvement threshold (2 points or 30% below baseline; Farrar 2001)."""
    diary = [e for e in history.diary if e.day <= report.today]
    if not diary and not history.peg:
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
    if history.peg:
        ax.plot(
            [p.day for p in history.peg],
            [p.score for p in history.peg],
            marker="o",
            markersize=4,
            color=PEG_COLOUR,
            linewidth=1.2,
            label="PEG score",
            zorder=4,
        )
    _draw_thresholds(ax, report)
    ax.set_ylim(-0.3, 10.3)
    ax.set_yticks(range(0, 11, 2))
    ax.set_ylabel("0 = no pain, 10 = worst")
    ax.grid(axis="y", color="#e6e0da", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), fontsize=8, frameon=False, ncols=3)
    _date_axis(ax)


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


def _draw_region_maps(figure: Any, report: ProgressReport) -> None:
    from triggermap.render.bodymap import draw_body_map

    axes = figure.subplots(1, 2)
    if report.regions is None:
        for ax in axes:
            ax.set_axis_off()
        return
    mappable = None
    for ax, (name, frequency) in zip(axes, _windows(report), strict=True):
        first, last = frequency.days
        title = f"{name}: {first:%d %b} to {last:%d %b %Y} ({frequency.diary_days} diary days)"
        mappable = draw_body_map(ax, frequency.share, title=title)
    bar = figure.colorbar(mappable, ax=list(axes), shrink=0.7, pad=0.02)
    bar.set_label("share of diary days the region hurt")
    bar.ax.yaxis.set_major_formatter(_percent_formatter())


def _windows(report: ProgressReport) -> list[tuple[str, Any]]:
    assert report.regions is not None
    first, latest = report.regions
    return [("first two weeks", first), ("latest two weeks", latest)]


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
