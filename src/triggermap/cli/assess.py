"""`triggermap assess`: one case (or a list) in, assessment out; or an interactive intake."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from triggermap.cli.options import DB_HELP

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.assessment import Assessment
    from triggermap.reasoning.case import Case
    from triggermap.services.track import PersonFlags


def register(app: typer.Typer) -> None:
    app.command("assess")(assess_command)


def assess_command(
    input_path: str | None = typer.Option(
        None, "--input", "-i", help="Case JSON file, or - for stdin (a list gives a list)."
    ),
    output_format: str = typer.Option("text", "--format", "-f", help="text or json"),
    interactive: bool = typer.Option(False, "--interactive", help="Answer questions instead."),
    save_case: Path | None = typer.Option(None, "--save-case", help="Write the case JSON here."),
    save: bool = typer.Option(False, "--save", help="Store the assessment for --person."),
    person: str | None = typer.Option(None, "--person", help="Person id for --save."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Assess a case: triage, trigger-point muscles, differential, imaging, next tests."""
    from triggermap.cli.options import check_writable, read_input, write_output
    from triggermap.errors import InputError

    if output_format not in ("text", "json"):
        raise InputError(f"--format: {output_format!r} is not one of text, json")
    if save and not person:
        raise InputError("--person: required with --save")
    if person and not save:
        raise InputError("--save: --person is only used with --save (add --save to store it)")
    if interactive and input_path is not None:
        raise InputError("--input: not with --interactive (choose one way to give the case)")
    if not interactive and input_path is None:
        raise InputError("--input: give a case file (or - for stdin), or use --interactive")
    if save_case is not None:
        check_writable(save_case, "--save-case")
    if output_format == "json" and not interactive and not save:
        assert input_path is not None
        _assess_json(read_input(input_path), save_case)  # the compiled engine alone: fast
        return
    from triggermap.kb.loader import load_knowledge
    from triggermap.reasoning.engine import assess
    from triggermap.services.assess import read_cases

    kb = load_knowledge()
    if person:  # an unknown person or database is said before any question is asked
        from triggermap.services.records import show_person

        show_person(db_url=db, person_id=person)
    if interactive:
        from triggermap.cli.intake import run_intake

        cases, is_list = [run_intake(kb)], False
    else:
        assert input_path is not None
        cases, is_list = read_cases(read_input(input_path), kb)
    if save_case is not None:
        payload = [c.to_json() for c in cases] if is_list else cases[0].to_json()
        write_output(save_case, json.dumps(payload, indent=2) + "\n", "--save-case")
    results = [assess(case, kb) for case in cases]
    _show(results, is_list, output_format, kb)  # the result first: a failed save cannot hide it
    if save:
        from triggermap.services.records import save_assessment

        assert person is not None
        from triggermap.services.track import person_flags

        before = _held_flags(person_flags(db_url=db, person_id=person, kb=kb), kb)
        for case, result in zip(cases, results, strict=True):
            save_assessment(
                db_url=db,
                person_id=person,
                case=case.to_json(),
                assessment=result.to_json(),
                knowledge_version=kb.version,
            )
        count = "the assessment" if len(cases) == 1 else f"{len(cases)} assessments"
        typer.echo(f"saved {count} for person {person}", err=True)
        after = person_flags(db_url=db, person_id=person, kb=kb)
        _say_held_flags(before, after, cases, person, kb)


def _assess_json(text: str, save_case: Path | None) -> None:
    """Cases to contract JSON with the cached compiled engine: no knowledge base to validate,
    no schema to import."""
    from triggermap.cli.options import write_output
    from triggermap.reasoning.engine_cache import load_engine
    from triggermap.services.assess import assess_json, read_cases

    if save_case is not None:
        cases, is_list = read_cases(text, load_engine().p.vocabulary)
        payload = [c.to_json() for c in cases] if is_list else cases[0].to_json()
        write_output(save_case, json.dumps(payload, indent=2) + "\n", "--save-case")
    sys.stdout.buffer.write(assess_json(text))
    sys.stdout.flush()


def _write_json(data: object) -> None:
    from triggermap.json_output import json_bytes

    sys.stdout.buffer.write(json_bytes(data))
    sys.stdout.flush()


def _show(results: list[Assessment], is_list: bool, output_format: str, kb: KnowledgeBase) -> None:
    if output_format == "json":
        _write_json([r.to_json() for r in results] if is_list else results[0].to_json())
        return
    from rich.console import Console

    from triggermap.render.assessment_text import render_assessment

    console = Console()
    for number, result in enumerate(results, 1):
        if result.id or len(results) > 1:
            label = f"case {result.id}" if result.id else "case"
            console.rule(f"{label} ({number} of {len(results)})" if len(results) > 1 else label)
        console.print(render_assessment(result, kb))


def _held_flags(flags: PersonFlags, kb: KnowledgeBase) -> set[str]:
    """The red flags the person's records hold: open ones, and the latest case's own."""
    from triggermap.progress.red_flags import answers_of
    from triggermap.services.track import red_flag_ids

    held = {s for e in flags.flagged for s in e.symptoms}
    if flags.latest is not None:
        latest = answers_of(flags.latest.case, flags.latest.created_at)
        held |= latest.reported & red_flag_ids(kb)
    return held


def _say_held_flags(
    before: set[str], flags: PersonFlags, cases: list[Case], person: str, kb: KnowledgeBase
) -> None:
    """After a save (`flags`: the records as they now are): the red flags it cleared, those it
    left open (not asked), and the level the person's records now give when it is urgent or an
    emergency, so none of it goes unnoticed."""
    from triggermap.reasoning.assessment import seeks_care_now
    from triggermap.services.track import person_triage_of

    after = _held_flags(flags, kb)
    last = cases[-1]
    these = "this assessment" if len(cases) == 1 else "the last of these assessments"

    def words(ids: list[str]) -> str:
        return "; ".join(kb.symptoms[i].label.lower() if i in kb.symptoms else i for i in ids)

    cleared = sorted(before - after)
    still = sorted(after - set(last.symptoms) - set(last.unsure))
    if cleared:
        typer.echo(
            f"triggermap: note: cleared for person {person}, answered no: {words(cleared)}",
            err=True,
        )
    if still:
        typer.echo(
            f"triggermap: note: still open for person {person}, not asked by {these}: "
            f"{words(still)} (they count until an assessment answers them)",
            err=True,
        )
    person_triage = person_triage_of(flags, kb)
    if person_triage is not None and seeks_care_now(person_triage.assessment.triage.level):
        level = person_triage.assessment.triage.level.upper()
        typer.echo(
            f"triggermap: note: the records of person {person} put the triage at {level}; "
            f"see triggermap progress --person {person}",
            err=True,
        )
