"""Sign-in events, written to the application log (logger ``hub.accounts``) and, for those an
administrator needs to see, to Wagtail's audit log (Reports → Site history), on the user concerned.

Never pass a password, a code or a secret here: only who, what and from where.
"""

import logging

from django.utils.functional import LazyObject, empty
from wagtail.log_actions import log

logger = logging.getLogger("hub.accounts")

SIGNED_IN = "accounts.signed_in"
SIGN_IN_FAILED = "accounts.sign_in_failed"
LOCKED_OUT = "accounts.locked_out"
CODE_FAILED = "accounts.2fa_failed"
CODE_LOCKED_OUT = "accounts.2fa_locked_out"
ENROLLED = "accounts.2fa_enrolled"
BACKUP_CODES_REGENERATED = "accounts.2fa_backup_codes_regenerated"
RESET = "accounts.2fa_reset"
ACCESS_REFUSED = "accounts.admin_access_refused"
SESSIONS_ENDED = "accounts.sessions_ended"

# (action, label in the log's filter, message in the log)
LOG_ACTIONS = [
    (SIGNED_IN, "Sign in", "Signed in (password and second factor)"),
    (SIGN_IN_FAILED, "Failed sign-in", "Failed sign-in: wrong password"),
    (LOCKED_OUT, "Sign-in lock-out", "Locked out after repeated wrong passwords"),
    (CODE_FAILED, "Failed two-factor code", "Failed sign-in: wrong two-factor code"),
    (CODE_LOCKED_OUT, "Two-factor lock-out", "Locked out after repeated wrong two-factor codes"),
    (ENROLLED, "Two-factor set up", "Set up two-factor authentication"),
    (BACKUP_CODES_REGENERATED, "Backup codes regenerated", "Generated new backup codes"),
    (RESET, "Two-factor reset", "Two-factor authentication reset by an administrator"),
    (ACCESS_REFUSED, "Admin access refused", "Refused access to an admin page"),
    (SESSIONS_ENDED, "Sessions ended", "Ended every session of a deactivated user"),
]


def client_address(request):
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def unwrapped(user):
    """The user model instance behind ``request.user`` (django-otp wraps Django's lazy user in a
    second lazy object, and Wagtail's log looks the log model up by the instance's class)."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def record(action, user, request=None, *, actor=None, audit=True, **details):
    """Log ``action`` about ``user``: ``actor`` is who did it (the user themselves, an administrator,
    or None when nobody was signed in, as for a wrong password); ``details`` are a few plain values."""
    fields = {"user": getattr(user, "pk", None), "ip": client_address(request), **details}
    if actor is not None and actor != user:
        fields["by"] = actor.pk
    logger.info("%s %s", action, " ".join(f"{key}={value}" for key, value in fields.items()))
    if audit and getattr(user, "pk", None):
        data = {key: str(value) for key, value in details.items()}
        log(instance=unwrapped(user), action=action, user=unwrapped(actor), data=data)
