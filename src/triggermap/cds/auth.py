"""JWT bearer verification of the calling CDS client (CDS Hooks 2.0 §Trusting CDS Clients).

A call carries `Authorization: Bearer <JWT>` signed by the client (RS384 or ES384). It is
accepted only when its `iss` is on the allowlist, it is signed by a key of the configured JWKS
(chosen by `kid`), `aud` is exactly the URL called, `exp` has not passed, and its `jti` was not
seen before (a replayed token is refused until it expires). Every refusal is an `AuthError`
with one line saying why; the router answers 401.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from pathlib import Path
from typing import Any

from triggermap.errors import InputError, TriggermapError

MAX_REMEMBERED = 100_000  # jti values kept until their token expires


class AuthError(TriggermapError):
    """The caller could not be trusted (HTTP 401)."""


class JtiCache:
    """The `jti` values seen, each kept until its token's `exp`."""

    def __init__(self) -> None:
        self._seen: OrderedDict[tuple[str, str], float] = OrderedDict()

    def claim(self, issuer: str, jti: str, expires: float, now: float) -> bool:
        """True the first time a (iss, jti) is seen; False for a replay."""
        while self._seen and (
            next(iter(self._seen.values())) < now or len(self._seen) > MAX_REMEMBERED
        ):
            self._seen.popitem(last=False)
        key = (issuer, jti)
        if key in self._seen:
            return False
        self._seen[key] = expires
        return True


class Verifier:
    def __init__(
        self,
        *,
        issuers: frozenset[str],
        jwks_file: Path | None,
        jwks_url: str | None,
        algorithms: tuple[str, ...],
        leeway_seconds: int,
    ) -> None:
        self.issuers = issuers
        self.algorithms = list(algorithms)
        self.leeway = leeway_seconds
        self.jtis = JtiCache()
        self._keys = _KeySource(jwks_file, jwks_url)

    def verify(self, authorization: str | None, audience: str) -> dict[str, Any]:
        import jwt

        token = _bearer(authorization)
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as exc:
            raise AuthError(f"Authorization: not a JWT ({exc})") from None
        issuer = unverified.get("iss")
        if not isinstance(issuer, str) or issuer not in self.issuers:
            raise AuthError(f"JWT iss: {str(issuer)[:80]!r} is not a trusted issuer")
        if header.get("alg") not in self.algorithms:
            raise AuthError(f"JWT alg: {str(header.get('alg'))[:20]!r} is not RS384 or ES384")
        key = self._keys.key_for(header.get("kid"))
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=self.algorithms,
                audience=audience,
                issuer=issuer,
                leeway=self.leeway,
                options={"require": ["iss", "aud", "exp", "iat", "jti"]},
            )
        except jwt.PyJWTError as exc:
            raise AuthError(f"JWT refused: {exc}") from None
        if not self.jtis.claim(issuer, str(claims["jti"]), float(claims["exp"]), time.time()):
            raise AuthError("JWT jti: this token was already used (a replay)")
        return claims


def _bearer(authorization: str | None) -> str:
    if not authorization:
        raise AuthError("Authorization: a Bearer JWT is required")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("Authorization: expected 'Bearer <JWT>'")
    return token.strip()


class _KeySource:
    """The client's public keys, from a JWKS file (read once) or URL (PyJWT's cached client)."""

    def __init__(self, jwks_file: Path | None, jwks_url: str | None) -> None:
        self.jwks_file = jwks_file
        self.jwks_url = jwks_url
        self._set: Any = None
        self._client: Any = None

    def key_for(self, kid: Any) -> Any:
        import jwt

        try:
            if self.jwks_url is not None:
                if self._client is None:
                    self._client = jwt.PyJWKClient(self.jwks_url, cache_keys=True, timeout=3)
                return self._client.get_signing_key(kid).key
            return self._from_file(kid)
        except (jwt.PyJWTError, OSError, ValueError, InputError) as exc:
            raise AuthError(f"JWT kid: no trusted key for {str(kid)[:40]!r} ({exc})") from None

    def _from_file(self, kid: Any) -> Any:
        import jwt

        from triggermap.strict_json import parse_json

        if self.jwks_file is None:
            raise ValueError("no JWKS configured")
        if self._set is None:
            self._set = jwt.PyJWKSet.from_dict(parse_json(self.jwks_file.read_bytes(), "jwks"))
        keys = list(self._set.keys)
        if kid is None and len(keys) == 1:
            return keys[0].key
        match = [k for k in keys if k.key_id == kid]
        if not match:
            raise ValueError("kid not in the JWKS")
        return match[0].key
