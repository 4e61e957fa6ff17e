"""`triggermap session`: today's home routine in the terminal, one exercise at a time.

Each exercise shows its steps and dose; Enter starts it, `s` skips it, `q` ends the session.
Holds and timed work count down on a progress bar (Ctrl-C stops a countdown early); between
sets the person rests as long as they need. At the end: a pain rating from 0 to 10, saved with
the session when `--person` is given.

Timers are injectable: `--fast` (hidden) or TRIGGERMAP_FAST_TIMERS=1 makes every second
instant, so a script can drive a whole session through stdin.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import typer

from triggermap.cli.options import DB_HELP, PERSON_HELP

if TYPE_CHECKING:
    from rich.console import Console

    from triggermap.careplan.model import CarePlan
    from triggermap.careplan.routine import Action, RoutineStep
    from triggermap.kb.loader import KnowledgeBase

FAST_ENV = "TRIGGERMAP_FAST_TIMERS"
LONG_TIMER_SECONDS = 5 * 60  # longer than this (heat for 15 minutes): no countdown on screen
Ask = Callable[[str], "str | None"]
PicturePath = Callable[[str], "str | None"]  # treatment id -> a picture file to open


def register(app: typer.Typer) -> None:
    app.command("session")(session_command)


def session_command(
    input_path: str | None = typer.Option(
        None,
        "--input",
        "-i",
        help="Case JSON file, or - for stdin (default with --person: their latest saved case).",
    ),
    person: str | None = typer.Option(
        None, "--person", help=PERSON_HELP + " The session is saved for them."
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    date_text: str | None = typer.Option(None, "--date", hidden=True),
    fast: bool = typer.Option(False, "--fast", hidden=True, help="Instant timers (for tests)."),
) -> None:
    """Do today's routine step by step, with a countdown for each hold, then rate your pain."""
    from rich.console import Console

    from triggermap.cli.options import application
    from triggermap.cli.person_plan import plan_from_options

    app = application(db)
    result = plan_from_options(app, input_path, person, date_text)
    console = Console(highlight=False)
    fast = fast or os.environ.get(FAST_ENV, "") not in ("", "0")
    player = Player(console=console, ask=_make_ask(console), countdown=Countdown(console, fast))
    player.picture_path = _picture_files(app.kb, result.case.side)
    from triggermap.services.session import routine_of

    record = player.play(result.plan, routine_of(result), started_at=app.now())
    if record is not None and person is not None:
        from triggermap.services.session import save_session

        saved = save_session(
            app,
            person=person,
            started_at=record.started_at,
            items_done=record.items_done(),
            pain_after=record.pain_after,
            note=record.note(),
        )
        who = result.person.label if result.person is not None else person
        version = "" if saved.plan_version is None else f" (plan version {saved.plan_version})"
        console.print(f"Saved this session for {who}{version}.")


def _picture_files(kb: KnowledgeBase, case_side: str | None) -> PicturePath:
    """Writes each exercise's picture for the person's side and gives its path."""
    from triggermap.errors import TriggermapError
    from triggermap.render.pictures.files import pictures_folder, write_picture_file

    side = {"left": "left", "right": "right", "bilateral": "both"}.get(case_side or "")
    folder = pictures_folder()

    def path(treatment_id: str) -> str | None:
        try:
            written = write_picture_file(kb, treatment_id, side, folder)  # type: ignore[arg-type]
        except (OSError, TriggermapError):
            return None  # a picture that cannot be written never stops the session
        return None if written is None else str(written)

    return path


def _make_ask(console: Console) -> Ask:
    def ask(prompt: str) -> str | None:
        try:
            return console.input(f"[bold]{prompt}[/bold]").strip().lower()
        except EOFError:
            console.print()
            return None
        except KeyboardInterrupt:
            console.print()
            return "q"

    return ask


# ---------------------------------------------------------------- timers


