"""The care plan as a printable PDF handout (reportlab): one to three A4 pages.

Page one: the triage banner, the body map beside what was found and the review dates. Then
home care by phase, each item with its dose and steps; professional care in brief (the
professional explains the rest); the safety net. Every page carries the date, the knowledge
version and the statement that this is decision support, not a diagnosis. The output is
invariant: the same handout gives the same bytes.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triggermap.render import plan_words as words
from triggermap.render.dose_words import describe_dose
from triggermap.render.levels import PRINT_COLOURS
from triggermap.render.plan_figure import body_map_drawing

if TYPE_CHECKING:
    from triggermap.careplan.handout import Handout
    from triggermap.careplan.model import PlanItem

MARGIN_MM = 12
FONT = "TriggermapSans"
FONT_BOLD = "TriggermapSans-Bold"


MAX_PAGES = 3
FIT_SCALES = (1.0, 0.95, 0.9)  # body text 8.2 pt, shrunk at most to 7.4 pt to fit MAX_PAGES


def render_plan_pdf(handout: Handout) -> bytes:
    """The handout as PDF bytes, at the largest text size that fits MAX_PAGES."""
    pdf = b""
    for scale in FIT_SCALES:
        pdf, pages = _build(handout, scale)
        if pages <= MAX_PAGES:
            break
    return pdf


def _build(handout: Handout, scale: float) -> tuple[bytes, int]:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    fonts = _register_fonts()
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_MM * mm,
        rightMargin=MARGIN_MM * mm,
        topMargin=MARGIN_MM * mm,
        bottomMargin=(MARGIN_MM + 6) * mm,
        title=words.TITLE,
        author="triggermap",
        subject="Care plan (decision support, not a diagnosis)",
        invariant=True,
    )
    styles = _styles(fonts, scale)
    story = _story(handout, styles, doc.width)
    made_on, disclaimer = words.made_on(handout), handout.disclaimer

    def on_page(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts[0], 7)
        canvas.setFillColorRGB(0.35, 0.35, 0.35)
        canvas.drawString(document.leftMargin, 11 * mm, made_on)
        canvas.drawString(document.leftMargin, 7.5 * mm, disclaimer)
        canvas.drawRightString(A4[0] - document.rightMargin, 11 * mm, f"Page {document.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue(), doc.page


# ---------------------------------------------------------------- fonts and styles


@lru_cache(maxsize=1)
def _register_fonts() -> tuple[str, str]:
    """DejaVu Sans (shipped with matplotlib) covers every character the knowledge base uses."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        import matplotlib

        folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
        from reportlab.lib.fonts import addMapping

        addMapping(FONT, 0, 0, FONT)
        addMapping(FONT, 1, 0, FONT_BOLD)
        addMapping(FONT, 0, 1, FONT)
        addMapping(FONT, 1, 1, FONT_BOLD)
        return FONT, FONT_BOLD
    except (ImportError, OSError):  # pragma: no cover - matplotlib is a dependency
        return "Helvetica", "Helvetica-Bold"


def _styles(fonts: tuple[str, str], scale: float = 1.0) -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = fonts
    base = ParagraphStyle("base", fontName=regular, fontSize=8.2 * scale, leading=9.9 * scale)
    return {
        "base": base,
        "title": ParagraphStyle("title", base, fontName=bold, fontSize=16, leading=19),
        "date": ParagraphStyle("date", base, textColor=colors.HexColor("#555555")),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=bold,
            fontSize=11.5,
            leading=14,
            spaceBefore=7,
            spaceAfter=1,
            textColor=colors.HexColor("#0d47a1"),
        ),
        "intro": ParagraphStyle(
            "intro",
            base,
            textColor=colors.HexColor("#444444"),
            fontSize=8 * scale,
            leading=10 * scale,
            spaceAfter=2,
        ),
        "h3": ParagraphStyle("h3", base, fontSize=9 * scale, leading=11 * scale, spaceBefore=4),
        "dose": ParagraphStyle("dose", base, fontName=bold, textColor=colors.HexColor("#1b5e20")),
        "why": ParagraphStyle("why", base, textColor=colors.HexColor("#444444")),
        "step": ParagraphStyle(
            "step",
            base,
            leftIndent=11,
            bulletIndent=1,
            bulletFontSize=8.2 * scale,
            bulletFontName=regular,
        ),
        "care": ParagraphStyle(
            "care",
            base,
            backColor=colors.HexColor("#fff3c4"),
            borderPadding=(1.5, 3, 1.5, 3),
            leftIndent=3,
            rightIndent=3,
            spaceBefore=2,
            spaceAfter=1,
        ),
        "small": ParagraphStyle(
            "small", base, fontSize=6.5, leading=8, textColor=colors.HexColor("#777777")
        ),
        "sign": ParagraphStyle(
            "sign",
            base,
            leftIndent=9,
            bulletIndent=1,
            fontSize=8 * scale,
            leading=9.6 * scale,
            bulletFontSize=8 * scale,
            bulletFontName=regular,
        ),
        "banner": ParagraphStyle("banner", base, fontSize=9 * scale, leading=11.5 * scale),
    }


