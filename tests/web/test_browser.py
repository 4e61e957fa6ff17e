"""The web app in a real browser (Debian's Chromium): the journey by mouse and by keyboard,
the emergency stop (live and without JavaScript), the phone screen, and axe-core on every page.

Set TRIGGERMAP_SCREENSHOTS=folder to keep a screenshot of every page (desktop and phone).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError

from tests.web.conftest import DESKTOP, PHONE, TOKEN

DEMO = json.loads((Path(__file__).resolve().parents[2] / "examples" / "demo-case.json").read_text())
AXE = Axe()
AXE_RULES = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    }
}


def shoot(page: Page, name: str) -> None:
    folder = os.environ.get("TRIGGERMAP_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def check_accessible(page: Page, name: str) -> None:
    """axe-core: no serious or critical violation; and a screenshot when asked for."""
    page.wait_for_load_state()
    shoot(page, name)
    try:
        results = AXE.run(page, options=AXE_RULES)
    except PlaywrightError:  # a navigation the last click started replaced the page: check it
        page.wait_for_load_state()
        results = AXE.run(page, options=AXE_RULES)
    bad = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"{name}: {bad}"


def answer_warning_signs(page: Page, answer: str = "No") -> None:
    for group in page.locator(".radios").all():
        group.get_by_text(answer, exact=True).click()


def mark_by_mouse(page: Page, region: str) -> None:
    """Click the person's right-hand shape of a region on the picture (the view must show)."""
    page.locator(f'[data-region="{region}"] path').last.click()


WIDER = """() => [...document.querySelectorAll("main *")]
  .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
  .slice(0, 3).map(e => `${e.tagName} ${e.getAttribute("class")}`)"""


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], (page.url, width, page.evaluate(WIDER))  # type: ignore[index]


# ---------------------------------------------------------------- by mouse


def test_the_journey_by_mouse_from_intake_to_plan(desktop: Page) -> None:
    page = desktop
    check_accessible(page, "desktop-1-start")
    page.get_by_role("button", name="Start now").click()
    check_accessible(page, "desktop-2-warning-signs")
    answer_warning_signs(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Where does it hurt?")).to_be_visible()
    for region in ("mid_buttock", "posterior_thigh"):
        mark_by_mouse(page, region)
        expect(page.locator(f'[data-region="{region}"]')).to_have_attribute("aria-checked", "true")
        expect(page.locator(f'input[data-region-box="{region}"]')).to_be_checked()
    page.locator('[data-region="upper_buttock"] path').last.hover()
    expect(page.locator('[data-label-for="upper_buttock"]')).to_be_visible()
    mark_by_mouse(page, "greater_trochanter")  # on the side view
    mark_by_mouse(page, "greater_trochanter")  # and off again
    expect(page.locator('[data-region="greater_trochanter"]')).to_have_attribute(
        "aria-checked", "false"
    )
    expect(page.locator("[data-bodymap-chosen]")).to_have_text(
        "You chose: Mid-buttock, Posterior thigh."
    )
    page.get_by_text("Right", exact=True).click()
    expect(page.locator("[data-slider-output=pain-intensity]")).to_have_text(
        "not set yet: move the slider"
    )
    page.locator("#pain-intensity").click()  # a rating is set deliberately: the middle, 5
    expect(page.locator("[data-slider-output=pain-intensity]")).to_have_text("5")
    check_accessible(page, "desktop-3-where")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("How long have you had this pain?").fill("10 days")
    page.locator("#field-symptom-worse_sitting").get_by_text("Yes", exact=True).click()
    check_accessible(page, "desktop-4-about")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(page.locator(".summary-list").last).to_contain_text("Mid-buttock, Posterior thigh")
    expect(page.locator(".summary-list").last).to_contain_text("1.4 weeks")  # 10 days
    check_accessible(page, "desktop-5-check")
    page.get_by_role("button", name="See my results").click()
    banner = page.locator("[data-triage-level]").first
    expect(banner).to_have_attribute("data-triage-level", "self_care")
    expect(page.locator("article.muscle").first).to_contain_text("Piriformis")
    check_accessible(page, "desktop-6-results")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download it as a PDF").click()
    assert download.value.suggested_filename == "triggermap-care-plan.pdf"
    page.get_by_role("button", name="See your care plan").click()
    expect(page.get_by_role("heading", name="1. Relief now")).to_be_visible()
    expect(page.locator("#references-heading")).to_be_visible()
    check_accessible(page, "desktop-7-plan")


def test_a_mistake_on_the_intake_shows_the_error_summary_naming_the_field(
    desktop: Page, app_url: str
) -> None:
    page = desktop
    page.goto(f"{app_url}/intake")
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("li")).to_have_count(1)  # not one long question per line
    expect(summary.locator("li")).to_have_text(
        re.compile(r"^Answer every warning-sign question \(\d+ left\): yes, no or not sure$")
    )
    expect(summary).not_to_contain_text("symptom:")
    check_accessible(page, "desktop-error-summary")
    summary.locator("a").first.click()
    assert page.evaluate("location.hash") == "#field-symptom-numbness_tingling"


