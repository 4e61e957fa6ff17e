"""The body map covers every region of the knowledge base; charts draw from stored history."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from triggermap.errors import InputError
from triggermap.kb.loader import KnowledgeBase
from triggermap.render.bodymap import REGION_SHAPES, region_ids, shapes_for
from triggermap.render.charts import check_chart_path, write_history_chart


def test_every_region_has_a_shape(kb: KnowledgeBase) -> None:
    assert region_ids() == set(kb.regions)


def test_shapes_are_drawn_in_the_view_the_knowledge_base_gives(kb: KnowledgeBase) -> None:
    for region in kb.regions.values():
        views = {shape.view for shape in REGION_SHAPES if shape.region == region.id}
        expected = {"back", "front"} if region.view == "side" else {region.view}
        assert expected <= views, region.id


def test_midline_shapes_are_not_mirrored() -> None:
    midline = {s.region for s in REGION_SHAPES if not s.mirrored}
    assert midline == {"lower_back", "sacrum", "coccyx", "gluteal_cleft", "lower_abdomen"}
    assert all(len(shape.points) >= 3 for shape in shapes_for("back") + shapes_for("front"))


def history(days: int) -> dict[str, object]:
    start = date(2024, 1, 1)
    return {
        "diary": [
            {
                "day": (start + timedelta(days=n)).isoformat(),
                "pain": 7 - n // 10,
                "regions": ["mid_buttock", "groin"] if n < 14 else ["mid_buttock"],
            }
            for n in range(days)
        ],
        "peg": [{"day": start.isoformat(), "pain": 6, "enjoyment": 5, "activity": 4}],
    }


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_the_handout_draws_charts_from_person_history(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"history{suffix}"
    write_history_chart(path, history(40))
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data[:2000]


def test_an_empty_history_still_draws(tmp_path: Path) -> None:
    path = tmp_path / "empty.png"
    write_history_chart(path, {"diary": [], "peg": []}, today=date(2024, 1, 1))
    assert path.stat().st_size > 0


def test_chart_path_must_be_png_or_svg(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^--chart: .* must end in .png or .svg$"):
        check_chart_path(tmp_path / "chart.pdf")
    with pytest.raises(InputError, match=r"^--chart: folder .* does not exist$"):
        check_chart_path(tmp_path / "missing" / "chart.png")
