"""What new-user trials found (issue 12), over HTTP: Post/Redirect/Get on every form that
succeeds, honest wording, errors in the question's own words, deliberate pain ratings, natural
durations, and the clinician's palpation where unticked means not examined."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of, post_form, warning_fields

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-case.json"


@pytest.fixture
def warning(web_app: FastAPI) -> list[str]:
    return warning_fields(web_app)


def post(client: TestClient, url: str, items: list[tuple[str, str]]) -> object:
    """Post as a browser does, without following the redirect."""
    from urllib.parse import urlencode

    return client.post(
        url,
        content=urlencode(items),
        headers={"content-type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )


def answers(warning: list[str], **extra: str) -> list[tuple[str, str]]:
    given = [(name, "no") for name in warning]
    given += [("pain.regions", "mid_buttock"), ("side", "left"), ("pain.intensity", "4")]
    given += [("duration_weeks", "2 weeks")]
    return given + [(k.replace("__", ":"), v) for k, v in extra.items()]


def saved_count(client: TestClient, label: str) -> int:
    page = client.get(f"/people/{label}").text
    found = re.search(r"Saved answers and results</dt><dd[^>]*>(\d+)<", page)
    assert found, page[:300]
    return int(found.group(1))


def error_lines(page: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r"data-error-line>([^<]*)<", page)]


# ---------------------------------------------------------------- Post/Redirect/Get


def test_the_results_post_redirects_to_a_page_that_reloads_without_posting(
    client: TestClient, warning: list[str]
) -> None:
    token = ("csrf_token", csrf_of(client))
    response = post(client, "/results", [token, *answers(warning)])
    assert response.status_code == 303  # type: ignore[attr-defined]
    where = response.headers["location"]  # type: ignore[attr-defined]
    assert re.fullmatch(r"/results/[A-Za-z0-9_-]{20,}", where)
    first, again = client.get(where), client.get(where)  # Reload: the same page, a GET
    assert first.status_code == again.status_code == 200
    assert 'data-triage-level="self_care"' in again.text


def test_get_results_without_a_draft_goes_to_the_start(client: TestClient) -> None:
    bare = client.get("/results", follow_redirects=False)
    assert bare.status_code == 303 and bare.headers["location"] == "/intake"
    gone = client.get("/results/no-such-draft", follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"].startswith("/intake")
    assert "no longer kept" in client.get(gone.headers["location"]).text


def test_each_intake_page_is_reached_by_a_redirect(client: TestClient, warning: list[str]) -> None:
    token = ("csrf_token", csrf_of(client))
    response = post(
        client,
        "/intake",
        [token, ("step", "warning"), ("go", "next")] + [(name, "no") for name in warning],
    )
    assert response.status_code == 303  # type: ignore[attr-defined]
    page = client.get(response.headers["location"]).text  # type: ignore[attr-defined]
    assert "Where does it hurt?" in page
    assert page.count('value="no"') >= len(warning)  # the answers so far are carried along


def test_an_emergency_answer_redirects_to_the_card(client: TestClient, warning: list[str]) -> None:
    token = ("csrf_token", csrf_of(client))
    given = [(name, "yes" if name == "symptom:saddle_anaesthesia" else "no") for name in warning]
    response = post(client, "/intake", [token, ("step", "warning"), ("go", "next"), *given])
    assert response.status_code == 303  # type: ignore[attr-defined]
    card = client.get(response.headers["location"]).text  # type: ignore[attr-defined]
    assert 'data-triage-level="emergency"' in card


def test_a_refused_intake_page_is_422_with_the_error_and_no_redirect(client: TestClient) -> None:
    token = ("csrf_token", csrf_of(client))
    response = post(client, "/intake", [token, ("step", "warning"), ("go", "next")])
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert 'class="error-summary"' in response.text  # type: ignore[attr-defined]


def test_reloading_after_saving_never_saves_twice(client: TestClient) -> None:
    token = ("csrf_token", csrf_of(client))
    response = post(client, "/save", [token, ("case", DEMO.read_text()), ("label", "PRG-1")])
    assert response.status_code == 303  # type: ignore[attr-defined]
    where = response.headers["location"]  # type: ignore[attr-defined]
    for _ in range(3):  # the saved page, reloaded
        page = client.get(where)
        assert page.status_code == 200 and "Saved to PRG-1&#39;s records" in page.text
    assert saved_count(client, "PRG-1") == 1


def test_plan_and_session_posts_redirect_to_pages_of_their_own(client: TestClient) -> None:
    token = ("csrf_token", csrf_of(client))
    for url, words in (("/plan", "1. Relief now"), ("/session", "Today&#39;s exercises")):
        response = post(client, url, [token, ("case", DEMO.read_text())])
        assert response.status_code == 303  # type: ignore[attr-defined]
        where = response.headers["location"]  # type: ignore[attr-defined]
        assert where.startswith(f"{url}/")
        assert words in client.get(where).text


def test_the_exam_without_javascript_redirects_and_saves_once(
    client: TestClient, warning: list[str]
) -> None:
    token = ("csrf_token", csrf_of(client))
    post_form(client, "/people", [token, ("label", "PRG-EXAM")])
    form = [token, *answers(warning), ("test:fair", "positive")]
    again = post(client, "/exam", form)
    assert again.status_code == 303  # type: ignore[attr-defined]
    page = client.get(again.headers["location"]).text  # type: ignore[attr-defined]
    assert 'value="positive" checked' in page
    saved = post(client, "/exam/save", [*form, ("person", "PRG-EXAM")])
    assert saved.status_code == 303  # type: ignore[attr-defined]
    client.get(saved.headers["location"])  # type: ignore[attr-defined]
    client.get(saved.headers["location"])  # type: ignore[attr-defined]
    assert saved_count(client, "PRG-EXAM") == 1


def test_a_script_posting_a_case_still_gets_the_page_itself(client: TestClient) -> None:
    from tests.web.conftest import TOKEN

    response = client.post(
        "/assess",
        content=DEMO.read_bytes(),
        headers={"authorization": f"Bearer {TOKEN}"},
        follow_redirects=False,
    )
    assert response.status_code == 200 and "data-triage-level" in response.text


# ---------------------------------------------------------------- saving to a new person


def test_an_empty_label_on_the_choose_page_says_what_to_do(client: TestClient) -> None:
    token = ("csrf_token", csrf_of(client))
    first = post(client, "/save", [token, ("case", DEMO.read_text())])
    assert first.status_code == 303  # type: ignore[attr-defined]
    choose = client.get(first.headers["location"]).text  # type: ignore[attr-defined]
    assert "Save to whose records?" in choose and 'name="action" value="choose"' in choose
    refused = post(client, "/save", [token, ("case", DEMO.read_text()), ("action", "choose")])
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert error_lines(refused.text)[0].endswith("give a label for new records, or choose a person")  # type: ignore[attr-defined]


# ---------------------------------------------------------------- honest wording


def test_a_yes_to_a_warning_sign_is_never_called_no_warning_signs(
    client: TestClient, warning: list[str]
) -> None:
    token = ("csrf_token", csrf_of(client))
    given = [(n, "yes" if n == "symptom:numbness_tingling" else v) for n, v in answers(warning)]
    where = post(client, "/results", [token, *given]).headers["location"]  # type: ignore[attr-defined]
    page = client.get(where).text
    assert 'data-triage-level="self_care"' in page  # numbness alone: no urgent care
    assert "No warning signs" not in page
    said = re.search(r"data-warning-answers>([^<]*)<", page)
    assert said and "You answered yes to numbness or pins and needles" in said.group(1)
    case = html.unescape(re.findall(r'name="case" value="([^"]+)"', page)[0])
    plan = client.get(post(client, "/plan", [token, ("case", case)]).headers["location"])  # type: ignore[attr-defined]
    assert "No warning signs" not in plan.text and "data-warning-answers" in plan.text


def test_all_warning_signs_answered_no_still_says_none_were_found(
    client: TestClient, warning: list[str]
) -> None:
    token = ("csrf_token", csrf_of(client))
    where = post(client, "/results", [token, *answers(warning)]).headers["location"]  # type: ignore[attr-defined]
    page = client.get(where).text
    assert "No warning signs found." in page and "data-warning-answers" not in page
    case = html.unescape(re.findall(r'name="case" value="([^"]+)"', page)[0])
    plan = client.get(post(client, "/plan", [token, ("case", case)]).headers["location"])  # type: ignore[attr-defined]
    assert plan.status_code == 200 and "No warning signs were found." in plan.text


# ---------------------------------------------------------------- errors in the page's words


def test_errors_name_the_question_as_the_person_saw_it(
    client: TestClient, warning: list[str]
) -> None:
    token = ("csrf_token", csrf_of(client))
    given = [(n, v) for n, v in answers(warning) if n != "pain.regions"]
    given = [(n, "forever" if n == "duration_weeks" else v) for n, v in given]
    page = post(client, "/results", [token, *given]).text  # type: ignore[attr-defined]
    start = page.index('class="error-summary"')
    summary = page[start : page.index("</ul>", start)]
    text = html.unescape(re.sub(r"<[^>]+>", "", summary))
    assert "Where does it hurt? Choose at least one" in text  # a question, then the rest
    assert "How long have you had this pain? Answer with a time from 0" in text
    assert "; you entered forever" in text  # the value kept
    assert "?:" not in text
    assert "pain.regions" not in text and "duration_weeks" not in text


def summary_of(page: str) -> list[str]:
    """The error summary's lines, as text."""
    start = page.index('class="error-summary"')
    items = re.findall(r"<li>(.*?)</li>", page[start : page.index("</ul>", start)])
    return [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in items]


