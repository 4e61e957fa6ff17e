"""The bodies of the records commands (`progress`, `diary add`, `plan`), free of the command-line
framework: the Typer commands call them with what Typer parsed, and the fast path
(`cli.quick`) with what it parsed itself, so both do and print exactly the same thing. A
records command as a process then does not pay for importing Typer (issue 11).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from triggermap.careplan.handout import Handout


def echo(text: str, *, err: bool = False) -> None:
    """One line (a newline added) on stdout, or on stderr with `err`."""
    stream = sys.stderr if err else sys.stdout
    stream.write(text + "\n")
    stream.flush()


def run_progress(
    *,
    person: str,
    as_json: bool,
    chart: Path | None,
    force: bool,
    as_of: str | None,
    db: str | None,
) -> None:
    """`triggermap progress`: escalation first, then pain, PEG, self-care, body map."""
    from triggermap.cli.options import application
    from triggermap.services.progress import progress_report

    if chart is not None:
        from triggermap.render.charts import check_chart_path

        check_chart_path(chart, force=force)
    app = application(db)
    view = progress_report(app, person=person, as_of=as_of)
    if chart is not None:  # drawn before anything is printed: a failed write prints nothing
        from triggermap.render.charts import write_progress_chart

        write_progress_chart(
            chart, view.report, view.history, kb=app.kb, side=view.side, force=force
        )
    if as_json:
        sys.stdout.write(json.dumps(view.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        from triggermap.render.progress_text import progress_lines

        lines = progress_lines(view.person, view.report, view.triage, app.kb)
        echo("\n".join(lines))  # the escalation first, whatever follows
    if chart is not None and not as_json:
        echo(f"chart written to {chart}")


def run_diary_add(
    *,
    person: str,
    pain: str,
    regions: str | None,
    symptoms: str | None,
    note: str | None,
    day: str | None,
    self_care: bool,
    db: str | None,
) -> None:
    """`triggermap diary add`: a red-flag symptom runs triage at once and shows it first."""
    from triggermap.cli.options import application, split_ids
    from triggermap.services.diary import add_diary_entry

    saved = add_diary_entry(
        application(db, lazy_knowledge=True),  # an entry with no red flag needs only its ids
        person=person,
        pain=pain,
        regions=split_ids(regions),
        symptoms=split_ids(symptoms),
        note=note,
        day=day,
        self_care=self_care,
    )
    if saved.triage is not None:
        from triggermap.render.progress_text import triage_lines

        echo("\n".join(triage_lines(saved.triage)) + "\n")
    entry = saved.entry
    echo(f"saved diary entry {entry.id} ({entry.day}, pain {entry.pain})")


def run_plan(
    *,
    input_path: str | None,
    output_format: str,
    output: Path | None,
    force: bool,
    date_text: str | None,
    save: bool,
    person: str | None,
    db: str | None,
    clinician: str | None,
    note: str | None,
    large_print: bool,
) -> None:
    """`triggermap plan`: what to do now, over six weeks and for good, and when to get help."""
    from triggermap.cli.options import application
    from triggermap.cli.person_plan import plan_from_options
    from triggermap.errors import InputError, show_text
    from triggermap.render.plan_document import FORMATS
    from triggermap.services.plan import signed_handout

    if output_format not in FORMATS:
        raise InputError(f"--format: {show_text(output_format)} is not one of {', '.join(FORMATS)}")
    if output_format == "pdf" and output is None:
        raise InputError("--output: a PDF needs a file to go to (-o FILE)")
    if save and person is None:
        raise InputError("--person: required with --save")
    if output is not None:
        from triggermap.private_files import check_new_file

        check_new_file(output, force=force)
    app = application(db)
    result = plan_from_options(app, input_path, person, date_text)
    handout = signed_handout(result, clinician=clinician, note=note)
    for line in result.notes:
        echo(f"triggermap: note: {line}", err=True)
    if result.progress is not None and output_format in ("html", "pdf"):
        from triggermap.render.charts import with_progress_chart

        progress = result.progress
        handout = with_progress_chart(
            handout, progress.report, progress.history, side=progress.side
        )
    emit_plan(handout, output_format, output, large=large_print, force=force)
    if save:  # after the output is written: a failed write stores nothing
        from triggermap.services.plan import save_plan

        assert person is not None
        stored = save_plan(app, person=person, plan=result.plan)
        echo(f"saved the plan for {person} as version {stored.version}", err=True)


def emit_plan(
    handout: Handout, output_format: str, output: Path | None, *, large: bool, force: bool
) -> None:
    """The plan to `output`, or to stdout (text, JSON, Markdown or HTML)."""
    from triggermap.private_files import write_private_file
    from triggermap.render.plan_document import render_plan_document

    if output_format == "pdf":
        from triggermap.render.plan_pdf import render_plan_pdf

        assert output is not None
        write_private_file(output, render_plan_pdf(handout, large_print=large), force=force)
    elif output_format == "text" and output is None:
        print_plan_text(handout)
        return
    elif output is None:
        sys.stdout.write(render_plan_document(handout, output_format, large_print=large))
        return
    else:
        document = render_plan_document(handout, output_format, large_print=large)
        write_private_file(output, document, force=force)
    echo(f"wrote the {output_format} plan to {output}", err=True)


def print_plan_text(handout: Handout, *, console: Console | None = None) -> None:
    """The plan's text on stdout: plain on a pipe or a file (no terminal library imported),
    coloured by Rich on a terminal (or when the environment asks Rich for colour); the same
    layout, as wide as the terminal (`COLUMNS`, else the terminal's size, else 80)."""
    from triggermap.render.plan_text import plan_lines
    from triggermap.render.text_layout import merged, plain_text

    if console is None and not _colour_wanted():
        sys.stdout.write(plain_text(plan_lines(handout, _columns())))
        sys.stdout.flush()
        return
    from rich.console import Console
    from rich.text import Text

    console = console or Console()
    text = Text()
    for line in plan_lines(handout, console.width):
        for run, style in merged(line):
            text.append(run, style or None)
        text.append("\n")
    console.print(text, soft_wrap=True, end="")


def _colour_wanted() -> bool:
    """Whether Rich would colour stdout: a terminal, or an environment that forces it."""
    import os

    if any(os.environ.get(name) for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")):
        return True
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _columns() -> int:
    """The width Rich gives a console that is not a terminal: `COLUMNS`, else the size of
    the terminal on stdin, stdout or stderr, else 80."""
    import os

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return int(columns) or 80
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80
