"""Changing the display settings in a real browser: with JavaScript off, by keyboard, and instantly with it on."""

import pytest

from hub.core.preferences import COOKIE_NAME, DisplayPreferences
from tests.browser.axe import check_current_page

pytestmark = pytest.mark.browser


def html_classes(page):
    return page.evaluate("document.documentElement.className").split()


def test_without_javascript_the_form_changes_scheme_and_size_everywhere(open_page, demo_site):
    page = open_page("/about/", javascript=False)
    page.get_by_role("link", name="Display settings").click()
    assert page.url == demo_site + "/accessibility/settings/?next=%2Fabout%2F"

    page.get_by_label("Dark (light text on dark grey)").check()
    page.get_by_label("Larger").check()
    page.get_by_role("button", name="Save settings").click()

    assert page.url == demo_site + "/about/", "back on the page the visitor came from"
    assert page.get_by_text("Your display settings have been saved").is_visible()
    assert {"scheme-dark", "text-larger", "spacing-standard"} <= set(html_classes(page))
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(27, 29, 31)", "the dark scheme's background is painted"

    page.get_by_role("link", name="Privacy").first.click()
    assert page.url == demo_site + "/privacy/"
    assert {"scheme-dark", "text-larger"} <= set(html_classes(page)), "the choice persists across pages"
    cookie = next(c for c in page.context.cookies() if c["name"] == COOKIE_NAME)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert cookie["expires"] > 0, "kept after the browser closes"

    page.goto(demo_site + "/accessibility/settings/")
    page.get_by_role("button", name="Reset to standard settings").click()
    assert {"scheme-standard", "text-standard"} <= set(html_classes(page))


def test_settings_form_works_by_keyboard_alone(open_page, demo_site):
    page = open_page("/accessibility/settings/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "text":
            break
    else:
        pytest.fail("Tab never reached the text size radios")
    page.keyboard.press("ArrowDown")  # standard -> large
    assert "text-large" in html_classes(page), "JavaScript applies the choice at once"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "scheme"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # standard -> high contrast -> dark
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Save settings"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Your display settings have been saved").is_visible()
    assert {"text-large", "scheme-dark"} <= set(html_classes(page))


def test_javascript_applies_a_choice_without_reloading_and_saves_it(open_page, demo_site):
    page = open_page("/accessibility/settings/")
    page.evaluate("window.notReloaded = true")
    page.get_by_label("High contrast (white and yellow on black)").check()
    assert "scheme-high-contrast" in html_classes(page)
    page.get_by_text("Saved. Your display settings apply to every page.").wait_for()
    assert page.evaluate("window.notReloaded") is True
    page.goto(demo_site + "/")
    assert "scheme-high-contrast" in html_classes(page), "the background save set the cookie"

    page.goto(demo_site + "/accessibility/settings/")
    page.get_by_role("button", name="Reset to standard settings").click()
    page.get_by_text("back to the standard ones").wait_for()
    assert "scheme-standard" in html_classes(page)


def test_error_summary_for_an_invalid_choice_is_accessible(open_page, demo_site):
    # JavaScript on: axe needs it, and setting a radio's value from a script fires no change event.
    page = open_page("/accessibility/settings/")
    page.locator("#scheme-dark").evaluate("input => { input.value = 'neon'; input.checked = true; }")
    page.get_by_role("button", name="Save settings").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    link = page.get_by_role("link", name="Choose one of the colour schemes listed")
    assert link.get_attribute("href") == "#scheme-standard"
    assert page.title().startswith("Error:")
    assert check_current_page(page, "settings error summary") == []


def test_forced_colours_keep_focus_and_edges_visible(open_page, demo_site):
    page = open_page("/", forced_colors="active", preferences=DisplayPreferences(scheme="cream"))
    page.keyboard.press("Tab")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert outline[0] != "none" and float(outline[1].removesuffix("px")) >= 2, outline
    card_border = page.evaluate(
        "getComputedStyle(document.querySelector('.card, .callout, .site-header')).borderTopStyle"
    )
    assert card_border != "none"