def test_unanswered_warning_signs_are_one_line_of_the_summary_linking_to_the_first(
    client: TestClient, warning: list[str]
) -> None:
    token = ("csrf_token", csrf_of(client))
    control = [token, ("step", "warning"), ("go", "next")]
    page = post(client, "/intake", control).text  # type: ignore[attr-defined]
    assert summary_of(page) == [
        f"Answer every warning-sign question ({len(warning)} left): yes, no or not sure"
    ]
    first = warning[0].replace(":", "-")
    assert f'<a href="#field-{first}" data-error-field="{warning[0]}"' in page
    for name in warning:  # each question still says what is missing beside it
        assert f'id="error-{name.replace(":", "-")}"' in page
    some = post(client, "/intake", [*control, *[(n, "no") for n in warning[:-3]]])
    assert summary_of(some.text)[0].startswith(  # type: ignore[attr-defined]
        "Answer every warning-sign question (3 left)"
    )
    one = post(client, "/intake", [*control, *[(n, "no") for n in warning[:-1]]])
    (line,) = summary_of(one.text)  # type: ignore[attr-defined]
    assert line.endswith("? Answer yes, no or not sure")  # the question itself, then the rest
    assert "?:" not in line


# ---------------------------------------------------------------- ratings given deliberately


def test_an_untouched_pain_slider_saves_nothing_and_says_so(client: TestClient) -> None:
    token = ("csrf_token", csrf_of(client))
    post_form(client, "/people", [token, ("label", "SLIDER-1")])
    form = client.get("/people/SLIDER-1/diary/new").text
    assert 'data-slider-name="pain"' in form and 'name="pain" min' not in form  # unset
    assert "not set yet: move the slider" in form
    refused = post(client, "/people/SLIDER-1/diary", [token, ("regions", "mid_buttock")])
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert "How bad is the pain today? Not set yet: move the slider" in html.unescape(
        re.sub(r"<[^>]+>", "", refused.text)  # type: ignore[attr-defined]
    )
    assert 'id="entry-' not in client.get("/people/SLIDER-1/diary").text
    peg = post(client, "/people/SLIDER-1/peg", [token, ("pain", "4"), ("enjoyment", "3")])
    assert peg.status_code == 422  # type: ignore[attr-defined]
    assert error_lines(peg.text) == ["not set yet: move the slider to your number, from 0 to 10"]  # type: ignore[attr-defined]
    assert 'data-error-field="activity"' in peg.text  # type: ignore[attr-defined]


