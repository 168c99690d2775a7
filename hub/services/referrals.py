"""Saving referrals and telling the service about them, in an order that never loses one.

1. The referral and its notification (an outbox row) are written in one transaction.
2. Only after that transaction commits is the email attempted (``transaction.on_commit``), so a dead
   mail server can neither roll back the referral (even with ``ATOMIC_REQUESTS``) nor give the
   referrer an error page.
3. A notification is claimed with a conditional UPDATE before sending, so the request and the retry
   command (``manage.py send_referral_notifications``) never both send the same one.

Emails carry the reference and an admin link only: no personal data leaves the database.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from .models import NotificationStatus, Referral, ReferralNotification, new_reference

logger = logging.getLogger(__name__)

# A claimed notification whose sender died mid-send is retried after this long.
STALE_CLAIM = timedelta(minutes=15)


@sensitive_variables("form", "data")
def save_referral(page, form):
    """Store the referral (encrypted) and queue its notification; returns the saved Referral."""
    service = page.service
    data = form.submitted_data()
    labels = form.field_labels()
    prefix = service.get_reference_prefix()
    recipients = page.to_address.strip()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                referral = Referral.objects.create(
                    reference=new_reference(prefix, page.referrer_type),
                    service=service,
                    form_page=page,
                    referrer_type=page.referrer_type,
                    form_data=data,
                    field_labels=labels,
                )
                if recipients:
                    notification = ReferralNotification.objects.create(referral=referral, recipients=recipients)
                    transaction.on_commit(lambda pk=notification.pk: send_notification(pk), robust=True)
            return referral
        except IntegrityError:
            # The random reference collided with an existing one (rare): draw another.
            continue
    raise RuntimeError("Could not allocate a unique referral reference.")


def admin_url(referral):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("referrals_admin:detail", args=[referral.pk])


def build_email(notification):
    referral = notification.referral
    service_title = referral.service.title
    body = (
        f"A new referral has been sent to {service_title}.\n\n"
        f"Reference: {referral.reference}\n"
        f"Sent by: {referral.get_referrer_type_display()} referrer\n\n"
        f"Sign in to read it:\n{admin_url(referral)}\n\n"
        "For the person's privacy this email contains no personal details. Do not forward referral details "
        "by email."
    )
    return EmailMessage(
        subject=f"New referral {referral.reference}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address.strip() for address in notification.recipients.split(",") if address.strip()],
    )


def _claim(pk, now):
    claimable = Q(status__in=[NotificationStatus.PENDING, NotificationStatus.FAILED]) | Q(
        status=NotificationStatus.SENDING, last_attempt_at__lt=now - STALE_CLAIM
    )
    return ReferralNotification.objects.filter(claimable, pk=pk).update(
        status=NotificationStatus.SENDING, last_attempt_at=now
    )


def send_notification(pk, connection=None):
    """Send one notification if nobody else is; returns True if this call sent it. Never raises."""
    now = timezone.now()
    if not _claim(pk, now):
        return False
    notification = ReferralNotification.objects.select_related("referral__service").get(pk=pk)
    try:
        message = build_email(notification)
        message.connection = connection
        message.send(fail_silently=False)
    except Exception as exc:  # any mail failure: record it and leave it for the retry command
        ReferralNotification.objects.filter(pk=pk).update(
            status=NotificationStatus.FAILED,
            attempts=notification.attempts + 1,
            last_error=f"{type(exc).__name__}: {exc}"[:255],
        )
        logger.warning("Referral notification %s failed (%s); it will be retried.", pk, type(exc).__name__)
        return False
    ReferralNotification.objects.filter(pk=pk).update(
        status=NotificationStatus.SENT, attempts=notification.attempts + 1, sent_at=timezone.now(), last_error=""
    )
    return True


def pending_notification_ids():
    now = timezone.now()
    return list(
        ReferralNotification.objects.filter(
            Q(status__in=[NotificationStatus.PENDING, NotificationStatus.FAILED])
            | Q(status=NotificationStatus.SENDING, last_attempt_at__lt=now - STALE_CLAIM)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def send_pending_notifications():
    """Try every unsent notification once; returns (sent, failed)."""
    sent = failed = 0
    ids = pending_notification_ids()
    if not ids:
        return 0, 0
    # One connection for the batch, opened lazily by the first send: a refused connection is recorded
    # against that notification like any other failure instead of stopping the command.
    connection = get_connection()
    try:
        for pk in ids:
            if send_notification(pk, connection=connection):
                sent += 1
            else:
                failed += 1
    finally:
        try:
            connection.close()
        except Exception:  # closing a half-open SMTP connection must not hide the results
            logger.debug("Closing the mail connection failed.", exc_info=True)
    return sent, failed


# --- rate limiting -------------------------------------------------------------------------------


def client_key(request):
    # Hashed so the cache never holds IP addresses in the clear.
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return "referral-rate:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def rate_limit_exceeded(request):
    """Count this POST; True once a client has sent more than the allowed number in the window."""
    limit = int(getattr(settings, "REFERRAL_RATE_LIMIT", 10))
    window = int(getattr(settings, "REFERRAL_RATE_WINDOW", 600))
    key = client_key(request)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


def rate_limit_window_minutes():
    return max(1, int(getattr(settings, "REFERRAL_RATE_WINDOW", 600)) // 60)
