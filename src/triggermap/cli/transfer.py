"""`triggermap export` and `triggermap import`: one person's records as a JSON document."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

DB_HELP = "Database URL or SQLite file (default: TRIGGERMAP_DATABASE_URL, else a local file)."


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
    app.command("import")(import_command)


def export_command(
    person: str = typer.Option(..., "--person", help="Person id."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write here (default: stdout)."
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export everything recorded about a person as JSON (import reads it back exactly)."""
    from triggermap.services.transfer import export_person, export_text

    text = export_text(export_person(db_url=db, person_id=person))
    if output is None:
        sys.stdout.write(text)
        return
    from triggermap.errors import InputError

    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"--output: cannot write {str(output)!r}: {exc.strerror}") from None
    typer.echo(f"exported person {person} to {output}")


def import_command(
    file: str = typer.Argument(..., metavar="FILE", help="A file from `triggermap export`, or -."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Import a person exported with `triggermap export`; print their id. All or nothing."""
    from triggermap.errors import InputError
    from triggermap.services.transfer import import_person

    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputError(f"FILE: cannot read {file!r}: {reason}") from None
    typer.echo(import_person(db_url=db, text=text))
