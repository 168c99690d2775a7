"""Briefings and events in a real browser: the print view is clean (no navigation or settings, link
targets written out, figures whole) and axe finds no problem on any of their pages in any display."""

import re

import pytest

from tests.browser.axe import ALL_COMBINATIONS, assert_accessible

pytestmark = pytest.mark.browser

BRIEFING = "/briefings/mental-health-and-employment-for-commissioners/"


def test_print_media_hides_the_chrome_and_shows_link_targets(open_page):
    page = open_page(BRIEFING)
    assert page.locator(".site-nav").is_visible(), "navigation is there on screen"
    page.emulate_media(media="print")
    for chrome in [".site-nav", ".urgent-help", ".breadcrumbs", ".site-footer", ".briefing__footer"]:
        for element in page.locator(chrome).all():
            assert not element.is_visible(), f"{chrome} is printed"
    tools = page.locator(".site-header__tools")
    assert tools.count() == 0 or not tools.first.is_visible(), "display settings controls are printed"
    assert page.locator(".briefing__source").is_visible(), "the printed copy says where it came from"
    link_after = page.evaluate(
        """() => {
            const link = document.querySelector('main a[href^="http"]');
            return getComputedStyle(link, '::after').content;
        }"""
    )
    assert "http" in link_after, "external link targets are written out in print"
    breaks = page.evaluate(
        "() => [...document.querySelectorAll('.key-figure, .quote')].map(e => getComputedStyle(e).breakInside)"
    )
    assert breaks and set(breaks) == {"avoid"}, "figures and quotes are kept whole across pages"


def test_briefing_prints_to_a_few_a4_pages(open_page):
    page = open_page(BRIEFING)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 6, f"{pages} A4 pages"


def test_states_the_shared_axe_test_does_not_reach_have_no_violations_in_any_display(new_context, demo_site):
    # test_accessibility.py checks one page of each type in every display; these are the other
    # states of the same templates: a filtered list, a past event with outputs, a hybrid event.
    paths = [
        "/briefings/?audience=commissioners&kind=briefing",
        "/events/national-round-table-on-mental-health-and-employment/",
        "/events/learning-event-for-commissioners-and-system-partners/",
    ]
    assert_accessible(new_context, demo_site, paths, ALL_COMBINATIONS)
