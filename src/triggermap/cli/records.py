"""`triggermap person ...`, `triggermap diary ...` and `triggermap peg`: people and their diary.

Heavy imports (SQLAlchemy, the knowledge base) happen inside the commands, so `--help` stays
fast. Bad input is one line naming the field and the value (exit 2), and writes nothing.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

from triggermap.cli.options import DB_HELP, PERSON_HELP

person_app = typer.Typer(help="Add, list, show and delete people.", no_args_is_help=True)
diary_app = typer.Typer(
    help="The pain diary: add, list, edit and delete entries.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(person_app, name="person")
    app.add_typer(diary_app, name="diary")
    app.command("peg")(peg_command)


def _db_option() -> Any:
    return typer.Option(None, "--db", help=DB_HELP)


# ---------------------------------------------------------------- person


@person_app.command("add")
def person_add(
    label: str = typer.Argument(..., help="A pseudonymous label, e.g. P-014 (not a name)."),
    birth_year: str | None = typer.Option(None, "--birth-year", help="Year of birth."),
    sex: str | None = typer.Option(None, "--sex", help="female, male, other or unknown."),
    db: str | None = _db_option(),
) -> None:
    """Add a person; print the new id (any command takes the label or the id)."""
    from triggermap.cli.options import application
    from triggermap.services.people import add_person

    person = add_person(application(db), label=label, birth_year=birth_year, sex=sex)
    typer.echo(person.id)
    typer.echo(f"added {person.label}: name them with --person {person.label}", err=True)


@person_app.command("list")
def person_list(
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    db: str | None = _db_option(),
) -> None:
    """List everyone, oldest first."""
    from triggermap.cli.options import application
    from triggermap.services.people import list_people

    people = list_people(application(db))
    if as_json:
        _print_json([_person_json(p) for p in people])
        return
    if not people:
        typer.echo("0 people (add one with: triggermap person add LABEL)")
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    title = "1 person" if len(people) == 1 else f"{len(people)} people"
    table = Table("id", "label", "birth year", "sex", "added (UTC)", title=title)
    for person in people:
        table.add_row(
            person.id,
            Text(person.label),
            _or_dash(person.birth_year),
            _or_dash(person.sex),
            person.created_at.isoformat()[:16].replace("T", " "),
        )
    Console().print(table)


@person_app.command("show")
def person_show(
    person_ref: str = typer.Argument(..., metavar="PERSON", help=PERSON_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    db: str | None = _db_option(),
) -> None:
    """Show one person and a count of their records."""
    from triggermap.cli.options import application
    from triggermap.services.people import show_person

    data = show_person(application(db), person=person_ref).to_json()
    if as_json:
        _print_json(data)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_header=False, title=f"person {data['id']}", title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    for key in ("label", "birth_year", "sex", "created_at"):
        table.add_row(key.replace("_", " "), _or_dash(data[key]))
    for key, count in data["records"].items():
        table.add_row(key.replace("_", " "), str(count))
    latest = data["latest_assessment"]
    if latest:
        table.add_row("latest assessment", f"{latest['created_at'][:10]}: {latest['triage_level']}")
    plan = data["latest_plan"]
    if plan:
        table.add_row("latest plan", f"version {plan['version']} of {plan['created_at'][:10]}")
    Console().print(table)


@person_app.command("delete")
def person_delete(
    person_ref: str = typer.Argument(..., metavar="PERSON", help=PERSON_HELP),
    yes: bool = typer.Option(False, "--yes", help="Confirm: erase everything about them."),
    db: str | None = _db_option(),
) -> None:
    """Erase a person and everything recorded about them (needs --yes)."""
    from triggermap.cli.options import application
    from triggermap.errors import InputError, show_text
    from triggermap.services.people import delete_person

    if not yes:
        raise InputError(
            f"--yes: required to erase person {show_text(person_ref)} and everything recorded "
            "about them"
        )
    person = delete_person(application(db), person=person_ref)
    typer.echo(f"deleted person {person.id} ({person.label}) and all their records")


# ---------------------------------------------------------------- diary


@diary_app.command("add")
def diary_add(
    person: str = typer.Option(..., "--person", help=PERSON_HELP),
    pain: str = typer.Option(..., "--pain", help="Pain now or today, 0 (none) to 10 (worst)."),
    regions: str | None = typer.Option(None, "--regions", help="Region ids, comma-separated."),
    symptoms: str | None = typer.Option(None, "--symptoms", help="Symptom ids, comma-separated."),
    note: str | None = typer.Option(None, "--note", help="A short note."),
    day: str | None = typer.Option(None, "--date", help="YYYY-MM-DD (default: today)."),
    self_care: bool = typer.Option(False, "--self-care", help="Self-care was done today."),
    db: str | None = _db_option(),
) -> None:
    """Add a diary entry. A red-flag symptom runs triage at once and shows it first."""
    from triggermap.cli.runs import run_diary_add

    run_diary_add(
        person=person,
        pain=pain,
        regions=regions,
        symptoms=symptoms,
        note=note,
        day=day,
        self_care=self_care,
        db=db,
    )


@diary_app.command("edit")
def diary_edit(
    entry_id: str = typer.Argument(
        ...,
        metavar="ENTRY",
        help="The entry's id, or its first 8 characters as diary list shows them.",
    ),
    pain: str | None = typer.Option(None, "--pain", help="Pain, 0 (none) to 10 (worst)."),
    regions: str | None = typer.Option(None, "--regions", help="Region ids, comma-separated."),
    symptoms: str | None = typer.Option(None, "--symptoms", help="Symptom ids, comma-separated."),
    note: str | None = typer.Option(None, "--note", help="A short note."),
    day: str | None = typer.Option(None, "--date", help="YYYY-MM-DD."),
    self_care: bool | None = typer.Option(
        None, "--self-care/--no-self-care", help="Self-care was (or was not) done that day."
    ),
    db: str | None = _db_option(),
) -> None:
    """Change a diary entry: only the fields given (a red-flag symptom triages at once). An
    empty value clears a field: --note '' or --regions ''."""
    from triggermap.cli.options import application, split_ids
    from triggermap.services.diary import edit_diary_entry

    saved = edit_diary_entry(
        application(db),
        entry_id=entry_id,
        pain=pain,
        regions=None if regions is None else split_ids(regions),
        symptoms=None if symptoms is None else split_ids(symptoms),
        note=note,
        day=day,
        self_care=self_care,
    )
    if saved.triage is not None:
        from triggermap.render.progress_text import triage_lines

        typer.echo("\n".join(triage_lines(saved.triage)) + "\n")
    entry = saved.entry
    typer.echo(f"changed diary entry {entry.id} ({entry.day}, pain {entry.pain})")


@diary_app.command("delete")
def diary_delete(
    entry_id: str = typer.Argument(
        ...,
        metavar="ENTRY",
        help="The entry's id, or its first 8 characters as diary list shows them.",
    ),
    db: str | None = _db_option(),
) -> None:
    """Delete one diary entry."""
    from triggermap.cli.options import application
    from triggermap.services.diary import delete_diary_entry

    entry = delete_diary_entry(application(db), entry_id=entry_id)
    typer.echo(f"deleted diary entry {entry.id} ({entry.day}, pain {entry.pain})")


@diary_app.command("list")
def diary_list(
    person: str = typer.Option(..., "--person", help=PERSON_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    db: str | None = _db_option(),
) -> None:
    """List a person's diary, oldest first."""
    from triggermap.cli.options import application
    from triggermap.render.json_values import plain
    from triggermap.services.diary import list_diary

    app = application(db)
    entries = list_diary(app, person=person)
    if as_json:
        _print_json(plain(entries))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(
        "id",
        "date",
        "pain",
        "regions",
        "symptoms",
        "self-care",
        "note",
        title="1 diary entry" if len(entries) == 1 else f"{len(entries)} diary entries",
    )
    kb = app.kb
    for e in entries:
        table.add_row(
            (e.id or "-")[:8],
            e.day.isoformat(),
            str(e.pain),
            ", ".join(kb.regions[r].label if r in kb.regions else r for r in e.regions) or "-",
            ", ".join(kb.symptoms[s].label if s in kb.symptoms else s for s in e.symptoms) or "-",
            "yes" if e.self_care else "-",
            Text(e.note or ""),
        )
    Console().print(table)


