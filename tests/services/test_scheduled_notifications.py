"""A referral saved while the mail server is down reaches the service at the scheduler's next run, once."""

import socket

import pytest
from aiosmtpd.controller import Controller

from hub.core import scheduler
from hub.core.models import ScheduledJob
from hub.services.models import NotificationStatus, Referral, ReferralNotification
from tests.services.conftest import PERSON_NAME, valid_data

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler keeping every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on 127.0.0.1, not started yet: mail is "down" until the test starts it."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.inbox = inbox
    yield controller
    if getattr(controller, "_thread", None):
        controller.stop()


def test_a_referral_saved_while_mail_is_down_is_delivered_by_the_next_tick_exactly_once(
    client, gp_form, smtp_sink, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(gp_form.url, valid_data())
    assert response.status_code == 302, "the referrer is never shown a mail error"
    referral = Referral.objects.get()

    assert scheduler.run_job("send_referral_notifications") == scheduler.SUCCEEDED
    notification = ReferralNotification.objects.get()
    assert notification.status == NotificationStatus.FAILED, "still down: the notification waits"
    assert notification.attempts == 2  # the request's attempt and the tick's

    smtp_sink.start()
    assert scheduler.run_job("send_referral_notifications") == scheduler.SUCCEEDED
    [message] = smtp_sink.inbox.messages
    assert message.rcpt_tos == ["referrals@example.org"]
    assert f"New referral {referral.reference}" in message.content.decode()
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert "1 sent" in ScheduledJob.objects.get(name="send_referral_notifications").last_summary

    assert scheduler.run_job("send_referral_notifications") == scheduler.SUCCEEDED
    assert len(smtp_sink.inbox.messages) == 1, "a third tick sends nothing more"
    everything = message.content.decode() + "\n".join(record.getMessage() for record in caplog.records)
    assert PERSON_NAME not in everything
