"""Site search in a real browser: axe-clean in every scheme (results, zero results, filters applied,
open typeahead), and the typeahead works by keyboard as an ARIA combobox."""

import re

import pytest

from tests.browser.axe import ALL_COMBINATIONS, assert_accessible, check_current_page

pytestmark = pytest.mark.browser

SEARCH_PATHS = [
    "/search/",
    "/search/?q=work",
    "/search/?q=zzqqxxnothing",
    "/search/?q=work&type=resource&audience=employers",
    "/search/?q=stres",
]


def test_search_pages_have_no_axe_violations_in_any_scheme(new_context, demo_site):
    assert_accessible(new_context, demo_site, SEARCH_PATHS, ALL_COMBINATIONS)


def test_typeahead_by_keyboard(open_page):
    page = open_page("/search/")
    box = page.locator("#main-q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    box.focus()
    page.keyboard.type("brid", delay=30)
    listbox = page.locator("#main-q-suggestions")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.locator("[role=option]")
    assert options.count() >= 1
    assert "Bridging the Gap" in listbox.inner_text()
    page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    assert not check_current_page(page, "search typeahead open")
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/services/bridging-the-gap/"))


def test_search_works_without_javascript(open_page):
    page = open_page("/search/", javascript=False)
    assert page.locator("#main-q").get_attribute("role") is None
    page.fill("#main-q", "fit note")
    page.press("#main-q", "Enter")
    page.wait_for_url(re.compile(r"q=fit\+note"))
    assert "result" in page.locator(".search-status").inner_text()


def filter_and_result_boxes(page):
    return page.locator(".search-filters").bounding_box(), page.locator(".search-results").bounding_box()


def test_filters_stand_beside_the_results_on_wide_screens_and_above_them_on_narrow(open_page):
    filters, results = filter_and_result_boxes(open_page("/search/?q=work", width=1280))
    assert filters["x"] + filters["width"] <= results["x"]
    assert abs(filters["y"] - results["y"]) < 5

    filters, results = filter_and_result_boxes(open_page("/search/?q=work", width=375))
    assert filters["y"] + filters["height"] <= results["y"]


def test_ticked_filters_are_kept_for_a_new_query_without_javascript(open_page):
    """The filter checkboxes sit outside the search form's element but belong to it (``form``
    attribute): pressing Enter in the search box sends them, and "Apply filters" sends the query."""
    page = open_page("/search/?q=stress", javascript=False)
    page.check("#audience-employers")
    page.fill("#main-q", "adjustments")
    page.press("#main-q", "Enter")
    page.wait_for_url(re.compile(r"q=adjustments&audience=employers"))
    assert page.locator("#audience-employers").is_checked()
    page.uncheck("#audience-employers")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"/search/\?q=adjustments$"))
    assert "results for “adjustments”" in page.locator(".search-status").inner_text()
