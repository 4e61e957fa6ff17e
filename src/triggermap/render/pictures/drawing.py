"""A picture in the PDF handout: a flowable that shows the picture's PDF form.

The shapes are one form XObject per document, defined where the picture first appears and
shown again (at any size) wherever it appears later: the routine's card and the exercise's
details share it. The labels are drawn as text in `font`, so a reader of the PDF can tell them
from body text.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus.flowables import Flowable

from triggermap.render.pictures import style
from triggermap.render.pictures.cache import DrawnPicture

FIGURE_FONT = "Helvetica-Bold"  # text inside a picture (a label, not body text)


class PictureFlowable(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    def __init__(self, drawn: DrawnPicture, *, width: float, font: str = FIGURE_FONT) -> None:
        super().__init__()
        self.drawn, self.font = drawn, font
        self.width, self.height = width, style.HEIGHT * width / style.WIDTH

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas, name = self.canv, f"picture-{self.drawn.key}"
        if not canvas.hasForm(name):
            canvas.beginForm(name, 0, 0, style.WIDTH, style.HEIGHT)
            canvas.addLiteral(self.drawn.pdf_operators)
            canvas.endForm()
        k = self.width / style.WIDTH
        canvas.saveState()
        canvas.scale(k, k)
        canvas.doForm(name)
        for text in self.drawn.pdf_texts:
            canvas.setFont(self.font, text.size)
            canvas.setFillColor(HexColor(text.colour))
            show = {
                "middle": canvas.drawCentredString,
                "end": canvas.drawRightString,
            }.get(text.anchor, canvas.drawString)
            show(text.x, text.y, text.text)
        canvas.restoreState()
