"""The body map as the web pages draw it: SVG paths from the one geometry.

`render.body_geometry` holds the shapes (the PDF handout and the charts draw the same ones).
Here they become SVG path data, grouped per region, with the facts a template needs: whether
the region is chosen in this view (the knowledge base's `Region.view`: a region is a control
in exactly one view, the other views show it as context), which of the person's sides each
path lies on, and where its label goes. SVG's y axis points down, so y is negated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from triggermap.render.body_geometry import (
    Point,
    View,
    outline,
    polygons_by_side,
    shapes_for,
    side_on_the_left,
)

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.services.intake import Choice

VIEWBOX = "-48 -192 96 198"  # the same frame for every view, so all three share one scale
LABEL_LIMIT_X = 30.0  # a label's centre stays this far from the midline, inside the frame
VIEW_TITLES: dict[View, str] = {
    "back": "Back",
    "front": "Front",
    "side": "Outer side",
}
VIEW_HINTS: dict[View, str] = {
    "back": "seen from behind",
    "front": "seen from the front",
    "side": "hip, thigh, knee, leg and ankle, either side",
}
WEB_VIEWS: tuple[View, ...] = ("back", "front", "side")


@dataclass(frozen=True)
class SidePath:
    d: str
    side: str  # left | right | middle


@dataclass(frozen=True)
class RegionDrawing:
    region: str
    paths: tuple[SidePath, ...]
    control: bool  # chosen in this view
    label_x: float
    label_y: float


@dataclass(frozen=True)
class ViewDrawing:
    view: View
    title: str
    hint: str
    outline: tuple[str, ...]
    regions: tuple[RegionDrawing, ...]
    left: str  # what the viewer's left shows: "Your left", "Your right" or ""
    right: str
    outline_markup: str = ""  # the outline as SVG, for `figure_svg`

    @property
    def controls(self) -> tuple[RegionDrawing, ...]:
        return tuple(r for r in self.regions if r.control)


def path_data(points: Iterable[Point]) -> str:
    coords = [f"{_n(x)},{_n(-y)}" for x, y in points]
    return "M" + " L".join(coords) + " Z"


def _n(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _region_drawing(view: View, region: str, control: bool) -> RegionDrawing:
    pieces = [
        (side or "middle", points)
        for shape in shapes_for(view)
        if shape.region == region
        for side, points in polygons_by_side(shape)
    ]
    on_left = [p for side, p in pieces if side != side_on_the_left(view)] or [pieces[0][1]]
    xs = [x for points in on_left for x, _ in points]
    top = max(y for points in on_left for _, y in points)
    centre = max(-LABEL_LIMIT_X, min(LABEL_LIMIT_X, (min(xs) + max(xs)) / 2))
    return RegionDrawing(
        region=region,
        paths=tuple(SidePath(path_data(points), side) for side, points in pieces),
        control=control,
        label_x=round(centre, 1),
        label_y=round(-top - 2.5, 1),
    )


def _captions(view: View) -> tuple[str, str]:
    if view == "side":
        return "", ""
    left = side_on_the_left(view)
    right = "right" if left == "left" else "left"
    return f"Your {left}", f"Your {right}"


@lru_cache(maxsize=8)
def _view_drawing(view: View, region_views: tuple[tuple[str, str], ...]) -> ViewDrawing:
    home = dict(region_views)
    regions = dict.fromkeys(s.region for s in shapes_for(view))
    drawings = [_region_drawing(view, r, home.get(r) == view) for r in regions]
    drawings.sort(key=lambda d: d.control)  # context first, controls on top
    left, right = _captions(view)
    paths = tuple(path_data(p.points) for p in outline(0.0, view))
    return ViewDrawing(
        view=view,
        title=VIEW_TITLES[view],
        hint=VIEW_HINTS[view],
        outline=paths,
        regions=tuple(drawings),
        left=left,
        right=right,
        outline_markup='<g class="outline">' + "".join(f'<path d="{d}"/>' for d in paths) + "</g>",
    )


def body_views(
    region_views: Mapping[str, str], views: tuple[View, ...] = WEB_VIEWS
) -> tuple[ViewDrawing, ...]:
    """The views to draw; `region_views` maps each region id to the view it is chosen in."""
    key = tuple(sorted(region_views.items()))
    return tuple(_view_drawing(view, key) for view in views)


def painted_sides(side: str | None) -> frozenset[str]:
    """The person's sides a mark is painted on: one side, or both when both or not known."""
    if side in ("left", "right"):
        return frozenset({side, "middle"})
    return frozenset({"left", "right", "middle"})


FIGURES_KEPT = 1024
_figures: dict[tuple[int, tuple[tuple[str, str], ...], frozenset[str], str], Markup] = {}
_figures_of: dict[int, ViewDrawing] = {}  # the views keyed by id, kept alive while their keys


def figure_svg(
    view: ViewDrawing, marks: Mapping[str, str], sides: frozenset[str], label: str
) -> Markup:
    """One view as a picture: `marks` maps regions to CSS classes, painted on `sides`.

    Built here rather than in a template: it is the same few hundred paths on every results
    page, and string joins are ten times faster than a template loop over them. The same
    inputs give the same picture, so each is drawn once (the last `FIGURES_KEPT` are kept: a
    muscle's zones, the pain marked and the side make a few dozen in a day's use)."""
    key = (id(view), tuple(sorted(marks.items())), sides, label)
    drawn = _figures.get(key)
    if drawn is None or _figures_of.get(id(view)) is not view:
        drawn = _draw_figure(view, marks, sides, label)
        if len(_figures) >= FIGURES_KEPT:
            _figures.clear()
            _figures_of.clear()
        _figures_of[id(view)] = view
        _figures[key] = drawn
    return drawn


def _draw_figure(
    view: ViewDrawing, marks: Mapping[str, str], sides: frozenset[str], label: str
) -> Markup:
    parts = [
        f'<svg class="bodyfig__svg" viewBox="{VIEWBOX}" role="img" aria-label="{escape(label)}">',
        view.outline_markup,
    ]
    for region in view.regions:
        marked = marks.get(region.region)
        attribute = f' class="{escape(marked)}"' if marked else ""
        paths = "".join(
            f'<path d="{p.d}"{attribute if p.side in sides else ""}/>' for p in region.paths
        )
        parts.append(f'<g class="region">{paths}</g>')
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class RegionChoice:
    id: str
    short: str  # 'Mid-buttock'
    plain: str  # what a person calls it


def region_areas(
    kb: KnowledgeBase, choices: Sequence[Choice]
) -> list[tuple[str, list[RegionChoice]]]:
    """The regions of a question's choices in their body areas (the list beside the map)."""
    from triggermap.web.words import AREA_NAMES, short_name

    areas: dict[str, list[RegionChoice]] = {}
    for choice in choices:
        region = kb.regions[choice.value]
        entry = RegionChoice(region.id, short_name(region.label), region.plain)
        areas.setdefault(AREA_NAMES.get(choice.group or "", choice.group or ""), []).append(entry)
    return list(areas.items())


def region_names(kb: KnowledgeBase) -> dict[str, str]:
    """{region id: its short name}: what a map's controls are called."""
    from triggermap.web.words import short_name

    return {r.id: short_name(r.label) for r in kb.regions.values()}
