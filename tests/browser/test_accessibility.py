"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA problem on any page, in any colour scheme or text size.

The pages come from the demo content itself, so page types other apps add are checked without
editing this file.
"""

import time

import pytest

from tests.browser.axe import ALL_COMBINATIONS, assert_accessible

pytestmark = pytest.mark.browser

NOT_FOUND = "/no-such-page-for-axe/"


def extra_paths(new_context, base_url):
    """Views outside the page tree: the display settings, search (once it exists) and the 404 page."""
    context = new_context()
    paths = ["/accessibility/settings/"]
    if context.request.get(base_url + "/search/").status == 200:
        paths.append("/search/")
    context.close()
    return paths


def test_every_live_page_in_the_standard_display(new_context, demo_site, live_page_urls):
    started = time.monotonic()
    paths = [path for path, _ in live_page_urls] + [*extra_paths(new_context, demo_site), NOT_FOUND]
    assert len(live_page_urls) >= 4, "the demo content has at least home, about, privacy and accessibility"
    checks = assert_accessible(new_context, demo_site, paths, expected_status={NOT_FOUND: 404})
    print(f"\naxe: {checks} pages, 0 violations, {time.monotonic() - started:.1f}s")


def test_one_page_of_each_type_in_every_scheme_and_text_size(new_context, demo_site, live_page_urls):
    started = time.monotonic()
    by_type = {}
    for path, page_type in live_page_urls:
        by_type.setdefault(page_type, path)
    paths = [*by_type.values(), *extra_paths(new_context, demo_site), NOT_FOUND]
    checks = assert_accessible(new_context, demo_site, paths, ALL_COMBINATIONS, expected_status={NOT_FOUND: 404})
    print(
        f"\naxe: {len(paths)} page types x {len(ALL_COMBINATIONS)} display combinations = {checks} checks, "
        f"0 violations, {time.monotonic() - started:.1f}s ({', '.join(by_type)})"
    )
