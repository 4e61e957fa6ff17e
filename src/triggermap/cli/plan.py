"""`triggermap plan`: a case in, a dosed, safe care plan out (text, JSON, Markdown, HTML, PDF)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from triggermap.cli.options import DB_HELP, FORCE_HELP, PERSON_HELP
from triggermap.render.plan_document import FORMATS

if TYPE_CHECKING:
    from triggermap.careplan.handout import Handout


def register(app: typer.Typer) -> None:
    app.command("plan")(plan_command)


def plan_command(
    input_path: str | None = typer.Option(
        None,
        "--input",
        "-i",
        help="Case JSON file, or - for stdin (default with --person: their latest saved case).",
    ),
    output_format: str = typer.Option(
        "text", "--format", "-f", help="text, json, markdown, html or pdf (pdf needs -o)."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the plan to this file."),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    date_text: str | None = typer.Option(
        None, "--date", help="The plan's date, YYYY-MM-DD (default: today)."
    ),
    save: bool = typer.Option(False, "--save", help="Store the plan for --person."),
    person: str | None = typer.Option(
        None,
        "--person",
        help=PERSON_HELP + " Their records set the triage floor; HTML and PDF get their progress.",
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
    from triggermap.cli.options import application
    from triggermap.cli.person_plan import plan_from_options
    from triggermap.errors import InputError, show_text
    from triggermap.services.plan import signed_handout

    if output_format not in FORMATS:
        raise InputError(f"--format: {show_text(output_format)} is not one of {', '.join(FORMATS)}")
    if output_format == "pdf" and output is None:
        raise InputError("--output: a PDF needs a file to go to (-o FILE)")
    if save and person is None:
        raise InputError("--person: required with --save")
    if output is not None:
        from triggermap.private_files import check_new_file

        check_new_file(output, force=force)
    app = application(db)
    result = plan_from_options(app, input_path, person, date_text)
    handout = signed_handout(result, clinician=clinician, note=note)
    for line in result.notes:
        typer.echo(f"triggermap: note: {line}", err=True)
    if result.progress is not None and output_format in ("html", "pdf"):
        from triggermap.render.charts import with_progress_chart

        progress = result.progress
        handout = with_progress_chart(
            handout, progress.report, progress.history, side=progress.side
        )
    _emit(handout, output_format, output, large_print, force)
    if save:  # after the output is written: a failed write stores nothing
        from triggermap.services.plan import save_plan

        assert person is not None
        stored = save_plan(app, person=person, plan=result.plan)
        typer.echo(f"saved the plan for {person} as version {stored.version}", err=True)


def _emit(
    handout: Handout, output_format: str, output: Path | None, large: bool, force: bool
) -> None:
    from triggermap.private_files import write_private_file
    from triggermap.render.plan_document import render_plan_document

    if output_format == "pdf":
        from triggermap.render.plan_pdf import render_plan_pdf

        assert output is not None
        write_private_file(output, render_plan_pdf(handout, large_print=large), force=force)
    elif output_format == "text" and output is None:
        from rich.console import Console

        from triggermap.render.plan_text import render_plan_text

        Console().print(render_plan_text(handout))
        return
    elif output is None:
        sys.stdout.write(render_plan_document(handout, output_format, large_print=large))
        return
    else:
        document = render_plan_document(handout, output_format, large_print=large)
        write_private_file(output, document, force=force)
    typer.echo(f"wrote the {output_format} plan to {output}", err=True)
