"""The body map as a heat map (back and front), drawn with matplotlib for the progress charts.

The geometry is `render.body_geometry`, the same the handout draws (`render.plan_figure`).
`draw_body_map(ax, intensities)` colours each region by its intensity (0..1 by default) and
returns the mappable for a colour bar. matplotlib is imported by the caller (render.charts).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from triggermap.render.body_geometry import (
    PERSON_SIDES,
    REGION_PAINT,
    REGION_SHAPES,
    Item,
    Label,
    Poly,
    RegionShape,
    Side,
    View,
    captions,
    frame,
    outline,
    region_ids,
    region_polygons,
    shapes_for,
    view_offsets,
)

__all__ = ["REGION_SHAPES", "RegionShape", "View", "draw_body_map", "region_ids", "shapes_for"]

_ALIGN = {"start": "left", "middle": "center", "end": "right"}


def draw_body_map(
    ax: Any,
    intensities: dict[str, float],
    *,
    views: tuple[View, ...] = ("back", "front"),
    cmap: str = "OrRd",
    vmax: float = 1.0,
    title: str | None = None,
    side_labels: bool = True,
    sides: tuple[Side, ...] = PERSON_SIDES,
    title_points: float = 10,
) -> Any:
    """Draw the views side by side on `ax`, each region coloured by its intensity on the
    person's `sides` (the other side stays pale, as do regions missing from `intensities` or
    at 0). Returns a ScalarMappable for a colour bar."""
    from matplotlib import colormaps
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize, to_hex

    colours = colormaps[cmap]
    norm = Normalize(vmin=0.0, vmax=vmax)
    items: list[Item] = []
    for view, dx in view_offsets(views):
        items.extend(outline(dx))
        for shape in shapes_for(view):
            value = intensities.get(shape.region, 0.0)
            items.extend(Poly(p, REGION_PAINT, "region") for p in region_polygons(shape, dx))
            if value > 0:
                fill = to_hex(colours(0.12 + 0.88 * float(norm(value))))
                paint = replace(REGION_PAINT, fill=fill)
                painted = region_polygons(shape, dx, sides)
                items.extend(Poly(points, paint, "region") for points in painted)
    items.extend(captions(views, side_labels=side_labels))
    draw_items(ax, items)
    x0, y0, x1, y1 = frame(views)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=title_points)
    return ScalarMappable(norm=norm, cmap=colours)


def draw_items(ax: Any, items: Iterable[Item]) -> None:
    """The matplotlib back end: polygons in order, then text on top."""
    from matplotlib.colors import to_rgba

    for item in items:
        if isinstance(item, Label):
            ax.text(
                item.x,
                item.y,
                item.text,
                ha=_ALIGN[item.anchor],
                va="center",
                fontsize=item.size,
                color=item.colour,
                zorder=3,
            )
            continue
        paint = item.paint
        ax.fill(
            *zip(*item.points, strict=True),
            facecolor=to_rgba(paint.fill, paint.fill_opacity),
            edgecolor=paint.stroke or "none",
            linewidth=paint.stroke_width,
            linestyle=(0, paint.dash) if paint.dash else "solid",
            zorder=2 if item.role != "outline" else 1,
        )
