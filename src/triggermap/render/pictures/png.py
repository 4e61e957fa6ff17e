"""A picture as PNG: its SVG drawn by cairosvg (the same art as the SVG and the handouts)."""

from __future__ import annotations

from triggermap.errors import InputError

PNG_WIDTH_PX = 960


def svg_to_png(svg: str, *, width_px: int = PNG_WIDTH_PX) -> bytes:
    try:
        import cairosvg
    except (ImportError, OSError) as exc:  # the library or its cairo could not load
        raise InputError(f"-o: cannot write PNG here ({exc}); write .svg instead") from None
    data: bytes = cairosvg.svg2png(
        bytestring=svg.encode("utf-8"), output_width=width_px, background_color="white"
    )
    return data
