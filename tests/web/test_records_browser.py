"""The records, the clinician's examination, the guided session and the knowledge base in a
real browser (Debian's Chromium): one thing a person would notice per test, and axe-core on
every page met on the way.

Every test starts records of its own (a new label), so the tests share one database safely.
"""

from __future__ import annotations

import itertools
import json
import re
from datetime import date, timedelta

from playwright.sync_api import Page, expect

from tests.web.test_browser import (
    answer_warning_signs,
    check_accessible,
    go_by_keyboard,
    no_sideways_scroll,
    tab_to,
)

LABELS = (f"R-{n:03d}" for n in itertools.count(1))


def start_records(page: Page, app_url: str) -> str:
    """Start records for a new person on the records page; their label."""
    label = next(LABELS)
    page.goto(f"{app_url}/people")
    page.get_by_label("Label").fill(label)
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(label)
    return label


def save_results(page: Page, app_url: str, label: str) -> None:
    """The intake for `label` (pain in the right mid-buttock), its results saved to them."""
    page.goto(f"{app_url}/intake?person={label}")
    answer_warning_signs(page)
    page.get_by_role("button", name="Continue").click()
    page.locator('[data-region="mid_buttock"] path').last.click()
    page.get_by_text("Right", exact=True).click()
    page.locator("#pain-intensity").click()
    page.get_by_role("button", name="Continue").click()
    page.locator("#field-symptom-worse_sitting").get_by_text("Yes", exact=True).click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="See my results").click()
    page.get_by_role("button", name=f"Save to {label}'s records").click()
    expect(page).to_have_url(re.compile(r"/saved/[\w-]+$"))  # the save is done: goto is safe


# ---------------------------------------------------------------- people and the diary


def test_a_saved_diary_entry_is_listed_after_reload(desktop: Page, app_url: str) -> None:
    page = desktop
    label = start_records(page, app_url)
    check_accessible(page, "records-person")
    page.get_by_role("link", name="Add today's diary entry").click()
    check_accessible(page, "records-diary-new")
    page.locator("#pain").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator("[data-slider-output=pain]")).to_have_text("7")
    page.locator('[data-region="mid_buttock"] path').last.click()
    page.get_by_label("A note (optional)").fill("Long drive to the coast")
    page.get_by_text("I did my self-care today").click()
    page.get_by_role("button", name="Save", exact=True).click()
    # The save redirects to the diary; reloading before that navigation ends races it.
    expect(page).to_have_url(re.compile(r"/diary\?saved="))
    page.reload()
    entry = page.locator(".entry-list__item").first
    expect(entry).to_contain_text("pain 7 out of 10")
    expect(entry).to_contain_text("Where: Mid-buttock")
    expect(entry).to_contain_text("Long drive to the coast")
    expect(entry).to_contain_text("Did my self-care.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{label}'s diary")
    check_accessible(page, "records-diary")


def test_an_invalid_date_shows_the_message_and_keeps_nothing(desktop: Page, app_url: str) -> None:
    page = desktop
    label = start_records(page, app_url)
    page.goto(f"{app_url}/people/{label}/diary/new")
    page.locator("#date").fill("2099-01-01")
    page.locator("#pain").fill("3")
    with page.expect_response(re.compile(r"/diary$")) as posted:
        page.get_by_role("button", name="Save", exact=True).click()
    assert posted.value.status == 422
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Date: 2099-01-01 is in the future")
    expect(page.locator("#field-date .error-message")).to_contain_text("2099-01-01")
    check_accessible(page, "records-diary-error")
    page.goto(f"{app_url}/people/{label}/diary")
    expect(page.locator(".entry-list__item")).to_have_count(0)


