"""The care plan as a printable PDF handout (reportlab), read at a glance.

Page one: who it is for, the triage banner, the working diagnosis after an examination,
today's routine in pictures (each exercise's picture, name, dose in large type and one line
on what it does) and the warning signs that mean "get help". Then the details: where the
plan's muscles send pain (a large map per muscle with a legend), how to do each exercise, the
rest of the plan, the review dates, the progress chart and the full references.

Body text is 10 pt (14 pt with `large_print`). Every page carries the date, the knowledge
version and the statement that this is decision support, not a diagnosis. The output is
invariant: the same handout gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triggermap.render import plan_words as words
from triggermap.render.dose_words import describe_dose
from triggermap.render.levels import PRINT_COLOURS
from triggermap.render.pictures import style as picture_style

if TYPE_CHECKING:
    from triggermap.careplan.handout import Handout
    from triggermap.careplan.model import PlanItem

MARGIN_MM = 12
FONT = "TriggermapSans"
FONT_BOLD = "TriggermapSans-Bold"
FIGURE_FONT = "Helvetica-Bold"  # words inside pictures and maps: labels, not body text
FOOTER_PT = 8
FRAME_PADDING = 6.0  # reportlab's default padding inside a page's frame
GREEN, BLUE, GREY = "#1b5e20", "#0d47a1", "#444444"


@dataclass(frozen=True)
class Sizes:
    body: float  # body text, points
    columns: int  # picture cards in a row

    @property
    def leading(self) -> float:
        return self.body * 1.25


NORMAL, LARGE = Sizes(10.0, 3), Sizes(14.0, 2)


def render_plan_pdf(handout: Handout, *, large_print: bool = False) -> bytes:
    """The handout as PDF bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    fonts = _register_fonts()
    sizes = LARGE if large_print else NORMAL
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_MM * mm,
        rightMargin=MARGIN_MM * mm,
        topMargin=MARGIN_MM * mm,
        bottomMargin=(MARGIN_MM + 7) * mm,
        title=words.TITLE,
        author="triggermap",
        subject="Care plan (decision support, not a diagnosis)",
        invariant=True,
    )
    styles = _styles(fonts, sizes)
    story = _story(handout, styles, doc.width, sizes, doc.height - 2 * FRAME_PADDING)
    made_on, disclaimer = words.made_on(handout), handout.disclaimer

    def on_page(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts[0], FOOTER_PT)
        canvas.setFillColorRGB(0.35, 0.35, 0.35)
        canvas.drawString(document.leftMargin, 12 * mm, made_on)
        canvas.drawString(document.leftMargin, 8 * mm, disclaimer)
        canvas.drawRightString(A4[0] - document.rightMargin, 12 * mm, f"Page {document.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


# ---------------------------------------------------------------- fonts and styles


@lru_cache(maxsize=1)
def _register_fonts() -> tuple[str, str]:
    """DejaVu Sans (shipped with matplotlib) covers every character the knowledge base uses.
    Labels inside pictures and maps are Helvetica, so a reader of the PDF can tell them from
    body text."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        folder = _font_folder()
        pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    except (ImportError, OSError):  # pragma: no cover - matplotlib is a dependency
        return "Helvetica", "Helvetica-Bold"
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)
    return FONT, FONT_BOLD


def _font_folder() -> Path:
    """matplotlib's bundled fonts, found without importing matplotlib (which is slow)."""
    from importlib.util import find_spec

    spec = find_spec("matplotlib")
    if spec is None or spec.origin is None:  # pragma: no cover - matplotlib is a dependency
        raise ImportError("matplotlib is not installed")
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


def _styles(fonts: tuple[str, str], sizes: Sizes) -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = fonts
    b, lead = sizes.body, sizes.leading
    base = ParagraphStyle("base", fontName=regular, fontSize=b, leading=lead)

    def style(name: str, **kwargs: Any) -> ParagraphStyle:
        return ParagraphStyle(name, base, **kwargs)

    return {
        "base": base,
        "title": style("title", fontName=bold, fontSize=b * 2, leading=b * 2.3),
        "who": style("who", textColor=colors.HexColor("#555555")),
        "h2": style(
            "h2",
            fontName=bold,
            fontSize=b * 1.4,
            leading=b * 1.7,
            spaceBefore=b,
            spaceAfter=b * 0.3,
            textColor=colors.HexColor(BLUE),
        ),
        "h3": style("h3", fontName=bold, fontSize=b * 1.1, leading=b * 1.35, spaceBefore=2),
        "intro": style("intro", textColor=colors.HexColor(GREY), spaceAfter=b * 0.4),
        "name": style("name", fontName=bold, fontSize=b * 1.1, leading=b * 1.3),
        "dose": style(
            "dose",
            fontName=bold,
            fontSize=b * 1.3,
            leading=b * 1.55,
            textColor=colors.HexColor(GREEN),
        ),
        "card_name": style("card_name", fontName=bold, fontSize=b * 1.05, leading=b * 1.22),
        "card_dose": style(
            "card_dose",
            fontName=bold,
            fontSize=b * 1.2,
            leading=b * 1.36,
            textColor=colors.HexColor(GREEN),
        ),
        "why": style("why", textColor=colors.HexColor(GREY)),
        "help": style("help", leading=b * 1.16),
        "step": style(
            "step", leftIndent=b * 1.4, bulletIndent=0, bulletFontName=regular, bulletFontSize=b
        ),
        "care": style(
            "care",
            backColor=colors.HexColor("#fff3c4"),
            borderPadding=(2, 4, 2, 4),
            leftIndent=4,
            rightIndent=4,
            spaceBefore=3,
            spaceAfter=2,
        ),
        "note": style(
            "note",
            backColor=colors.HexColor("#e8f1fb"),
            borderPadding=(3, 5, 3, 5),
            leftIndent=5,
            rightIndent=5,
            spaceBefore=4,
            spaceAfter=4,
        ),
        "legend": style("legend"),
        "source": style("source", leftIndent=b * 1.2, firstLineIndent=-b * 1.2, spaceAfter=2),
    }


def _p(text: str, style: Any, **kwargs: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), style, **kwargs)


