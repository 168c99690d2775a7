"""Referral handling and statistics in a real browser: a handler moves a referral through every status
in the admin; the statistics page (month and quarter views) passes axe in every colour scheme and text
size, and its charts follow the scheme on screen and print black on white."""

import pytest

from hub.core.preferences import DisplayPreferences
from tests.browser.axe import ALL_COMBINATIONS, assert_accessible

pytestmark = pytest.mark.browser

STATISTICS = "/services/referral-statistics/"
PASSWORD = "browser-test-password-1"


def test_the_statistics_page_is_accessible_in_every_display(new_context, demo_site):
    paths = [STATISTICS, STATISTICS + "quarters/"]
    assert_accessible(new_context, demo_site, paths, ALL_COMBINATIONS)


def bar_fill(page):
    return page.evaluate("getComputedStyle(document.querySelector('.chart__bar')).fill")


def test_charts_follow_the_colour_scheme_and_print_black(open_page):
    standard = open_page(STATISTICS)
    assert standard.locator("svg[role=img]").count() >= 4
    standard_fill = bar_fill(standard)
    dark = open_page(STATISTICS, preferences=DisplayPreferences(scheme="dark"))
    assert bar_fill(dark) != standard_fill
    dark.emulate_media(media="print")
    assert bar_fill(dark) == "rgb(0, 0, 0)"
    assert dark.evaluate("getComputedStyle(document.querySelector('.chart__svg text')).fill") == "rgb(0, 0, 0)"


def test_a_handler_moves_a_referral_through_every_status(open_page, django_user_model):
    from hub.services.models import Referral, ReferralStatusChange, ServicePage

    service = ServicePage.objects.get(slug="bridging-the-gap")
    handler = django_user_model.objects.create_user("handler", "handler@example.org", PASSWORD)
    handler.groups.add(service.handler_group.group)
    referral = Referral.objects.create(
        reference="BTG-GP-BROWSR", service=service, referrer_type="gp", form_data={"person_name": "Demo Person 9999"}
    )
    page = open_page("/admin/login/")
    page.fill("#id_username", "handler")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(page.url.split("/admin/")[0] + f"/admin/referrals/{referral.pk}/")
    steps = [
        ("contacted", None, None),
        ("accepted", None, None),
        ("support_started", None, None),
        ("closed", "#id_outcome", "Returned to work"),
    ]
    for status, extra_field, extra_value in steps:
        page.select_option("#id_to_status", status)
        if extra_field:
            page.select_option(extra_field, label=extra_value)
        page.fill("#id_note", f"Browser note: {status}")
        page.click("text=Save status")
        page.wait_for_selector(f"text=BTG-GP-BROWSR is now {status.replace('_', ' ')}")
    assert "has no next step" in page.content()
    referral.refresh_from_db()
    assert referral.status == "closed" and referral.outcome.name == "Returned to work"
    assert ReferralStatusChange.objects.filter(referral=referral, changed_by=handler).count() == 4