def test_an_entry_can_be_changed_and_deleted(desktop: Page, app_url: str) -> None:
    page = desktop
    label = start_records(page, app_url)
    page.goto(f"{app_url}/people/{label}/diary/new")
    page.locator("#pain").fill("5")
    page.get_by_role("button", name="Save", exact=True).click()
    page.locator(".entry-list__actions").get_by_role("link", name="Change").click()
    page.locator("#pain").fill("2")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".entry-list__item")).to_have_count(1)
    expect(page.locator(".entry-list__item")).to_contain_text("pain 2 out of 10")
    page.locator(".entry-list__actions").get_by_role("link", name="Delete").click()
    check_accessible(page, "records-delete")
    page.get_by_role("button", name="Delete it").click()
    expect(page.get_by_text("Deleted.")).to_be_visible()
    expect(page.locator(".entry-list__item")).to_have_count(0)


def test_a_peg_score_and_the_diary_show_on_the_progress_page(phone: Page, app_url: str) -> None:
    page = phone
    label = start_records(page, app_url)
    page.goto(f"{app_url}/people/{label}/peg/new")
    check_accessible(page, "phone-records-peg")
    for name, value in (("pain", "6"), ("enjoyment", "5"), ("activity", "4")):
        page.locator(f"#{name}").fill(value)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("table.table")).to_contain_text("5.0")
    no_sideways_scroll(page)  # the diary's PEG table on a phone
    three_weeks_ago = date.today() - timedelta(days=21)
    for day, region in ((three_weeks_ago, "lower_buttock"), (None, "mid_buttock")):
        page.goto(f"{app_url}/people/{label}/diary/new")
        if day is not None:
            page.locator("#date").fill(day.isoformat())
        page.locator(f'[data-region="{region}"] path').first.tap()
        page.locator("#pain").fill("5")
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page).to_have_url(re.compile(r"/diary\?saved="))
    page.goto(f"{app_url}/people/{label}/progress")
    expect(page.locator("#peg-heading + p")).to_have_text(re.compile(r"^5\.0 on .* \(one so far\)"))
    expect(page.locator("svg.chart")).to_have_count(2)
    expect(page.locator(".heat__window")).to_have_count(2)  # then and now on the body map
    font = page.evaluate("getComputedStyle(document.querySelector('.chart__text')).fontSize")
    assert font == "22px"  # the charts' words stay readable when the chart is 390 px wide
    no_sideways_scroll(page)
    check_accessible(page, "phone-records-progress")


def test_a_bad_as_of_date_on_the_progress_page_is_named(desktop: Page, app_url: str) -> None:
    label = start_records(desktop, app_url)
    response = desktop.goto(f"{app_url}/people/{label}/progress?as_of=2026-02-30")
    assert response is not None and response.status == 422
    expect(desktop.locator("[data-error-line]")).to_have_text(
        "as_of: '2026-02-30' is not a date (YYYY-MM-DD)"
    )


def test_export_downloads_the_records_and_erase_needs_the_label(
    desktop: Page, app_url: str
) -> None:
    page = desktop
    label = start_records(page, app_url)
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Export everything about {label}").click()
    assert download.value.suggested_filename == f"triggermap-{label}.json"
    exported = json.loads(download.value.path().read_text())
    assert label in json.dumps(exported)
    page.get_by_role("link", name=f"Erase {label} and all their records").click()
    check_accessible(page, "records-erase")
    page.get_by_label(f"To confirm, type the label: {label}").fill("someone else")
    page.get_by_role("button", name=f"Erase {label}").click()
    expect(page.locator(".error-summary")).to_contain_text(
        f"To confirm, type the label: type '{label}'"
    )
    page.get_by_label(f"To confirm, type the label: {label}").fill(label)
    page.get_by_role("button", name=f"Erase {label}").click()
    expect(page).to_have_url(re.compile(rf"/people\?erased={label}$"))  # before the goto
    response = page.goto(f"{app_url}/people/{label}")
    assert response is not None and response.status == 404


# ---------------------------------------------------------------- plan, session, exam, kb