def _pb(bold: str, rest: str, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(f"<b>{escape(bold)}</b> {escape(rest)}", style)


def _table(rows: list[list[Any]], widths: list[float], extra: list[Any] | None = None) -> Any:
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    table.setStyle(TableStyle(commands + (extra or [])))
    return table


# ---------------------------------------------------------------- story


def _story(
    handout: Handout, styles: dict[str, Any], width: float, sizes: Sizes, room: float
) -> list[Any]:
    plan = handout.plan
    story: list[Any] = [*_header(handout, styles), _banner(handout, styles, width)]
    if plan.triage.seek_care_now:
        return story + _get_help(handout, styles, width)
    story += _diagnosis(handout, styles)
    story += _get_help(handout, styles, width)
    story += _routine(handout, styles, width, sizes, PageOne(room, list(story)))
    story += _muscle_maps(handout, styles, width, sizes)
    story += _details(handout, styles, width, sizes)
    story += _left_out(handout, styles)
    story += _professional_care(handout, styles)
    story += _review(handout, styles)
    story += _progress(handout, styles, width)
    story += _sources(handout, styles)
    return story


def _header(handout: Handout, styles: dict[str, Any]) -> list[Any]:
    out = [_p(words.TITLE, styles["title"]), _p(words.for_whom(handout), styles["who"])]
    if handout.note:
        who = f"Note from {handout.clinician}:" if handout.clinician else "Note:"
        out.append(_pb(who, handout.note, styles["note"]))
    return out


def _banner(handout: Handout, styles: dict[str, Any], width: float) -> Any:
    from reportlab.lib import colors

    triage = handout.plan.triage
    colour = PRINT_COLOURS[triage.level]
    heading = styles["h3"].clone("banner", textColor=colors.HexColor(colour))
    cells: list[Any] = [_p(words.banner_heading(triage.level, triage.summary), heading)]
    for reason in triage.reasons:
        cells.append(_p(reason.explanation, styles["base"]))
        if reason.action:
            cells.append(_pb("What to do:", reason.action, styles["base"]))
    if triage.seek_care_now:
        cells.append(_pb(words.TAKE_THIS_PAGE, "", styles["base"]))
    note = words.screening_note(triage)
    if note:
        cells.append(_pb(note, "", styles["base"]))
    return _table(
        [[c] for c in cells],
        [width],
        [
            ("LINEBEFORE", (0, 0), (0, -1), 5, colors.HexColor(colour)),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f4f4f4")),
            ("LEFTPADDING", (0, 0), (-1, -1), 9),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ],
    )


def _diagnosis(handout: Handout, styles: dict[str, Any]) -> list[Any]:
    out: list[Any] = []
    if handout.working_diagnosis:
        out.append(_pb(f"{words.DIAGNOSIS_TITLE}:", handout.working_diagnosis, styles["note"]))
    if handout.must_exclude:
        out.append(
            _pb(f"{words.MUST_EXCLUDE_TITLE}:", "; ".join(handout.must_exclude), styles["note"])
        )
    return out


# ---------------------------------------------------------------- page one: the routine


def _routine(
    handout: Handout, styles: dict[str, Any], width: float, sizes: Sizes, page: PageOne
) -> list[Any]:
    """The cards in rows, the heading kept with the first row. The pictures are drawn as large
    as the column allows, or smaller (never below `MIN_CARD_PICTURE` of it) when that fits
    one more row of cards on page one."""
    from reportlab.platypus import KeepTogether

    items = words.routine_items(handout)
    if not items:
        return []
    column = width / sizes.columns
    texts = [_card_text(n, item, handout, styles) for n, item in enumerate(items, 1)]
    intro = f"{words.ROUTINE_INTRO} {words.side_words(handout)}"
    head = [_p(words.ROUTINE_TITLE, styles["h2"]), _p(intro, styles["intro"])]
    room = page.room - _height(page.above + head, width)
    text_heights = [_height(text, column - CARD_GAP) for text in texts]
    picture = _card_picture_width(text_heights, sizes.columns, column, room)
    cards: list[Any] = [
        [p, *text] if (p := _picture(item, handout, picture)) else text
        for item, text in zip(items, texts, strict=True)
    ]
    rows = [cards[i : i + sizes.columns] for i in range(0, len(cards), sizes.columns)]
    rows[-1] += [""] * (sizes.columns - len(rows[-1]))
    padding = [("BOTTOMPADDING", (0, 0), (-1, -1), ROW_GAP)]
    grids = [_table([row], [column] * sizes.columns, padding) for row in rows]
    return [KeepTogether([*head, grids[0]]), *grids[1:]]


CARD_GAP = 8.0  # points between the cards of a row
ROW_GAP = 8.0  # points under each row of cards
MIN_CARD_PICTURE = 0.6  # of the largest picture a card holds: smaller reads poorly
PAGE_SLACK = 12.0  # points kept free when measuring what page one still holds
PICTURE_ASPECT = picture_style.WIDTH / picture_style.HEIGHT


@dataclass(frozen=True)
class PageOne:
    room: float  # the height of a page's frame, points
    above: list[Any]  # what page one holds before the routine


def _card_picture_width(
    text_heights: list[float], per_row: int, column: float, room: float
) -> float:
    """The largest picture width that fits the most rows of cards in `room` (each row as
    tall as its tallest card: picture, then words)."""
    largest = column - CARD_GAP
    rows = [text_heights[i : i + per_row] for i in range(0, len(text_heights), per_row)]
    for count in range(len(rows), 0, -1):
        words_height = sum(max(row) + ROW_GAP for row in rows[:count])
        picture_height = (room - PAGE_SLACK - words_height) / count
        width = picture_height * PICTURE_ASPECT
        if width >= largest * MIN_CARD_PICTURE:
            return min(width, largest)
    return largest


def _height(flowables: list[Any], width: float) -> float:
    """How tall the flowables stand in a frame `width` wide, with the space between them."""
    total = 0.0
    for n, flowable in enumerate(flowables):
        total += flowable.wrap(width, PAGE_ROOM_LIMIT)[1] + flowable.getSpaceAfter()
        total += flowable.getSpaceBefore() if n else 0.0
    return total


PAGE_ROOM_LIMIT = 10_000.0  # a height no flowable reaches: wrap for the natural height


def _card_text(n: int, item: PlanItem, handout: Handout, styles: dict[str, Any]) -> list[Any]:
    parts = [_p(f"{n}. {item.title}", styles["card_name"])]
    dose = describe_dose(item.dose, item.kind)
    if dose:
        parts.append(_p(dose, styles["card_dose"]))
    parts.append(_p(words.purpose(item, handout), styles["why"]))
    return parts


def _picture(item: PlanItem, handout: Handout, width: float) -> Any | None:
    """The item's picture `width` points wide, or None without one (drawn once, then cached)."""
    from triggermap.render.pictures.cache import drawn_picture
    from triggermap.render.pictures.drawing import PictureFlowable

    art = handout.art.get(item.id)
    if art is None:
        return None
    drawn = drawn_picture(art.illustration, muscles=art.muscles, side=handout.picture_side)
    return PictureFlowable(drawn, width=width, font=FIGURE_FONT)


def _get_help(handout: Handout, styles: dict[str, Any], width: float) -> list[Any]:
    """The warning signs, one short paragraph per level, in a red-edged box."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph

    groups = handout.plan.safety_net
    if not groups:
        return []
    rows: list[list[Any]] = [[_p(f"{words.SAFETY_TITLE}. {words.HELP_INTRO}", styles["name"])]]
    for group in groups:
        colour = PRINT_COLOURS[group.level]
        signs = " · ".join(escape(s.text) for s in group.signs)
        text = f'<font color="{colour}"><b>{escape(group.action)}:</b></font> {signs}'
        rows.append([Paragraph(text, styles["help"])])
    box = _table(
        rows,
        [width],
        [
            ("LINEBEFORE", (0, 0), (0, -1), 5, colors.HexColor("#b71c1c")),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fff5f5")),
            ("LEFTPADDING", (0, 0), (-1, -1), 9),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ],
    )
    return [_spacer(styles), box]


def _spacer(styles: dict[str, Any]) -> Any:
    from reportlab.platypus import Spacer

    return Spacer(1, styles["base"].fontSize * 0.6)


def _two_columns(flowables: list[Any], width: float) -> Any:
    half = (len(flowables) + 1) // 2
    return _table([[flowables[:half], flowables[half:]]], [width / 2, width / 2])


# ---------------------------------------------------------------- the details


def _muscle_maps(handout: Handout, styles: dict[str, Any], width: float, sizes: Sizes) -> list[Any]:
    from reportlab.platypus import KeepTogether

    from triggermap.render.plan_figure import muscle_map_drawing, muscle_map_items

    notes = handout.muscles
    if not notes:
        return []
    per_row = min(len(notes), 2 if sizes is LARGE else 3)
    column = width / per_row
    body = handout.body_map
    cells: list[Any] = []
    for note in notes:
        items = muscle_map_items(body.side, body.painful, note.essential, note.spillover)
        largest = MAP_MAX_WIDTH_PT if len(notes) > 1 else MAP_ONE_WIDTH_PT
        drawing = muscle_map_drawing(items, width=min(column - 10, largest))
        cells.append([_p(note.name, styles["name"]), _p(note.plain_name, styles["why"]), drawing])
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    rows[-1] += [""] * (per_row - len(rows[-1]))
    head = [_p(words.FOUND_TITLE, styles["h2"]), _p(words.FOUND_INTRO, styles["intro"])]
    found = words.found_sentence(handout)
    if found:
        head.append(_p(found, styles["base"]))
    legend = _legend(styles, width)
    grids = [_table([row], [column] * per_row) for row in rows]
    return [KeepTogether([*head, grids[0]]), *grids[1:], legend]


MAP_MAX_WIDTH_PT = 185.0  # a muscle's map with its title stays under half a page
MAP_ONE_WIDTH_PT = 250.0  # one muscle alone is drawn larger


def _legend(styles: dict[str, Any], width: float) -> Any:
    from triggermap.render.plan_figure import MUSCLE_LEGEND, legend_swatch_drawing

    size = styles["legend"].fontSize
    rows = [
        [legend_swatch_drawing(role, size), _p(text, styles["legend"])]
        for role, text in MUSCLE_LEGEND
    ]
    return _table(rows, [size + 8, width - size - 8], [("BOTTOMPADDING", (0, 0), (-1, -1), 3)])


def _details(handout: Handout, styles: dict[str, Any], width: float, sizes: Sizes) -> list[Any]:
    out: list[Any] = []
    for section in words.item_sections(handout):
        if section.key == "professional":
            continue
        out += [_p(section.title, styles["h2"]), _p(section.intro, styles["intro"])]
        for item in section.items:
            out += _item(item, handout, styles, width, sizes)
    return out


def _item(
    item: PlanItem, handout: Handout, styles: dict[str, Any], width: float, sizes: Sizes
) -> list[Any]:
    """The picture beside the title, dose and reason, kept with the first steps; the other
    steps and the precautions may flow onto the next page (no block is taller than half a
    page, so no page is left half empty)."""
    from reportlab.platypus import KeepTogether

    head: list[Any] = [_p(item.title, styles["h3"])]
    dose = describe_dose(item.dose, item.kind)
    if dose:
        head.append(_p(dose, styles["dose"]))
    head.append(_p(item.why, styles["why"]))
    if item.equipment:
        head.append(_pb("You need:", words.equipment_words(item), styles["base"]))
    picture_width = width * (0.28 if sizes is NORMAL else 0.36)
    picture = _picture(item, handout, picture_width - 8)
    lead: list[Any] = (
        [_table([[picture, head]], [picture_width, width - picture_width])] if picture else head
    )
    steps = [_p(step, styles["step"], bulletText=f"{n}.") for n, step in enumerate(item.steps, 1)]
    cares = [_pb("Take care:", p, styles["care"]) for p in item.precautions]
    return [KeepTogether([*lead, *steps[:2]]), *steps[2:], *cares, _spacer(styles)]


def _professional_care(handout: Handout, styles: dict[str, Any]) -> list[Any]:
    """Who can help and with what, in brief: the professional explains the rest."""
    people = [r for r in handout.plan.referrals if r.items]
    if not people:
        return []
    out: list[Any] = [
        _p(words.PROFESSIONAL_TITLE, styles["h2"]),
        _p(words.PROFESSIONAL_INTRO, styles["intro"]),
    ]
    for referral in people:
        when = words.URGENCY_WORDS[referral.urgency]
        out.append(_pb(f"{referral.title} ({when}):", ", ".join(referral.why), styles["step"]))
        out += [
            _pb(f"Not for you: {lo.title}.", lo.reason, styles["care"]) for lo in referral.not_for
        ]
    given = {i for r in people for i in r.items}
    for item in (i for i in handout.plan.items if i.id in given):
        out += [_pb(f"{item.title}, take care:", p, styles["care"]) for p in item.precautions]
    return out


def _left_out(handout: Handout, styles: dict[str, Any]) -> list[Any]:
    """Home items left out for this person's safety, and why (and what replaced them)."""
    notes = words.left_out_notes(handout.plan)
    if not notes:
        return []
    head = [_p(words.LEFT_OUT_TITLE, styles["h2"]), _p(words.LEFT_OUT_INTRO, styles["intro"])]
    return head + [_pb(f"{title}:", why, styles["care"]) for title, why in notes]


def _review(handout: Handout, styles: dict[str, Any]) -> list[Any]:
    lines = words.review_lines(handout)
    if not lines:
        return []
    return [_p(words.REVIEW_TITLE, styles["h2"])] + [
        _p(line, styles["step"], bulletText="•") for line in lines
    ]


def _progress(handout: Handout, styles: dict[str, Any], width: float) -> list[Any]:
    """The person's pain-diary chart, drawn for this page's width (its words stay legible)."""
    if handout.progress_chart_png is None:
        return []
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image, KeepTogether

    reader = ImageReader(BytesIO(handout.progress_chart_png))
    w, h = reader.getSize()
    shown = min(width, PROGRESS_WIDTH_PT)
    image = Image(BytesIO(handout.progress_chart_png), width=shown, height=shown * h / w)
    block = [_p(words.PROGRESS_TITLE, styles["h2"]), _p(words.PROGRESS_INTRO, styles["intro"])]
    return [KeepTogether([*block, image])]


PROGRESS_WIDTH_PT = 7.0 * 72  # charts.HANDOUT_SIZE_IN: the chart is shown at the size it is drawn


def _sources(handout: Handout, styles: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph

    if not handout.sources:
        return []
    out: list[Any] = [_p(words.SOURCES_TITLE, styles["h2"])]
    for key, source in handout.sources.items():
        text = f"<b>{escape(key)}</b>: {escape(source.citation)}"
        if source.url:
            url = escape(source.url)
            text += f' <a href="{url}" color="{BLUE}">{url}</a>'
        out.append(Paragraph(text, styles["source"]))
    return out
