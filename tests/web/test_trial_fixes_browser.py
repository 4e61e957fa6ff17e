"""What the third new-user trial of the web app found (issue 12), in a real browser: the exam's
live panel names an invalid number beside its field at once, the warning-sign page checks
each answer with one request, and the body map of a one-sided pain.

Set TRIGGERMAP_SCREENSHOTS=folder to keep a screenshot of every page (desktop and phone).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.web.test_browser import check_accessible


def test_the_exam_live_panel_names_an_invalid_number_beside_its_field(
    desktop: Page, phone: Page, app_url: str
) -> None:
    for name, page in (("desktop", desktop), ("phone", phone)):
        page.goto(f"{app_url}/exam")
        flexion = page.get_by_label("Active hip flexion, in degrees")
        message = page.locator("#field-rom-hip_flexion .error-message")
        flexion.fill("abc")
        flexion.press("Tab")  # the live update, as on every change
        expect(message).to_contain_text("must be a whole number from 0 to 180; you entered abc")
        expect(page.locator("[data-live-errors]")).to_contain_text(
            "Active hip flexion, in degrees: must be a whole number from 0 to 180; you entered abc"
        )
        expect(flexion).to_have_attribute(
            "aria-describedby", "hint-rom-hip_flexion error-rom-hip_flexion"
        )
        flexion.fill("500")
        flexion.press("Tab")
        expect(message).to_contain_text("you entered 500")
        check_accessible(page, f"{name}-exam-live-error")
        flexion.fill("95")
        flexion.press("Tab")  # put right: the line goes
        expect(message).to_have_count(0)
        expect(page.locator("[data-live-errors]")).to_have_count(0)
        expect(flexion).to_have_attribute("aria-describedby", "hint-rom-hip_flexion")


FILL = "el => getComputedStyle(el).fill"


def painted(page: Page, region: str) -> dict[str, bool]:
    """{the person's side: whether that half of the region is painted as chosen}."""
    unmarked = page.locator('[data-region="upper_buttock"] path').first.evaluate(FILL)
    halves = page.locator(f'[data-region="{region}"] path')
    return {
        halves.nth(i).get_attribute("data-side") or "": halves.nth(i).evaluate(FILL) != unmarked
        for i in range(halves.count())
    }


def test_a_one_sided_pain_is_drawn_on_that_side_only(desktop: Page, app_url: str) -> None:
    from tests.web.test_browser import answer_warning_signs

    page = desktop
    page.goto(f"{app_url}/intake")
    answer_warning_signs(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Where does it hurt?")).to_be_visible()
    page.mouse.move(0, 0)
    page.locator('[data-region="mid_buttock"] path[data-side="right"]').click()
    page.mouse.move(0, 0)  # no hover colour
    expect(page.locator('[data-region="mid_buttock"]')).to_have_attribute("aria-checked", "true")
    assert painted(page, "mid_buttock") == {"left": False, "right": True}  # as drawn
    page.locator("#field-side").get_by_text("Left", exact=True).click()
    assert painted(page, "mid_buttock") == {"left": True, "right": False}  # as answered
    page.locator("#field-side").locator("input[value=bilateral]").click()
    assert painted(page, "mid_buttock") == {"left": True, "right": True}
    page.locator("#field-side").get_by_text("Right", exact=True).click()
    page.locator('[data-region="posterior_thigh"] path[data-side="right"]').click()
    page.locator('[data-region="posterior_thigh"] path[data-side="left"]').click()  # both drawn
    page.mouse.move(0, 0)
    assert painted(page, "posterior_thigh") == {"left": True, "right": True}
    page.locator('[data-region="posterior_thigh"] path[data-side="left"]').click()  # one again
    page.mouse.move(0, 0)
    assert painted(page, "posterior_thigh") == {"left": False, "right": True}
    check_accessible(page, "desktop-where-one-side")


def test_back_after_a_refused_form_never_sends_it_again(desktop: Page, app_url: str) -> None:
    from tests.web.test_browser import answer_warning_signs

    page = desktop
    page.goto(f"{app_url}/intake")
    page.get_by_role("button", name="Continue").click()  # nothing answered: refused, 422
    expect(page.locator(".error-summary")).to_be_visible()
    check_accessible(page, "desktop-warning-refused")
    answer_warning_signs(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Where does it hurt?")).to_be_visible()
    page.go_back()  # to the refused page's place in history: a GET of the form's page
    expect(
        page.get_by_role("heading", name="First, some questions about warning signs")
    ).to_be_visible()
    page.reload()  # and Reload gets it too, never "Confirm Form Resubmission"
    expect(
        page.get_by_role("heading", name="First, some questions about warning signs")
    ).to_be_visible()
    label = "BACK-ERR"
    page.goto(f"{app_url}/people")
    page.get_by_label("Label").fill(label)
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(label)
    page.goto(f"{app_url}/people/{label}/peg/new")
    page.get_by_role("button", name="Save").click()  # no rating set: refused
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/peg/new$"))  # the form's own page, in history
    page.go_back()
    page.go_forward()
    expect(page.get_by_role("heading", level=1)).to_contain_text("PEG")


def test_the_warning_sign_page_checks_each_answer_once(desktop: Page, app_url: str) -> None:
    page = desktop
    page.goto(f"{app_url}/intake")
    checks: list[str] = []
    page.on("request", lambda r: checks.append(r.url) if r.url.endswith("/intake/check") else None)
    groups = page.locator(".radios").all()
    for number, group in enumerate(groups, start=1):
        with page.expect_response(lambda r: r.url.endswith("/intake/check")):
            group.get_by_text("No", exact=True).click()
        assert len(checks) == number  # one check per answer, never a second one
    page.locator(".radios input").first.focus()
    with page.expect_response(lambda r: r.url.endswith("/intake/check")):
        page.keyboard.press("ArrowLeft")  # by keyboard: the answer changes once, one check
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    page.get_by_role("button", name="Continue").click()  # the page's own post: no check
    expect(page.get_by_role("heading", name="Where does it hurt?")).to_be_visible()
    assert len(checks) == len(groups) + 2, checks[len(groups) :]
