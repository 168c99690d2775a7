"""The page cache in a real browser: two visitors with different colour schemes and toolkit
progress, on the same pages at the same time, never see each other's."""

import pytest

from hub.core.page_cache import STATUS_HEADER
from hub.core.preferences import DisplayPreferences
from tests.browser.test_display_settings import html_classes
from tests.browser.test_toolkit import FIRST_STEP, checkboxes, overall_progress

pytestmark = pytest.mark.browser


def visit(page, base_url, path):
    return page.goto(base_url + path).headers.get(STATUS_HEADER.lower())


def test_two_visitors_never_see_each_others_scheme_or_progress(open_page, demo_site):
    dark = open_page("/about/", preferences=DisplayPreferences(text="larger", scheme="dark"), javascript=False)
    plain = open_page("/about/", javascript=False)
    assert {"scheme-dark", "text-larger"} <= set(html_classes(dark))
    assert {"scheme-standard", "text-standard"} <= set(html_classes(plain))
    # Both copies are stored now: each visitor is served their own.
    assert visit(dark, demo_site, "/about/") == "hit"
    assert {"scheme-dark", "text-larger"} <= set(html_classes(dark))
    assert visit(plain, demo_site, "/about/") == "hit"
    assert "scheme-dark" not in html_classes(plain)

    plain.goto(demo_site + FIRST_STEP)
    boxes = checkboxes(plain)
    boxes.nth(0).check()
    boxes.nth(1).check()
    plain.get_by_role("button", name="Save progress").click()
    assert overall_progress(plain, demo_site).startswith("2 of ")
    assert overall_progress(dark, demo_site).startswith("0 of "), "the other visitor's ticks are not shown"
    dark.goto(demo_site + FIRST_STEP)
    assert not any(checkboxes(dark).nth(n).is_checked() for n in range(checkboxes(dark).count()))
    assert {"scheme-dark", "text-larger"} <= set(html_classes(dark))

    # The visitor with progress changes their scheme; the other keeps theirs, on every page.
    plain.goto(demo_site + "/accessibility/settings/?next=/about/")
    plain.get_by_label("Cream, low glare (dark text on cream)").check()
    plain.get_by_role("button", name="Save settings").click()
    assert plain.url == demo_site + "/about/"
    assert "scheme-cream" in html_classes(plain)
    for path in ("/", "/about/", "/toolkit/"):
        dark.goto(demo_site + path)
        plain.goto(demo_site + path)
        assert "scheme-dark" in html_classes(dark), path
        assert "scheme-cream" in html_classes(plain), path
    assert overall_progress(plain, demo_site).startswith("2 of ")
    assert overall_progress(dark, demo_site).startswith("0 of ")
