"""Admin request guards: session limits, the second sign-in step, and a trail of refused requests.

Each goes after django-otp's OTPMiddleware (which sets ``request.user.is_verified()``)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import audit, sessions, twofactor

# Admin URLs anyone may reach before the second step: signing in and out, password reset, the
# admin's own script translations and icons, and the second step itself.
OPEN_VIEW_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_factor:verify",
    "two_factor:setup",
}
# Requests the admin's pages send by themselves (an open editor pings every few seconds): they do
# not count as activity, or an abandoned editor tab would keep its session alive for ever.
BACKGROUND_NAMESPACES = {"wagtailadmin_editing_sessions"}


def is_admin_path(request):
    return request.path_info.startswith(reverse("wagtailadmin_home"))


class SessionLimitsMiddleware:
    """Ends a signed-in session that was idle too long or began too long ago (see sessions.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        reason = sessions.expired(request)
        if reason:
            audit.record("accounts.session_expired", request.user, request, audit=False, reason=reason)
            logout(request)
            minutes = sessions.idle_seconds() // 60
            hours = sessions.max_seconds() // 3600
            message = (
                f"You were signed out after {minutes} minutes without activity."
                if reason == "idle"
                else f"You were signed out: a session lasts at most {hours} hours."
            )
            messages.info(request, message + " Please sign in again.")
            return None
        if request.resolver_match.namespace not in BACKGROUND_NAMESPACES:
            sessions.touch(request)
        return None


class AdminTwoFactorMiddleware:
    """Until a signed-in admin user has passed the second step, every admin page leads to it: the
    code form when they have a device, otherwise enrolment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (twofactor.required() and user.is_authenticated and is_admin_path(request)):
            return None
        match = request.resolver_match
        if match.view_name in OPEN_VIEW_NAMES or match.view_name.startswith("wagtailadmin_password_reset"):
            return None
        if user.is_verified() or not user.has_perm("wagtailadmin.access_admin"):
            return None  # Wagtail itself turns away users who may not use the admin
        step = "two_factor:verify" if twofactor.has_device(user) else "two_factor:setup"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")


def is_refusal(request, response):
    """A 403, or Wagtail's own way of refusing (``wagtail.admin.auth.permission_denied``): a redirect
    to the dashboard with an error message queued for it."""
    if response.status_code == 403:
        return True
    home = reverse("wagtailadmin_home")
    if response.status_code != 302 or response.get("Location") != home or request.path_info == home:
        return False
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", ())
    return any(message.level == messages.ERROR for message in queued)


class RefusedAdminAccessLogMiddleware:
    """Every admin response refusing a signed-in user goes to the log and the audit trail."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and is_admin_path(request) and is_refusal(request, response):
            audit.record(audit.ACCESS_REFUSED, request.user, request, actor=request.user, path=request.path)
        return response
