"""The `triggermap` command: one short way in for the commonest call, else the full Typer app.

`triggermap assess --input FILE --format json` (also `-i`, `-f`, `--input=FILE`, and `-` for
stdin) runs straight on the cached compiled engine: importing the command-line framework costs
more than assessing a case. The records commands `progress`, `diary add` and `plan` with plain
long options run their bodies (`cli.runs`) through `cli.quick` for the same reason. Any other
arguments, including these with anything else, go to `triggermap.cli.app`, which parses and
answers them as always (help, errors, every option). Both ways print the same output and the
same one-line errors with the same exit codes.
"""

from __future__ import annotations

import sys


def main() -> None:
    path = _assess_json_input(sys.argv[1:])
    if path is None:
        from triggermap.cli.quick import parse

        command = parse(sys.argv[1:])
        if command is None:
            from triggermap.cli.app import main as full

            full()
            return
        try:
            command()
        except (Exception, KeyboardInterrupt) as exc:
            from triggermap.cli.exits import exit_on

            exit_on(exc)
        return
    try:
        from triggermap.cli.options import read_input
        from triggermap.services.assess import assess_json, fast_case_batch

        for chunk in assess_json(fast_case_batch(read_input(path))):
            sys.stdout.buffer.write(chunk)
        sys.stdout.flush()
    except (Exception, KeyboardInterrupt) as exc:
        from triggermap.cli.exits import exit_on

        exit_on(exc)


def _assess_json_input(args: list[str]) -> str | None:
    """The input path when the arguments are exactly `assess`, one input and `--format json`."""
    if not args or args[0] != "assess":
        return None
    values: dict[str, str] = {}
    rest = args[1:]
    while rest:
        arg = rest.pop(0)
        name, equals, value = arg.partition("=")
        key = {"--input": "input", "-i": "input", "--format": "format", "-f": "format"}.get(name)
        if key is None or key in values or (equals and not name.startswith("--")):
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        values[key] = value
    if values.get("format") != "json" or "input" not in values:
        return None
    path = values["input"]
    return path if path == "-" or not path.startswith("-") else None
