"""Two-factor sign-in in a real browser: a new admin user enrols an authenticator app from the secret
the page shows (the code computed here, as the app would), signs out, signs in with password and
code and reaches the referrals; a replayed code and a password-only session are turned away."""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP

pytestmark = pytest.mark.browser

PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def new_admin(demo_site, settings):
    from django.contrib.auth import get_user_model

    settings.ADMIN_2FA_REQUIRED = True
    get_user_model().objects.create_superuser("new-admin", "new-admin@example.org", PASSWORD)
    return "new-admin"


def code(secret, steps_ahead=0):
    key = b32decode(secret.replace(" ", ""))
    return f"{TOTP(key, drift=steps_ahead).token():06d}"


def sign_in_with_password(page, base, username):
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def sign_out(page):
    """Through the sign-out button of the second-step pages, or Wagtail's account menu."""
    if page.locator("[data-sign-out]").count():
        page.click("[data-sign-out]")
    else:
        page.click("button[aria-label='new-admin'], .sidebar-footer button")
        page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/admin/login/**")


def enter_code(page, value):
    page.fill("#id_code", value)
    page.click("form.login-form button[type=submit]")
    page.wait_for_load_state()


def test_enrol_sign_out_sign_in_with_a_code_and_reach_the_referrals(open_page, demo_site, new_admin):
    page = open_page("/admin/login/")
    sign_in_with_password(page, demo_site, new_admin)
    assert "/admin/two-factor/setup/" in page.url
    assert page.locator("[data-qr-code] svg").is_visible()
    secret = page.inner_text("[data-secret]")
    enter_code(page, code(secret))
    assert page.locator("[data-backup-codes] li").count() == 10
    page.get_by_role("link", name="I have kept them: continue").click()
    page.wait_for_load_state()
    assert page.url.endswith("/admin/")

    sign_out(page)
    sign_in_with_password(page, demo_site, new_admin)
    assert "/admin/two-factor/verify/" in page.url
    page.goto(demo_site + "/admin/referrals/")
    assert "/admin/two-factor/verify/" in page.url, "a password alone reaches no admin page"
    fresh = code(secret, steps_ahead=1)  # the enrolment code's 30 seconds may not be over: the next one
    enter_code(page, fresh)
    assert page.url.endswith("/admin/referrals/")
    assert page.get_by_role("heading", name="Referrals").is_visible()

    sign_out(page)
    sign_in_with_password(page, demo_site, new_admin)
    enter_code(page, fresh)
    assert "used already" in page.inner_text("main")
    page.goto(demo_site + "/admin/referrals/")
    assert "/admin/two-factor/verify/" in page.url
