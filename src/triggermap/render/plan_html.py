"""The care plan as one self-contained HTML page (inline CSS and SVG), readable and printable.

The same order as the printed handout: who it is for, the triage, the working diagnosis, the
warning signs, today's routine in pictures, where the plan's muscles send pain, how to do each
exercise, who can help, the review dates, the progress chart and the full references, each
with its link.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from triggermap.render import plan_words as words
from triggermap.render.dose_words import describe_dose
from triggermap.render.levels import PRINT_COLOURS

if TYPE_CHECKING:
    from triggermap.careplan.handout import Handout
    from triggermap.careplan.model import PlanItem

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
       max-width: 56rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45;
       font-size: var(--body, 1.05rem); }
body.large { --body: 1.45rem; }
h1 { font-size: 1.7em; margin-bottom: 0; }
.who { color: #555; margin-top: .2rem; }
.note { background: #e8f1fb; padding: .5rem .8rem; border-radius: .3rem; }
.banner { border-left: .5rem solid var(--level); background: #f7f7f7; padding: .8rem 1rem;
          margin: 1rem 0; }
.banner strong.level { color: var(--level); font-size: 1.1em; }
.help { border-left: .5rem solid #b71c1c; background: #fff5f5; padding: .6rem 1rem; }
h2 { font-size: 1.3em; border-bottom: 2px solid #1565c0; padding-bottom: .2rem;
     margin-top: 2rem; }
.intro { color: #444; }
.routine { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
           gap: 1rem; padding: 0; list-style: none; }
.routine li { border: 1px solid #ddd; border-radius: .5rem; padding: .5rem .7rem; }
.routine svg, .item svg { width: 100%; height: auto; }
.routine .name { font-weight: 700; margin: .3rem 0 0; }
.dose { font-weight: 700; color: #1b5e20; font-size: 1.2em; margin: .1rem 0; }
.why { color: #444; margin: .1rem 0; }
.maps { display: flex; flex-wrap: wrap; gap: 1rem; }
.maps figure { margin: 0; flex: 1 1 15rem; max-width: 22rem; }
.legend { list-style: none; padding: 0; }
.legend li { display: flex; gap: .5rem; align-items: center; }
.item { border: 1px solid #ddd; border-radius: .4rem; padding: .6rem .9rem; margin: .8rem 0;
        break-inside: avoid; display: grid; grid-template-columns: 14rem 1fr; gap: 1rem; }
.item.plain { display: block; }
.item h3 { margin: 0 0 .3rem; font-size: 1.1em; }
.care { background: #fff8e1; border-left: .3rem solid #f9a825; padding: .3rem .6rem; }
.notfor { color: #b71c1c; }
.sources li { margin: .2rem 0; }
footer { margin-top: 2rem; font-size: .85rem; color: #555; border-top: 1px solid #ccc;
         padding-top: .5rem; }
@media (max-width: 40rem) { .item { grid-template-columns: 1fr; } }
@media print { body { margin: 0; max-width: none; font-size: 11pt; }
               body.large { font-size: 15pt; } h2 { break-after: avoid; } }
"""


def render_plan_html(handout: Handout, *, large_print: bool = False) -> str:
    plan = handout.plan
    body = [
        f"<h1>{words.TITLE}</h1>",
        f'<p class="who">{escape(words.for_whom(handout))}</p>',
        _note(handout),
        _banner(handout),
    ]
    if not plan.triage.seek_care_now:
        body += [_diagnosis(handout), _safety_net(handout), _routine(handout), _maps(handout)]
        for section in words.item_sections(handout):
            if section.key == "professional":
                continue
            body.append(f"<h2>{escape(section.title)}</h2>")
            body.append(f'<p class="intro">{escape(section.intro)}</p>')
            body.extend(_item(item, handout) for item in section.items)
        body.append(_left_out(handout))
        body.append(_referrals(handout))
    else:
        body.append(_safety_net(handout))
    body += [_review(handout), _progress(handout), _sources(handout)]
    body.append(f"<footer>{escape(words.footer(handout))}</footer>")
    body_tag = '<body class="large">' if large_print else "<body>"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{words.TITLE}</title>\n<style>{CSS}</style>\n</head>\n"
        f"{body_tag}\n" + "\n".join(part for part in body if part) + "\n</body>\n</html>\n"
    )


def _note(handout: Handout) -> str:
    if not handout.note:
        return ""
    who = f"Note from {handout.clinician}:" if handout.clinician else "Note:"
    return f'<p class="note"><strong>{escape(who)}</strong> {escape(handout.note)}</p>'


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