def test_an_untouched_intensity_slider_is_asked_for(client: TestClient, warning: list[str]) -> None:
    token = ("csrf_token", csrf_of(client))
    given = [(n, v) for n, v in answers(warning) if n != "pain.intensity"]
    page = post(client, "/results", [token, *given]).text  # type: ignore[attr-defined]
    assert "How bad is the pain usually?" in page
    assert "not set yet: move the slider to your number, from 0 to 10" in page


# ---------------------------------------------------------------- natural durations


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("3 months", "13 weeks"),
        ("10 days", "1.4 weeks"),
        ("2 years", "104.4 weeks"),
        ("6", "6 weeks"),
    ],
)
def test_a_duration_in_days_weeks_months_or_years_is_read(
    client: TestClient, warning: list[str], typed: str, shown: str
) -> None:
    token = ("csrf_token", csrf_of(client))
    given = [(n, typed if n == "duration_weeks" else v) for n, v in answers(warning)]
    check = post(client, "/intake", [token, ("step", "about"), ("go", "next"), *given])
    assert check.status_code == 303  # type: ignore[attr-defined]
    page = client.get(check.headers["location"]).text  # type: ignore[attr-defined]
    assert f'<dd class="summary-list__value">{shown}</dd>' in page


def test_a_duration_too_long_is_refused_with_the_value_as_typed(
    client: TestClient, warning: list[str]
) -> None:
    token = ("csrf_token", csrf_of(client))
    given = [(n, "130 years" if n == "duration_weeks" else v) for n, v in answers(warning)]
    page = post(client, "/results", [token, *given]).text  # type: ignore[attr-defined]
    assert "a time from 0 to 6240 weeks" in page and "you entered 130 years" in page


