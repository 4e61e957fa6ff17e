"""`triggermap progress`: change from baseline, trend, adherence; escalation first."""

from __future__ import annotations

import json
import sys
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
    from triggermap.cli.options import application
    from triggermap.services.progress import progress_report

    if chart is not None:
        from triggermap.render.charts import check_chart_path

        check_chart_path(chart, force=force)
    app = application(db)
    view = progress_report(app, person=person, as_of=as_of)
    if chart is not None:  # drawn before anything is printed: a failed write prints nothing
        from triggermap.render.charts import write_progress_chart

        write_progress_chart(
            chart, view.report, view.history, kb=app.kb, side=view.side, force=force
        )
    if as_json:
        sys.stdout.write(json.dumps(view.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        from triggermap.render.progress_text import progress_lines

        lines = progress_lines(view.person, view.report, view.triage, app.kb)
        typer.echo("\n".join(lines))  # the escalation first, whatever follows
    if chart is not None and not as_json:
        typer.echo(f"chart written to {chart}")
