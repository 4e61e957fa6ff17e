"""The care plan as one self-contained HTML page (inline CSS and SVG), readable and printable."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from triggermap.render import plan_words as words
from triggermap.render.dose_words import describe_dose
from triggermap.render.levels import PRINT_COLOURS
from triggermap.render.plan_figure import body_map_svg

if TYPE_CHECKING:
    from triggermap.careplan.handout import Handout
    from triggermap.careplan.model import PlanItem

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
       max-width: 48rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0; }
.date { color: #555; margin-top: .2rem; }
.banner { border-left: .5rem solid var(--level); background: #f7f7f7; padding: .8rem 1rem;
          margin: 1rem 0; }
.banner strong.level { color: var(--level); font-size: 1.1rem; }
.found { display: flex; gap: 1.2rem; align-items: flex-start; flex-wrap: wrap; }
.found figure { margin: 0; flex: 0 0 16rem; }
.found .text { flex: 1 1 18rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #1565c0; padding-bottom: .2rem;
     margin-top: 2rem; }
.intro { font-style: italic; color: #444; }
.item { border: 1px solid #ddd; border-radius: .4rem; padding: .6rem .9rem; margin: .8rem 0;
        break-inside: avoid; }
.item h3 { margin: 0 0 .3rem; font-size: 1.05rem; }
.dose { font-weight: 600; color: #2e7d32; }
.why { color: #444; }
.care { background: #fff8e1; border-left: .3rem solid #f9a825; padding: .3rem .6rem; }
.notfor { color: #b71c1c; }
.sources { font-size: .75rem; color: #777; }
.signs li { margin: .15rem 0; }
.signs summary { cursor: pointer; }
.signs details p, .signs details { color: #333; }
footer { margin-top: 2rem; font-size: .85rem; color: #555; border-top: 1px solid #ccc;
         padding-top: .5rem; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } h2 { break-after: avoid; } }
"""


def render_plan_html(handout: Handout) -> str:
    plan = handout.plan
    body = [
        f"<h1>{words.TITLE}</h1>",
        f'<p class="date">{escape(words.long_date(handout.date))}</p>',
        _banner(handout),
    ]
    if not plan.triage.seek_care_now:
        body.append(_found(handout))
        home, professional = words.home_then_professional(handout)
        for section in home:
            body += _section(section)
        body.append(_left_out(handout))
        for section in professional:
            body += _section(section)
        body.append(_referrals(handout))
    body.append(_safety_net(handout))
    body.append(_review(handout))
    body.append(_progress(handout))
    footer = f"{words.footer(handout)} {words.SOURCES_HINT}."
    body.append(f"<footer>{escape(footer)}</footer>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{words.TITLE}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(part for part in body if part)
        + "\n</body>\n</html>\n"
    )


def _section(section: words.Section) -> list[str]:
    return [
        f"<h2>{escape(section.title)}</h2>",
        f'<p class="intro">{escape(section.intro)}</p>',
        *(_item(item) for item in section.items),
    ]


def _banner(handout: Handout) -> str:
    triage = handout.plan.triage
    colour = PRINT_COLOURS[triage.level]
    parts = [
        f'<section class="banner" style="--level: {colour}">',
        f'<p><strong class="level">{escape(words.banner_heading(triage.level, triage.summary))}'
        "</strong></p>",
    ]
    for reason in triage.reasons:
        parts.append(f"<p>{escape(reason.explanation)}</p>")
        if reason.action:
            parts.append(f"<p><strong>{escape(reason.action)}</strong></p>")
    if triage.seek_care_now:
        parts.append(f"<p><strong>{escape(words.TAKE_THIS_PAGE)}</strong></p>")
    note = words.screening_note(triage)
    if note:
        parts.append(f"<p><strong>{escape(note)}</strong></p>")
    parts.append("</section>")
    return "\n".join(parts)


