"""`triggermap assess`: one case (or a list) in, assessment out; or an interactive intake."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from triggermap.cli.options import DB_HELP, FORCE_HELP, PERSON_HELP

if TYPE_CHECKING:
    from collections.abc import Iterable

    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.assessment import Assessment
    from triggermap.reasoning.case import Case
    from triggermap.services.assess import SavedAssessments


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
    exam: bool = typer.Option(
        False, "--exam", help="With --interactive: a clinician's examination after the history."
    ),
    save_case: Path | None = typer.Option(None, "--save-case", help="Write the case JSON here."),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    save: bool = typer.Option(False, "--save", help="Store the assessment for --person."),
    person: str | None = typer.Option(None, "--person", help=PERSON_HELP + " For --save."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Assess a case: triage, trigger-point muscles, differential, imaging, next tests."""
    from triggermap.cli.options import application, read_input
    from triggermap.errors import InputError, show_text
    from triggermap.services.assess import assess_cases, read_case_batch

    if output_format not in ("text", "json"):
        raise InputError(f"--format: {show_text(output_format)} is not one of text, json")
    if save and person is None:
        raise InputError("--person: required with --save")
    if person is not None and not save:
        raise InputError("--save: --person is only used with --save (add --save to store it)")
    if interactive and input_path is not None:
        raise InputError("--input: not with --interactive (choose one way to give the case)")
    if not interactive and input_path is None:
        raise InputError("--input: give a case file (or - for stdin), or use --interactive")
    if exam and not interactive:
        raise InputError("--exam: only with --interactive (a case file holds its exam itself)")
    if save_case is not None:
        from triggermap.private_files import check_new_file

        check_new_file(save_case, "--save-case", force=force)
    if output_format == "json" and not interactive and not save:
        assert input_path is not None
        _assess_json(read_input(input_path), save_case, force)  # the compiled engine alone
        return
    app = application(db)
    if person is not None:  # an unknown or empty person is said before any question is asked
        from triggermap.services.people import find_person

        find_person(app, person=person)
    cases: Iterable[Case]
    if interactive:
        from triggermap.cli.intake import run_intake

        cases, is_list, count = [run_intake(app.kb, exam=exam)], False, 1
    else:
        assert input_path is not None
        batch = read_case_batch(read_input(input_path), app.kb)  # every case checked first
        cases, is_list, count = batch, batch.is_list, batch.count
    if save_case is not None:
        _save_cases(save_case, cases, is_list, force)
        typer.echo(f"wrote the case to {save_case}", err=True)
    if save:  # kept for the save (one transaction); a plain batch streams
        cases = list(cases)
    results: Iterable[Assessment] = assess_cases(app, cases=cases)
    if save:
        results = list(results)
    _show(results, is_list, count, output_format, app.kb)  # first: a failed save cannot hide it
    if save:
        from triggermap.services.assess import assess_and_save

        assert person is not None and isinstance(cases, list) and isinstance(results, list)
        saved = assess_and_save(app, person=person, cases=cases, results=results)
        _say_saved(saved, person, app.kb)
    if interactive:
        _next_steps(save_case, saved.person.label if save else None)


def _assess_json(text: str, save_case: Path | None, force: bool) -> None:
    """Cases to contract JSON on the cached compiled engine: every case checked first, then
    each result written as it is ready; no knowledge base to validate, no schema to import."""
    from triggermap.services.assess import assess_json, fast_case_batch

    batch = fast_case_batch(text)
    if save_case is not None:
        _save_cases(save_case, batch, batch.is_list, force)
        typer.echo(f"wrote the case to {save_case}", err=True)
    for chunk in assess_json(batch):
        sys.stdout.buffer.write(chunk)
    sys.stdout.flush()


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


def _say_saved(saved: SavedAssessments, person: str, kb: KnowledgeBase) -> None:
    """After a save: what was stored, the red flags it cleared, those it left open (not
    asked), and the level the person's records now give when it is urgent or an emergency."""
    who = f"person {person}"
    count = "the assessment" if len(saved.ids) == 1 else f"{len(saved.ids)} assessments"
    typer.echo(f"saved {count} for {who}", err=True)
    these = "this assessment" if len(saved.ids) == 1 else "the last of these assessments"

    def words(ids: tuple[str, ...]) -> str:
        return "; ".join(kb.symptoms[i].label.lower() if i in kb.symptoms else i for i in ids)

    if saved.cleared:
        typer.echo(
            f"triggermap: note: cleared for {who}, answered no: {words(saved.cleared)}",
            err=True,
        )
    if saved.still_open:
        typer.echo(
            f"triggermap: note: still open for {who}, not asked by {these}: "
            f"{words(saved.still_open)} (they count until an assessment answers them)",
            err=True,
        )
    if saved.triage is not None and saved.triage.seeks_care_now:
        level = saved.triage.assessment.triage.level.upper()
        typer.echo(
            f"triggermap: note: the records of {who} put the triage at {level}; "
            f"see triggermap progress --person {person}",
            err=True,
        )


def _next_steps(save_case: Path | None, person: str | None) -> None:
    """After an intake: where the case went and what to run next."""
    if person is None and save_case is None:
        typer.echo(
            "To keep this case, run the intake again with --save-case FILE, or with "
            "--save --person LABEL to store it in a person's records.",
            err=True,
        )
        return
    target = f"--person {person}" if person else f"--input {save_case}"
    typer.echo(
        f"Next: triggermap plan {target}   (your care plan)\n"
        f"      triggermap session {target}   (today's exercises, timed)",
        err=True,
    )
