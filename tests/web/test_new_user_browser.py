"""What new-user trials found (issue 12), in a real browser: Back and Reload after a form never
send it again, an untouched slider is asked for, an empty label is named, and the clinician's
form on a phone keeps its key results in reach.

Set TRIGGERMAP_SCREENSHOTS=folder to keep a screenshot of every page (desktop and phone).
"""

from __future__ import annotations

import re
from itertools import count

from playwright.sync_api import Page, expect

from tests.web.conftest import PHONE
from tests.web.test_browser import answer_warning_signs, check_accessible, no_sideways_scroll

LABELS = (f"NU-{n:03d}" for n in count(1))


def to_results(page: Page, app_url: str, person: str = "") -> None:
    page.goto(f"{app_url}/intake" + (f"?person={person}" if person else ""))
    answer_warning_signs(page)
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/intake/[\w-]+$"))
    page.locator('[data-region="mid_buttock"] path').last.click()
    page.get_by_text("Right", exact=True).click()
    page.locator("#pain-intensity").fill("4")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("How long have you had this pain?").fill("2 years")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    page.get_by_role("button", name="See my results").click()
    expect(page).to_have_url(re.compile(r"/results/[\w-]+$"))  # before any reload or goto


def saved_count(page: Page, app_url: str, label: str) -> str:
    page.goto(f"{app_url}/people/{label}")
    row = page.locator(".summary-list__row", has_text="Saved answers and results")
    return row.locator("dd").inner_text()


def test_back_and_reload_after_the_results_never_resend_the_form(
    desktop: Page, app_url: str
) -> None:
    page = desktop
    to_results(page, app_url)
    results = page.url
    page.reload()
    expect(page.locator("[data-triage-level]").first).to_have_attribute(
        "data-triage-level",
        "clinician",  # pain for 2 years: book a clinician
    )
    assert page.url == results
    page.go_back()  # the check page, as a GET: no "Confirm form resubmission"
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(page.locator(".summary-list").last).to_contain_text("104.4 weeks")  # 2 years
    page.go_forward()
    expect(page).to_have_url(results)
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    page.get_by_role("button", name="See your care plan").click()
    expect(page).to_have_url(re.compile(r"/plan/[\w-]+$"))
    page.reload()
    expect(page.get_by_role("heading", name="Your care plan for buttock pain")).to_be_visible()


def test_reloading_the_saved_page_saves_once(desktop: Page, app_url: str) -> None:
    page = desktop
    label = next(LABELS)
    page.goto(f"{app_url}/people")
    page.get_by_label("Label").fill(label)
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(label)
    to_results(page, app_url, person=label)
    page.get_by_role("button", name=f"Save to {label}'s records").click()
    expect(page).to_have_url(re.compile(r"/saved/[\w-]+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Saved to {label}'s records")
    page.reload()
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Saved to {label}'s records")
    assert saved_count(page, app_url, label) == "1"


def test_an_empty_label_on_the_save_page_is_named(desktop: Page, app_url: str) -> None:
    page = desktop
    to_results(page, app_url)
    page.get_by_role("button", name="Save to my records").click()
    expect(page).to_have_url(re.compile(r"/save/[\w-]+$"))
    page.get_by_role("button", name="Save", exact=True).click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("li")).to_have_text(
        re.compile(r"^Start new records with a label: give a label for (new|your new) records")
    )
    check_accessible(page, "desktop-save-empty-label")


def test_an_untouched_diary_slider_is_asked_for_and_nothing_saved(
    desktop: Page, app_url: str
) -> None:
    page = desktop
    label = next(LABELS)
    page.goto(f"{app_url}/people")
    page.get_by_label("Label").fill(label)
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(label)
    page.goto(f"{app_url}/people/{label}/diary/new")
    expect(page.locator("[data-slider-output=pain]")).to_have_text("not set yet: move the slider")
    check_accessible(page, "desktop-diary-unset")
    with page.expect_response(re.compile(r"/diary$")) as posted:
        page.get_by_role("button", name="Save", exact=True).click()
    assert posted.value.status == 422
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("li")).to_have_text(
        "How bad is the pain today? Not set yet: move the slider to your number, from 0 to 10"
    )
    check_accessible(page, "desktop-diary-unset-error")
    page.locator("#pain").focus()
    page.keyboard.press("Home")  # a deliberate 0
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(re.compile(r"/diary\?saved="))
    expect(page.locator(".entry-list__item")).to_have_count(1)
    expect(page.locator(".entry-list__item").first).to_contain_text("pain 0 out of 10")


def test_on_a_phone_the_exam_keeps_its_key_results_in_reach(phone: Page, app_url: str) -> None:
    page = phone
    page.goto(f"{app_url}/exam")
    peek = page.locator("[data-exam-peek]")
    expect(peek).to_be_in_viewport()  # at the top of the form, without scrolling
    expect(peek).to_contain_text("Not yet triaged")
    expect(page.get_by_role("link", name="Jump to the results so far")).to_be_in_viewport()
    no_sideways_scroll(page)
    check_accessible(page, "phone-exam")
    for group in page.locator("details.exam__section").first.locator(".radios").all():
        group.get_by_text("No", exact=True).tap()
    tender = page.locator('select[name="palpation:piriformis:tender_spot"]')
    tender.scroll_into_view_if_needed()
    for finding in ("taut_band", "tender_spot", "referred_pain"):
        page.locator(f'select[name="palpation:piriformis:{finding}"]').select_option("present")
    expect(peek).to_contain_text("Piriformis")  # updated in place, still in view
    expect(peek).to_be_in_viewport()
    box = peek.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"] + 1
    check_accessible(page, "phone-exam-live")
    peek.tap()
    expect(page.locator("#exam-results-heading")).to_be_in_viewport()
    check_accessible(page, "phone-exam-results")


def test_on_a_desktop_the_exam_panel_sits_beside_the_form(desktop: Page, app_url: str) -> None:
    page = desktop
    page.goto(f"{app_url}/exam")
    expect(page.locator("[data-exam-peek]")).to_be_hidden()
    expect(page.locator("#exam-results")).to_be_in_viewport()
    check_accessible(page, "desktop-exam")


def test_one_click_on_save_in_the_exam_posts_once(desktop: Page, app_url: str) -> None:
    page = desktop
    label = next(LABELS)
    page.goto(f"{app_url}/people")
    page.get_by_label("Label").fill(label)
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(label)
    page.goto(f"{app_url}/exam?person={label}")
    for group in page.locator("details.exam__section").first.locator(".radios").all():
        group.get_by_text("No", exact=True).click()
    page.locator('input[name="pain.regions"][value=mid_buttock]').check()
    page.get_by_label("How bad is the pain usually?").fill("6")
    page.locator('select[name="palpation:piriformis:tender_spot"]').select_option("present")
    posts: list[str] = []
    page.on(
        "request",
        lambda r: posts.append(r.url) if r.method == "POST" and "/exam/" in r.url else None,
    )
    page.get_by_label("Save to whose records").select_option(label)  # a change: the live panel
    page.get_by_role("button", name="Save to their records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Saved to {label}'s records")
    page.wait_for_timeout(500)  # room for a late background post, which must not come
    assert [u for u in posts if u.endswith("/exam/save")] == [f"{app_url}/exam/save"]
    assert saved_count(page, app_url, label) == "1"
