"""`triggermap progress`: change from baseline, trend, adherence; escalation first."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from triggermap.cli.options import DB_HELP, FORCE_HELP


def register(app: typer.Typer) -> None:
    app.command("progress")(progress_command)


def progress_command(
    person: str = typer.Option(..., "--person", help="Person id."),
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
    db: str | None = typer.Option(
        None,
        "--db",
        help=DB_HELP,
    ),
) -> None:
    """Show a person's progress: escalation first, then pain, PEG, self-care, body map."""
    from datetime import date

    from triggermap.input_checks import check_day
    from triggermap.kb.loader import load_knowledge
    from triggermap.services.track import progress_report

    today = date.today()
    day = today if as_of is None else check_day(as_of, "--as-of", today)
    if chart is not None:
        from triggermap.render.charts import check_chart_path

        check_chart_path(chart, force=force)
    kb = load_knowledge()
    view = progress_report(db_url=db, person_id=person, today=day, kb=kb)
    if chart is not None:  # drawn before anything is printed: a failed write prints nothing
        from triggermap.render.charts import write_progress_chart

        write_progress_chart(chart, view.report, view.history, kb=kb, force=force)
    if as_json:
        sys.stdout.write(json.dumps(view.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        from triggermap.render.progress_text import progress_lines

        typer.echo("\n".join(progress_lines(view, kb)))  # the escalation first, whatever follows
    if chart is not None and not as_json:
        typer.echo(f"chart written to {chart}")
