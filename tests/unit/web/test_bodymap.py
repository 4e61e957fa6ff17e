"""The web body map: one control per region, in the view the knowledge base gives it."""

from __future__ import annotations

from collections import Counter

from triggermap.kb.loader import KnowledgeBase
from triggermap.web.bodymap import body_views, painted_sides


def test_each_region_is_a_control_in_exactly_one_view(kb: KnowledgeBase) -> None:
    views = body_views({r.id: r.view for r in kb.regions.values()})
    controls = Counter(d.region for v in views for d in v.controls)
    assert set(controls) == set(kb.regions)
    assert set(controls.values()) == {1}
    for view in views:
        assert all(kb.regions[d.region].view == view.view for d in view.controls)


def test_the_back_view_shows_the_persons_left_on_the_left() -> None:
    back, front, side = body_views({})
    assert (back.left, back.right) == ("Your left", "Your right")
    assert (front.left, front.right) == ("Your right", "Your left")
    assert (side.left, side.right) == ("", "")


def test_a_mirrored_region_has_a_path_on_each_side(kb: KnowledgeBase) -> None:
    back = body_views({r.id: r.view for r in kb.regions.values()})[0]
    buttock = next(d for d in back.regions if d.region == "mid_buttock")
    sacrum = next(d for d in back.regions if d.region == "sacrum")
    assert sorted(p.side for p in buttock.paths) == ["left", "right"]
    assert [p.side for p in sacrum.paths] == ["middle"]


def test_marks_are_painted_on_the_painful_side_or_both_when_unknown() -> None:
    assert painted_sides("left") == {"left", "middle"}
    assert painted_sides("bilateral") == painted_sides(None) == {"left", "right", "middle"}
