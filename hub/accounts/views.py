"""The second sign-in step, enrolment and the user's own two-factor page, plus an administrator's
reset. Pages that show a secret or backup codes are never cached (Wagtail's admin URLs are
``never_cache``) and backup codes are shown only in the response that created them."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from . import audit, sessions, twofactor
from .forms import CodeForm, EnrolmentCodeForm


def next_url(request):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def locked_out(request):
    return TemplateResponse(
        request,
        "accounts/locked_out.html",
        {"hours": twofactor.lockout_seconds() // 3600, "limit": twofactor.failure_limit()},
        status=429,
    )


@sensitive_post_parameters("code")
@sensitive_variables("form")
def verify(request):
    user = request.user
    if not twofactor.has_device(user):
        return redirect(f"{reverse('two_factor:setup')}?{urlencode({'next': next_url(request)})}")
    if twofactor.is_locked_out(user):
        return locked_out(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.check_code(user, form.cleaned_data["code"], request)
        if device is not None:
            twofactor.mark_verified(request, device)
            audit.record(audit.SIGNED_IN, user, request, actor=user, second_factor=type(device).__name__)
            return redirect(next_url(request))
        if twofactor.is_locked_out(user):
            return locked_out(request)
        form.add_error("code", "That code is not right, or it was used already. Try the newest code.")
    context = {"form": form, "next": next_url(request)}
    return TemplateResponse(request, "accounts/verify.html", context, status=400 if form.errors else 200)


@sensitive_post_parameters("code")
@sensitive_variables("form", "device", "codes")
def setup(request):
    """Enrolment, and replacing a device. A user who has a device must pass the second step with
    it before setting up another: a password alone never lets anyone add their own device."""
    user = request.user
    if twofactor.has_device(user) and not user.is_verified():
        return redirect(f"{reverse('two_factor:verify')}?{urlencode({'next': next_url(request)})}")
    if twofactor.is_locked_out(user):
        return locked_out(request)
    device = twofactor.pending_device(user)
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.check_code(user, form.cleaned_data["code"], request, devices=[device]):
            codes = twofactor.confirm_enrolment(user, device)
            twofactor.mark_verified(request, device)
            audit.record(audit.ENROLLED, user, request, actor=user)
            return backup_codes_page(request, codes)
        if twofactor.is_locked_out(user):
            return locked_out(request)
        form.add_error("code", "That code is not right. Check the app shows this account and try the newest code.")
    context = {
        "form": form,
        "next": next_url(request),
        "qr_code": twofactor.qr_code_svg(device),
        "secret": twofactor.secret_text(device),
        "replacing": twofactor.has_device(user),
    }
    return TemplateResponse(request, "accounts/setup.html", context, status=400 if form.errors else 200)


def backup_codes_page(request, codes):
    context = {"codes": codes, "next": next_url(request)}
    return TemplateResponse(request, "accounts/backup_codes.html", context)


def manage(request):
    user = request.user
    context = {
        "device": twofactor.app_device(user),
        "backup_codes_left": twofactor.backup_codes_left(user),
        "required": twofactor.required(),
    }
    return TemplateResponse(request, "accounts/manage.html", context)


@require_POST
@sensitive_variables("codes")
def regenerate_backup_codes(request):
    if not twofactor.has_device(request.user):
        return redirect("two_factor:setup")
    codes = twofactor.regenerate_backup_codes(request.user)
    audit.record(audit.BACKUP_CODES_REGENERATED, request.user, request, actor=request.user)
    return backup_codes_page(request, codes)


def can_reset(administrator, user):
    """Those who may edit users may reset their second factor, but only a superuser a superuser's."""
    if administrator.pk == user.pk or not administrator.has_perm(f"{user._meta.app_label}.change_user"):
        return False
    return administrator.is_superuser or not user.is_superuser


def reset(request, user_id):
    """An administrator removes a user's devices (a lost phone); that user's sessions end and their
    next sign-in leads to enrolment. The administrator never sees a secret."""
    user = get_object_or_404(get_user_model(), pk=user_id)
    if not can_reset(request.user, user):
        return TemplateResponse(request, "accounts/reset_refused.html", {"target": user}, status=403)
    if request.method == "POST":
        twofactor.reset(user)
        ended = sessions.end_all(user)
        audit.record(audit.RESET, user, request, actor=request.user, sessions=ended)
        messages.success(request, f"Two-factor authentication reset for {user.get_username()}.")
        return redirect("wagtailusers_users:edit", user.pk)
    context = {"target": user, "has_device": twofactor.has_device(user)}
    return TemplateResponse(request, "accounts/reset.html", context)
