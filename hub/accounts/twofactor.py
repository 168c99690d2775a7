"""Two-factor authentication on django-otp: one TOTP device (an authenticator app) per user plus a
static device holding one-time backup codes.

django-otp's TOTP device refuses a code at or before the last one accepted (``last_t``), so a code
works once. Its own exponential back-off is switched off in settings in favour of one plain rule,
the same as django-axes applies to passwords: ``AXES_FAILURE_LIMIT`` wrong codes in a row lock the
second step for ``AXES_COOLOFF_TIME`` hours (a counter in the cache, which is Redis in production).
"""

import io
from base64 import b32encode

import django_otp
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


def required():
    return getattr(settings, "ADMIN_2FA_REQUIRED", True)


def app_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def has_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def pending_device(user):
    """The unconfirmed device being set up (the QR code shown), made on first visit and kept until
    confirmed, so reloading the page does not change the secret the user just scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_text(device):
    """The secret in the base32 form authenticator apps accept when typed in, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device):
    """The device's otpauth:// URL as an inline SVG QR code, drawn on the server (no third party
    ever sees the secret)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]  # inline: without the XML declaration


# Throttling


def _failures_key(user):
    return f"accounts:2fa-failures:{user.pk}"


def lockout_seconds():
    return int(getattr(settings, "AXES_COOLOFF_TIME", 1) * 3600)


def failure_limit():
    return getattr(settings, "AXES_FAILURE_LIMIT", 5)


def is_locked_out(user):
    return cache.get(_failures_key(user), 0) >= failure_limit()


def _count_failure(user, request):
    key = _failures_key(user)
    cache.add(key, 0, lockout_seconds())
    failures = cache.incr(key)
    audit.record(audit.CODE_FAILED, user, request, actor=None, failures=failures)
    if failures == failure_limit():
        audit.record(audit.CODE_LOCKED_OUT, user, request, actor=None)


def clear_failures(user):
    cache.delete(_failures_key(user))


def normalise(code):
    return "".join(code.split()).lower()


def check_code(user, code, request, devices=None):
    """The device that accepts ``code`` (which it then never accepts again), or None; a wrong code
    counts towards the lock-out. Call only when ``is_locked_out`` is False."""
    code = normalise(code)
    candidates = devices if devices is not None else list(django_otp.devices_for_user(user))
    for device in candidates:
        if code and django_otp.verify_token(user, device.persistent_id, code):
            clear_failures(user)
            return device
    _count_failure(user, request)
    return None


def mark_verified(request, device):
    """Record in the session that this sign-in passed its second step, under a new session id."""
    from .sessions import cycle_session

    cycle_session(request)
    django_otp.login(request, device)


# Enrolment and backup codes


@transaction.atomic
def confirm_enrolment(user, device):
    """Make ``device`` the user's only authenticator and issue a fresh set of backup codes."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return regenerate_backup_codes(user)


@transaction.atomic
def regenerate_backup_codes(user):
    """New backup codes (the old ones stop working); returned once, to show once: only they are kept."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def reset(user):
    """Remove every device of ``user``: their next admin request leads to enrolment again."""
    for device in django_otp.devices_for_user(user, confirmed=None):
        device.delete()
    clear_failures(user)