def _found(handout: Handout) -> str:
    text = []
    found = words.found_sentence(handout)
    if found:
        text.append(f"<p>{escape(found)}</p>")
    if handout.painful_places:
        places = "".join(f"<li>{escape(p)}</li>" for p in handout.painful_places)
        text.append(f"<p>Where you marked pain:</p><ul>{places}</ul>")
    figure = body_map_svg(handout.body_map, title="Body map of your pain")
    return (
        f'<section class="found"><figure>{figure}</figure>'
        f'<div class="text">{"".join(text)}</div></section>'
    )


def _item(item: PlanItem) -> str:
    parts = [f'<article class="item" id="{escape(item.id)}">', f"<h3>{escape(item.title)}</h3>"]
    dose = describe_dose(item.dose, item.kind)
    if dose:
        parts.append(f'<p class="dose">{escape(dose)}</p>')
    parts.append(f'<p class="why">{escape(item.why)}</p>')
    steps = "".join(f"<li>{escape(step)}</li>" for step in item.steps)
    parts.append(f"<ol>{steps}</ol>")
    if item.equipment:
        parts.append(f"<p>You need: {escape(words.equipment_words(item))}</p>")
    parts.extend(
        f'<p class="care"><strong>Take care:</strong> {escape(p)}</p>' for p in item.precautions
    )
    parts.append(f'<p class="sources">Sources: {escape(", ".join(item.sources))}</p>')
    parts.append("</article>")
    return "\n".join(parts)


def _left_out(handout: Handout) -> str:
    notes = words.left_out_notes(handout.plan)
    if not notes:
        return ""
    rows = "".join(
        f'<li><strong>{escape(title)}:</strong> <span class="notfor">{escape(why)}</span></li>'
        for title, why in notes
    )
    return (
        f"<h2>{escape(words.LEFT_OUT_TITLE)}</h2>\n"
        f'<p class="intro">{escape(words.LEFT_OUT_INTRO)}</p>\n<ul>{rows}</ul>'
    )


def _referrals(handout: Handout) -> str:
    people = [r for r in handout.plan.referrals if r.items]
    if not people:
        return ""
    rows = []
    for referral in people:
        when = words.URGENCY_WORDS[referral.urgency]
        row = f"<li><strong>{escape(referral.title)}</strong> ({escape(when)}): "
        row += escape(", ".join(referral.why))
        notes = "".join(
            f'<br><span class="notfor">Not for you: {escape(lo.title)}. {escape(lo.reason)}</span>'
            for lo in referral.not_for
        )
        rows.append(row + notes + "</li>")
    return f"<h2>Who can help</h2>\n<ul>{''.join(rows)}</ul>"


def _safety_net(handout: Handout) -> str:
    groups = handout.plan.safety_net
    if not groups:
        return ""
    parts = [f"<h2>{words.SAFETY_TITLE}</h2>"]
    for group in groups:
        colour = PRINT_COLOURS[group.level]
        parts.append(f'<p><strong style="color: {colour}">{escape(group.action)}:</strong></p>')
        signs = "".join(
            f"<li><details><summary>{escape(s.text)}</summary>{escape(s.meaning)}</details></li>"
            for s in group.signs
        )
        parts.append(f'<ul class="signs">{signs}</ul>')
    return "\n".join(parts)


def _progress(handout: Handout) -> str:
    if handout.progress_chart_png is None:
        return ""
    import base64

    data = base64.b64encode(handout.progress_chart_png).decode("ascii")
    return (
        f"<h2>{words.PROGRESS_TITLE}</h2>\n<p>{escape(words.PROGRESS_INTRO)}</p>\n"
        f'<img class="progress" alt="{escape(words.PROGRESS_ALT)}" '
        f'src="data:image/png;base64,{data}" style="max-width: 100%">'
    )


def _review(handout: Handout) -> str:
    lines = words.review_lines(handout)
    if not lines:
        return ""
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f"<h2>{words.REVIEW_TITLE}</h2>\n<ul>{items}</ul>"
