"""What the third new-user trial of the web app found (issue 12), over HTTP: "Change" on the
check page goes straight back to it, every error of a diary or PEG form at once, errors in
plain words naming the question, and one-time forms."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of, warning_fields
from tests.web.test_new_user import answers, hidden_fields, post


@pytest.fixture
def warning(web_app: FastAPI) -> list[str]:
    return warning_fields(web_app)


def follow(client: TestClient, response: object) -> str:
    assert response.status_code == 303, response.text[:400]  # type: ignore[attr-defined]
    return client.get(response.headers["location"]).text  # type: ignore[attr-defined]


def test_change_on_the_check_page_goes_to_the_answer_and_straight_back(
    client: TestClient, warning: list[str]
) -> None:
    token = ("csrf_token", csrf_of(client))
    given = answers(warning)
    check = follow(client, post(client, "/intake", [token, ("step", "about"), *given]))
    assert "<h1>Check your answers</h1>" in check
    change = post(client, "/intake", [token, ("step", "check"), ("go", "where"), *given])
    where = follow(client, change)
    assert "Where does it hurt?" in where
    carried = [(n, v) for n, v in hidden_fields(where) if n not in ("csrf_token", "step")]
    assert ("then", "check") in carried
    moved = [(n, "right" if n == "side" else v) for n, v in given]  # the side is changed
    kept = [(n, v) for n, v in carried if n not in dict(moved)] + moved
    again = post(client, "/intake", [token, ("step", "where"), ("go", "next"), *kept])
    back = follow(client, again)
    assert "<h1>Check your answers</h1>" in back  # not "About your pain" (step 3) again
    assert "Right" in back and "Right" not in check  # the changed answer is the one shown
    # the usual way through is unchanged: from where it hurts, Continue is step 3
    usual = post(client, "/intake", [token, ("step", "where"), ("go", "next"), *given])
    assert "About your pain" in follow(client, usual)
