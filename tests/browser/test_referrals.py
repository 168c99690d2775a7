"""Referrals in a real browser: GP and Jobcentre Plus referrals sent with the keyboard alone, the error
state (summary focused, links reach their fields) and axe on the form's error state and confirmation
in every colour scheme and text size. Service pages and forms are also covered by test_accessibility."""

import re

import pytest

from tests.browser.axe import ALL_COMBINATIONS, check_current_page, label_for, preference_cookie

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _generous_rate_limit(settings):
    """These tests post many times from one address; the limit itself is tested in tests/services."""
    from django.core.cache import cache

    settings.REFERRAL_RATE_LIMIT = 1000
    cache.clear()


GP_FORM = "/services/bridging-the-gap/gp-referral/"
JCP_FORM = "/services/health-and-work-service/jobcentre-plus-referral/"

ANSWERS = [
    ("id_referrer_name", "Dr Alex Carter"),
    ("id_referrer_role", "GP"),
    ("id_referrer_organisation", "Riverside Surgery, Nottingham"),
    ("id_referrer_email", "alex.carter@nhs.example"),
    ("id_referrer_phone", "0115 496 0999"),
    ("id_person_name", "Zebedee Quartermain"),
    ("id_person_date_of_birth", "27/03/1985"),
    ("id_person_phone", "07700 900123"),
    ("id_support_needed", "Anxiety is making it hard to return to work."),
]


def focused_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def tab_to(page, element_id, limit=120):
    """Press Tab until ``element_id`` has focus, as a keyboard user would."""
    for _ in range(limit):
        if focused_id(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} was never reached with the Tab key")


def fill_with_keyboard(page, answers):
    for element_id, value in answers:
        tab_to(page, element_id)
        page.keyboard.type(value)
    tab_to(page, "id_consent")
    page.keyboard.press("Space")
    assert page.is_checked("#id_consent")
    for _ in range(5):  # the submit button follows the consent checkbox (the honeypot is never focusable)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "Send referral"
    page.keyboard.press("Enter")


@pytest.mark.parametrize(
    ("path", "prefix", "answers"),
    [
        (GP_FORM, "BTG-GP-", ANSWERS),
        (
            JCP_FORM,
            "HWS-JCP-",
            [(i, "Work coach") if i == "id_referrer_role" else (i, v) for i, v in ANSWERS],
        ),
    ],
)
def test_referral_sent_with_the_keyboard_alone_gets_a_reference(open_page, path, prefix, answers):
    page = open_page(path)
    fill_with_keyboard(page, answers)
    page.wait_for_url(re.compile(r".*/confirmation/$"))
    reference = page.locator(".referral-confirmation__reference").inner_text().strip()
    assert re.fullmatch(re.escape(prefix) + r"[2-9A-Z]{6}", reference)
    assert page.get_by_role("heading", name="What happens next").is_visible()

    from hub.services.models import Referral

    referral = Referral.objects.get(reference=reference)
    assert referral.form_data["person_name"] == "Zebedee Quartermain"


def test_error_summary_takes_focus_and_its_links_reach_the_fields(open_page):
    page = open_page(GP_FORM)
    tab_to(page, "id_referrer_name")
    page.keyboard.type("Dr Alex Carter")
    page.locator("main button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'error-summary'")
    assert page.title().startswith("Error:")
    assert focused_id(page) == "error-summary"
    assert page.input_value("#id_referrer_name") == "Dr Alex Carter"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_referrer_role"
    page.keyboard.press("Enter")
    assert focused_id(page) == "id_referrer_role"


def test_error_state_and_confirmation_pass_axe_in_every_scheme(new_context, demo_site):
    problems, checks = [], 0
    for preferences in ALL_COMBINATIONS:
        context = new_context(viewport={"width": 1280, "height": 900})
        context.add_cookies([preference_cookie(demo_site, preferences)])
        page = context.new_page()
        page.goto(demo_site + GP_FORM)
        page.fill("#id_referrer_email", "not an email")
        with page.expect_navigation():
            page.click("main button[type=submit]")
        assert page.locator(".error-summary").is_visible(), (page.url, page.title(), page.content()[:3000])
        problems += check_current_page(page, label_for(GP_FORM + " (errors)", preferences))
        checks += 1
        context.close()
    # One confirmation page, in every scheme, from one real referral.
    context = new_context()
    page = context.new_page()
    page.goto(demo_site + GP_FORM)
    for element_id, value in ANSWERS:
        page.fill(f"#{element_id}", value)
    page.check("#id_consent")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/confirmation/$"))
    cookies = [cookie for cookie in context.cookies() if cookie["name"] == "sessionid"]
    context.close()
    for preferences in ALL_COMBINATIONS:
        context = new_context()
        context.add_cookies([preference_cookie(demo_site, preferences), *cookies])
        page = context.new_page()
        page.goto(demo_site + GP_FORM + "confirmation/")
        assert page.locator(".referral-confirmation__reference").is_visible()
        problems += check_current_page(page, label_for(GP_FORM + "confirmation/", preferences))
        checks += 1
        context.close()
    assert not problems, f"{len(problems)} problem(s) in {checks} checks:\n" + "\n".join(problems)


def test_no_horizontal_scroll_at_320px(open_page):
    for path in ["/services/", "/services/bridging-the-gap/", GP_FORM]:
        page = open_page(path, width=320, height=640)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
