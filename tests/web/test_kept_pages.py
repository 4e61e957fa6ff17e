"""A draft's results page is drawn once and kept with the draft (`Drafts.keep_page`): a reload
sends the same page, never with another session's CSRF token, and nothing outlives the draft."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import TOKEN, csrf_of, warning_fields
from triggermap.web.app import create_app
from triggermap.web.drafts import GONE, Draft, Drafts
from triggermap.web.settings import WebSettings


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    db = f"sqlite:///{tmp_path / 'records.db'}"
    return create_app(WebSettings(token=TOKEN, extra_hosts=("testserver",), db_url=db))


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        test_client.get(f"/?token={TOKEN}", follow_redirects=False)
        yield test_client


def results_address(app: FastAPI, client: TestClient) -> str:
    answers = [("csrf_token", csrf_of(client))]
    answers += [(name, "no") for name in warning_fields(app)]
    answers += [("pain.regions", "mid_buttock"), ("side", "left"), ("pain.intensity", "4")]
    answers += [("duration_weeks", "2 weeks")]
    response = client.post(
        "/results",
        content=urlencode(answers),
        headers={"content-type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[:300]
    location: str = response.headers["location"]
    return location


def test_a_reload_sends_the_page_drawn_the_first_time(
    app: FastAPI, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = results_address(app, client)
    first = client.get(where)
    assert first.status_code == 200 and 'data-triage-level="self_care"' in first.text

    def no_engine(*args: object, **kwargs: object) -> object:
        raise AssertionError("a kept page is not assessed again")

    monkeypatch.setattr("triggermap.web.routes.assess.assess_cases", no_engine)
    again = client.get(where)
    assert again.status_code == 200 and again.content == first.content
    assert again.headers["content-type"] == first.headers["content-type"]
    assert again.headers["cache-control"] == "no-store"  # still through the gate
    assert "script-src 'self'" in again.headers["content-security-policy"]


def test_another_sessions_token_is_never_on_a_kept_page(
    app: FastAPI, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = results_address(app, client)
    mine = csrf_of(client)
    assert f'value="{mine}"' in client.get(where).text
    other = "another-sessions-csrf-token"
    monkeypatch.setattr(app.state.keys, "csrf", other)  # as a second session would see it
    theirs = client.get(where).text
    assert f'value="{other}"' in theirs and mine not in theirs
    monkeypatch.undo()
    assert other not in client.get(where).text


def test_a_kept_page_goes_with_its_draft(app: FastAPI, client: TestClient) -> None:
    clock = Clock()
    app.state.drafts = drafts = Drafts(ttl=60, clock=clock)
    where = results_address(app, client)
    assert client.get(where).status_code == 200 and drafts.pages_kept() == 1
    clock.now = 61
    gone = client.get(where, follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == GONE
    assert drafts.pages_kept() == 0


def test_a_page_is_kept_for_a_draft_of_results_only(app: FastAPI, client: TestClient) -> None:
    key = app.state.drafts.put(Draft("intake", items=(("side", "left"),), extra="where"))
    response = client.get(f"/results/{key}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == GONE
    assert app.state.drafts.pages_kept() == 0