# ---------------------------------------------------------------- palpation: unknown is not absent


def test_a_palpation_finding_left_blank_is_not_examined_not_absent(
    client: TestClient, warning: list[str]
) -> None:
    import json

    token = ("csrf_token", csrf_of(client))
    post_form(client, "/people", [token, ("label", "PALP-1")])
    form = [token, *answers(warning), ("person", "PALP-1")]
    form += [("palpation:piriformis:tender_spot", "present")]
    form += [
        ("palpation:gluteus_medius:taut_band", "absent"),
        ("palpation:piriformis:twitch_response", ""),
    ]
    saved = post(client, "/exam/save", form)
    assert saved.status_code == 303  # type: ignore[attr-defined]
    records = json.loads(client.get("/people/PALP-1/export").text)
    cases = [a["case"] for a in records["assessments"]]
    assert cases[-1]["exam"]["palpation"] == {
        "piriformis": {"tender_spot": True},  # the taut band, twitch, ...: not examined
        "gluteus_medius": {"taut_band": False},  # stated absent
    }


def test_the_exam_form_asks_each_finding_present_absent_or_not_examined(
    client: TestClient,
) -> None:
    page = client.get("/exam").text
    select = re.search(
        r'<select id="[^"]+" name="palpation:piriformis:taut_band">(.*?)</select>', page
    )
    assert select and re.findall(r'<option value="([a-z]*)"', select.group(1)) == [
        "",
        "present",
        "absent",
    ]
    assert 'value="">not examined</option>' in select.group(1)
    assert len(page.encode()) < 100_000
    refused = post(
        client,
        "/exam/live",
        [("csrf_token", csrf_of(client)), ("palpation:piriformis:taut_band", "maybe")],
    )
    assert refused.status_code == 200  # type: ignore[attr-defined]  # the live panel, the field left out


