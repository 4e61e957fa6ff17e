"""JWT bearer verification of the CDS client: a trusted, well-formed token passes; each way a
token can be wrong is a 401 naming why (CDS Hooks 2.0 §Trusting CDS Clients)."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fastapi.testclient import TestClient
from tests.contract.conftest import PUBLIC_URL, SERVICE, chart_for, hook_request, make_client

from triggermap.kb.loader import KnowledgeBase

ISSUER = "https://ehr.example.org"
AUDIENCE = f"{PUBLIC_URL}{SERVICE}"


@pytest.fixture(scope="module")
def keys() -> dict[str, Any]:
    return {
        "rsa": rsa.generate_private_key(public_exponent=65537, key_size=2048),
        "ec": ec.generate_private_key(ec.SECP384R1()),
        "stranger": rsa.generate_private_key(public_exponent=65537, key_size=2048),
    }


@pytest.fixture
def secured(kb: KnowledgeBase, keys: dict[str, Any], tmp_path: Path) -> TestClient:
    jwks = {
        "keys": [
            {
                **json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(keys["rsa"].public_key())),
                "kid": "rsa-1",
                "alg": "RS384",
                "use": "sig",
            },
            {
                **json.loads(jwt.algorithms.ECAlgorithm.to_jwk(keys["ec"].public_key())),
                "kid": "ec-1",
                "alg": "ES384",
                "use": "sig",
            },
        ]
    }
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps(jwks), encoding="utf-8")
    return make_client(kb, issuers=frozenset({ISSUER}), jwks_file=path)


def token(
    keys: dict[str, Any], *, key: str = "rsa", kid: str = "rsa-1", alg: str = "RS384", **claims: Any
) -> str:
    now = int(time.time())
    body = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + 300,
        "jti": str(uuid.uuid4()),
        **claims,
    }
    body = {k: v for k, v in body.items() if v is not None}
    return jwt.encode(body, keys[key], algorithm=alg, headers={"kid": kid, "typ": "JWT"})


def call(client: TestClient, kb: KnowledgeBase, bearer: str | None) -> Any:
    headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
    return client.post(
        SERVICE, json=hook_request(chart_for({"symptoms": ["fever"]}, kb)), headers=headers
    )


@pytest.mark.parametrize(
    ("key", "kid", "alg"), [("rsa", "rsa-1", "RS384"), ("ec", "ec-1", "ES384")]
)
def test_a_trusted_token_is_accepted(
    secured: TestClient, kb: KnowledgeBase, keys: dict[str, Any], key: str, kid: str, alg: str
) -> None:
    assert call(secured, kb, token(keys, key=key, kid=kid, alg=alg)).status_code == 200


def test_an_audience_list_holding_the_service_url_is_accepted(
    secured: TestClient, kb: KnowledgeBase, keys: dict[str, Any]
) -> None:
    bearer = token(keys, aud=["https://other.example.org", AUDIENCE])
    assert call(secured, kb, bearer).status_code == 200


def test_a_replayed_token_is_refused(
    secured: TestClient, kb: KnowledgeBase, keys: dict[str, Any]
) -> None:
    bearer = token(keys)
    assert call(secured, kb, bearer).status_code == 200
    replay = call(secured, kb, bearer)
    assert replay.status_code == 401 and "replay" in replay.json()["detail"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"iss": "https://intruder.example.org"}, "is not a trusted issuer"),
        ({"aud": f"{PUBLIC_URL}/cds-services/another"}, "Audience doesn't match"),
        ({"aud": PUBLIC_URL}, "Audience doesn't match"),
        ({"exp": int(time.time()) - 600}, "Signature has expired"),
        ({"jti": None}, 'Token is missing the "jti" claim'),
        ({"key": "stranger"}, "Signature verification failed"),
        ({"kid": "rsa-9"}, "no trusted key for 'rsa-9'"),
        ({"alg": "RS256"}, "'RS256' is not RS384 or ES384"),
    ],
)
def test_a_bad_token_is_401(
    secured: TestClient,
    kb: KnowledgeBase,
    keys: dict[str, Any],
    change: dict[str, Any],
    message: str,
) -> None:
    options = {k: change.pop(k) for k in ("key", "kid", "alg") if k in change}
    response = call(secured, kb, token(keys, **options, **change))
    assert response.status_code == 401
    assert message in response.json()["detail"], response.json()


@pytest.mark.parametrize("bearer", [None, "not-a-jwt", "a.b.c"])
def test_no_token_or_garbage_is_401(
    secured: TestClient, kb: KnowledgeBase, bearer: str | None
) -> None:
    response = call(secured, kb, bearer)
    assert response.status_code == 401
    assert "\n" not in response.json()["detail"]


def test_an_hs256_token_signed_with_the_public_key_is_refused(
    secured: TestClient, kb: KnowledgeBase, keys: dict[str, Any]
) -> None:
    """The classic algorithm-confusion attack: a shared-secret token keyed by the public key."""
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + 300, "jti": "x1"}
    forged = jwt.encode(
        claims,
        "public-key-bytes-as-a-secret-0123456789",
        algorithm="HS256",
        headers={"kid": "rsa-1"},
    )
    assert call(secured, kb, forged).status_code == 401


def test_feedback_needs_a_token_for_its_own_url(secured: TestClient, keys: dict[str, Any]) -> None:
    body = {
        "feedback": [
            {
                "card": str(uuid.uuid4()),
                "outcome": "accepted",
                "outcomeTimestamp": "2026-01-20T10:00:00Z",
            }
        ]
    }
    url = f"{SERVICE}/feedback"
    wrong = secured.post(url, json=body, headers={"Authorization": f"Bearer {token(keys)}"})
    assert wrong.status_code == 401  # a token for the service URL is not one for feedback
    right = token(keys, aud=f"{PUBLIC_URL}{url}")
    assert (
        secured.post(url, json=body, headers={"Authorization": f"Bearer {right}"}).status_code
        == 200
    )
