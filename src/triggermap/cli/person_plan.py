"""The plan `plan` and `session` work from: a case file, or a person's latest saved case."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triggermap.services.application import Application
    from triggermap.services.plan import PlanResult


def plan_from_options(
    app: Application, input_path: str | None, person: str | None, date_text: str | None
) -> PlanResult:
    """The plan (for `plan` and `session`) on `--date` (default: today): for a person, never
    below their records' triage (said on stderr when their records raise it), from their
    latest saved case when no --input is given. `--person ''` names no one: it is refused as
    an unknown person, never read as no person."""
    from triggermap.cli.options import read_input
    from triggermap.cli.runs import echo
    from triggermap.errors import InputError
    from triggermap.services.plan import plan_for_case, plan_for_person, read_one_case

    if input_path is None and person is None:
        raise InputError(
            "--input: give a case file (or - for stdin), or --person LABEL to use their latest "
            "saved case"
        )
    case = None if input_path is None else read_one_case(app, text=read_input(input_path))
    if person is None:
        assert case is not None
        return plan_for_case(app, case=case, today=date_text)
    result = plan_for_person(app, person=person, case=case, today=date_text)
    if input_path is None:
        echo(f"triggermap: note: using the latest saved case of {person}", err=True)
    if result.raised_by is not None:
        from triggermap.render.progress_text import raised_by_note

        level = result.assessment.triage.level
        echo(f"triggermap: note: {raised_by_note(result.raised_by, level, person)}", err=True)
    return result
