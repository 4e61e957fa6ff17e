"""The body map covers every region of the knowledge base; charts draw from stored history."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from triggermap.errors import InputError
from triggermap.kb.loader import KnowledgeBase, load_knowledge
from triggermap.progress.entries import DiaryEntry, PegScore
from triggermap.progress.report import History, ProgressReport, analyse_progress
from triggermap.progress.thresholds import ProgressRules
from triggermap.render.bodymap import REGION_SHAPES, region_ids, shapes_for
from triggermap.render.charts import check_chart_path, progress_chart_png, write_progress_chart
from triggermap.services.clock import SystemZone

ZONE = SystemZone()  # the machine's zone, as the command line uses

RULES = ProgressRules.from_kb(load_knowledge())


def test_every_region_has_a_shape(kb: KnowledgeBase) -> None:
    assert region_ids() == set(kb.regions)


def test_shapes_are_drawn_in_the_view_the_knowledge_base_gives(kb: KnowledgeBase) -> None:
    for region in kb.regions.values():
        views = {shape.view for shape in REGION_SHAPES if shape.region == region.id}
        expected = {"back", "front", "side"} if region.view == "side" else {region.view}
        assert expected <= views, region.id


def test_the_side_view_holds_exactly_the_regions_seen_from_the_side(kb: KnowledgeBase) -> None:
    side = {s.region for s in shapes_for("side")}
    assert side == {r.id for r in kb.regions.values() if r.view == "side"}


def test_every_region_is_large_enough_to_tap_in_its_own_view(kb: KnowledgeBase) -> None:
    """7.5 frame units: 24 CSS pixels at the web map's smallest scale (3.2 px a unit)."""
    for shape in REGION_SHAPES:
        if kb.regions[shape.region].view != shape.view:
            continue
        xs, ys = [x for x, _ in shape.points], [y for _, y in shape.points]
        assert min(max(xs) - min(xs), max(ys) - min(ys)) >= 7.5, shape.region


def test_midline_shapes_are_not_mirrored() -> None:
    midline = {s.region for s in REGION_SHAPES if not s.mirrored and s.view != "side"}
    assert midline == {"lower_back", "sacrum", "coccyx", "gluteal_cleft", "lower_abdomen"}
    assert all(len(shape.points) >= 3 for shape in shapes_for("back") + shapes_for("front"))


def history(days: int) -> History:
    start = date(2024, 1, 1)
    return History(
        diary=tuple(
            DiaryEntry(
                day=start + timedelta(days=n),
                pain=7 - n // 10,
                regions=("mid_buttock", "groin") if n < 14 else ("mid_buttock",),
            )
            for n in range(days)
        ),
        peg=(PegScore(day=start, pain=6, enjoyment=5, activity=4),),
    )


def report_for(values: History, today: date) -> ProgressReport:
    return analyse_progress(values, today=today, red_flags=frozenset(), rules=RULES, tz=ZONE)


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_progress_charts_draw_as_png_and_svg(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"history{suffix}"
    values = history(40)
    write_progress_chart(path, report_for(values, date(2024, 2, 9)), values)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data[:2000]


def test_the_handout_chart_is_a_png_and_absent_without_a_diary() -> None:
    values = history(40)
    png = progress_chart_png(report_for(values, date(2024, 2, 9)), values)
    assert png is not None and png.startswith(b"\x89PNG")
    empty = History(diary=(), peg=())
    assert progress_chart_png(report_for(empty, date(2024, 1, 1)), empty) is None


def test_an_empty_history_still_draws(tmp_path: Path) -> None:
    path = tmp_path / "empty.png"
    empty = History(diary=(), peg=())
    write_progress_chart(path, report_for(empty, date(2024, 1, 1)), empty)
    assert path.stat().st_size > 0


def test_chart_path_must_be_png_or_svg(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^--chart: .* must end in .png or .svg$"):
        check_chart_path(tmp_path / "chart.pdf")
    with pytest.raises(InputError, match=r"^--chart: folder .* does not exist$"):
        check_chart_path(tmp_path / "missing" / "chart.png")


def test_pain_and_peg_have_a_panel_each() -> None:
    from triggermap.render.charts import HANDOUT_SIZE_IN, _pyplot, progress_figure

    values = history(40)
    fig = progress_figure(
        report_for(values, date(2024, 2, 9)), values, size_in=HANDOUT_SIZE_IN, side="right"
    )
    try:
        labels = [ax.get_ylabel() for ax in fig.get_axes()]
        assert "PEG, 0-10" in labels and any(label.startswith("pain") for label in labels)
    finally:
        _pyplot().close(fig)


def test_a_short_diary_is_compared_in_two_halves_that_do_not_overlap() -> None:
    from triggermap.progress.regions import first_and_latest

    entries = [
        DiaryEntry(date(2024, 1, 1) + timedelta(days=n), 5, ("mid_buttock",)) for n in range(10)
    ]
    first, latest = first_and_latest(entries) or (None, None)
    assert first is not None and latest is not None
    assert first.days == (date(2024, 1, 1), date(2024, 1, 5))
    assert latest.days == (date(2024, 1, 6), date(2024, 1, 10))
    assert first_and_latest(entries[:1]) is None


def test_the_body_map_paints_only_the_painful_side() -> None:
    from triggermap.render.body_geometry import painted_sides, region_polygons, shapes_for

    shape = next(s for s in shapes_for("back") if s.region == "mid_buttock")
    assert len(region_polygons(shape, 0, painted_sides("right"))) == 1
    assert len(region_polygons(shape, 0, painted_sides("unknown"))) == 2


def test_the_handout_chart_keeps_every_word_at_7_pt_or_more() -> None:
    """The handout shows the chart at the size it is drawn, so a word's size in the figure is
    its size on paper."""
    from matplotlib.text import Text

    from triggermap.render.charts import HANDOUT_MIN_FONT_PT, HANDOUT_SIZE_IN, progress_figure
    from triggermap.render.plan_pdf import PROGRESS_WIDTH_PT

    values = history(40)
    fig = progress_figure(report_for(values, date(2024, 2, 9)), values, size_in=HANDOUT_SIZE_IN)
    fig.canvas.draw()
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_text().strip()]
    assert sizes and min(sizes) >= HANDOUT_MIN_FONT_PT >= 7
    assert HANDOUT_SIZE_IN[0] * 72 == PROGRESS_WIDTH_PT
