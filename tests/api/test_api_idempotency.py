"""Writes with an Idempotency-Key, as a client that retries meets them: the same request again
gets the first answer and writes nothing more; the key with another body is refused; a bad
request keeps nothing; a bad body or date is a problem naming the field, and writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import BEARER
from tests.api.test_api_records import add_person


def keyed(key: str) -> dict[str, str]:
    return {**BEARER, "Idempotency-Key": key}


def diary(api: TestClient) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = api.get("/api/v1/people/P-014/diary", headers=BEARER).json()
    return entries


def test_a_retried_write_gets_the_first_answer_and_writes_once(api: TestClient) -> None:
    add_person(api)
    body = {"pain": 6, "day": "2026-01-10", "note": "retried"}
    first = api.post("/api/v1/people/P-014/diary", headers=keyed("k-1"), json=body)
    again = api.post("/api/v1/people/P-014/diary", headers=keyed("k-1"), json=body)
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again.headers["idempotency-key"] == "k-1"
    assert "idempotent-replayed" not in first.headers  # the first answer is the write's own
    assert again.headers["idempotent-replayed"] == "true"
    assert [e["id"] for e in diary(api)] == [first.json()["entry"]["id"]]


def test_a_retried_person_gets_the_same_id_and_location(api: TestClient) -> None:
    body = {"label": "P-014", "birth_year": 1970}
    first = api.post("/api/v1/people", headers=keyed("new-person"), json=body)
    again = api.post("/api/v1/people", headers=keyed("new-person"), json=body)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["location"] == first.headers["location"]
    assert len(api.get("/api/v1/people", headers=BEARER).json()) == 1


def test_a_retried_delete_answers_as_the_first_did(api: TestClient) -> None:
    add_person(api)
    first = api.delete("/api/v1/people/P-014", headers=keyed("gone"))
    again = api.delete("/api/v1/people/P-014", headers=keyed("gone"))
    assert first.status_code == again.status_code == 200 and again.content == first.content
    unkeyed = api.delete("/api/v1/people/P-014", headers=BEARER)
    assert unkeyed.status_code == 404


def test_the_key_with_another_body_is_refused_and_writes_nothing(api: TestClient) -> None:
    add_person(api)
    api.post("/api/v1/people/P-014/diary", headers=keyed("k-2"), json={"pain": 6})
    other = api.post("/api/v1/people/P-014/diary", headers=keyed("k-2"), json={"pain": 2})
    assert other.status_code == 422
    assert other.headers["content-type"] == "application/problem+json"
    assert other.json()["field"] == "Idempotency-Key" and "'k-2'" in other.json()["detail"]
    elsewhere = api.post("/api/v1/people/P-014/peg", headers=keyed("k-2"), json={"pain": 1})
    assert elsewhere.status_code == 422
    assert [e["pain"] for e in diary(api)] == [6]


def test_a_refused_request_keeps_nothing_for_its_key(api: TestClient) -> None:
    add_person(api)
    bad = api.post("/api/v1/people/P-014/diary", headers=keyed("k-3"), json={"pain": 11})
    assert bad.status_code == 422 and bad.json()["field"] == "pain"
    again = api.post("/api/v1/people/P-014/diary", headers=keyed("k-3"), json={"pain": 11})
    assert again.status_code == 422 and diary(api) == []


@pytest.mark.parametrize("key", ["", "has space", "x" * 256, "naïve"])
def test_a_malformed_key_is_a_problem_naming_the_header(api: TestClient, key: str) -> None:
    add_person(api)
    response = api.post(
        "/api/v1/people/P-014/diary",
        headers={**BEARER, "Idempotency-Key": key.encode()},  # type: ignore[dict-item]
        json={"pain": 3},
    )
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "Idempotency-Key"
    assert diary(api) == []


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        (b'{"pain": 5, "pain": 7}', "body", "appears twice"),
        (b'{"pain": NaN}', "body", "NaN"),
        (b'{"pain": 5.5}', "pain", "5.5"),
        (b'{"pain": true}', "pain", "true"),
        (b'{"pain": 5, "day": "2026-02-30"}', "day", "2026-02-30"),
        (b'{"pain": 5, "day": "10/01/2026"}', "day", "10/01/2026"),
        (b'{"pain": 5, "day": 20260110}', "day", "20260110"),
        (b'{"pain": 5, "note": ["a"]}', "note", "expected text"),
        (b"[]", "body", "expected a JSON object"),
    ],
)
def test_a_bad_entry_is_a_problem_naming_the_field_and_value(
    api: TestClient, body: bytes, field: str, words: str
) -> None:
    add_person(api)
    headers = {**keyed("k-4"), "Content-Type": "application/json"}
    response = api.post("/api/v1/people/P-014/diary", headers=headers, content=body)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422 and problem["field"].startswith(field), problem
    assert words in problem["detail"], problem
    assert diary(api) == []
