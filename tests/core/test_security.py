"""Security headers on the public site and throttled admin sign-in."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings


@pytest.mark.django_db
def test_public_pages_send_a_strict_content_security_policy(client, home_page):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_public_pages_have_no_inline_scripts_or_styles(client, home_page):
    html = client.get("/").content.decode()
    assert "<script>" not in html and "style=" not in html and "<style" not in html


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_admin_login_is_locked_after_repeated_failures(client):
    get_user_model().objects.create_user("editor", "editor@example.com", "the-right-password-123")
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200, "the form says the password is wrong"
    fifth = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert fifth.status_code == 429
    locked = client.post("/admin/login/", {"username": "editor", "password": "the-right-password-123"})
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_a_correct_password_after_a_few_mistakes_still_signs_in(client):
    get_user_model().objects.create_user("editor", "editor@example.com", "the-right-password-123", is_staff=True)
    for _ in range(2):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "editor", "password": "the-right-password-123"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_no_demo_page_needs_inline_code_the_policy_would_block(client):
    """The CSP forbids inline scripts and styles; a page relying on them would silently break."""
    import re

    from django.core.management import call_command
    from wagtail.models import Page, Site

    call_command("load_demo_content")
    Site.objects.filter(is_default_site=True).update(hostname="testserver")
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
    offenders = []
    for page in Page.objects.live().exclude(depth=1):
        html = client.get(page.url).content.decode()
        if inline_script.search(html) or re.search(r"<style\b|\sstyle=\"", html, re.I):
            offenders.append(page.url)
    assert not offenders, offenders


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_pages_may_not_use_camera_microphone_location_payment_or_usb(client, home_page, path):
    policy = client.get(path)["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


@pytest.mark.parametrize("password", ["Short-pw-1", "password1234", "123456789012345"])
def test_short_common_or_numeric_passwords_are_refused(password):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password(password)
    validate_password("correct horse battery staple")  # a long passphrase is fine


def test_production_cookies_are_secure_http_only_and_same_site(monkeypatch):
    from tests.core.test_settings import load_settings

    settings = load_settings("hub.settings.production", monkeypatch, SECRET_KEY="x" * 64)
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert getattr(settings, "SESSION_COOKIE_SAMESITE", "Lax") in {"Lax", "Strict"}
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.ADMIN_2FA_REQUIRED is True
