"""Sign-in events reach the application log (never a password or code) and, for what an
administrator needs, Wagtail's audit log, shown in Reports → Site history."""

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from wagtail.models import ModelLogEntry

from hub.accounts import audit
from tests.accounts.conftest import sign_in_with_password
from tests.factories.accounts import TOTPDeviceFactory, code_for, sign_in_with_second_factor
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def logged(user, action):
    return ModelLogEntry.objects.filter(object_id=str(user.pk), action=action)


@override_settings(AXES_ENABLED=True)
def test_wrong_passwords_and_the_lock_out_are_in_the_audit_log(client, admin_user_without_device, caplog):
    caplog.set_level("INFO", logger="hub.accounts")
    for _ in range(5):
        client.post("/admin/login/", {"username": "newcomer", "password": "not-it"})
    assert logged(admin_user_without_device, audit.SIGN_IN_FAILED).count() >= 4
    assert logged(admin_user_without_device, audit.LOCKED_OUT).exists()
    client.post("/admin/login/", {"username": "nobody-like-this", "password": "not-it"})
    assert "user=unknown" in caplog.text and "nobody-like-this" not in caplog.text


def test_a_sign_in_is_logged_after_its_second_step(client, admin_user_without_device):
    device = TOTPDeviceFactory(user=admin_user_without_device)
    sign_in_with_password(client, admin_user_without_device)
    assert not logged(admin_user_without_device, audit.SIGNED_IN).exists()
    client.post("/admin/two-factor/verify/", {"code": code_for(device)})
    entry = logged(admin_user_without_device, audit.SIGNED_IN).get()
    assert entry.user == admin_user_without_device


def test_refused_admin_pages_are_logged(client, admin_user_without_device, caplog):
    caplog.set_level("INFO", logger="hub.accounts")
    sign_in_with_second_factor(client, admin_user_without_device)
    assert client.get("/admin/referrals/").status_code == 403
    assert logged(admin_user_without_device, audit.ACCESS_REFUSED).get().data == {"path": "/admin/referrals/"}
    assert f"{audit.ACCESS_REFUSED} user={admin_user_without_device.pk}" in caplog.text


def test_wagtails_own_refusals_are_logged_too(client, admin_user_without_device):
    """Wagtail refuses an editor the users admin with a redirect to the dashboard and a message."""
    admin_user_without_device.groups.set([Group.objects.get(name="Editors")])
    sign_in_with_second_factor(client, admin_user_without_device)
    response = client.get("/admin/users/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert logged(admin_user_without_device, audit.ACCESS_REFUSED).get().data == {"path": "/admin/users/"}
    assert client.get("/admin/").status_code == 200
    assert logged(admin_user_without_device, audit.ACCESS_REFUSED).count() == 1


def test_administrators_see_sign_in_events_in_the_site_history(client, admin_user_without_device):
    client.post("/admin/login/", {"username": "newcomer", "password": "not-it"})
    boss = UserFactory(username="boss")
    boss.groups.add(Group.objects.get(name="Administrators"))
    sign_in_with_second_factor(client, boss)
    page = client.get("/admin/reports/site-history/", {"action": audit.SIGN_IN_FAILED})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Failed sign-in: wrong password" in html and "newcomer" in html
