"""The employer toolkit in a real browser: ticking with and without JavaScript, two visitors kept apart,
a keyboard-only walk through every step, axe on the toolkit's own views, and the printed action plan."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import ALL_COMBINATIONS, OUTPUT_DIR, assert_accessible, check_current_page

pytestmark = pytest.mark.browser

FIRST_STEP = "/toolkit/recognise-the-signs/"
STEP_COUNT = 6


def checkboxes(page):
    return page.locator("form[data-toolkit-progress] input[type=checkbox]")


def overall_progress(page, base_url):
    page.goto(base_url + "/toolkit/")
    return page.locator(".toolkit-overview__label").inner_text()


def test_ticking_with_javascript_off(open_page, demo_site):
    page = open_page(FIRST_STEP, javascript=False)
    boxes = checkboxes(page)
    total = boxes.count()
    assert 3 <= total <= 5
    boxes.nth(0).check()
    boxes.nth(2).check()
    page.get_by_role("button", name="Save progress").click()

    assert page.url.endswith(FIRST_STEP + "#actions")
    expect(page.locator("[role=status]").first).to_contain_text(f"Progress saved: 2 of {total} actions done")
    assert [boxes.nth(n).is_checked() for n in range(total)] == [n in (0, 2) for n in range(total)]
    assert page.locator('a[aria-current="step"] + .toolkit-step-list__count').inner_text() == f"2 of {total} done"
    assert overall_progress(page, demo_site).startswith("2 of ")

    page.goto(demo_site + FIRST_STEP)
    boxes.nth(0).uncheck()
    page.get_by_role("button", name="Save progress").click()
    assert overall_progress(page, demo_site).startswith("1 of ")


def test_ticking_with_javascript_saves_without_a_reload(open_page, demo_site):
    page = open_page(FIRST_STEP)
    page.evaluate("window.__sameDocument = true")
    boxes = checkboxes(page)
    total = boxes.count()
    boxes.nth(1).check()
    status = page.locator("[data-toolkit-status]")
    expect(status).to_have_text(f"Progress saved: 1 of {total} actions done.")
    boxes.nth(0).check()
    boxes.nth(2).check()
    expect(status).to_have_text(f"Progress saved: 3 of {total} actions done.")
    expect(page.locator("[data-toolkit-step-count]")).to_have_text(f"3 of {total} done")
    assert page.evaluate("window.__sameDocument") is True, "ticking must not reload the page"

    page.reload()
    assert [boxes.nth(n).is_checked() for n in range(3)] == [True, True, True]
    assert overall_progress(page, demo_site).startswith("3 of ")


def test_two_visitors_never_see_each_others_ticks(open_page, demo_site):
    first = open_page(FIRST_STEP, javascript=False)
    second = open_page(FIRST_STEP, javascript=False)
    first_step_total = checkboxes(first).count()
    for box in checkboxes(first).all():
        box.check()
    first.get_by_role("button", name="Save progress").click()
    expect(first.locator("[role=status]").first).to_contain_text("Progress saved")

    second.reload()
    assert not any(box.is_checked() for box in checkboxes(second).all())
    assert overall_progress(second, demo_site).startswith("0 of ")

    second.goto(demo_site + "/toolkit/respond-and-talk/")
    checkboxes(second).nth(0).check()
    second.get_by_role("button", name="Save progress").click()
    first.goto(demo_site + "/toolkit/respond-and-talk/")
    assert not checkboxes(first).nth(0).is_checked()

    assert overall_progress(first, demo_site).startswith(f"{first_step_total} of ")
    assert overall_progress(second, demo_site).startswith("1 of ")
    # Each visitor's action plan is their own too.
    second.goto(demo_site + "/toolkit/action-plan/")
    expect(second.locator(".toolkit-plan__summary")).to_contain_text("1 of ")


def test_start_again_clears_progress(open_page, demo_site):
    page = open_page(FIRST_STEP, javascript=False)
    checkboxes(page).nth(0).check()
    page.get_by_role("button", name="Save progress").click()
    page.goto(demo_site + "/toolkit/")
    page.get_by_role("link", name=re.compile("Start again")).click()
    page.get_by_role("button", name="Yes, clear my ticks and start again").click()
    expect(page.locator("[role=status]").first).to_contain_text("Your progress has been cleared")
    assert page.locator(".toolkit-overview__label").inner_text().startswith("0 of ")


def tab_to(page, matches, limit=150):
    """Press Tab until the focused element satisfies ``matches`` (a JS predicate over the element)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {matches})(document.activeElement)"):
            return
    raise AssertionError(f"could not reach an element matching {matches} by keyboard")


def test_keyboard_only_walk_through_every_step(open_page, demo_site):
    page = open_page("/toolkit/")
    tab_to(page, "el.tagName === 'A' && el.textContent.startsWith('Start with step 1')")
    page.keyboard.press("Enter")
    for number in range(1, STEP_COUNT + 1):
        expect(page.locator(".toolkit-position")).to_have_text(f"Step {number} of {STEP_COUNT}")
        tab_to(page, "el.type === 'checkbox'")
        page.keyboard.press("Space")
        tab_to(page, "el.tagName === 'BUTTON' && el.textContent.includes('Save progress')")
        page.keyboard.press("Enter")
        expect(page.locator("[role=status]").first).to_contain_text("Progress saved: 1 of")
        if number < STEP_COUNT:
            tab_to(page, "el.rel === 'next'")
        else:
            tab_to(page, "el.textContent.includes('See your action plan')")
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Your action plan")
    expect(page.locator(".toolkit-plan__summary")).to_contain_text(f"{STEP_COUNT} of ")
    assert page.locator(".toolkit-plan-list--done li").count() == STEP_COUNT


def test_toolkit_views_are_accessible_in_every_scheme(new_context, demo_site):
    """The landing and step pages are covered by the site-wide axe test; these are the routable views."""
    assert_accessible(new_context, demo_site, ["/toolkit/action-plan/", "/toolkit/start-again/"], ALL_COMBINATIONS)


def test_pages_with_ticks_are_accessible(open_page, demo_site):
    # axe runs as page JavaScript, so this context keeps it on (the form still posts normally).
    page = open_page(FIRST_STEP)
    checkboxes(page).nth(0).check()
    page.get_by_role("button", name="Save progress").click()
    problems = check_current_page(page, "step after saving")
    for path in ["/toolkit/", "/toolkit/action-plan/", "/toolkit/start-again/"]:
        page.goto(demo_site + path)
        problems += check_current_page(page, path)
    assert not problems, "\n".join(problems)


def test_printed_action_plan_is_clean(open_page, demo_site):
    page = open_page(FIRST_STEP, javascript=False)
    checkboxes(page).nth(0).check()
    page.get_by_role("button", name="Save progress").click()
    page.goto(demo_site + "/toolkit/action-plan/")
    page.emulate_media(media="print")
    for hidden in [".toolkit-plan__tools", ".site-nav", "header form", ".toolkit-plan__footer"]:
        for element in page.locator(hidden).all():
            assert not element.is_visible(), f"{hidden} should not print"
    assert page.locator(".toolkit-plan-list--done").is_visible()
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(OUTPUT_DIR / "toolkit-action-plan.pdf"), format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
