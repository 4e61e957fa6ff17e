"""How a command ends on a failure: one line on stderr and its exit code. Shared by the fast
path (`cli.entry`) and the Typer app (`cli.app`), so both say the same words; imports nothing
heavy."""

from __future__ import annotations

import os
import sys
from typing import NoReturn


def exit_on(exc: BaseException) -> NoReturn:
    """A `TriggermapError`: its line, its exit code (2 for bad input). Ctrl-C: 130. Anything
    else is a bug: still one line (exit 1), the traceback with TRIGGERMAP_DEBUG set."""
    from triggermap.errors import TriggermapError, one_line

    if isinstance(exc, TriggermapError):
        print(one_line(f"triggermap: error: {exc}"), file=sys.stderr)
        sys.exit(exc.exit_code)
    if isinstance(exc, KeyboardInterrupt):
        print("triggermap: interrupted", file=sys.stderr)
        sys.exit(130)
    if os.environ.get("TRIGGERMAP_DEBUG"):
        raise exc
    print(one_line(f"triggermap: internal error: {type(exc).__name__}: {exc}"), file=sys.stderr)
    sys.exit(1)
