"""The `triggermap` command line: one module per command group, heavy imports inside commands.

Errors from the core surface here and nowhere else: a `TriggermapError` becomes one line on
stderr and its exit code; anything unexpected becomes one line too (never a traceback), unless
TRIGGERMAP_DEBUG is set.
"""

from __future__ import annotations

import sys
from typing import Any

import typer

from triggermap import __version__
from triggermap.cli import kb as kb_commands


def _value_name(option: Any, ctx: Any) -> str | None:
    """What `--help` shows after an option: its metavar, else its name in capitals for an
    option that takes a value (`--person PERSON`, `--birth-year BIRTH_YEAR`), nothing for a
    switch. Typer
    0.2x shows Python's type instead (`--person <str>`, `--help <bool>`); every option here
    takes text and checks it itself, so the type says nothing a person can use."""
    if option.metavar is not None:
        return str(option.metavar)
    if option.is_flag or option.count:
        return None
    longest = max(option.opts, key=len, default="--value")
    return str(longest).lstrip("-").replace("-", "_").upper()


def _no_type(argument: Any, ctx: Any) -> None:
    """An argument's name (`PERSON`, `label`) says what it is; no Python type after it."""
    return None


if hasattr(typer.core.TyperOption, "display_type_rich"):  # Typer 0.2x; older show metavars
    typer.core.TyperOption.display_type_rich = _value_name  # type: ignore[method-assign,assignment]
    typer.core.TyperArgument.display_type_rich = _no_type  # type: ignore[method-assign,assignment]

app = typer.Typer(
    name="triggermap",
    help="Decision support for buttock pain: triage, trigger-point muscles, differential, care.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(kb_commands.app, name="kb")
app.command("schema")(kb_commands.schema_command)


def _register_commands() -> None:
    """Each command module registers its commands on `app` (they import heavy code lazily)."""
    from triggermap.cli import assess, plan, progress, records, serve, session, transfer

    for module in (assess, plan, session, records, progress, transfer, serve):
        module.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"triggermap {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """triggermap command line."""


_register_commands()


def _parser_error(exc: typer.TyperException) -> None:
    """One line and exit 2 for a usage error; the help text when a group was given no command."""
    ctx: Any = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError":
        sys.exit(0)  # the parser has already shown the help
    from triggermap.errors import one_line

    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    where = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
    print(one_line(f"triggermap: error: {message}{where}"), file=sys.stderr)
    sys.exit(int(getattr(exc, "exit_code", 2)))


def main() -> None:
    try:
        code = app(standalone_mode=False)
    except typer.TyperException as exc:  # the parser's own errors, e.g. a mistyped option
        _parser_error(exc)
    except typer.Abort:
        print("triggermap: interrupted", file=sys.stderr)
        sys.exit(130)
    except (Exception, KeyboardInterrupt) as exc:
        from triggermap.cli.exits import exit_on

        exit_on(exc)
    sys.exit(code if isinstance(code, int) else 0)
