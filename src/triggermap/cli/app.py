"""The `triggermap` command line: one module per command group, heavy imports inside commands.

Errors from the core surface here and nowhere else: a `TriggermapError` becomes one line on
stderr and its exit code; anything unexpected becomes one line too (never a traceback), unless
TRIGGERMAP_DEBUG is set.
"""

from __future__ import annotations

import os
import sys

import typer

from triggermap import __version__
from triggermap.cli import kb as kb_commands

app = typer.Typer(
    name="triggermap",
    help="Decision support for buttock pain: triage, trigger-point muscles, differential, care.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(kb_commands.app, name="kb")


def _register_optional_commands() -> None:
    """Command groups that live in their own modules; each registers itself on `app`."""
    import importlib

    for module in ("assess", "plan", "session", "records", "progress", "transfer"):
        try:
            loaded = importlib.import_module(f"triggermap.cli.{module}")
        except ModuleNotFoundError as exc:
            if exc.name == f"triggermap.cli.{module}":
                continue
            raise
        loaded.register(app)


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


_register_optional_commands()


def main() -> None:
    from triggermap.errors import TriggermapError

    try:
        app()
    except TriggermapError as exc:
        print(f"triggermap: error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("triggermap: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # a bug: still one line for the person, details on request
        if os.environ.get("TRIGGERMAP_DEBUG"):
            raise
        print(f"triggermap: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