def test_the_plan_shows_each_exercise_with_its_picture(desktop: Page, app_url: str) -> None:
    page = desktop
    label = start_records(page, app_url)
    save_results(page, app_url, label)
    page.goto(f"{app_url}/people/{label}/plan")
    pictures = page.locator("main img[src^='/pictures/']")
    assert pictures.count() >= 3
    for picture in pictures.all():
        picture.scroll_into_view_if_needed()
        expect(picture).to_have_js_property("complete", True)
        assert picture.evaluate("p => p.naturalWidth") > 0, picture.get_attribute("src")
        assert picture.get_attribute("alt")
    check_accessible(page, "records-plan")


def test_the_session_timer_counts_pauses_skips_and_the_session_is_recorded(
    desktop: Page, app_url: str
) -> None:
    page = desktop
    label = start_records(page, app_url)
    save_results(page, app_url, label)
    page.goto(f"{app_url}/people/{label}/session")
    expect(page.locator("[data-session-total]")).to_contain_text(re.compile(r"about \d+ minute"))
    check_accessible(page, "records-session")
    timed = page.locator("[data-exercise]").filter(has_text="Hold 30 seconds").first
    clock = timed.locator("[data-timer-clock]")
    timed.locator("[data-timer-start]").click()
    expect(clock).to_have_text("28 s", timeout=5000)  # counting down from 30 s
    timed.locator("[data-timer-pause]").click()
    paused = clock.inner_text()
    page.wait_for_timeout(1500)
    expect(clock).to_have_text(paused)
    timed.locator("[data-timer-skip]").click()
    expect(timed.locator("[data-timer-label]")).to_have_text("Skipped.")
    timed.locator("[data-done]").check()
    page.get_by_label("How is your pain now, from 0 (none) to 10 (worst)?").fill("3")
    page.get_by_role("button", name="Keep a record of this session").click()
    expect(page.get_by_text(f"Today's session is kept in {label}'s records.")).to_be_visible()


def test_the_exam_changes_the_differential_as_findings_are_entered(
    desktop: Page, app_url: str
) -> None:
    page = desktop
    page.goto(f"{app_url}/exam")
    check_accessible(page, "exam")
    panel = page.locator("#exam-results")
    expect(panel.locator(".exam__ranking").nth(1)).to_contain_text("None fits")
    for finding in ("taut_band", "tender_spot", "referred_pain"):  # the twitch and jump: unknown
        page.locator(f'select[name="palpation:piriformis:{finding}"]').select_option("present")
    expect(panel.locator(".exam__ranking").nth(1).locator("li").first).to_contain_text(
        "Piriformis"
    )  # in place: the page was not reloaded
    # the normalised differential of the engine (ADR 0001; myofascial prior 0.25 since knowledge
    # 0.5.0): 14% with nothing entered, 29% after the three trigger-point criteria
    expect(panel.locator(".exam__ranking").first.locator("li").first).to_contain_text("29%")
    check_accessible(page, "exam-live")


def test_a_conclusion_s_sources_link_to_their_full_references(desktop: Page, app_url: str) -> None:
    page = desktop
    page.goto(f"{app_url}/kb/muscles/piriformis")
    cite = page.locator("a.cite", has_text="lucas_2009").first
    cite.click()
    assert page.evaluate("location.hash") == "#source-lucas_2009"
    expect(page.locator("#source-lucas_2009")).to_contain_text("Lucas N, Macaskill P")
    expect(page.locator("#source-lucas_2009")).to_be_in_viewport()
    check_accessible(page, "kb-entry")
    page.get_by_role("link", name="treatments: stretch_piriformis").click()
    expect(page.locator("img.kb-page__picture")).to_be_visible()
    page.goto(f"{app_url}/kb/conditions/piriformis_syndrome")
    page.get_by_role("link", name="fair", exact=True).click()  # each test's figures: its page
    expect(page.get_by_role("heading", level=1)).to_contain_text("FAIR")


