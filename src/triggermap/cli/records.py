"""`triggermap person ...`, `triggermap diary ...` and `triggermap peg`: people and their diary.

Heavy imports (SQLAlchemy, the knowledge base) happen inside the commands, so `--help` stays
fast. Bad input is one line naming the field and the value (exit 2), and writes nothing.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

from triggermap.cli.options import DB_HELP

person_app = typer.Typer(help="Add, list, show and delete people.", no_args_is_help=True)
diary_app = typer.Typer(help="The pain diary: add an entry, list entries.", no_args_is_help=True)


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
    """Add a person; print the new id."""
    from triggermap.services.records import add_person

    typer.echo(add_person(db_url=db, label=label, birth_year=birth_year, sex=sex))


@person_app.command("list")
def person_list(
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    db: str | None = _db_option(),
) -> None:
    """List everyone, oldest first."""
    from triggermap.services.records import list_people

    rows = list_people(db_url=db)
    if as_json:
        _print_json(rows)
        return
    if not rows:
        typer.echo("0 people (add one with: triggermap person add LABEL)")
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    title = "1 person" if len(rows) == 1 else f"{len(rows)} people"
    table = Table("id", "label", "birth year", "sex", "added (UTC)", title=title)
    for row in rows:
        table.add_row(
            row["id"],
            Text(row["label"]),
            _or_dash(row["birth_year"]),
            _or_dash(row["sex"]),
            row["created_at"][:16].replace("T", " "),
        )
    Console().print(table)


@person_app.command("show")
def person_show(
    person_id: str = typer.Argument(..., metavar="ID"),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    db: str | None = _db_option(),
) -> None:
    """Show one person and a count of their records."""
    from triggermap.services.records import show_person

    data = show_person(db_url=db, person_id=person_id)
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
    person_id: str = typer.Argument(..., metavar="ID"),
    yes: bool = typer.Option(False, "--yes", help="Confirm: erase everything about them."),
    db: str | None = _db_option(),
) -> None:
    """Erase a person and everything recorded about them (needs --yes)."""
    from triggermap.errors import InputError, show_text
    from triggermap.services.records import delete_person

    if not yes:
        raise InputError(
            f"--yes: required to erase person {show_text(person_id)} and everything recorded "
            "about them"
        )
    delete_person(db_url=db, person_id=person_id)
    typer.echo(f"deleted person {person_id} and all their records")


# ---------------------------------------------------------------- diary


@diary_app.command("add")
def diary_add(
    person: str = typer.Option(..., "--person", help="Person id."),
    pain: str = typer.Option(..., "--pain", help="Pain now or today, 0 (none) to 10 (worst)."),
    regions: str | None = typer.Option(None, "--regions", help="Region ids, comma-separated."),
    symptoms: str | None = typer.Option(None, "--symptoms", help="Symptom ids, comma-separated."),
    note: str | None = typer.Option(None, "--note", help="A short note."),
    day: str | None = typer.Option(None, "--date", help="YYYY-MM-DD (default: today)."),
    self_care: bool = typer.Option(False, "--self-care", help="Self-care was done today."),
    db: str | None = _db_option(),
) -> None:
    """Add a diary entry. A red-flag symptom runs triage at once and shows it first."""
    from triggermap.progress.entries import split_ids
    from triggermap.services.diary import add_diary_entry
    from triggermap.services.records import knowledge
    from triggermap.services.track import triage_diary_entry

    kb = knowledge(None)  # one load for the checks and for the triage
    entry = add_diary_entry(
        db_url=db,
        person_id=person,
        pain=pain,
        regions=split_ids(regions),
        symptoms=split_ids(symptoms),
        note=note,
        day=day,
        self_care=self_care,
        kb=kb,
    )
    triage = triage_diary_entry(db_url=db, person_id=person, entry=entry, kb=kb)
    if triage is not None:
        from triggermap.render.progress_text import triage_lines

        typer.echo("\n".join(triage_lines(triage)) + "\n")
    typer.echo(f"saved diary entry {entry.id} ({entry.day}, pain {entry.pain})")


@diary_app.command("list")
def diary_list(
    person: str = typer.Option(..., "--person", help="Person id."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    db: str | None = _db_option(),
) -> None:
    """List a person's diary, oldest first."""
    from triggermap.progress.report_json import plain
    from triggermap.services.diary import list_diary

    entries = list_diary(db_url=db, person_id=person)
    if as_json:
        _print_json(plain(entries))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(
        "date",
        "pain",
        "regions",
        "symptoms",
        "self-care",
        "note",
        title="1 diary entry" if len(entries) == 1 else f"{len(entries)} diary entries",
    )
    from triggermap.kb.loader import load_knowledge

    kb = load_knowledge()
    for e in entries:
        table.add_row(
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
    person: str = typer.Option(..., "--person", help="Person id."),
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
    from triggermap.services.diary import add_peg

    score = add_peg(
        db_url=db, person_id=person, pain=pain, enjoyment=enjoyment, activity=activity, day=day
    )
    typer.echo(
        f"saved PEG {score.id} ({score.day}): score {score.score:g} "
        f"(pain {score.pain}, enjoyment {score.enjoyment}, activity {score.activity})"
    )


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _or_dash(value: Any) -> str:
    return "-" if value is None else str(value)
