"""Referrals are special-category health data: stored first, encrypted, never lost, never leaked."""

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.core.management import call_command
from django.db import connection

from hub.services import crypto
from hub.services.models import NotificationStatus, Referral, ReferralNotification
from tests.services.conftest import PERSON_NAME, valid_data

pytestmark = pytest.mark.django_db

DEAD_SMTP = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": 1,  # nothing listens here: connections are refused
    "EMAIL_USE_TLS": False,
    "EMAIL_TIMEOUT": 2,
}


def raw_form_data():
    with connection.cursor() as cursor:
        cursor.execute("SELECT form_data FROM services_referral")
        return [row[0] for row in cursor.fetchall()]


def test_answers_are_encrypted_at_rest_and_readable_in_python(client, gp_form):
    client.post(gp_form.url, valid_data())
    [stored] = raw_form_data()
    assert PERSON_NAME not in stored
    assert "Riverside" not in stored
    assert stored.startswith("gAAAA")  # a Fernet token
    referral = Referral.objects.get()
    assert referral.form_data["person_name"] == PERSON_NAME
    assert referral.form_data["person_date_of_birth"] == "1985-03-27"
    assert "website" not in referral.form_data


def test_key_rotation_re_encrypts_with_the_new_key(client, gp_form, settings):
    old_key = Fernet.generate_key().decode()
    settings.REFERRAL_ENCRYPTION_KEY = old_key
    client.post(gp_form.url, valid_data())
    [before] = raw_form_data()
    new_key = Fernet.generate_key().decode()
    settings.REFERRAL_ENCRYPTION_KEY = f"{new_key},{old_key}"
    call_command("rotate_referral_key", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [after] = raw_form_data()
    assert after != before
    settings.REFERRAL_ENCRYPTION_KEY = new_key  # the old key can now be dropped
    assert Referral.objects.get().form_data["person_name"] == PERSON_NAME
    settings.REFERRAL_ENCRYPTION_KEY = old_key
    with pytest.raises(crypto.ReferralDecryptionError):
        Referral.objects.get()


def test_key_rotation_re_encrypts_handling_notes_too(client, gp_form, settings):
    from hub.services.handling import change_status
    from hub.services.models import ReferralStatusChange

    old_key = Fernet.generate_key().decode()
    settings.REFERRAL_ENCRYPTION_KEY = old_key
    client.post(gp_form.url, valid_data())
    change_status(Referral.objects.get(), "contacted", None, note="Rang back on Tuesday.")
    new_key = Fernet.generate_key().decode()
    settings.REFERRAL_ENCRYPTION_KEY = f"{new_key},{old_key}"
    call_command("rotate_referral_key", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.REFERRAL_ENCRYPTION_KEY = new_key
    assert ReferralStatusChange.objects.get().note_text == "Rang back on Tuesday."


def test_notification_is_sent_after_commit_without_personal_data(client, gp_form, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(gp_form.url, valid_data())
    assert response.status_code == 302
    referral = Referral.objects.get()
    [message] = mail.outbox
    assert message.to == ["referrals@example.org"]
    assert referral.reference in message.subject
    assert f"/admin/referrals/{referral.pk}/" in message.body
    everything = message.subject + message.body
    for value in valid_data().values():
        if len(value) > 3:
            assert value not in everything
    assert ReferralNotification.objects.get().status == NotificationStatus.SENT


def test_dead_mail_server_keeps_the_referral_and_the_retry_sends_once(
    client, gp_form, settings, django_capture_on_commit_callbacks, caplog
):
    for name, value in DEAD_SMTP.items():
        setattr(settings, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(gp_form.url, valid_data())
    assert response.status_code == 302
    confirmation = client.get(response["Location"])
    referral = Referral.objects.get()
    assert referral.reference in confirmation.content.decode()
    notification = ReferralNotification.objects.get()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == 1
    assert "ConnectionRefused" in notification.last_error or "Errno" in notification.last_error

    # Still down: the command records another failure and loses nothing.
    call_command("send_referral_notifications", stdout=open("/dev/null", "w"))  # noqa: SIM115
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == 2

    # Mail is back: exactly one email, and later runs send nothing more.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_referral_notifications", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_referral_notifications", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    assert referral.reference in mail.outbox[0].subject
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert Referral.objects.count() == 1
    assert any("will be retried" in record.getMessage() for record in caplog.records)
    assert not [record for record in caplog.records if PERSON_NAME in record.getMessage()]


def test_a_notification_being_sent_is_not_sent_twice(gp_form, client):
    from hub.services.referrals import send_notification

    client.post(gp_form.url, valid_data())
    notification = ReferralNotification.objects.get()
    assert send_notification(notification.pk) is True
    assert send_notification(notification.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_with_atomic_requests_a_failing_email_never_rolls_back_the_referral(initial_rows, settings, client, home_page):
    from tests.factories.services import ReferralFormPageFactory, ServiceIndexPageFactory, ServicePageFactory

    for name, value in DEAD_SMTP.items():
        setattr(settings, name, value)
    settings.DATABASES["default"]["ATOMIC_REQUESTS"] = True
    assert connection.settings_dict["ATOMIC_REQUESTS"] is True
    try:
        index = ServiceIndexPageFactory(parent=home_page)
        service = ServicePageFactory(parent=index, reference_prefix="HWS")
        form_page = ReferralFormPageFactory(parent=service, referrer_type="jcp")
        response = client.post(form_page.url, valid_data())
    finally:
        settings.DATABASES["default"]["ATOMIC_REQUESTS"] = False
    assert response.status_code == 302
    assert Referral.objects.count() == 1
    assert ReferralNotification.objects.get().status == NotificationStatus.FAILED


def test_a_crash_during_a_referral_post_mails_no_submitted_values(client, gp_form, settings, monkeypatch):
    settings.ADMINS = [("Ops", "ops@example.org")]
    client.raise_request_exception = False

    def explode(page, form):
        person = form.cleaned_data["person_name"]  # a local variable holding personal data
        raise RuntimeError(f"storage unavailable ({len(person)})")

    monkeypatch.setattr("hub.services.views.save_referral", explode)
    response = client.post(gp_form.url, valid_data())
    assert response.status_code == 500
    reports = [message for message in mail.outbox if "ops@example.org" in message.to]
    assert reports, "Django should have mailed the error report"
    report = reports[0]
    everything = report.subject + report.body + "".join(str(alt[0]) for alt in getattr(report, "alternatives", []))
    assert "storage unavailable" in everything
    assert PERSON_NAME not in everything
    assert "Riverside Surgery" not in everything
    assert "alex.carter@nhs.example" not in everything
