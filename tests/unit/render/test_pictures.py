"""Exercise pictures: every one draws as valid SVG with a title and a one-line description,
highlights exactly its treatment's muscles, and puts them on the side it is drawn for."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from triggermap.errors import KnowledgeError
from triggermap.kb.loader import KnowledgeBase, knowledge_root, load_knowledge
from triggermap.kb.schema import Illustration, Pose
from triggermap.render.pictures import picture_for
from triggermap.render.pictures.check import SELF_CARE_KINDS, picture_problems
from triggermap.render.pictures.png import svg_to_png
from triggermap.render.pictures.svg import picture_svg

SVG = "{http://www.w3.org/2000/svg}"
WIDTH = 160.0


def _svg(kb: KnowledgeBase, treatment_id: str, side: str) -> ET.Element:
    picture = picture_for(kb, treatment_id, side)  # type: ignore[arg-type]
    assert picture is not None
    return ET.fromstring(picture_svg(picture))


def _targets(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter(f"{SVG}polygon") if e.get("class") == "target"]


def _centre_x(elements: list[ET.Element]) -> float:
    xs = [float(p.split(",")[0]) for e in elements for p in (e.get("points") or "").split()]
    return (min(xs) + max(xs)) / 2


def _self_care(kb: KnowledgeBase) -> list[str]:
    return sorted(t.id for t in kb.treatments.values() if t.kind in SELF_CARE_KINDS)


def test_every_self_care_item_has_a_picture_that_draws(kb: KnowledgeBase) -> None:
    assert len(_self_care(kb)) >= 27
    assert picture_problems(kb) == []


@pytest.mark.parametrize("side", ["left", "right"])
def test_each_picture_is_valid_svg_with_a_title_and_its_muscles(
    kb: KnowledgeBase, side: str
) -> None:
    for treatment_id in _self_care(kb):
        root = _svg(kb, treatment_id, side)
        title = root.find(f"{SVG}title")
        assert title is not None and title.text and title.text.strip(), treatment_id
        alt = root.get("aria-label") or ""
        assert alt and "\n" not in alt and len(alt) <= 240, treatment_id
        sided = kb.illustrations[treatment_id].sided
        targets = _targets(root)
        muscles = {e.get("data-muscle") for e in targets}
        assert muscles == set(kb.treatments[treatment_id].muscles), treatment_id
        sides = {e.get("data-side") for e in targets}
        if targets:
            assert sides == ({side} if sided else {"left", "right"}), treatment_id
        if sided:
            assert f"{side.capitalize()} side" in "".join(root.itertext()), treatment_id


def test_left_and_right_are_mirror_images(kb: KnowledgeBase) -> None:
    for treatment_id in _self_care(kb):
        if not kb.illustrations[treatment_id].sided or not kb.treatments[treatment_id].muscles:
            continue
        left = _centre_x(_targets(_svg(kb, treatment_id, "left")))
        right = _centre_x(_targets(_svg(kb, treatment_id, "right")))
        assert left + right == pytest.approx(WIDTH, abs=0.3), treatment_id


def test_the_persons_side_is_where_a_viewer_expects_it(kb: KnowledgeBase) -> None:
    """Seen from behind, the person's right is on the viewer's right; from the front, on the
    viewer's left."""
    back = "stretch_quadratus_lumborum"
    front = "ball_release_gluteus_minimus"
    assert kb.illustrations[back].view == "back" and kb.illustrations[front].view == "front"
    assert _centre_x(_targets(_svg(kb, back, "right"))) > WIDTH / 2
    assert _centre_x(_targets(_svg(kb, back, "left"))) < WIDTH / 2
    assert _centre_x(_targets(_svg(kb, front, "right"))) < WIDTH / 2
    assert _centre_x(_targets(_svg(kb, front, "left"))) > WIDTH / 2


def test_a_picture_is_the_same_bytes_every_time(kb: KnowledgeBase) -> None:
    first = picture_svg(picture_for(kb, "stretch_piriformis", "left"))  # type: ignore[arg-type]
    assert first == picture_svg(picture_for(kb, "stretch_piriformis", "left"))  # type: ignore[arg-type]


def test_png_is_drawn_from_the_svg(kb: KnowledgeBase) -> None:
    svg = picture_svg(picture_for(kb, "strengthen_glute_bridge", None))  # type: ignore[arg-type]
    assert svg_to_png(svg, width_px=320).startswith(b"\x89PNG\r\n\x1a\n")


def _copy_knowledge(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(str(knowledge_root()), folder)
    return folder


def test_kb_check_names_a_self_care_item_without_a_picture(tmp_path: Path) -> None:
    folder = _copy_knowledge(tmp_path)
    (folder / "illustrations" / "strengthen_clamshell.yaml").unlink()
    problems = picture_problems(load_knowledge(folder, use_cache=False))
    assert problems == [
        "treatments/strengthen.yaml: treatment 'strengthen_clamshell': no picture "
        "(add illustrations/strengthen_clamshell.yaml)"
    ]


def test_kb_check_names_a_pose_that_does_not_draw(tmp_path: Path) -> None:
    folder = _copy_knowledge(tmp_path)
    path = folder / "illustrations" / "stretch_gluteus_maximus.yaml"
    text = path.read_text().replace(
        "reach: working.knee, reach_offset: [-2, 4, 3]",
        "reach: working.toe, reach_offset: [0, 40, 3]",
    )
    path.write_text(text)
    problems = picture_problems(load_knowledge(folder, use_cache=False))
    assert len(problems) == 1
    assert "illustration 'stretch_gluteus_maximus'" in problems[0]
    assert "working_arm: cannot reach" in problems[0]


def test_a_picture_must_show_a_treatment(tmp_path: Path) -> None:
    folder = _copy_knowledge(tmp_path)
    source = folder / "illustrations" / "strengthen_clamshell.yaml"
    (folder / "illustrations" / "no_such.yaml").write_text(
        source.read_text().replace("id: strengthen_clamshell", "id: no_such")
    )
    with pytest.raises(KnowledgeError, match="unknown treatment id 'no_such'"):
        load_knowledge(folder, use_cache=False)


def test_pose_data_is_validated() -> None:
    with pytest.raises(ValueError, match="share an axis"):
        Pose.model_validate({"facing": "up", "head": "down"})
    with pytest.raises(ValueError, match="tilt"):
        Pose.model_validate({"facing": "up", "head": "left", "tilt": "a lot"})
    base = {"id": "x", "title": "X", "view": "side", "end": {"facing": "left", "head": "up"}}
    with pytest.raises(ValueError, match="one line"):
        Illustration.model_validate({**base, "alt": "two\nlines"})
    with pytest.raises(ValueError, match="needs a `start` pose"):
        Illustration.model_validate(
            {**base, "alt": "A", "arrows": [{"kind": "move", "at": "working.knee"}]}
        )
    with pytest.raises(ValueError, match="at"):
        Illustration.model_validate(
            {**base, "alt": "A", "arrows": [{"kind": "press", "at": "elbow"}]}
        )
