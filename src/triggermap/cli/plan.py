"""`triggermap plan`: a case in, a dosed, safe care plan out (text, JSON, Markdown, HTML, PDF)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from triggermap.cli.options import DB_HELP, write_output

if TYPE_CHECKING:
    from triggermap.careplan.handout import Handout
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.case import Case
    from triggermap.services.plan import PlanResult

FORMATS = ("text", "json", "markdown", "html", "pdf")


def register(app: typer.Typer) -> None:
    app.command("plan")(plan_command)


def plan_command(
    input_path: str = typer.Option(..., "--input", "-i", help="Case JSON file, or - for stdin."),
    output_format: str = typer.Option(
        "text", "--format", "-f", help="text, json, markdown, html or pdf (pdf needs -o)."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the plan to this file."),
    date_text: str | None = typer.Option(
        None, "--date", help="The plan's date, YYYY-MM-DD (default: today)."
    ),
    save: bool = typer.Option(False, "--save", help="Store the plan for --person."),
    person: str | None = typer.Option(
        None, "--person", help="Person id: for --save, and to add their progress chart."
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    clinician: str | None = typer.Option(
        None, "--clinician", help="Your name, printed on the handout as who gave it."
    ),
    note: str | None = typer.Option(None, "--note", help="A note printed on the handout."),
    large_print: bool = typer.Option(
        False, "--large-print", help="PDF and HTML in large print (14 pt body text)."
    ),
) -> None:
    """Build a care plan: what to do now, over six weeks and for good, and when to get help."""
    from triggermap.cli.options import check_writable, one_line_text, parse_date, read_input
    from triggermap.errors import InputError
    from triggermap.kb.loader import load_knowledge
    from triggermap.services.plan import read_one_case

    if output_format not in FORMATS:
        raise InputError(f"--format: {output_format!r} is not one of {', '.join(FORMATS)}")
    if output_format == "pdf" and output is None:
        raise InputError("--output: a PDF needs a file to go to (-o FILE)")
    if save and not person:
        raise InputError("--person: required with --save")
    today = parse_date(date_text)
    clinician = one_line_text(clinician, "--clinician", 80)
    note = one_line_text(note, "--note", 600)
    kb = load_knowledge()
    case = read_one_case(read_input(input_path), kb)
    if output is not None:
        check_writable(output)
    label = case.id
    if person:  # an unknown person is said now, before any work
        from triggermap.services.records import show_person

        label = str(show_person(db_url=db, person_id=person)["label"])
    from triggermap.careplan.safety import unrecognised_preferences

    for line in unrecognised_preferences(case, kb):
        typer.echo(f"triggermap: note: {line}", err=True)
    result = build_plan(case, kb, today, db, person)
    handout = _signed(result.handout, clinician, note, label)
    if person and output_format in ("html", "pdf"):
        handout = _with_progress(handout, person, db, today, kb)
    _emit(handout, output_format, output, large_print)
    if save:  # after the output is written: a failed write stores nothing
        _save(result.plan.to_json(), person or "", db, kb.version)


def build_plan(
    case: Case, kb: KnowledgeBase, today: date, db: str | None, person: str | None
) -> PlanResult:
    """The plan (for `plan` and `session`); for a person, never below their records' triage,
    said on stderr when their records raise it."""
    from triggermap.services.plan import plan_for_case, plan_for_person

    if not person:
        return plan_for_case(case, kb, today=today)
    result = plan_for_person(case, kb, today=today, db_url=db, person_id=person)
    if result.raised_by is not None:
        what = {
            "flags": "red flags that no assessment has rechecked",
            "records": "the records as they stand (earlier findings, the recent diary)",
            "saved": "the latest saved assessment",
        }[result.raised_by]
        level = result.assessment.triage.level.replace("_", " ")
        typer.echo(
            f"triggermap: note: for person {person}, {what} put the triage at {level}",
            err=True,
        )
    return result


def _signed(
    handout: Handout, clinician: str | None, note: str | None, label: str | None
) -> Handout:
    """The handout with the person's label, the clinician's name and a note."""
    from dataclasses import replace

    return replace(handout, patient_label=label, clinician=clinician, note=note)


def _with_progress(
    handout: Handout, person: str, db: str | None, today: date, kb: KnowledgeBase
) -> Handout:
    """The handout with the person's progress charts, when they have a diary."""
    from dataclasses import replace

    from triggermap.render.charts import progress_chart_png
    from triggermap.services.track import progress_report

    view = progress_report(db_url=db, person_id=person, today=today, kb=kb)
    return replace(handout, progress_chart_png=progress_chart_png(view.report, view.history))


def _save(plan_json: dict[str, object], person: str, db: str | None, version: str) -> None:
    from triggermap.services.records import save_plan

    save_plan(db_url=db, person_id=person, plan=plan_json, knowledge_version=version)
    typer.echo(f"saved the plan for person {person}", err=True)


def _emit(handout: Handout, output_format: str, output: Path | None, large: bool) -> None:
    if output_format == "pdf":
        from triggermap.render.plan_pdf import render_plan_pdf

        assert output is not None
        write_output(output, render_plan_pdf(handout, large_print=large))
        return
    if output_format == "text" and output is None:
        from rich.console import Console

        from triggermap.render.plan_text import render_plan_text

        Console().print(render_plan_text(handout))
        return
    text = render_document(handout, output_format, large_print=large)
    if output is None:
        sys.stdout.write(text)
    else:
        write_output(output, text)


def render_document(handout: Handout, output_format: str, *, large_print: bool = False) -> str:
    """The plan as text in one of the text formats (terminal text without colour codes)."""
    if output_format == "json":
        return (
            json.dumps(handout.plan.to_json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        )
    if output_format == "markdown":
        from triggermap.render.plan_markdown import render_plan_markdown

        return render_plan_markdown(handout)
    if output_format == "html":
        from triggermap.render.plan_html import render_plan_html

        return render_plan_html(handout, large_print=large_print)
    from io import StringIO

    from rich.console import Console

    from triggermap.render.plan_text import render_plan_text

    console = Console(file=StringIO(), width=100, color_system=None, record=True)
    console.print(render_plan_text(handout))
    return "".join(line.rstrip() + "\n" for line in console.export_text().splitlines())
