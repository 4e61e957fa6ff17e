"""The one look of every exercise picture: colours and line widths (in picture units)."""

from __future__ import annotations

WIDTH, HEIGHT = 160.0, 116.0  # every picture's box; the scene is fitted inside
PAD, LABEL_BAND = 5.0, 15.5

BODY, BODY_FAR, OUTLINE, HAIR = "#a9c8e6", "#7fa3c7", "#34587e", "#34587e"
START_FILL, START_OUTLINE = "#e4ecf4", "#98afc6"  # the faint figure: where you start
OUTLINE_WIDTH = 1.1
TARGET, TARGET_EDGE = "#ec5b2c", "#a8350f"
MOVE, PRESS = "#10898b", "#1d3557"
HEAT = "#e2553a"  # the warmth rising from a heat pack
SHINE = "#ffffff"  # light on a mirror
ARROW_WIDTH = 2.0
FLOOR, MAT, MAT_EDGE = "#9aa5b1", "#cfe6d2", "#92c29a"
GROUND = ("#eef0f2", "#c3c9cf")  # a bare floor seen from above: fill, edge
LABEL_FILL, LABEL_TEXT = "#1d3557", "#ffffff"
LABEL_SIZE = 9.5  # 7 pt or more where a card shows the picture 120 pt wide

PROP_COLOURS: dict[str, tuple[str, str]] = {  # fill, edge
    "foam_roller": ("#f6c26b", "#a86f12"),
    "massage_ball": ("#b18be0", "#60409a"),
    "wall": ("#ebe5dc", "#a89f92"),
    "chair": ("#d4ab7f", "#86603a"),
    "counter": ("#ddd0bd", "#8f8270"),
    "band": ("#2fa36b", "#2fa36b"),
    "strap": ("#d08a47", "#d08a47"),
    "pillow": ("#e2daf5", "#9486bd"),
    "step": ("#d6cdc2", "#857a6d"),
    "wobble_board": ("#9fd3e2", "#3e8ca3"),
    "heat_pack": ("#f4795b", "#b63a22"),
    "cold_pack": ("#f2fbff", "#1f78b4"),
    "towel": ("#f6efe0", "#b3a382"),
    "mirror": ("#d7ecf7", "#7aa7c2"),
    "sensor": ("#444b55", "#444b55"),
    "screen": ("#4a5563", "#2b323b"),
}
