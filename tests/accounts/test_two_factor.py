"""Two-factor sign-in: after the password every admin page leads to the code form (or to enrolment),
a code works once, five wrong codes lock the step, and only an administrator can reset it."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from hub.accounts import audit
from tests.accounts.conftest import PASSWORD, sign_in_with_password
from tests.factories.accounts import TOTPDeviceFactory, code_for, sign_in_with_second_factor
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def enrol(client, user):
    """Sign in with the password and set up an app from the secret the page shows."""
    sign_in_with_password(client, user)
    page = client.get("/admin/two-factor/setup/").content.decode()
    secret = re.search(r"<code data-secret>([A-Z2-7 ]+)</code>", page).group(1)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/admin/two-factor/setup/", {"code": code_for(device), "next": "/admin/"})
    return secret, response


def actions_logged(user):
    return list(ModelLogEntry.objects.filter(object_id=str(user.pk)).values_list("action", flat=True))


@pytest.mark.parametrize("path", ["/admin/", "/admin/referrals/", "/admin/pages/", "/admin/account/", "/admin/users/"])
def test_a_password_alone_leads_to_enrolment_from_every_admin_page(client, admin_user_without_device, path):
    sign_in_with_password(client, admin_user_without_device)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/setup/?next=")


def test_with_a_device_a_password_alone_leads_to_the_code_form_and_back(client, admin_user_without_device):
    device = TOTPDeviceFactory(user=admin_user_without_device)
    response = sign_in_with_password(client, admin_user_without_device, next_url="/admin/account/")
    assert client.get(response["Location"])["Location"] == "/admin/two-factor/verify/?next=%2Fadmin%2Faccount%2F"
    # without the second step, the account page and backup codes are out of reach too
    assert client.get("/admin/two-factor/")["Location"].startswith("/admin/two-factor/verify/")
    assert client.post("/admin/two-factor/backup-codes/").status_code == 302
    assert StaticToken.objects.count() == 0
    verified = client.post("/admin/two-factor/verify/", {"code": code_for(device), "next": "/admin/account/"})
    assert verified["Location"] == "/admin/account/"
    assert client.get("/admin/account/").status_code == 200
    assert audit.SIGNED_IN in actions_logged(admin_user_without_device)


def test_sign_out_and_the_admin_scripts_stay_reachable_before_the_second_step(client, admin_user_without_device):
    sign_in_with_password(client, admin_user_without_device)
    assert client.get("/admin/jsi18n/").status_code == 200
    assert client.post("/admin/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_enrolment_shows_a_qr_code_and_the_secret_then_backup_codes_once(client, admin_user_without_device):
    sign_in_with_password(client, admin_user_without_device)
    page = client.get("/admin/two-factor/setup/").content.decode()
    assert "<svg" in page and "<?xml" not in page
    device = TOTPDevice.objects.get(user=admin_user_without_device, confirmed=False)
    assert client.get("/admin/two-factor/setup/").status_code == 200
    assert TOTPDevice.objects.filter(user=admin_user_without_device).count() == 1, "a reload keeps the secret"
    wrong = client.post("/admin/two-factor/setup/", {"code": "000000"})
    assert wrong.status_code == 400 and "That code is not right" in wrong.content.decode()
    secret, response = enrol(client, admin_user_without_device)
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert secret.replace(" ", "") in device.config_url
    assert client.get("/admin/referrals/").status_code != 302, "enrolled: the admin is open"
    assert audit.ENROLLED in actions_logged(admin_user_without_device)
    assert not any(code in client.get("/admin/two-factor/").content.decode() for code in codes)


def test_a_password_alone_cannot_add_a_second_device(client, admin_user_without_device):
    TOTPDeviceFactory(user=admin_user_without_device)
    sign_in_with_password(client, admin_user_without_device)
    response = client.get("/admin/two-factor/setup/")
    assert response["Location"].startswith("/admin/two-factor/verify/")
    assert TOTPDevice.objects.filter(user=admin_user_without_device).count() == 1


def test_a_code_works_only_once(client, admin_user_without_device):
    device = TOTPDeviceFactory(user=admin_user_without_device)
    code = code_for(device)
    sign_in_with_password(client, admin_user_without_device)
    assert client.post("/admin/two-factor/verify/", {"code": code})["Location"] == "/admin/"
    client.post("/admin/logout/")
    sign_in_with_password(client, admin_user_without_device)
    replayed = client.post("/admin/two-factor/verify/", {"code": code})
    assert replayed.status_code == 400
    assert "used already" in replayed.content.decode()
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/verify/")
    assert audit.CODE_FAILED in actions_logged(admin_user_without_device)


def test_a_backup_code_signs_in_once(client, admin_user_without_device):
    _, response = enrol(client, admin_user_without_device)
    code = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())[0]
    for attempt in ("first", "second"):
        client.post("/admin/logout/")
        sign_in_with_password(client, admin_user_without_device)
        response = client.post("/admin/two-factor/verify/", {"code": code.upper()})
        assert response.status_code == (302 if attempt == "first" else 400)


def test_five_wrong_codes_lock_the_second_step_with_a_clear_message(client, admin_user_without_device):
    device = TOTPDeviceFactory(user=admin_user_without_device)
    sign_in_with_password(client, admin_user_without_device)
    for _ in range(4):
        assert client.post("/admin/two-factor/verify/", {"code": "123456"}).status_code == 400
    fifth = client.post("/admin/two-factor/verify/", {"code": "123456"})
    assert fifth.status_code == 429
    assert "Too many wrong codes" in fifth.content.decode()
    right = client.post("/admin/two-factor/verify/", {"code": code_for(device)})
    assert right.status_code == 429, "even the right code waits for the lock to end"
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/verify/")
    assert audit.CODE_LOCKED_OUT in actions_logged(admin_user_without_device)


def test_users_get_new_backup_codes_and_replace_their_app_from_their_account(client, admin_user_without_device):
    _, response = enrol(client, admin_user_without_device)
    old_codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert "/admin/two-factor/" in client.get("/admin/account/").content.decode()
    page = client.get("/admin/two-factor/").content.decode()
    assert "10 unused backup codes" in page
    new = client.post("/admin/two-factor/backup-codes/", {"next": "/admin/two-factor/"})
    new_codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", new.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert not StaticToken.objects.filter(token__in=old_codes).exists()
    assert audit.BACKUP_CODES_REGENERATED in actions_logged(admin_user_without_device)

    old_device = TOTPDevice.objects.get(user=admin_user_without_device, confirmed=True)
    assert client.get("/admin/two-factor/setup/").status_code == 200, "verified: may set up a new app"
    new_device = TOTPDevice.objects.get(user=admin_user_without_device, confirmed=False)
    assert client.post("/admin/two-factor/setup/", {"code": code_for(new_device, 1)}).status_code == 200
    assert list(TOTPDevice.objects.filter(user=admin_user_without_device)) == [new_device]
    assert not TOTPDevice.objects.filter(pk=old_device.pk).exists()


def administrator():
    user = UserFactory(username="administrator")
    user.groups.add(Group.objects.get(name="Administrators"))
    return user


def test_an_administrator_resets_a_users_two_factor_without_seeing_the_secret(client, admin_user_without_device):
    device = TOTPDeviceFactory(user=admin_user_without_device)
    secret = device.key
    boss = administrator()
    sign_in_with_second_factor(client, boss)
    listing = client.get("/admin/users/").content.decode()
    assert f"/admin/two-factor/reset/{admin_user_without_device.pk}/" in listing
    confirm = client.get(f"/admin/two-factor/reset/{admin_user_without_device.pk}/")
    assert confirm.status_code == 200 and secret not in confirm.content.decode()
    done = client.post(f"/admin/two-factor/reset/{admin_user_without_device.pk}/")
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=admin_user_without_device).exists()
    entry = ModelLogEntry.objects.get(object_id=str(admin_user_without_device.pk), action=audit.RESET)
    assert entry.user == boss
    assert secret not in str(entry.data)


def test_only_administrators_reset_and_never_a_superusers_unless_superusers(client, admin_user_without_device):
    TOTPDeviceFactory(user=admin_user_without_device)
    sign_in_with_second_factor(client, admin_user_without_device)
    other = UserFactory()
    assert client.post(f"/admin/two-factor/reset/{other.pk}/").status_code == 403
    boss = administrator()
    superuser = UserFactory(is_superuser=True)
    TOTPDeviceFactory(user=superuser)
    sign_in_with_second_factor(client, boss)
    assert client.post(f"/admin/two-factor/reset/{superuser.pk}/").status_code == 403
    assert TOTPDevice.objects.filter(user=superuser).exists()


def test_the_setting_switches_the_second_step_off(client, admin_user_without_device, settings):
    settings.ADMIN_2FA_REQUIRED = False
    sign_in_with_password(client, admin_user_without_device)
    assert client.get("/admin/").status_code == 200


def test_a_password_reset_keeps_two_factor_on(client, admin_user_without_device):
    TOTPDeviceFactory(user=admin_user_without_device)
    client.post("/admin/password_reset/", {"email": admin_user_without_device.email})
    link = re.search(r"https?://[^/\s]+(/admin/password_reset/confirm/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    new_password = "a-brand-new-long-password"
    done = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302
    assert TOTPDevice.objects.filter(user=admin_user_without_device, confirmed=True).exists()
    client.post("/admin/login/", {"username": "newcomer", "password": new_password})
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/verify/")


def test_passwords_and_codes_never_reach_the_log(client, admin_user_without_device, caplog):
    device = TOTPDeviceFactory(user=admin_user_without_device)
    caplog.set_level("INFO", logger="hub.accounts")
    client.post("/admin/login/", {"username": "newcomer", "password": "wrong-password-typed"})
    sign_in_with_password(client, admin_user_without_device)
    code = code_for(device)
    client.post("/admin/two-factor/verify/", {"code": "654321"})
    client.post("/admin/two-factor/verify/", {"code": code})
    text = caplog.text
    assert audit.SIGN_IN_FAILED in text and audit.CODE_FAILED in text and audit.SIGNED_IN in text
    for secret in ("wrong-password-typed", PASSWORD, "654321", code, device.key):
        assert secret not in text


def test_the_command_line_reset_leads_to_enrolment_again(client, admin_user_without_device):
    from django.core.management import call_command

    sign_in_with_second_factor(client, admin_user_without_device)
    call_command("reset_two_factor", "newcomer", stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=admin_user_without_device).exists()
    assert client.get("/admin/")["Location"].startswith("/admin/login/"), "their sessions ended"
    sign_in_with_password(client, admin_user_without_device)
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/setup/")
