"""Admin session limits and ending a user's sessions.

A signed-in session ends after ``ADMIN_SESSION_IDLE_MINUTES`` without a request and
``ADMIN_SESSION_MAX_HOURS`` after sign-in, whatever happens in between (checked on the server,
not only by the cookie's age). Each signed-in session is listed in ``UserSession`` so that
deactivating a user can delete their sessions from the store at once.
"""

import time
from importlib import import_module

from django.conf import settings

from .models import UserSession

SIGNED_IN_AT = "accounts_signed_in_at"
LAST_SEEN = "accounts_last_seen"
# The last-seen time is written at most this often, so that not every request saves the session.
LAST_SEEN_RESOLUTION = 60


def idle_seconds():
    return settings.ADMIN_SESSION_IDLE_MINUTES * 60


def max_seconds():
    return settings.ADMIN_SESSION_MAX_HOURS * 3600


def start(request, user):
    """Called at sign-in (Django has already given the session a new id)."""
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now
    remember(request, user)


def remember(request, user):
    if not request.session.session_key:
        request.session.save()
    UserSession.objects.update_or_create(session_key=request.session.session_key, defaults={"user": user})


def cycle_session(request):
    """A new session id for a session that just gained rights (the second sign-in step)."""
    old_key = request.session.session_key
    request.session.cycle_key()
    UserSession.objects.filter(session_key=old_key).delete()
    remember(request, request.user)


def forget(request):
    key = getattr(request, "session", None) and request.session.session_key
    if key:
        UserSession.objects.filter(session_key=key).delete()


def expired(request):
    """Why this signed-in session is over ("idle" or "too old"), or None while it is not."""
    now = time.time()
    signed_in_at = request.session.get(SIGNED_IN_AT)
    last_seen = request.session.get(LAST_SEEN, signed_in_at)
    if signed_in_at is None:
        return None
    if now - signed_in_at > max_seconds():
        return "too old"
    if now - last_seen > idle_seconds():
        return "idle"
    return None


def touch(request):
    now = int(time.time())
    if now - request.session.get(LAST_SEEN, 0) >= LAST_SEEN_RESOLUTION:
        request.session[LAST_SEEN] = now


def end_all(user):
    """Delete every session of ``user`` from the session store; returns how many there were."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)
