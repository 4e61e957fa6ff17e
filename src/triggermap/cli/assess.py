"""`triggermap assess`: one case (or a list) in, assessment out; or an interactive intake."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from triggermap.cli.options import DB_HELP, FORCE_HELP

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.assessment import Assessment
    from triggermap.reasoning.case import Case
    from triggermap.services.track import PersonFlags


def register(app: typer.Typer) -> None:
    app.command("assess")(assess_command)


def assess_command(
    input_path: str | None = typer.Option(
        None,
        "--input",
        "-i",
        help="Case JSON file, or - for stdin. A list gives a list: every case is checked "
        "first, then each result is written as soon as it is ready, so memory stays flat "
        "(10,000 cases: about 50 MB; only the input text is held).",
    ),
    output_format: str = typer.Option("text", "--format", "-f", help="text or json"),
    interactive: bool = typer.Option(False, "--interactive", help="Answer questions instead."),
    save_case: Path | None = typer.Option(None, "--save-case", help="Write the case JSON here."),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    save: bool = typer.Option(False, "--save", help="Store the assessment for --person."),
    person: str | None = typer.Option(None, "--person", help="Person id for --save."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Assess a case: triage, trigger-point muscles, differential, imaging, next tests."""
    from triggermap.cli.options import read_input
    from triggermap.errors import InputError, show_text
    from triggermap.kb.loader import load_knowledge
    from triggermap.reasoning.engine import assess
    from triggermap.services.assess import read_case_batch

    if output_format not in ("text", "json"):
        raise InputError(f"--format: {show_text(output_format)} is not one of text, json")
    if save and not person:
        raise InputError("--person: required with --save")
    if person and not save:
        raise InputError("--save: --person is only used with --save (add --save to store it)")
    if interactive and input_path is not None:
        raise InputError("--input: not with --interactive (choose one way to give the case)")
    if not interactive and input_path is None:
        raise InputError("--input: give a case file (or - for stdin), or use --interactive")
    if save_case is not None:
        from triggermap.private_files import check_new_file

        check_new_file(save_case, "--save-case", force=force)
    kb = load_knowledge()
    if person is not None:  # an unknown or empty person is said before any question is asked
        from triggermap.services.records import show_person

        show_person(db_url=db, person_id=person)
    cases: Iterable[Case]
    if interactive:
        from triggermap.cli.intake import run_intake

        cases, is_list, count = [run_intake(kb)], False, 1
    else:
        assert input_path is not None
        batch = read_case_batch(read_input(input_path), kb)  # every case checked first
        cases, is_list, count = batch, batch.is_list, batch.count
    if save_case is not None:
        _save_cases(save_case, cases, is_list, force)
    pairs: list[tuple[Case, Assessment]] = []  # kept only for --save

    def results() -> Iterator[Assessment]:
        for case in cases:
            result = assess(case, kb)
            if save:
                pairs.append((case, result))
            yield result

    _show(results(), is_list, count, output_format, kb)  # first: a failed save cannot hide it
    if save:
        from triggermap.services.records import save_assessment

        assert person is not None
        from triggermap.services.track import person_flags

        before = _held_flags(person_flags(db_url=db, person_id=person, kb=kb), kb)
        for case, result in pairs:
            save_assessment(
                db_url=db,
                person_id=person,
                case=case.to_json(),
                assessment=result.to_json(),
                knowledge_version=kb.version,
            )
        count_words = "the assessment" if len(pairs) == 1 else f"{len(pairs)} assessments"
        typer.echo(f"saved {count_words} for person {person}", err=True)
        after = person_flags(db_url=db, person_id=person, kb=kb)
        _say_held_flags(before, after, [case for case, _ in pairs], person, kb)


def _save_cases(path: Path, cases: Iterable[Case], is_list: bool, force: bool) -> None:
    """The cases as contract JSON in a private file (a list streams, one case at a time)."""
    from triggermap.private_files import private_file
    from triggermap.render.json_list import json_list_chunks

    with private_file(path, "--save-case", force=force) as handle:
        if is_list:
            for chunk in json_list_chunks(c.to_json() for c in cases):
                handle.write(chunk.encode("utf-8"))
        else:
            handle.write(json.dumps(next(iter(cases)).to_json(), indent=2).encode("utf-8"))
        handle.write(b"\n")


def _show(
    results: Iterable[Assessment], is_list: bool, count: int, output_format: str, kb: KnowledgeBase
) -> None:
    """Each result written as soon as it is ready (a JSON list item by item)."""
    if output_format == "json":
        from triggermap.render.json_list import json_list_chunks

        if is_list:
            chunks = json_list_chunks((r.to_json() for r in results), ensure_ascii=False)
        else:
            one = next(iter(results)).to_json()
            chunks = iter([json.dumps(one, indent=2, ensure_ascii=False)])
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.write("\n")
        sys.stdout.flush()
        return
    from rich.console import Console

    from triggermap.render.assessment_text import render_assessment

    console = Console()
    for number, result in enumerate(results, 1):
        if result.id or count > 1:
            label = f"case {result.id}" if result.id else "case"
            console.rule(f"{label} ({number} of {count})" if count > 1 else label)
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
