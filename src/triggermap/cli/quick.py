"""The records commands without the command-line framework: `progress`, `diary add` and `plan`,
when their arguments are plain long options this module reads unambiguously.

Importing Typer (and the option machinery it builds for a command) costs a records command
more than its own work (issue 11), so `cli.entry` asks `parse` first. Anything else (help, a
short option, an option given twice, an unknown one, a value that looks like an option, `--`,
a missing required option) returns None, and the full Typer app parses the arguments and says
what is wrong exactly as always. Both ways run the same bodies (`cli.runs`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

# option -> (keyword of the run function, takes a value)
_Spec = dict[str, tuple[str, bool]]

PROGRESS: _Spec = {
    "--person": ("person", True),
    "--json": ("as_json", False),
    "--chart": ("chart", True),
    "--force": ("force", False),
    "--as-of": ("as_of", True),
    "--db": ("db", True),
}
DIARY_ADD: _Spec = {
    "--person": ("person", True),
    "--pain": ("pain", True),
    "--regions": ("regions", True),
    "--symptoms": ("symptoms", True),
    "--note": ("note", True),
    "--date": ("day", True),
    "--self-care": ("self_care", False),
    "--db": ("db", True),
}
PLAN: _Spec = {
    "--input": ("input_path", True),
    "--format": ("output_format", True),
    "--output": ("output", True),
    "--force": ("force", False),
    "--date": ("date_text", True),
    "--save": ("save", False),
    "--person": ("person", True),
    "--db": ("db", True),
    "--clinician": ("clinician", True),
    "--note": ("note", True),
    "--large-print": ("large_print", False),
}
COMMANDS: dict[tuple[str, ...], tuple[_Spec, tuple[str, ...]]] = {
    ("progress",): (PROGRESS, ("person",)),
    ("diary", "add"): (DIARY_ADD, ("person", "pain")),
    ("plan",): (PLAN, ()),
}
PATHS = ("chart", "output")  # options Typer gives as a Path
GC_THRESHOLD = 100_000  # new objects between two passes of the cycle collector (see run)


def parse(args: list[str]) -> Callable[[], None] | None:
    """The command to run for `args`, or None when the Typer app must parse them."""
    for words, (spec, required) in COMMANDS.items():
        if tuple(args[: len(words)]) == words:
            values = _options(args[len(words) :], spec)
            if values is None or any(name not in values for name in required):
                return None
            return _bound(words, _complete(values, spec))
    return None


def _options(rest: list[str], spec: _Spec) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    rest = list(rest)
    while rest:
        arg = rest.pop(0)
        name, equals, value = arg.partition("=")
        known = spec.get(name)
        if known is None:
            return None
        key, takes_value = known
        if key in values:
            return None
        if not takes_value:
            if equals:
                return None
            values[key] = True
            continue
        if not equals:
            if not rest or rest[0].startswith("-"):
                return None  # a value that looks like an option: the parser's own words
            value = rest.pop(0)
        values[key] = Path(value) if key in PATHS else value
    return values


def _complete(values: dict[str, Any], spec: _Spec) -> dict[str, Any]:
    """Every keyword of the run function: a flag not given is False, an option None; the plan's
    format defaults to text, as the Typer command's does."""
    out: dict[str, Any] = {key: (None if takes else False) for key, takes in spec.values()}
    out.update(values)
    if "output_format" in out and out["output_format"] is None:
        out["output_format"] = "text"
    return out


def _bound(words: tuple[str, ...], values: dict[str, Any]) -> Callable[[], None]:
    def run() -> None:
        import gc

        # A records command is one short process that builds tens of thousands of objects
        # (its imports, a person's records) and frees them at exit: the cycle collector's
        # default pace (a pass every 700 new objects) cost it 10-40 ms of passes that find
        # nothing to free. It still runs, every 100,000 objects.
        gc.set_threshold(GC_THRESHOLD)
        from triggermap.cli import runs

        if words == ("progress",):
            runs.run_progress(**values)
        elif words == ("diary", "add"):
            runs.run_diary_add(**values)
        else:
            runs.run_plan(**values)

    return run