def _diagnosis(handout: Handout) -> str:
    parts = []
    if handout.working_diagnosis:
        parts.append(
            f'<p class="note"><strong>{words.DIAGNOSIS_TITLE}:</strong> '
            f"{escape(handout.working_diagnosis)}</p>"
        )
    if handout.must_exclude:
        parts.append(
            f'<p class="note"><strong>{words.MUST_EXCLUDE_TITLE}:</strong> '
            f"{escape('; '.join(handout.must_exclude))}</p>"
        )
    return "\n".join(parts)


def _picture(item: PlanItem, handout: Handout) -> str:
    """The item's picture as inline SVG ('' without one; drawn once, then cached)."""
    from triggermap.render.pictures.cache import drawn_picture

    art = handout.art.get(item.id)
    if art is None:
        return ""
    return drawn_picture(art.illustration, muscles=art.muscles, side=handout.picture_side).svg


def _routine(handout: Handout) -> str:
    items = words.routine_items(handout)
    if not items:
        return ""
    cards = []
    for n, item in enumerate(items, 1):
        dose = describe_dose(item.dose, item.kind)
        cards.append(
            f'<li>{_picture(item, handout)}<p class="name">{n}. {escape(item.title)}</p>'
            + (f'<p class="dose">{escape(dose)}</p>' if dose else "")
            + f'<p class="why">{escape(words.purpose(item, handout))}</p></li>'
        )
    intro = f"{words.ROUTINE_INTRO} {words.side_words(handout)}"
    return (
        f'<h2>{words.ROUTINE_TITLE}</h2>\n<p class="intro">{escape(intro)}</p>\n'
        f'<ol class="routine">{"".join(cards)}</ol>'
    )


def _maps(handout: Handout) -> str:
    from triggermap.render.plan_figure import (
        MUSCLE_LEGEND,
        legend_swatch_svg,
        muscle_map_items,
        muscle_map_svg,
    )

    if not handout.muscles:
        return ""
    body = handout.body_map
    figures = []
    for note in handout.muscles:
        items = muscle_map_items(body.side, body.painful, note.essential, note.spillover)
        svg = muscle_map_svg(items, title=f"Where the {note.name.lower()} sends pain")
        figures.append(
            f"<figure>{svg}<figcaption><strong>{escape(note.name)}</strong>: "
            f"{escape(note.plain_name)}</figcaption></figure>"
        )
    legend = "".join(
        f"<li>{legend_swatch_svg(role)} {escape(text)}</li>" for role, text in MUSCLE_LEGEND
    )
    found = words.found_sentence(handout)
    return (
        f'<h2>{words.FOUND_TITLE}</h2>\n<p class="intro">{escape(words.FOUND_INTRO)}</p>\n'
        + (f"<p>{escape(found)}</p>\n" if found else "")
        + f'<div class="maps">{"".join(figures)}</div>\n<ul class="legend">{legend}</ul>'
    )


def _item(item: PlanItem, handout: Handout) -> str:
    picture = _picture(item, handout)
    parts = [f"<h3>{escape(item.title)}</h3>"]
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
    links = ", ".join(f'<a href="#src-{escape(k)}">{escape(k)}</a>' for k in item.sources)
    parts.append(f'<p class="sources">Sources: {links}</p>')
    text = "\n".join(parts)
    if not picture:
        return f'<article class="item plain" id="{escape(item.id)}">\n{text}\n</article>'
    return f'<article class="item" id="{escape(item.id)}">{picture}<div>\n{text}\n</div></article>'


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
    return f"<h2>{words.PROFESSIONAL_TITLE}</h2>\n<ul>{''.join(rows)}</ul>"


def _safety_net(handout: Handout) -> str:
    groups = handout.plan.safety_net
    if not groups:
        return ""
    parts = [f'<section class="help"><h2>{words.SAFETY_TITLE}</h2><p>{words.HELP_INTRO}</p>']
    for group in groups:
        colour = PRINT_COLOURS[group.level]
        parts.append(f'<p><strong style="color: {colour}">{escape(group.action)}:</strong></p>')
        signs = "".join(
            f"<li><details><summary>{escape(s.text)}</summary>{escape(s.meaning)}</details></li>"
            for s in group.signs
        )
        parts.append(f'<ul class="signs">{signs}</ul>')
    parts.append("</section>")
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


def _sources(handout: Handout) -> str:
    """Every cited source in full, with its link."""
    if not handout.sources:
        return ""
    rows = []
    for key, source in handout.sources.items():
        link = ""
        if source.url:
            url = escape(source.url, quote=True)
            link = f' <a href="{url}" rel="noopener">{escape(source.url)}</a>'
        rows.append(
            f'<li id="src-{escape(key)}"><strong>{escape(key)}</strong>: '
            f"{escape(source.citation)}{link}</li>"
        )
    return f'<h2>{words.SOURCES_TITLE}</h2>\n<ul class="sources">{"".join(rows)}</ul>'