# ---------------------------------------------------------------- a session without a person


def test_a_session_with_nobody_recorded_shows_no_rating_it_cannot_keep(tmp_path: Path) -> None:
    from tests.web.conftest import TOKEN
    from triggermap.web.app import create_app
    from triggermap.web.settings import WebSettings

    app = create_app(
        WebSettings(
            token=TOKEN, extra_hosts=("testserver",), db_url=f"sqlite:///{tmp_path / 'r.db'}"
        )
    )
    fresh = TestClient(app)
    fresh.get(f"/?token={TOKEN}")
    token = ("csrf_token", csrf_of(fresh))
    where = post(fresh, "/session", [token, ("case", DEMO.read_text())]).headers["location"]  # type: ignore[attr-defined]
    page = fresh.get(where).text
    assert "data-session-not-kept" in page
    assert 'name="pain_after"' not in page  # no rating without a way to keep it
    assert 'formaction="/save"' in page  # but a way to start records
    keep = re.search(
        r'<form method="post" action="/sessions" id="session-form".*?</form>', page, re.S
    )
    assert keep
    fields = re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', keep.group(0))
    to_save = post(fresh, "/save", [(n, html.unescape(v)) for n, v in fields])
    assert to_save.status_code == 303  # type: ignore[attr-defined]
    assert to_save.headers["location"].startswith("/save/")  # type: ignore[attr-defined]


def test_the_same_exam_form_posted_twice_saves_once(client: TestClient, warning: list[str]) -> None:
    token = ("csrf_token", csrf_of(client))
    post_form(client, "/people", [token, ("label", "PRG-TWICE")])
    page = client.get("/exam").text
    form_id = re.search(r'name="form_id" value="([^"]+)"', page)
    assert form_id, "the exam form carries a one-time id"
    form = [token, *answers(warning), ("person", "PRG-TWICE"), ("form_id", form_id.group(1))]
    first = post(client, "/exam/save", form)
    second = post(client, "/exam/save", form)  # a double click, or Back and Save again
    assert first.status_code == second.status_code == 303  # type: ignore[attr-defined]
    assert second.headers["location"] == first.headers["location"]  # type: ignore[attr-defined]
    assert saved_count(client, "PRG-TWICE") == 1
    another = client.get("/exam").text  # a new form is a new save
    new_id = re.search(r'name="form_id" value="([^"]+)"', another)
    assert new_id and new_id.group(1) != form_id.group(1)


def test_a_red_flag_in_a_diary_entry_that_cannot_be_saved_yet_is_triaged_at_once(
    client: TestClient,
) -> None:
    token = ("csrf_token", csrf_of(client))
    post_form(client, "/people", [token, ("label", "FLAG-NOW")])
    flag = ("symptoms", "bladder_bowel_dysfunction")
    refused = post(client, "/people/FLAG-NOW/diary", [token, flag, ("note", "x" * 3000)])
    assert refused.status_code == 422  # type: ignore[attr-defined]
    page: str = refused.text  # type: ignore[attr-defined]
    banner = page.index('data-triage-level="emergency"')
    assert banner < page.index("error-summary")  # what to do first, the form's errors below
    assert not re.search(r'class="error-summary"[^>]*autofocus', page)  # opens on the banner
    assert "A warning sign you ticked in this entry" in page
    assert "How bad is the pain today? Not set yet" in html.unescape(re.sub(r"<[^>]+>", "", page))
    assert 'value="bladder_bowel_dysfunction" checked' in page
    assert 'id="entry-' not in client.get("/people/FLAG-NOW/diary").text  # nothing saved
    saved = post(client, "/people/FLAG-NOW/diary", [token, flag, ("pain", "3")])
    diary = client.get(saved.headers["location"]).text  # type: ignore[attr-defined]
    assert 'data-triage-level="emergency"' in diary  # the same triage as the saved entry gives
    plain = post(client, "/people/FLAG-NOW/diary", [token, ("symptoms", "worse_sitting")])
    assert "data-triage-level" not in plain.text.split("<main", 1)[-1]  # type: ignore[attr-defined]


