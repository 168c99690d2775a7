"""Receivers: sign-in and sign-out keep the session list and the audit trail; deactivating a user
ends their sessions."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import audit, sessions, twofactor


@receiver(user_logged_in)
def on_signed_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    sessions.start(request, user)
    if twofactor.required():
        audit.record("accounts.password_accepted", user, request, actor=user, audit=False)
    else:
        audit.record(audit.SIGNED_IN, user, request, actor=user, second_factor="not required")


@receiver(user_logged_out)
def on_signed_out(sender, request, user, **kwargs):
    sessions.forget(request)
    if user is not None:
        audit.record("accounts.signed_out", user, request, actor=user, audit=False)


def known_user(username):
    """The account a sign-in attempt named, if it exists. An unknown name is not logged: people
    type their password into the username box."""
    if not username:
        return None
    User = get_user_model()
    return User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()


@receiver(user_login_failed)
def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    user = known_user(credentials.get("username"))
    if user is None:
        audit.logger.info("%s user=unknown ip=%s", audit.SIGN_IN_FAILED, audit.client_address(request))
        return
    audit.record(audit.SIGN_IN_FAILED, user, request)


@receiver(user_locked_out)
def on_locked_out(sender, request, username, ip_address, **kwargs):
    user = known_user(username)
    if user is None:
        audit.logger.warning("%s user=unknown ip=%s", audit.LOCKED_OUT, ip_address)
        return
    audit.record(audit.LOCKED_OUT, user, request)


@receiver(post_save, sender=get_user_model())
def end_sessions_of_deactivated_user(sender, instance, **kwargs):
    if instance.is_active:
        return
    ended = sessions.end_all(instance)
    if ended:
        audit.record(audit.SESSIONS_ENDED, instance, None, sessions=ended)
