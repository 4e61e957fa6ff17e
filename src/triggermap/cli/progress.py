"""`triggermap progress`: change from baseline, trend, adherence; escalation first."""

from __future__ import annotations

from pathlib import Path

import typer

from triggermap.cli.options import DB_HELP, FORCE_HELP, PERSON_HELP


def register(app: typer.Typer) -> None:
    app.command("progress")(progress_command)


def progress_command(
    person: str = typer.Option(..., "--person", help=PERSON_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (triage first)."),
    chart: Path | None = typer.Option(
        None, "--chart", help="Also draw the charts to FILE (.png or .svg)."
    ),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        help="Judge progress as of YYYY-MM-DD (default: today): a look back; entries after that "
        "day, red flags included, are left out.",
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Show a person's progress: escalation first, then pain, PEG, self-care, body map."""
    from triggermap.cli.runs import run_progress

    run_progress(person=person, as_json=as_json, chart=chart, force=force, as_of=as_of, db=db)
