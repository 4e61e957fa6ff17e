"""What the third new-user trial of the web app found (issue 12), over HTTP: "Change" on the
check page goes straight back to it, every error of a diary or PEG form at once, errors in
plain words naming the question, and one-time forms."""

from __future__ import annotations

import html
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of, warning_fields
from tests.web.test_new_user import DEMO, answers, hidden_fields, post, summary_of


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


def session_count(client: TestClient, label: str, what: str = "Exercise sessions") -> int:
    page = client.get(f"/people/{label}").text
    found = re.search(rf"{what}</dt><dd[^>]*>(\d+)<", page)
    assert found, page[:300]
    return int(found.group(1))


def test_keep_a_record_after_back_records_the_session_once(client: TestClient) -> None:
    token = ("csrf_token", csrf_of(client))
    post(client, "/people", [token, ("label", "SES-ONCE")])
    post(client, "/save", [token, ("case", DEMO.read_text()), ("person", "SES-ONCE")])
    first = client.get("/people/SES-ONCE/session", follow_redirects=False)
    assert first.status_code == 303 and "?form=" in first.headers["location"]
    page = client.get(first.headers["location"]).text
    again = client.get(first.headers["location"]).text  # Back gets the page again: same form
    fields = dict(hidden_fields(page))
    assert fields["form_id"] == dict(hidden_fields(again))["form_id"]
    form = [token, *((n, fields[n]) for n in ("started_at", "person", "form_id"))]
    done = re.findall(r'name="items_done" value="([^"]+)"', page)
    form += [("items_done", done[0]), ("pain_after", "3")]
    recorded = post(client, "/sessions", form)
    repeat = post(client, "/sessions", form)  # Back, then "Keep a record" again
    assert recorded.status_code == repeat.status_code == 303  # type: ignore[attr-defined]
    assert repeat.headers["location"] == recorded.headers["location"]  # type: ignore[attr-defined]
    assert session_count(client, "SES-ONCE") == 1
    fresh = client.get("/people/SES-ONCE/session").text  # a new visit: a new session
    assert dict(hidden_fields(fresh))["form_id"] != fields["form_id"]


def test_the_exam_summary_says_the_unanswered_warning_signs_in_one_line(
    client: TestClient, warning: list[str]
) -> None:
    token = ("csrf_token", csrf_of(client))
    page = post(client, "/exam/save", [token, ("form_id", "exam-summary-1")]).text  # type: ignore[attr-defined]
    lines = summary_of(page)
    assert f"Answer every warning-sign question ({len(warning)} left): yes, no or not sure" in lines
    assert not [line for line in lines if "Answer yes, no or not sure" in line]  # none one by one
    assert len(lines) < len(warning)
    first = warning[0].replace(":", "-")
    assert f'<a href="#field-{first}" data-error-field="{warning[0]}"' in page


def page_text(response: object) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", response.text))  # type: ignore[attr-defined]


def test_a_refused_number_is_said_in_plain_words_naming_the_question(
    client: TestClient, warning: list[str]
) -> None:
    token = ("csrf_token", csrf_of(client))
    post(client, "/people", [token, ("label", "PLAIN-1")])
    diary = post(client, "/people/PLAIN-1/diary", [token, ("date", "2026-01-02"), ("pain", "11")])
    words = page_text(diary)
    assert "How bad is the pain today? Answer with a whole number from 0 to 10; you entered 11" in (
        words
    )
    assert "must be a whole number from 0 to 10; you entered 11" in words  # beside the field
    assert "is not in 0..10" not in words
    peg = [token, ("pain", "abc"), ("enjoyment", "3"), ("activity", "3")]
    words = page_text(post(client, "/people/PLAIN-1/peg", peg))
    assert "Your pain on average in the past week must be a whole number; you entered abc" in words
    where = [*answers(warning)[:-1]]
    where = [(n, "11" if n == "pain.intensity" else v) for n, v in where]
    words = page_text(post(client, "/intake", [token, ("step", "where"), ("go", "next"), *where]))
    assert "Answer with a whole number from 0 to 10; you entered 11" in words
    assert "is not a whole number from" not in words
    exam = [token, ("form_id", "plain-1"), ("rom:hip_flexion", "500")]
    words = page_text(post(client, "/exam/save", exam))
    assert "must be a whole number from 0 to 180; you entered 500" in words
    born = page_text(post(client, "/people", [token, ("label", "PLAIN-2"), ("birth-year", "x")]))
    assert "Year of birth must be a whole number; you entered x" in born


def inline_errors(page: str) -> list[str]:
    return re.findall(r'<p class="error-message" id="error-[^"]+" data-error-field="([^"]+)"', page)


def test_a_diary_entry_and_a_peg_name_every_field_in_error_at_once(client: TestClient) -> None:
    token = ("csrf_token", csrf_of(client))
    post(client, "/people", [token, ("label", "ALL-ERRORS")])
    entry = [token, ("date", "2099-01-01"), ("pain", "11"), ("regions", "elbow")]
    refused = post(client, "/people/ALL-ERRORS/diary", entry)
    assert refused.status_code == 422  # type: ignore[attr-defined]
    page: str = refused.text  # type: ignore[attr-defined]
    assert inline_errors(page) == ["date", "pain", "regions"]  # each beside its field
    lines = summary_of(page)  # and all in the summary at the top, in the form's order
    assert [line.split(" ", 1)[0] for line in lines] == ["Date:", "How", "Where"], lines
    assert "2099-01-01 is in the future" in lines[0] and "you entered 11" in lines[1]
    assert "'elbow'" in lines[2]
    unset = post(client, "/people/ALL-ERRORS/diary", [token, ("date", "1800-01-01")])
    assert inline_errors(unset.text) == ["date", "pain"]  # type: ignore[attr-defined]
    assert "move the slider" in unset.text  # type: ignore[attr-defined]
    peg = [token, ("date", "soon"), ("pain", "abc"), ("activity", "12")]
    refused = post(client, "/people/ALL-ERRORS/peg", peg)
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert inline_errors(refused.text) == ["date", "pain", "enjoyment", "activity"]  # type: ignore[attr-defined]
    assert len(summary_of(refused.text)) == 4  # type: ignore[attr-defined]
    assert session_count(client, "ALL-ERRORS", "Diary entries") == 0  # nothing written
    assert session_count(client, "ALL-ERRORS", "PEG scores") == 0
