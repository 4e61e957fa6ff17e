"""The web app over HTTP: the gate (token, cookie, CSRF, headers, sizes), the intake's pages,
POST /assess and the plan, each answer a person or a script would notice."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import TOKEN, csrf_of, post_form, warning_fields
from triggermap.web.app import create_app
from triggermap.web.settings import WebSettings

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-case.json"
BEARER = {"authorization": f"Bearer {TOKEN}"}


def error_line(page: str) -> str:
    found = re.search(r"data-error-line>([^<]*)<", page)
    assert found, page[:500]
    return found.group(1).replace("&#39;", "'").replace("&quot;", '"')


def level_of(page: str) -> str:
    found = re.search(r'data-triage-level="([a-z_]+)"', page)
    assert found
    return found.group(1)


@pytest.fixture
def anonymous(web_app: FastAPI) -> TestClient:
    return TestClient(web_app, raise_server_exceptions=False)


@pytest.fixture
def warning(web_app: FastAPI) -> list[str]:
    return warning_fields(web_app)


# ---------------------------------------------------------------- the gate


def test_the_token_sets_a_strict_session_cookie_and_leaves_the_address(
    anonymous: TestClient,
) -> None:
    response = anonymous.get(f"/intake?token={TOKEN}&x=1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/intake?x=1"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert anonymous.get("/intake").status_code == 200


@pytest.mark.parametrize(
    ("headers", "query", "line"),
    [
        ({}, "", "access: open the address that `triggermap serve` printed"),
        ({}, "?token=guess-guess-guess-guess", "token: wrong access token"),
        ({"authorization": "Bearer nope"}, "", "authorization: wrong access token"),
        ({"authorization": f"Basic {TOKEN}"}, "", "authorization: wrong access token"),
        ({"cookie": "triggermap_session=forged"}, "", "access: open the address"),
    ],
)
def test_no_page_without_the_token(
    anonymous: TestClient, headers: dict[str, str], query: str, line: str
) -> None:
    response = anonymous.get(f"/{query}", headers=headers, follow_redirects=False)
    assert response.status_code == 401
    assert line in response.text
    assert "set-cookie" not in response.headers


def test_a_browser_without_the_token_gets_a_page_saying_what_to_open(
    anonymous: TestClient,
) -> None:
    response = anonymous.get("/", headers={"accept": "text/html,*/*"})
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("text/html")
    assert "Open the address that <code>triggermap serve</code> printed" in response.text
    assert error_line(response.text).startswith("access: open the address")


def test_a_form_with_the_cookie_but_without_the_csrf_token_is_refused(
    client: TestClient, warning: list[str]
) -> None:
    items = [("step", "warning"), ("go", "next")]
    for token in ([], [("csrf_token", "0" * 64)]):
        response = post_form(client, "/intake", token + items)
        assert response.status_code == 403
        assert error_line(response.text).startswith("csrf_token: missing or wrong")


def test_the_bearer_token_needs_no_csrf_token(anonymous: TestClient) -> None:
    response = anonymous.post("/assess", content=DEMO.read_bytes(), headers=BEARER)
    assert response.status_code == 200
    assert level_of(response.text) == "clinician"


def test_the_token_in_the_address_also_works_for_a_script_posting_a_case(
    anonymous: TestClient,
) -> None:
    response = anonymous.post(f"/assess?token={TOKEN}", content=DEMO.read_bytes())
    assert response.status_code == 200
    assert level_of(response.text) == "clinician"


def test_a_content_length_that_is_not_a_number_is_refused(anonymous: TestClient) -> None:
    response = anonymous.post("/assess", content=b"{}", headers={**BEARER, "content-length": "1e3"})
    assert response.status_code == 400
    assert "content-length: '1e3' is not a number of bytes" in response.text


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/intake", "/static/app.css", "/no-such-page"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert "public" not in headers["cache-control"]
    assert client.get("/intake").headers["cache-control"] == "no-store"


def test_no_page_has_inline_script_or_style(client: TestClient) -> None:
    for path in ("/", "/intake"):
        page = client.get(path).text
        assert "<style" not in page and " style=" not in page
        assert not re.search(r"<script(?![^>]*\bsrc=)", page)


def test_another_host_name_is_refused(client: TestClient) -> None:
    response = client.get("/", headers={"host": "evil.example:8765"})
    assert response.status_code == 400
    assert "host: this app answers only on 127.0.0.1" in response.text


def test_a_body_over_the_limit_is_refused_before_it_is_read(anonymous: TestClient) -> None:
    big = b"{" + b" " * 10_000_000 + b"}"
    response = anonymous.post("/assess", content=big, headers=BEARER)
    assert response.status_code == 413
    assert "body: larger than 1,000,000 bytes" in response.text


def test_a_streamed_body_over_the_limit_is_refused(anonymous: TestClient) -> None:
    def chunks() -> object:
        for _ in range(20):
            yield b" " * 100_000

    response = anonymous.post("/assess", content=chunks(), headers=BEARER)  # type: ignore[arg-type]
    assert response.status_code == 413


def test_a_non_loopback_host_setting_is_refused() -> None:
    with pytest.raises(Exception, match=r"--host: 0\.0\.0\.0 is not a loopback address"):
        WebSettings(host="0.0.0.0")
    with pytest.raises(Exception, match="too short"):
        WebSettings(token="short")


def test_an_unknown_address_is_a_404_page(client: TestClient) -> None:
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert error_line(response.text) == "address: no such page"


# ---------------------------------------------------------------- POST /assess


def test_a_case_posted_as_json_answers_with_the_results_page(anonymous: TestClient) -> None:
    case = json.loads(DEMO.read_text())
    response = anonymous.post("/assess", json=case, headers=BEARER)
    page = response.text
    assert response.headers["content-type"].startswith("text/html")
    assert page.index("data-triage-level") < page.index("Muscles that may be causing")
    assert "Decision support, not a diagnosis" in page


@pytest.mark.parametrize(
    ("body", "line"),
    [
        (b'{"age": -3}', "age: -3 is not in 0..120"),
        (b'{"pain": {"intensity": 11}}', "pain.intensity: 11 is not in 0..10"),
        (b'{"symptoms": ["leg_pain"]}', "symptoms[0]: unknown id 'leg_pain'"),
        (b'{"symptoms": ["fever"], "symptoms": []}', "symptoms"),
        (b"[{}]", "input: expected one case (a JSON object), got a list"),
        (b"{", "input"),
        (b'{"age": NaN}', "NaN"),
        (b"\xff\xfe", "input"),
    ],
)
def test_a_bad_case_is_a_422_with_the_one_line_error(
    anonymous: TestClient, body: bytes, line: str
) -> None:
    response = anonymous.post("/assess", content=body, headers=BEARER)
    assert response.status_code == 422
    assert line in error_line(response.text)
    assert "Traceback" not in response.text


def test_an_emergency_case_puts_the_emergency_card_first(anonymous: TestClient) -> None:
    body = {"symptoms": ["saddle_anaesthesia"], "pain": {"regions": ["mid_buttock"]}}
    page = anonymous.post("/assess", json=body, headers=BEARER).text
    assert level_of(page) == "emergency"
    assert "Immediate action required" in page


# ---------------------------------------------------------------- the intake over HTTP


def test_an_emergency_answer_stops_the_intake_at_once(
    client: TestClient, warning: list[str]
) -> None:
    items = [(name, "no") for name in warning]
    items = [(k, "yes" if k == "symptom:bladder_bowel_dysfunction" else v) for k, v in items]
    token = [("csrf_token", csrf_of(client))]
    response = post_form(client, "/intake", [*token, ("step", "warning"), ("go", "next"), *items])
    assert response.status_code == 200
    assert 'class="interruption" data-triage-level="emergency"' in response.text
    assert "Where does it hurt" not in response.text
    live = post_form(client, "/intake/check", token + items[:5] + items[5:])
    assert 'data-triage-level="emergency"' in live.text
    calm = post_form(client, "/intake/check", [*token, ("symptom:fever", "no")])
    assert calm.status_code == 204


def test_not_sure_about_an_emergency_sign_stops_the_intake_too(
    client: TestClient, warning: list[str]
) -> None:
    items = [(name, "no") for name in warning]
    items = [(k, "not_sure" if k == "symptom:saddle_anaesthesia" else v) for k, v in items]
    token = [("csrf_token", csrf_of(client))]
    response = post_form(client, "/intake", [*token, ("step", "warning"), ("go", "next"), *items])
    assert 'class="interruption" data-triage-level="emergency"' in response.text
    assert 'You answered "not sure" to' in response.text


def test_a_missing_answer_shows_the_page_again_with_the_field_named(
    client: TestClient, warning: list[str]
) -> None:
    token = [("csrf_token", csrf_of(client))]
    items = [(name, "no") for name in warning[1:]]
    response = post_form(client, "/intake", [*token, ("step", "warning"), ("go", "next"), *items])
    assert response.status_code == 422
    first = warning[0].replace(":", "-")
    assert 'class="error-summary"' in response.text
    assert f'href="#field-{first}"' in response.text
    assert f'id="error-{first}"' in response.text


def test_the_whole_intake_gives_results_then_a_plan_and_its_pdf(
    client: TestClient, warning: list[str]
) -> None:
    token = [("csrf_token", csrf_of(client))]
    answers = [(name, "no") for name in warning]
    answers += [("pain.regions", "mid_buttock"), ("pain.regions", "lower_buttock")]
    answers += [("side", "left"), ("pain.intensity", "4"), ("duration_weeks", "2 weeks")]
    answers += [("symptom:worse_sitting", "yes")]
    check = post_form(client, "/intake", [*token, ("step", "about"), ("go", "next"), *answers])
    assert "Check your answers" in check.text
    results = post_form(client, "/results", token + answers)
    assert level_of(results.text) == "self_care"
    case = re.search(r'name="case" value="([^"]+)"', results.text)
    assert case
    import html

    posted = [*token, ("case", html.unescape(case.group(1)))]
    plan = post_form(client, "/plan", posted)
    assert plan.status_code == 200 and "1. Relief now" in plan.text
    assert 'id="references-heading"' in plan.text
    pdf = post_form(client, "/plan.pdf", posted)
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_plan_without_a_case_names_the_field(client: TestClient) -> None:
    response = post_form(client, "/plan", [("csrf_token", csrf_of(client))])
    assert response.status_code == 422
    assert error_line(response.text).startswith("case: missing")


def test_each_page_is_under_100_kb(client: TestClient) -> None:
    response = client.post("/assess", content=DEMO.read_bytes(), headers=BEARER)
    assert len(response.content) < 100_000
    case = json.loads(DEMO.read_text())
    plan = post_form(client, "/plan", [("csrf_token", csrf_of(client)), ("case", json.dumps(case))])
    assert len(plan.content) < 100_000


def test_the_app_factory_builds_independent_apps() -> None:
    one = create_app(WebSettings(token="a" * 20, extra_hosts=("testserver",)))
    two = create_app(WebSettings(token="b" * 20, extra_hosts=("testserver",)))
    assert TestClient(one).get(f"/?token={'b' * 20}", follow_redirects=False).status_code == 401
    assert TestClient(two).get(f"/?token={'b' * 20}", follow_redirects=False).status_code == 303


def test_a_warning_sign_in_the_diary_puts_the_emergency_first(client: TestClient) -> None:
    token = ("csrf_token", csrf_of(client))
    post_form(client, "/people", [token, ("label", "H-RED")])
    response = post_form(
        client,
        "/people/H-RED/diary",
        [token, ("pain", "4"), ("symptoms", "saddle_anaesthesia"), ("symptoms", "fever")],
    )
    assert response.status_code == 200  # after the redirect to the diary
    page = response.text
    assert level_of(page) == "emergency"
    assert page.index('data-triage-level="emergency"') < page.index("Saved.")


def test_saving_results_under_a_used_label_keeps_the_case_on_the_page(client: TestClient) -> None:
    token = ("csrf_token", csrf_of(client))
    post_form(client, "/people", [token, ("label", "H-USED")])
    case = DEMO.read_text()
    refused = post_form(client, "/save", [token, ("case", case), ("label", "H-USED")])
    assert refused.status_code == 422
    assert 'class="error-summary"' in refused.text and "already used" in refused.text
    assert 'name="case" value="' in refused.text  # nothing lost: choose again and save
    saved = post_form(client, "/save", [token, ("case", case), ("label", "H-NEW")])
    assert saved.status_code == 200 and "Saved to H-NEW&#39;s records" in saved.text
    person = client.get("/people/H-NEW").text
    assert re.search(r"Saved answers and results</dt><dd[^>]*>1<", person)


def test_the_exam_panel_is_not_green_before_the_warning_signs_are_answered(
    client: TestClient,
) -> None:
    """Unknown is not absent: with every warning sign unanswered the live panel says the
    person is not yet triaged, not 'self-care' on a green badge."""
    page = client.get("/exam").text
    assert 'data-screening="incomplete"' in page
    assert "Not yet triaged: answer the warning signs first" in page
    assert "exam__level--self-care" not in page