# ---------------------------------------------------------------- by keyboard


def tab_to(page: Page, selector: str, limit: int = 250) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def go_by_keyboard(page: Page, selector: str) -> None:
    """Tab to a link or button and press Enter; wait for the next page."""
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_journey_by_keyboard_alone(desktop: Page) -> None:
    page = desktop
    go_by_keyboard(page, "a.button--start")
    for group in range(len(page.locator(".radios").all())):
        tab_to(page, f".form-group:nth-of-type({group + 1}) input[value=yes], input[value=yes]")
        page.keyboard.press("ArrowRight")  # from Yes to No: checks No
    assert page.locator("input[value=no]:checked").count() == page.locator(".radios").count()
    go_by_keyboard(page, "button[value=next]")
    tab_to(page, '[data-region="lower_buttock"]')
    outline = page.evaluate("getComputedStyle(document.activeElement.querySelector('path')).stroke")
    assert outline == "rgb(33, 43, 50)"  # focus is visible: a dark outline on a yellow fill
    expect(page.locator('[data-label-for="lower_buttock"]')).to_be_visible()
    page.keyboard.press("Space")
    expect(page.locator('[data-region="lower_buttock"]')).to_have_attribute("aria-checked", "true")
    tab_to(page, "input[name=side]")
    page.keyboard.press("ArrowDown")  # Left, then Right
    tab_to(page, "#pain-intensity")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(page.locator("[data-slider-output=pain-intensity]")).to_have_text("8")
    go_by_keyboard(page, "button[value=next]")
    go_by_keyboard(page, "button[value=next]")
    go_by_keyboard(page, "button[formaction='/results']")
    expect(page.locator("[data-triage-level]").first).to_have_attribute(
        "data-triage-level",
        "clinician",  # pain 8 of 10 is severe: book a clinician
    )
    go_by_keyboard(page, "form[action='/plan'] button:not([formaction])")
    expect(page.get_by_role("heading", name="Your care plan for buttock pain")).to_be_visible()


# ---------------------------------------------------------------- the emergency stop


def test_an_emergency_answer_stops_the_intake_at_once(desktop: Page, app_url: str) -> None:
    page = desktop
    page.goto(f"{app_url}/intake")
    page.locator("#field-symptom-numbness_tingling").get_by_text("No", exact=True).click()
    page.locator("#field-symptom-saddle_anaesthesia").get_by_text("Yes", exact=True).click()
    card = page.locator(".interruption")
    expect(card).to_have_attribute("data-triage-level", "emergency")  # without pressing Continue
    expect(card.get_by_role("heading")).to_have_text("Go to an emergency department now.")
    expect(card).to_contain_text("numbness in the saddle area")
    expect(page.locator('input[name="symptom:fever"]')).to_have_count(0)  # the questions are gone
    check_accessible(page, "desktop-8-emergency")
    page.get_by_role("button", name="I chose a wrong answer: change my answers").click()
    expect(page.locator('input[name="symptom:saddle_anaesthesia"][value=yes]')).to_be_checked()