def _p(text: str, style: Any, **kwargs: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), style, **kwargs)


def _pb(bold: str, rest: str, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(f"<b>{escape(bold)}</b> {escape(rest)}", style)


# ---------------------------------------------------------------- story


def _story(handout: Handout, styles: dict[str, Any], width: float) -> list[Any]:
    from reportlab.platypus import Spacer

    plan = handout.plan
    story: list[Any] = [
        _p(words.TITLE, styles["title"]),
        _p(f"{words.long_date(handout.date)} · decision support, not a diagnosis", styles["date"]),
        Spacer(1, 5),
        _banner(handout, styles, width),
        Spacer(1, 6),
    ]
    if not plan.triage.seek_care_now:
        story.append(_overview(handout, styles, width))
        home, professional = words.home_then_professional(handout)
        for section in home:
            story.extend(_section(section, styles))
        story.extend(_left_out(handout, styles))
        for section in professional:
            story.extend(_professional_care(handout, section, styles))
    story.extend(_safety_net(handout, styles, width))
    story.extend(_progress(handout, styles, width))
    return story


def _progress(handout: Handout, styles: dict[str, Any], width: float) -> list[Any]:
    """The person's pain-diary chart, when the plan was made for a person with a diary."""
    if handout.progress_chart_png is None:
        return []
    from io import BytesIO

    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image, KeepTogether

    reader = ImageReader(BytesIO(handout.progress_chart_png))
    w, h = reader.getSize()
    shown = min(width, 15 * 28.35)  # at most 15 cm wide
    image = Image(BytesIO(handout.progress_chart_png), width=shown, height=shown * h / w)
    block = [
        _p(words.PROGRESS_TITLE, styles["h2"]),
        _p(words.PROGRESS_INTRO, styles["intro"]),
        image,
    ]
    return [KeepTogether(block)]


def _banner(handout: Handout, styles: dict[str, Any], width: float) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    triage = handout.plan.triage
    colour = colors.HexColor(PRINT_COLOURS[triage.level])
    title = words.banner_heading(triage.level, triage.summary)
    big = styles["dose"].clone("bannerhead", textColor=colour, fontSize=11, leading=14)
    cells: list[Any] = [_p(title, big)]
    for reason in triage.reasons:
        cells.append(_p(reason.explanation, styles["banner"]))
        if reason.action:
            cells.append(_pb("What to do:", reason.action, styles["banner"]))
    if triage.seek_care_now:
        cells.append(_pb(words.TAKE_THIS_PAGE, "", styles["banner"]))
    note = words.screening_note(triage)
    if note:
        cells.append(_pb(note, "", styles["banner"]))
    table = Table([[c] for c in cells], colWidths=[width - 6])
    table.setStyle(
        TableStyle(
            [
                ("LINEBEFORE", (0, 0), (0, -1), 5, colour),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f6f6f6")),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table


def _overview(handout: Handout, styles: dict[str, Any], width: float) -> Any:
    from reportlab.platypus import Table, TableStyle

    figure_width = 200.0
    drawing = body_map_drawing(handout.body_map, width=figure_width)
    text: list[Any] = []
    found = words.found_sentence(handout)
    if found:
        text += [_p(words.FOUND_HEADING, styles["h2"]), _p(found, styles["base"])]
    if handout.painful_places:
        text.append(_p("Where you marked pain:", styles["why"]))
        text += [_p(p, styles["step"], bulletText="•") for p in handout.painful_places]
    text += [_p("How to use this plan", styles["h2"])]
    text += [_p(line, styles["step"], bulletText="•") for line in _how_to_use(handout)]
    review = words.review_lines(handout)
    if review:
        text += [_p(words.REVIEW_TITLE, styles["h2"])]
        text += [_p(line, styles["step"], bulletText="•") for line in review]
    table = Table([[drawing, text]], colWidths=[figure_width + 8, width - figure_width - 8])
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    return table


def _how_to_use(handout: Handout) -> list[str]:
    lines = [
        "Start with part 1 today; add part 2 over the next few days.",
        "Stop and get help if you notice any of the signs under \u201cWhen to get help\u201d.",
    ]
    if any(i.kind == "professional" for i in handout.plan.items):
        lines.append("Show this plan to any professional you see.")
    lines.append("The HTML and JSON versions of this plan list the sources of every item.")
    return lines


def _section(section: words.Section, styles: dict[str, Any]) -> list[Any]:
    """Short items stay whole; a long one may break after its second step."""
    from reportlab.platypus import KeepTogether

    out: list[Any] = []
    head = [_p(section.title, styles["h2"]), _p(section.intro, styles["intro"])]
    for n, item in enumerate(section.items):
        lead, steps, tail = _item(item, styles)
        first = (head if n == 0 else []) + lead
        if len(steps) <= 4:
            out.append(KeepTogether(first + steps + tail))
        else:
            out += [KeepTogether(first + steps[:2]), *steps[2:], *tail]
    return out


def _item(item: PlanItem, styles: dict[str, Any]) -> tuple[list[Any], list[Any], list[Any]]:
    """(title with dose and equipment, why), the numbered steps, the precautions."""
    from reportlab.platypus import Paragraph

    head = f"<b>{escape(item.title)}</b>"
    dose = describe_dose(item.dose, item.kind)
    if dose:
        head += f'  <font color="#1b5e20"><b>{escape(dose)}</b></font>'
    if item.equipment:
        head += f'  <font color="#555555">· you need: {escape(words.equipment_words(item))}</font>'
    lead = [Paragraph(head, styles["h3"]), _p(item.why, styles["why"])]
    steps = [_p(step, styles["step"], bulletText=f"{n}.") for n, step in enumerate(item.steps, 1)]
    tail = [_pb("Take care:", p, styles["care"]) for p in item.precautions]
    return lead, steps, tail


def _professional_care(
    handout: Handout, section: words.Section, styles: dict[str, Any]
) -> list[Any]:
    """Who can help and with what, in brief: the professional explains the rest."""
    from reportlab.platypus import KeepTogether

    out: list[Any] = [_p(section.title, styles["h2"]), _p(section.intro, styles["intro"])]
    for referral in (r for r in handout.plan.referrals if r.items):
        when = words.URGENCY_WORDS[referral.urgency]
        out.append(_pb(f"{referral.title} ({when}):", ", ".join(referral.why), styles["step"]))
        out += [
            _pb(f"Not for you: {lo.title}.", lo.reason, styles["care"]) for lo in referral.not_for
        ]
    for item in section.items:
        out += [_pb(f"{item.title}, take care:", p, styles["care"]) for p in item.precautions]
    return [KeepTogether(out)]


def _left_out(handout: Handout, styles: dict[str, Any]) -> list[Any]:
    """Home items left out for this person's safety, and why."""
    from reportlab.platypus import KeepTogether

    notes = words.left_out_notes(handout.plan)
    if not notes:
        return []
    head = [_p(words.LEFT_OUT_TITLE, styles["h2"]), _p(words.LEFT_OUT_INTRO, styles["intro"])]
    return [KeepTogether(head + [_pb(f"{title}:", why, styles["care"]) for title, why in notes])]


def _safety_net(handout: Handout, styles: dict[str, Any], width: float) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.platypus import KeepTogether

    groups = handout.plan.safety_net
    if not groups:
        return []
    out: list[Any] = []
    for group in groups:
        colour = colors.HexColor(PRINT_COLOURS[group.level])
        head = styles["dose"].clone(
            f"net-{group.level}", textColor=colour, fontSize=9, spaceBefore=3
        )
        signs = [_p(s.text, styles["sign"], bulletText="•") for s in group.signs]
        block = [_p(f"{group.action}:", head), _two_columns(signs, width)]
        out.append(KeepTogether(block if out else [_p(words.SAFETY_TITLE, styles["h2"]), *block]))
    return out


def _two_columns(flowables: list[Any], width: float) -> Any:
    from reportlab.platypus import Table, TableStyle

    half = (len(flowables) + 1) // 2
    left, right = flowables[:half], flowables[half:]
    table = Table([[left, right]], colWidths=[width / 2, width / 2])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table
