"""`make run` gives a newcomer an admin login without a fixed, well-known password."""

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command


@pytest.mark.django_db
def test_first_run_creates_an_admin_with_a_printed_random_password():
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    password = next(line.split(": ", 1)[1] for line in out.getvalue().splitlines() if "password:" in line)
    assert len(password) >= 16
    assert authenticate(username="admin", password=password) is not None


@pytest.mark.django_db
def test_passwords_differ_between_machines():
    passwords = set()
    for _ in range(2):
        get_user_model().objects.all().delete()
        out = io.StringIO()
        call_command("ensure_admin", stdout=out)
        passwords.add(out.getvalue().split("password: ")[1].split()[0])
    assert len(passwords) == 2


@pytest.mark.django_db
def test_second_run_keeps_the_password_and_says_how_to_reset_it():
    call_command("ensure_admin", stdout=io.StringIO())
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    assert "changepassword admin" in out.getvalue()
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


@pytest.mark.django_db
def test_it_says_the_first_sign_in_leads_to_setting_up_an_authenticator_app():
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    assert "authenticator app" in out.getvalue() and "reset_two_factor" in out.getvalue()
