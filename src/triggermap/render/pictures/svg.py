"""A picture as SVG text: one self-contained <svg> with a <title>, deterministic to the byte."""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from triggermap.render.pictures import style
from triggermap.render.pictures.shapes import Item, Text

if TYPE_CHECKING:
    from triggermap.render.pictures.scene import Picture

FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"


def picture_svg(picture: Picture, *, width_css: str | None = None) -> str:
    """The picture as an SVG document (`width_css` sets its displayed width, e.g. '12rem')."""
    size = f' width="{width_css}"' if width_css else ""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(style.WIDTH)} '
        f'{_n(style.HEIGHT)}"{size} role="img" aria-label={quoteattr(picture.alt)} '
        f"data-picture={quoteattr(picture.id)} data-side={quoteattr(picture.side or 'both')} "
        f"font-family={quoteattr(FONT_FAMILY)}>"
    )
    parts = [head, f"<title>{escape(picture.title)}</title>", f"<desc>{escape(picture.alt)}</desc>"]
    parts.extend(_element(item) for item in picture.items)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _element(item: Item) -> str:
    if isinstance(item, Text):
        weight = ' font-weight="bold"' if item.bold else ""
        return (
            f'<text x="{_n(item.x)}" y="{_n(style.HEIGHT - item.y)}" font-size="{_n(item.size)}"'
            f'{weight} fill="{item.colour}" text-anchor="{item.anchor}">{escape(item.text)}</text>'
        )
    points = " ".join(f"{_n(x)},{_n(style.HEIGHT - y)}" for x, y in item.points)
    tag = "polygon" if item.closed else "polyline"
    attributes = [f'class="{item.role}"'] if item.role else []
    attributes += [f"data-{key}={quoteattr(value)}" for key, value in item.data]
    attributes.append(f'fill="{item.fill or "none"}"')
    if item.stroke:
        attributes += [
            f'stroke="{item.stroke}"',
            f'stroke-width="{_n(item.width)}"',
            'stroke-linejoin="round"',
            'stroke-linecap="round"',
        ]
    return f'<{tag} {" ".join(attributes)} points="{points}"/>'


def _n(value: float) -> str:
    """At most one decimal, no trailing zeros, no '-0'."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
