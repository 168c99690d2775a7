"""Public referral views: the form, the confirmation, and the spam and rate-limit answers.

Every response here is ``Cache-Control: private, no-store`` (it may hold a person's details or a
reference), and every request is marked sensitive so Django's error reports never include the
submitted values (see ``reporting.py``).
"""

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from .forms import HONEYPOT_FIELD
from .models import ServiceStatus
from .referrals import rate_limit_exceeded, rate_limit_window_minutes, save_referral

SESSION_KEY = "referral_confirmation"


def mark_sensitive(request):
    # Besides @sensitive_post_parameters() (POST values hidden), our exception reporter filter hides the
    # frames' local variables for requests flagged like this (see reporting.py).
    request.sensitive_post_parameters = "__ALL__"
    request.hub_sensitive_request = True


def private(response):
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


def render_form(page, request, form, status=200):
    form.describe_fields()
    context = page.get_context(request)
    context.update(
        {
            "form": form,
            "honeypot": form[HONEYPOT_FIELD],
            "error_links": form.error_links() if form.is_bound else [],
            "service": page.service,
        }
    )
    return private(TemplateResponse(request, page.get_template(request), context, status=status))


def render_confirmation(page, request, reference):
    context = page.get_context(request)
    context.update({"reference": reference, "service": page.service})
    return private(TemplateResponse(request, page.get_landing_page_template(request), context))


@sensitive_post_parameters()
@sensitive_variables()
def serve_referral_form(request, page):
    mark_sensitive(request)
    if request.method not in ("GET", "HEAD", "POST"):
        return private(HttpResponseNotAllowed(["GET", "HEAD", "POST"]))
    service = page.service
    if service is not None and service.status != ServiceStatus.ACTIVE:
        # A closed service takes no referrals: say so, and point to its phone line, rather than store one.
        context = {**page.get_context(request), "service": service, "closed": True}
        status = 409 if request.method == "POST" else 200
        return private(TemplateResponse(request, "services/referral_problem.html", context, status=status))
    if request.method != "POST":
        return render_form(page, request, page.get_form(page=page, user=request.user))

    if rate_limit_exceeded(request):
        response = TemplateResponse(
            request,
            "services/referral_problem.html",
            {"page": page, "service": page.service, "rate_limited": True, "minutes": rate_limit_window_minutes()},
            status=429,
        )
        response["Retry-After"] = str(rate_limit_window_minutes() * 60)
        return private(response)

    form = page.get_form(request.POST, page=page, user=request.user)
    if form.honeypot_filled:
        # Almost certainly a bot: nothing is stored; a person who somehow got here is told what to do.
        return private(
            TemplateResponse(
                request, "services/referral_problem.html", {"page": page, "service": page.service}, status=400
            )
        )
    if not form.is_valid():
        return render_form(page, request, form)

    referral = save_referral(page, form)
    request.session[SESSION_KEY] = {"page": page.pk, "reference": referral.reference}
    # POST/redirect/GET: reloading the confirmation never sends the referral twice.
    return private(redirect(page.get_url(request) + page.reverse_subpage("confirmation_view")))


def serve_confirmation(request, page):
    mark_sensitive(request)
    confirmation = request.session.get(SESSION_KEY) or {}
    if confirmation.get("page") != page.pk:
        # No referral sent from this browser (or the session expired): back to the form.
        return private(redirect(page.get_url(request)))
    return render_confirmation(page, request, confirmation["reference"])