# ---------------------------------------------------------------- PEG


def peg_command(
    person: str = typer.Option(..., "--person", help=PERSON_HELP),
    pain: str = typer.Option(..., "--pain", help="Average pain in the past week, 0-10."),
    enjoyment: str = typer.Option(
        ..., "--enjoyment", help="How much pain interfered with enjoyment of life, 0-10."
    ),
    activity: str = typer.Option(
        ..., "--activity", help="How much pain interfered with general activity, 0-10."
    ),
    day: str | None = typer.Option(None, "--date", help="YYYY-MM-DD (default: today)."),
    db: str | None = _db_option(),
) -> None:
    """Record a PEG score (pain, enjoyment, activity; the score is their mean, Krebs 2009)."""
    from triggermap.cli.options import application
    from triggermap.services.diary import add_peg

    score = add_peg(
        application(db), person=person, pain=pain, enjoyment=enjoyment, activity=activity, day=day
    )
    typer.echo(
        f"saved PEG {score.id} ({score.day}): score {score.score:g} "
        f"(pain {score.pain}, enjoyment {score.enjoyment}, activity {score.activity})"
    )


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _person_json(person: Any) -> Any:
    from triggermap.render.json_values import plain

    return plain(person)


def _or_dash(value: Any) -> str:
    return "-" if value is None else str(value)
