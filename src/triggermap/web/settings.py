"""The web app's settings: built once, from the environment or by a test, and passed in.

    TRIGGERMAP_WEB_TOKEN      the access token (default: a new random one at each start)
    TRIGGERMAP_DATABASE_URL   the records database (the CLI's `--db`)

Unsafe values are refused here, at start, with one line: a host that is not loopback (the app
has no accounts yet, so anyone who can reach the port could read health data) and a token too
short to resist guessing.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass, field

from triggermap.errors import InputError, show_text

TOKEN_ENV = "TRIGGERMAP_WEB_TOKEN"
DATABASE_ENV = "TRIGGERMAP_DATABASE_URL"
MIN_TOKEN_CHARACTERS = 16
DEFAULT_PORT = 8765
MAX_BODY_BYTES = 1_000_000  # a case is a few kB; a form of every field is under 20 kB


@dataclass(frozen=True)
class WebSettings:
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24), repr=False)
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    db_url: str | None = None
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)
    max_body_bytes: int = MAX_BODY_BYTES
    extra_hosts: tuple[str, ...] = ()  # Host headers accepted besides the loopback names

    def __post_init__(self) -> None:
        check_loopback(self.host)
        if len(self.token) < MIN_TOKEN_CHARACTERS:
            raise InputError(
                f"{TOKEN_ENV}: a token of {len(self.token)} characters is too short "
                f"(at least {MIN_TOKEN_CHARACTERS})"
            )

    @classmethod
    def from_env(cls, **overrides: object) -> WebSettings:
        """Settings from the environment; keyword arguments (the command's options) win."""
        values: dict[str, object] = {}
        if os.environ.get(TOKEN_ENV):
            values["token"] = os.environ[TOKEN_ENV]
        if os.environ.get(DATABASE_ENV):
            values["db_url"] = os.environ[DATABASE_ENV]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    @property
    def allowed_hosts(self) -> frozenset[str]:
        """Host headers the app answers: the loopback names (a page that a DNS name resolved
        to 127.0.0.1 is another site's, so it is refused: no DNS rebinding)."""
        names = {"127.0.0.1", "localhost", "[::1]"}
        return frozenset({*names, *(f"{n}:{self.port}" for n in names), *self.extra_hosts})

    def url(self, path: str = "/") -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{path}"


def check_loopback(host: str) -> None:
    """Refuse a host the app would be reachable on from another machine."""
    if host == "localhost":
        return
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        raise InputError(
            f"--host: {show_text(host)} is not an IP address (use 127.0.0.1)"
        ) from None
    if not address.is_loopback:
        raise InputError(
            f"--host: {host} is not a loopback address; the app has no accounts yet, so it "
            "serves only this machine (127.0.0.1)"
        )
