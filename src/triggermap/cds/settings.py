"""Settings of the CDS Hooks service; nothing is read at import."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

SANDBOX_ORIGIN = "https://sandbox.cds-hooks.org"


@dataclass(frozen=True)
class CdsSettings:
    """`public_url`: the base URL clients call (the JWT `aud` is `{public_url}/cds-services/ID`);
    when None, the URL of each request is used. `issuers`: the `iss` values trusted; when empty
    no JWT is asked for (a local sandbox), otherwise every service call needs a valid one signed
    by a key of `jwks_file` or `jwks_url` (RS384 or ES384). `web_url`: where the web app is, for
    the card's links (default `public_url`). `smart_launch_url`: the app's SMART launch URL."""

    public_url: str | None = None
    issuers: frozenset[str] = frozenset()
    jwks_file: Path | None = None
    jwks_url: str | None = None
    cors_origins: tuple[str, ...] = (SANDBOX_ORIGIN,)
    web_url: str | None = None
    smart_launch_url: str | None = None
    fetch_timeout_seconds: float = 3.0
    max_body_bytes: int = 2_000_000
    jwt_leeway_seconds: int = 30
    allowed_algorithms: tuple[str, ...] = field(default=("RS384", "ES384"))

    @property
    def requires_jwt(self) -> bool:
        return bool(self.issuers)

    @classmethod
    def from_env(cls) -> CdsSettings:
        """TRIGGERMAP_CDS_PUBLIC_URL, _ISSUERS (comma-separated), _JWKS (a file or an https
        URL), _CORS_ORIGINS (comma-separated), _WEB_URL, _SMART_LAUNCH_URL."""
        env = os.environ.get
        jwks = env("TRIGGERMAP_CDS_JWKS") or None
        is_url = bool(jwks and jwks.startswith("https://"))
        origins = env("TRIGGERMAP_CDS_CORS_ORIGINS")
        return cls(
            public_url=(env("TRIGGERMAP_CDS_PUBLIC_URL") or "").rstrip("/") or None,
            issuers=frozenset(_words(env("TRIGGERMAP_CDS_ISSUERS"))),
            jwks_file=Path(jwks) if jwks and not is_url else None,
            jwks_url=jwks if is_url else None,
            cors_origins=tuple(_words(origins)) if origins is not None else (SANDBOX_ORIGIN,),
            web_url=(env("TRIGGERMAP_CDS_WEB_URL") or "").rstrip("/") or None,
            smart_launch_url=env("TRIGGERMAP_CDS_SMART_LAUNCH_URL") or None,
        )


def _words(text: str | None) -> list[str]:
    return [w.strip() for w in (text or "").split(",") if w.strip()]
