"""`triggermap export` and `triggermap import`: one person's records as a JSON document."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from triggermap.cli.options import DB_HELP, PERSON_HELP


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
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export everything recorded about a person as JSON or FHIR (import reads both back)."""
    from triggermap.cli.options import application
    from triggermap.errors import InputError

    if output_format not in ("json", "fhir"):
        raise InputError(f"--format: {output_format!r} is not one of json, fhir")
    if output_format == "fhir":
        import json

        from triggermap.fhir.transfer import export_bundle

        bundle = export_bundle(application(db), person=person)
        text = json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"
    else:
        from triggermap.services.transfer import export_person

        text = export_person(application(db), person=person)
    if output is None:
        sys.stdout.write(text)
        return
    from triggermap.cli.options import write_output

    write_output(output, text)
    typer.echo(f"exported person {person} to {output}")


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