class Countdown:
    """Counts down on a Rich progress bar; instant when `fast`. False if stopped with Ctrl-C."""

    def __init__(self, console: Console, fast: bool) -> None:
        self.console = console
        self.fast = fast

    def run(self, label: str, seconds: int) -> bool:
        if self.fast:
            self.console.print(f"  {label}: {seconds} s")
            return True
        try:
            self._show(label, seconds)
        except KeyboardInterrupt:
            self.console.print(f"  {label}: stopped")
            return False
        self.console.bell()
        self.console.print(f"  {label}: {seconds} s [green]done[/green]")
        return True

    def _show(self, label: str, seconds: int) -> None:
        from rich.progress import BarColumn, Progress, TextColumn

        columns = (
            TextColumn("  {task.description}"),
            BarColumn(bar_width=30),
            TextColumn("{task.fields[left]:>5} left  (Ctrl-C stops)"),
        )
        with Progress(*columns, console=self.console, transient=True) as progress:
            task = progress.add_task(label, total=seconds, left=_clock(seconds))
            start = time.monotonic()
            while (elapsed := time.monotonic() - start) < seconds:
                left = seconds - int(elapsed)
                progress.update(task, completed=elapsed, left=_clock(left))
                time.sleep(0.1)


def _clock(seconds: int) -> str:
    """90 -> '1:30', 45 -> '45 s': how long is left, as a person reads it."""
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"{seconds} s"


# ---------------------------------------------------------------- playing a routine


@dataclass
class SessionRecord:
    started_at: datetime
    steps: list[dict[str, str]] = field(default_factory=list)
    quit_early: bool = False
    pain_after: int | None = None

    def items_done(self) -> list[str]:
        return [s["id"] for s in self.steps if s["status"] == "done"]

    def note(self) -> str:
        not_done = [s["title"] for s in self.steps if s["status"] != "done"]
        note = f"Done {len(self.items_done())} of {len(self.steps)}."
        if not_done:
            note += " Not done: " + ", ".join(not_done) + "."
        return note


