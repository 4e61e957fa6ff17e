"""`triggermap plan`: a case in, a dosed, safe care plan out (text, JSON, Markdown, HTML, PDF)."""

from __future__ import annotations

from pathlib import Path

import typer

from triggermap.cli.options import DB_HELP, FORCE_HELP, PERSON_HELP


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
    from triggermap.cli.runs import run_plan

    run_plan(
        input_path=input_path,
        output_format=output_format,
        output=output,
        force=force,
        date_text=date_text,
        save=save,
        person=person,
        db=db,
        clinician=clinician,
        note=note,
        large_print=large_print,
    )