def test_the_new_pages_fit_a_phone(phone: Page, app_url: str) -> None:
    page = phone
    label = start_records(page, app_url)
    save_results(page, app_url, label)
    pages = ("/people", f"/people/{label}", f"/people/{label}/diary/new", "/exam", "/kb")
    for path in (*pages, "/kb/conditions", "/kb/search?q=sitting"):
        page.goto(f"{app_url}{path}")
        no_sideways_scroll(page)
        check_accessible(page, "phone" + re.sub(r"[/?=]", "-", path))
    for path in (f"/people/{label}/session", "/kb/muscles/piriformis"):
        page.goto(f"{app_url}{path}")
        no_sideways_scroll(page)


def test_an_exam_is_saved_to_a_person_and_its_handout_printed(desktop: Page, app_url: str) -> None:
    page = desktop
    label = start_records(page, app_url)
    page.goto(f"{app_url}/exam?person={label}")
    expect(page.get_by_label("Save to whose records")).to_have_value(label)
    page.get_by_role("button", name="Save to their records").click()
    expect(page.locator(".error-summary li").first).to_contain_text(
        "Answer every warning-sign question"
    )  # warning signs first, in one line
    for group in page.locator("details.exam__section").first.locator(".radios").all():
        group.get_by_text("No", exact=True).click()
    page.locator('input[name="pain.regions"][value=mid_buttock]').check()
    tender = page.locator('select[name="palpation:piriformis:tender_spot"]')
    tender.select_option("present")
    page.get_by_role("button", name="Print the handout (PDF)").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "How bad is the pain usually? Give a whole number"
    )
    expect(tender).to_have_value("present")  # the refused form comes back with everything entered
    page.get_by_label("How bad is the pain usually?").fill("6")
    with page.expect_download() as download:
        page.get_by_role("button", name="Print the handout (PDF)").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    page.get_by_role("button", name="Save to their records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Saved to {label}'s records")
    check_accessible(page, "exam-saved")
    page.get_by_role("link", name=f"{label}'s records").click()
    expect(page.locator("main")).to_contain_text("Latest results")


def test_the_session_diary_and_progress_by_keyboard_alone(desktop: Page, app_url: str) -> None:
    page = desktop
    label = start_records(page, app_url)
    save_results(page, app_url, label)
    page.goto(f"{app_url}/people/{label}")
    go_by_keyboard(page, "a[href$='/session']")
    tab_to(page, "[data-timer-start]")
    page.keyboard.press("Enter")
    expect(page.locator("[data-timer-pause]").first).to_be_visible()
    tab_to(page, "[data-timer-skip]")
    page.keyboard.press("Enter")
    tab_to(page, "input[data-done]")
    page.keyboard.press("Space")
    tab_to(page, "#pain_after")
    page.keyboard.type("2")
    go_by_keyboard(page, "#session-form button[type=submit]")
    expect(page.get_by_text(f"Today's session is kept in {label}'s records.")).to_be_visible()
    go_by_keyboard(page, "a[href$='/diary/new']")
    tab_to(page, "#pain")
    page.keyboard.press("ArrowLeft")
    tab_to(page, '[data-region="upper_buttock"]')
    page.keyboard.press("Space")
    expect(page.locator('[data-region="upper_buttock"]').first).to_have_attribute(
        "aria-checked", "true"
    )
    go_by_keyboard(page, "form[action$='/diary'] button[type=submit]")
    expect(page.locator(".entry-list__item").first).to_contain_text("pain 4 out of 10")
    go_by_keyboard(page, "a[href$='/progress']")
    expect(page.locator("#selfcare-heading + p")).to_contain_text("1 session recorded")
    expect(page.locator("svg.chart")).to_have_count(1)


def test_before_any_results_the_plan_says_where_to_start(desktop: Page, app_url: str) -> None:
    page = desktop
    label = start_records(page, app_url)
    for link in ("Care plan", "Today's exercises"):
        page.locator(".person-nav").get_by_role("link", name=link).click()
        expect(page.locator(".lede")).to_have_text(
            f"{label} has no saved results yet. The care plan and the exercises come from the "
            "latest results."
        )
    check_accessible(page, "records-no-results")
    page.get_by_role("link", name="Answer the questions about the pain").click()
    expect(page.locator(".caption").first).to_contain_text(f"for {label}")
