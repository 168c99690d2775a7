"""The resource directory's filter form by keyboard, with JavaScript off: a plain GET form whose
results, counts and removal links all work without any script."""

import re

import pytest

from tests.browser.axe import ALL_COMBINATIONS, assert_accessible

pytestmark = pytest.mark.browser


def result_count(page):
    heading = page.locator("#resource-results-heading").inner_text()
    match = re.match(r"(\d+) resources?", heading)
    return int(match.group(1)) if match else 0


def test_filter_by_keyboard_without_javascript(open_page):
    page = open_page("/resources/", javascript=False)
    everything = result_count(page)
    assert everything >= 30

    # Tick "Employers" with the space bar and submit with the form's button, by keyboard alone.
    page.focus("#filter-audience-employers")
    page.keyboard.press("Space")
    assert page.is_checked("#filter-audience-employers")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Show resources":
            break
    else:
        pytest.fail("Tab never reached the 'Show resources' button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"audience=employers"))
    employers = result_count(page)
    assert 0 < employers < everything
    assert page.is_checked("#filter-audience-employers")
    label = page.locator("label[for=filter-audience-employers]").inner_text()
    assert f"({employers}" in label

    # A keyword search narrows further; Enter in the search box submits the whole form.
    page.fill("#resource-q", "stress")
    page.press("#resource-q", "Enter")
    page.wait_for_url(re.compile(r"q=stress"))
    both = result_count(page)
    assert 0 < both <= employers
    assert "audience=employers" in page.url

    # One click removes one filter and keeps the other.
    page.get_by_role("link", name=re.compile(r"Remove filter Audience: Employers")).click()
    page.wait_for_url(lambda url: "audience=" not in url)
    assert "q=stress" in page.url
    assert result_count(page) >= both

    # Every result link says, to screen readers, that it leaves the site.
    first = page.locator(".resource-card__title a").first
    assert first.inner_text().endswith("(opens external site)")


def test_filtered_directory_is_accessible_in_every_scheme_and_size(demo_site, new_context):
    # A filtered page shows everything the directory can: ticked options, removal links, pages.
    assert_accessible(
        new_context, demo_site, ["/resources/?audience=employers&topic=workplace-stress&sort=newest"], ALL_COMBINATIONS
    )


def test_empty_state_is_accessible(demo_site, new_context):
    assert_accessible(new_context, demo_site, ["/resources/?q=zzzz-nothing&type=training"])