def test_the_emergency_stop_works_without_javascript(browser: Browser, app_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{app_url}/?token={TOKEN}")
    page.goto(f"{app_url}/intake")
    for flag in page.locator("input[value=no]").all():
        flag.check(force=True)
    page.locator('input[name="symptom:bladder_bowel_dysfunction"][value=yes]').check(force=True)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".interruption")).to_have_attribute("data-triage-level", "emergency")
    context.close()


def test_without_javascript_the_places_are_a_plain_list(browser: Browser, app_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{app_url}/?token={TOKEN}")
    page.goto(f"{app_url}/intake")
    for flag in page.locator("input[value=no]").all():
        flag.check(force=True)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("[data-bodymap]")).to_be_hidden()
    page.locator("input[data-region-box=mid_buttock]").check()
    page.locator("input[name=side][value=left]").check(force=True)
    page.locator("input[name='pain.intensity']").fill("4")  # without JavaScript: a box
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".summary-list").last).to_contain_text("Mid-buttock")
    context.close()


# ---------------------------------------------------------------- the phone


def test_on_a_phone_every_place_on_the_map_is_big_enough_to_tap(phone: Page, app_url: str) -> None:
    page = phone
    page.goto(f"{app_url}/intake")
    no_sideways_scroll(page)
    check_accessible(page, "phone-2-warning-signs")
    answer_warning_signs(page)
    page.get_by_role("button", name="Continue").click()
    small = []
    for tab in page.locator("[data-show-view]").all():
        tab.tap()
        view = tab.get_attribute("data-show-view")
        for path in page.locator(f'[data-view="{view}"] [role=checkbox] path').all():
            box = path.bounding_box()
            assert box is not None
            if box["width"] < 24 or box["height"] < 24:
                small.append((view, path.evaluate("p => p.parentNode.dataset.region"), box))
        check_accessible(page, f"phone-3-where-{view}")
    assert not small
    page.locator("[data-show-view=back]").tap()
    page.locator('[data-region="mid_buttock"] path').first.tap()
    expect(page.locator('[data-region="mid_buttock"]')).to_have_attribute("aria-checked", "true")
    no_sideways_scroll(page)


def test_on_a_phone_the_results_and_plan_fit_the_screen(phone: Page, app_url: str) -> None:
    page = phone
    response = page.request.post(
        f"{app_url}/assess", data=json.dumps(DEMO), headers={"authorization": f"Bearer {TOKEN}"}
    )
    assert response.status == 200
    page.goto(f"{app_url}/intake")  # the journey's own pages, posted as a person would
    answer_warning_signs(page)
    page.get_by_role("button", name="Continue").click()
    page.locator('[data-region="mid_buttock"] path').first.tap()
    page.locator("input[name=side][value=right]").check(force=True)
    page.locator("#pain-intensity").fill("3")
    submit(page, "Continue")
    check_accessible(page, "phone-4-about")
    no_sideways_scroll(page)
    submit(page, "Continue")
    check_accessible(page, "phone-5-check")
    no_sideways_scroll(page)
    submit(page, "See my results")
    check_accessible(page, "phone-6-results")
    no_sideways_scroll(page)
    submit(page, "See your care plan")
    check_accessible(page, "phone-7-plan")
    no_sideways_scroll(page)


def submit(page: Page, button: str) -> None:
    """Click a button that posts its form and wait until the page it redirects to has loaded
    (a check run before then races the navigation)."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def test_the_error_pages_are_accessible(desktop: Page, app_url: str, browser: Browser) -> None:
    desktop.goto(f"{app_url}/no-such-page")
    expect(desktop.locator("[data-error-line]")).to_have_text("address: no such page")
    check_accessible(desktop, "desktop-9-not-found")
    stranger = browser.new_context(viewport=DESKTOP).new_page()
    response = stranger.goto(f"{app_url}/intake")
    assert response is not None and response.status == 401
    expect(stranger.get_by_role("heading", level=1)).to_have_text("This page is not available")
    check_accessible(stranger, "desktop-10-no-token")
    stranger.context.close()
