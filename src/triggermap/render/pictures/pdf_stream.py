"""A picture's shapes as PDF content-stream operators: the PDF handout's vector art.

The operators draw in picture units with y up (as PDF does), so a form scaled to the wanted
width shows them. Text is left out: its font is a resource of the document, so the PDF back
end draws the labels itself. Pure text, no reportlab: the result is cached with the SVG.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from triggermap.render.pictures.shapes import Shape

if TYPE_CHECKING:
    from triggermap.render.pictures.scene import Picture

ROUND_JOINS_AND_CAPS = "1 j 1 J"


def picture_operators(picture: Picture) -> str:
    """Every shape of the picture, in drawing order, as one operator string."""
    out = [ROUND_JOINS_AND_CAPS]
    fill = stroke = width = None
    for item in picture.items:
        if not isinstance(item, Shape):
            continue
        if item.fill and item.fill != fill:
            fill = item.fill
            out.append(f"{_rgb(fill)} rg")
        if item.stroke and item.stroke != stroke:
            stroke = item.stroke
            out.append(f"{_rgb(stroke)} RG")
        if item.stroke and item.width != width:
            width = item.width
            out.append(f"{_n(width)} w")
        out.append(_path(item))
    return "\n".join(out)


def _path(shape: Shape) -> str:
    (x0, y0), *rest = shape.points
    moves = [f"{_n(x0)} {_n(y0)} m"] + [f"{_n(x)} {_n(y)} l" for x, y in rest]
    if not shape.closed:
        paint = "S"
    elif shape.fill and shape.stroke:
        paint = "b"  # close, fill (non-zero winding) and stroke
    else:
        paint = "f" if shape.fill else "s"
    return " ".join(moves) + " " + paint


def _rgb(colour: str) -> str:
    return " ".join(_n(int(colour[i : i + 2], 16) / 255, 3) for i in (1, 3, 5))


def _n(value: float, places: int = 2) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