def hidden_fields(page: str) -> list[tuple[str, str]]:
    found = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    return [(n, html.unescape(v)) for n, v in found]


def test_a_draft_saved_again_to_the_same_person_answers_with_the_first_save(
    client: TestClient,
) -> None:
    token = ("csrf_token", csrf_of(client))
    post_form(client, "/people", [token, ("label", "AGAIN-1")])
    post_form(client, "/people", [token, ("label", "AGAIN-2")])
    to_choose = post(client, "/save", [token, ("case", DEMO.read_text())])
    choose = client.get(to_choose.headers["location"]).text  # type: ignore[attr-defined]
    form = hidden_fields(choose)
    first = post(client, "/save", [*form, ("person", "AGAIN-1")])
    again = post(client, "/save", [*form, ("person", "AGAIN-1")])  # Back, and the same choice
    assert first.status_code == again.status_code == 303  # type: ignore[attr-defined]
    assert again.headers["location"] == first.headers["location"]  # type: ignore[attr-defined]
    assert saved_count(client, "AGAIN-1") == 1
    other = post(client, "/save", [*form, ("person", "AGAIN-2")])  # to someone else: saved
    assert other.headers["location"] != first.headers["location"]  # type: ignore[attr-defined]
    assert saved_count(client, "AGAIN-2") == 1
    new = post(client, "/save", [*form, ("label", "AGAIN-3")])  # new records: Back, again
    assert (
        post(client, "/save", [*form, ("label", "AGAIN-3")]).headers["location"]
        == (  # type: ignore[attr-defined]
            new.headers["location"]  # type: ignore[attr-defined]
        )
    )
    assert saved_count(client, "AGAIN-3") == 1


def test_a_refused_session_keeps_its_ticks_note_and_values_and_names_the_field(
    client: TestClient, warning: list[str]
) -> None:
    token = ("csrf_token", csrf_of(client))
    post_form(client, "/people", [token, ("label", "SES-KEEP")])
    post(client, "/results", [token, *answers(warning), ("person", "SES-KEEP")])
    to_choose = post(client, "/save", [token, ("case", DEMO.read_text()), ("person", "SES-KEEP")])
    assert to_choose.status_code == 303  # type: ignore[attr-defined]
    page = client.get("/people/SES-KEEP/session").text
    started = re.search(r'name="started_at" value="([^"]+)"', page)
    person = re.search(r'name="person" value="([^"]+)"', page)
    done = re.findall(r'name="items_done" value="([^"]+)"', page)
    assert started and person and done
    form = [token, ("started_at", started.group(1)), ("person", person.group(1))]
    form += [("items_done", done[0]), ("note", "felt a pull"), ("pain_after", "11")]
    refused = post(client, "/sessions", form)
    assert refused.status_code == 422  # type: ignore[attr-defined]
    text: str = refused.text  # type: ignore[attr-defined]
    assert f'value="{done[0]}" data-done checked' in text
    assert "felt a pull</textarea>" in text and 'value="11"' in text
    assert f'name="started_at" value="{started.group(1)}"' in text
    summary = html.unescape(re.sub(r"<[^>]+>", "", text))  # as the diary's pain message
    assert (
        "How is your pain now, from 0 (none) to 10 (worst)? Answer with a whole number from 0 to"
        " 10; you entered 11" in summary
    )
    long = post(client, "/sessions", [*form[:-2], ("note", "x" * 20_000)])
    words = html.unescape(re.sub(r"<[^>]+>", "", long.text))  # type: ignore[attr-defined]
    assert "session.note" not in words
    assert "A note (optional): 20,000 characters is longer than 2,000" in words
