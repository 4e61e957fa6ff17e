"""`triggermap export` and `triggermap import`: one person's records as a JSON document."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from triggermap.cli.options import DB_HELP, FORCE_HELP, PERSON_HELP


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
    app.command("import")(import_command)


def export_command(
    person: str = typer.Option(..., "--person", help=PERSON_HELP),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write here (default: stdout)."
    ),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export everything recorded about a person as JSON (import reads it back exactly)."""
    from triggermap.cli.options import application
    from triggermap.private_files import check_new_file, write_private_file
    from triggermap.services.transfer import export_person

    if output is not None:
        check_new_file(output, force=force)
    text = export_person(application(db), person=person)
    if output is None:
        sys.stdout.write(text)
        return
    write_private_file(output, text, force=force)
    typer.echo(f"exported person {person} to {output}")


def import_command(
    file: str = typer.Argument(..., metavar="FILE", help="A file from `triggermap export`, or -."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Import a person exported with `triggermap export`; print their id. All or nothing."""
    from triggermap.cli.options import application, read_input
    from triggermap.services.transfer import import_person

    person = import_person(application(db), text=read_input(file, "FILE"))
    typer.echo(person.id)