class Player:
    def __init__(self, *, console: Console, ask: Ask, countdown: Countdown) -> None:
        self.console = console
        self.ask = ask
        self.countdown = countdown
        self.picture_path: PicturePath = lambda _: None

    def play(
        self, plan: CarePlan, routine: tuple[RoutineStep, ...], *, started_at: datetime
    ) -> SessionRecord | None:
        """Run the routine; None when the plan says to seek care now (nothing to do). Ctrl-C
        ends it and keeps what was done."""
        from triggermap.render.plan_words import screening_note

        if plan.triage.seek_care_now or not routine:
            self._nothing_to_do(plan)
            return None
        record = SessionRecord(started_at=started_at)
        self.console.rule("Today's routine")
        note = screening_note(plan.triage)
        if note:
            self.console.print(f"[bold yellow]{note}[/bold yellow]\n")
        self.console.print(_introduction(routine) + "\n")
        try:
            self._steps(routine, record)
        except KeyboardInterrupt:
            self.console.print("\n[yellow]Stopped. What you did is kept.[/yellow]")
            done = len(record.steps)
            record.steps += [_step_status(step, "not_reached") for step in routine[done:]]
            record.quit_early = True
        record.pain_after = self._pain_rating()
        self._summary(record)
        return record

    def _steps(self, routine: tuple[RoutineStep, ...], record: SessionRecord) -> None:
        for index, step in enumerate(routine, 1):
            if record.quit_early:
                status = "not_reached"
            else:
                status, quit_now = self._step(index, len(routine), step)
                record.quit_early = quit_now
            record.steps.append(_step_status(step, status))

    def _nothing_to_do(self, plan: CarePlan) -> None:
        from rich.panel import Panel

        from triggermap.render.levels import level_title

        triage = plan.triage
        text = "\n\n".join([triage.summary, *(r.explanation for r in triage.reasons)])
        title = "No exercises today"
        if triage.seek_care_now:
            title = f"{level_title(triage.level)}: no exercises today"
        self.console.print(Panel(text, title=title, border_style="red"))
        if triage.seek_care_now:
            self.console.print("Get care first; come back to your plan when a clinician agrees.")

    def _step(self, index: int, total: int, step: RoutineStep) -> tuple[str, bool]:
        """(status, quit): done | skipped | stopped (begun, not finished) | not_reached."""
        self._show_step(index, total, step)
        answer = self.ask("Press Enter to start, s to skip, q to quit: ")
        while answer not in (None, "", "s", "q"):
            answer = self.ask("Please press Enter to start, or type s to skip or q to quit: ")
        if answer is None or answer == "q":
            return "not_reached", True
        if answer == "s":
            return "skipped", False
        begun = False
        for action in step.actions:
            outcome = self._action(action)
            if outcome == "quit":
                return ("stopped" if begun else "not_reached"), True
            if outcome != "done":
                return ("stopped" if begun or outcome == "stopped" else outcome), False
            begun = True
        self.console.print(f"[green]Done: {step.item.title}[/green]\n")
        return "done", False

    def _show_step(self, index: int, total: int, step: RoutineStep) -> None:
        from rich.console import Group, RenderableType
        from rich.panel import Panel
        from rich.table import Table
        from rich.text import Text

        from triggermap.render.dose_words import describe_dose

        item = step.item
        steps = Table.grid(padding=(0, 1))
        steps.add_column(justify="right", no_wrap=True)
        steps.add_column()
        for n, text in enumerate(item.steps, 1):
            steps.add_row(f"{n}.", text)
        parts: list[RenderableType] = [
            Text(describe_dose(item.dose, item.kind), style="bold green"),
            steps,
        ]
        parts += [Text(f"Take care: {p}", style="yellow") for p in item.precautions]
        title = f"Step {index} of {total}: {item.title}"
        self.console.print(Panel(Group(*parts), title=title, title_align="left"))
        picture = self.picture_path(item.id)
        if picture:  # on a line of its own, never wrapped, so it can be copied or clicked
            self.console.print(f"Picture: {picture}", style="cyan", soft_wrap=True)

    def _action(self, action: Action) -> str:
        """done | skipped (rest of this exercise) | stopped (a countdown) | quit."""
        if action.kind == "timed" and (action.seconds or 0) >= LONG_TIMER_SECONDS:
            answer = self.ask(f"{action.label}: press Enter when you have done it (s skips): ")
            if answer is None or answer == "q":
                return "quit"
            return "skipped" if answer == "s" else "done"
        if action.kind in ("hold", "timed") or (action.kind == "rest" and action.seconds):
            ok = self.countdown.run(action.label, action.seconds or 0)
            return "done" if ok else "stopped"
        prompts = {
            "rest": f"{action.label} (as long as you need): press Enter to go on (s skips): ",
            "count": f"{action.label}: press Enter when done (s skips the rest): ",
            "do": f"{action.label}, then press Enter (s skips): ",
        }
        answer = self.ask(prompts[action.kind])
        if answer is None or answer == "q":
            return "quit"
        return "skipped" if answer == "s" else "done"

    def _pain_rating(self) -> int | None:
        prompt = "How is your pain right now, from 0 (none) to 10 (worst)? (s skips) "
        while True:
            answer = self.ask(prompt)
            if answer is None or answer in ("s", "q"):
                return None
            if answer.isascii() and answer.isdigit() and len(answer) < 4 and int(answer) <= 10:
                return int(answer)
            self.console.print("[yellow]Please type a whole number from 0 to 10.[/yellow]")

    def _summary(self, record: SessionRecord) -> None:
        done = [s for s in record.steps if s["status"] == "done"]
        self.console.rule("Session summary")
        self.console.print(f"Done: {len(done)} of {len(record.steps)}.")
        for status, words in (
            ("skipped", "Skipped"),
            ("stopped", "Stopped early"),
            ("not_reached", "Not reached"),
        ):
            titles = [s["title"] for s in record.steps if s["status"] == status]
            if titles:
                self.console.print(f"{words}: " + ", ".join(titles) + ".")
        if record.pain_after is not None:
            self.console.print(f"Pain now: {record.pain_after} out of 10.")


def _step_status(step: RoutineStep, status: str) -> dict[str, str]:
    return {"id": step.item.id, "title": step.item.title, "status": status}


def _introduction(routine: tuple[RoutineStep, ...]) -> str:
    """How many exercises, about how long, which side first, and the keys."""
    from triggermap.services.session import routine_has_sides, routine_minutes

    count = f"{len(routine)} exercise{'s' if len(routine) != 1 else ''}"
    lines = [f"{count}, about {routine_minutes(routine)} minutes in all."]
    if routine_has_sides(routine):
        lines.append("Exercises for each side: the left side first, then the right.")
    lines.append("Enter starts one, s skips it, q ends (Ctrl-C too: what you did is kept).")
    return "\n".join(lines)
