"""Admin sessions end after 30 minutes idle and 8 hours at most, get a new id at sign-in, end on
the server at sign-out, and end at once when the user is deactivated."""

import datetime as dt

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client

from hub.accounts.models import UserSession
from tests.accounts.conftest import sign_in_with_password
from tests.factories.accounts import sign_in_with_second_factor

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def signed_in(client):
    return client.get("/admin/account/").status_code == 200


def test_a_session_ends_after_30_idle_minutes(client, admin_user_without_device):
    with time_machine.travel(START, tick=False) as clock:
        sign_in_with_second_factor(client, admin_user_without_device)
        key = client.session.session_key
        clock.shift(dt.timedelta(minutes=29))
        assert signed_in(client), "29 minutes idle: still signed in"
        clock.shift(dt.timedelta(minutes=31))
        response = client.get("/admin/account/")
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
        assert not Session.objects.filter(session_key=key).exists()
        login_page = client.get(response["Location"]).content.decode()
        assert "signed out after 30 minutes without activity" in login_page


def test_a_busy_session_still_ends_8_hours_after_sign_in(client, admin_user_without_device):
    with time_machine.travel(START, tick=False) as clock:
        sign_in_with_second_factor(client, admin_user_without_device)
        for _ in range(23):  # a request every 20 minutes: never idle
            clock.shift(dt.timedelta(minutes=20))
            assert signed_in(client)
        clock.shift(dt.timedelta(minutes=21))  # 8 h 1 min after sign-in
        assert not signed_in(client)


def test_the_limits_come_from_settings(client, admin_user_without_device, settings):
    settings.ADMIN_SESSION_IDLE_MINUTES = 5
    with time_machine.travel(START, tick=False) as clock:
        sign_in_with_second_factor(client, admin_user_without_device)
        clock.shift(dt.timedelta(minutes=6))
        assert not signed_in(client)


def test_signing_in_gives_a_new_session_id(client, admin_user_without_device):
    session = client.session
    session["before"] = "sign-in"
    session.save()
    before = session.session_key
    sign_in_with_password(client, admin_user_without_device)
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_signing_out_deletes_the_session_on_the_server(client, admin_user_without_device):
    sign_in_with_second_factor(client, admin_user_without_device)
    key = client.session.session_key
    stolen = Client()
    stolen.cookies["sessionid"] = key
    assert signed_in(stolen)
    client.post("/admin/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    assert not signed_in(stolen), "a copied cookie no longer works"


def test_deactivating_a_user_ends_every_session_of_theirs_at_once(admin_user_without_device):
    laptop, phone = Client(), Client()
    for client in (laptop, phone):
        sign_in_with_second_factor(client, admin_user_without_device)
        assert signed_in(client)
    assert UserSession.objects.filter(user=admin_user_without_device).count() == 2
    admin_user_without_device.is_active = False
    admin_user_without_device.save()
    assert not Session.objects.exists()
    assert not signed_in(laptop) and not signed_in(phone)
    assert not UserSession.objects.exists()


def test_a_deactivation_from_the_users_admin_ends_their_sessions(client, admin_user_without_device):
    from django.contrib.auth.models import Group

    from tests.factories.users import UserFactory

    victim = Client()
    sign_in_with_second_factor(victim, admin_user_without_device)
    boss = UserFactory(username="boss")
    boss.groups.add(Group.objects.get(name="Administrators"))
    sign_in_with_second_factor(client, boss)
    form = {
        "username": admin_user_without_device.username,
        "email": admin_user_without_device.email,
        "first_name": "New",
        "last_name": "Comer",
        "password1": "",
        "password2": "",
        "is_active": "",
    }
    response = client.post(f"/admin/users/edit/{admin_user_without_device.pk}/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not signed_in(victim)
