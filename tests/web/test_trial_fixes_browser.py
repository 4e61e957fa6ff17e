"""What the third new-user trial of the web app found (issue 12), in a real browser: the exam's
live panel names an invalid number beside its field at once, the warning-sign page checks
each answer with one request, and the body map of a one-sided pain.

Set TRIGGERMAP_SCREENSHOTS=folder to keep a screenshot of every page (desktop and phone).
"""

from __future__ import annotations

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
            "Active hip flexion, in degrees must be a whole number from 0 to 180; you entered abc"
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
