"""`triggermap export` and `triggermap import`: one person's records as a JSON document or a
FHIR R4 Bundle."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from triggermap.cli.options import DB_HELP, FORCE_HELP, PERSON_HELP

if TYPE_CHECKING:
    from triggermap.services.application import Application


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
    app.command("import")(import_command)


def export_command(
    person: str = typer.Option(..., "--person", help=PERSON_HELP),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write here (default: stdout)."
    ),
    output_format: str = typer.Option(
        "json",
        "--format",
        "-f",
        help="json (everything, exactly) or fhir (a FHIR R4 Bundle: diary, PEG, intakes, "
        "conditions, the care plan).",
    ),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export everything recorded about a person as JSON or FHIR (import reads both back)."""
    from triggermap.cli.options import application
    from triggermap.errors import InputError
    from triggermap.private_files import check_new_file, write_private_file

    if output_format not in ("json", "fhir"):
        raise InputError(f"--format: {output_format!r} is not one of json, fhir")
    if output is not None:
        check_new_file(output, force=force)
    text = exported_text(application(db), person=person, output_format=output_format)
    if output is None:
        sys.stdout.write(text)
        return
    write_private_file(output, text, force=force)
    typer.echo(f"exported person {person} to {output}")


def exported_text(app: Application, *, person: str, output_format: str) -> str:
    if output_format == "fhir":
        import json

        from triggermap.fhir.transfer import export_bundle

        bundle = export_bundle(app, person=person)
        return json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"
    from triggermap.services.transfer import export_person

    return export_person(app, person=person)


def import_command(
    file: str = typer.Argument(
        ..., metavar="FILE", help="A file from `triggermap export` (JSON or FHIR), or -."
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Import a person exported with `triggermap export` (JSON, or a FHIR Bundle of one
    patient); print their id. All or nothing."""
    from triggermap.cli.options import application, read_input
    from triggermap.fhir.transfer import import_records

    person = import_records(application(db), text=read_input(file, "FILE"))
    typer.echo(person.id)
