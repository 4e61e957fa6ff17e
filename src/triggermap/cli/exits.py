"""How a command ends on a failure: one line on stderr and its exit code. Shared by the fast
path (`cli.entry`) and the Typer app (`cli.app`), so both say the same words; imports nothing
heavy."""

from __future__ import annotations

import os
import sys
from typing import NoReturn


def exit_on(exc: BaseException) -> NoReturn:
    """A `TriggermapError`: its line, its exit code (2 for bad input). Ctrl-C: 130. A closed
    pipe: 1, quietly. Anything else is a bug: still one line (exit 1), the traceback with
    TRIGGERMAP_DEBUG set."""
    from triggermap.errors import TriggermapError, one_line

    if isinstance(exc, TriggermapError):
        print(one_line(f"triggermap: error: {exc}"), file=sys.stderr)
        sys.exit(exc.exit_code)
    if isinstance(exc, KeyboardInterrupt):
        print("triggermap: interrupted", file=sys.stderr)
        sys.exit(130)
    if isinstance(exc, BrokenPipeError):  # the reader stopped (`| head`): end quietly, as Rich
        _quiet_stdout()  # does for the tables (exit 1, no message)
        sys.exit(1)
    if os.environ.get("TRIGGERMAP_DEBUG"):
        raise exc
    print(one_line(f"triggermap: internal error: {type(exc).__name__}: {exc}"), file=sys.stderr)
    sys.exit(1)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush at exit finds no broken pipe
    to complain about."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
