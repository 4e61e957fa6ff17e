"""`triggermap serve`: the local web app, on this machine only.

The first line on stdout is the address with the access token (a script can read it); the
browser opens it unless --no-browser. Everything heavy is imported inside the command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from triggermap.cli.options import DB_HELP

if TYPE_CHECKING:
    import socket

    from triggermap.web.settings import WebSettings


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def serve_command(
    port: int = typer.Option(8765, "--port", help="Port on 127.0.0.1 (0: any free port)."),
    host: str = typer.Option("127.0.0.1", "--host", help="A loopback address only."),
    no_browser: bool = typer.Option(False, "--no-browser", help="Do not open a browser."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Start the web app: mark where it hurts, see the triage, the muscles and a care plan."""
    from dataclasses import replace

    from triggermap.errors import InputError
    from triggermap.web.settings import WebSettings

    if not 0 <= port <= 65535:
        raise InputError(f"--port: {port} is not in 0..65535")
    settings = WebSettings.from_env(host=host, port=port, db_url=db)
    listener = _listen(settings.host, settings.port)
    settings = replace(settings, port=listener.getsockname()[1])
    _run(settings, listener, open_browser=not no_browser)


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, or a one-line error (the port is taken, say)."""
    import socket

    from triggermap.errors import InputError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named: asyncio turns Nagle off (TCP_NODELAY) only on sockets whose proto says
    # TCP, and without it every answer sent in two writes waited ~40 ms for a delayed ACK.
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host.strip("[]"), port))
    except OSError as exc:
        listener.close()
        raise InputError(f"--port: cannot listen on {host}:{port}: {exc.strerror}") from None
    listener.listen(128)
    return listener


def _run(settings: WebSettings, listener: socket.socket, *, open_browser: bool) -> None:
    import sys
    import webbrowser

    import uvicorn

    from triggermap.web.app import create_app

    app = create_app(settings)
    url = settings.url(f"/?token={settings.token}")
    print(url, flush=True)  # the first line on stdout: a script reads the address here
    print("triggermap: serving on this machine only; press Ctrl-C to stop", file=sys.stderr)
    if open_browser:
        webbrowser.open(url)
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)
    uvicorn.Server(config).run(sockets=[listener])
