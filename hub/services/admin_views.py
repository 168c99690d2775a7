"""Admin views for referrals: list, view and export, each checked against the service's handler
group and written to Wagtail's audit log (Wagtail logs none of these reads by itself)."""

import csv

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.debug import sensitive_variables
from wagtail.log_actions import log

from .access import can_handle, services_handled_by
from .models import Referral, ServicePage

LISTED = "services.referrals_listed"
VIEWED = "services.referral_viewed"
EXPORTED = "services.referrals_exported"

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A CSV cell a spreadsheet will show as text, never run as a formula (OWASP's advice: prefix a quote)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | tuple):
        value = ", ".join(str(item) for item in value)
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def display_value(value):
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def private(response):
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


def forbidden(request):
    return private(TemplateResponse(request, "services/admin/forbidden.html", {}, status=403))


def service_or_404(service_id):
    service = ServicePage.objects.filter(pk=service_id).first()
    if service is None:
        raise Http404("No such service")
    return service


def index(request):
    services = (
        services_handled_by(request.user).annotate(referral_count=Count("referrals", distinct=True)).order_by("title")
    )
    if not services.exists() and not request.user.is_superuser:
        return forbidden(request)
    return private(TemplateResponse(request, "services/admin/index.html", {"services": services}))


def service_referrals(request, service_id):
    service = service_or_404(service_id)
    if not can_handle(request.user, service):
        return forbidden(request)
    referrals = Referral.objects.filter(service=service).select_related("notification").order_by("-submit_time")
    page = Paginator(referrals, 50).get_page(request.GET.get("p"))
    log(
        instance=service,
        action=LISTED,
        user=request.user,
        data={"page": page.number, "references": [referral.reference for referral in page.object_list]},
    )
    return private(
        TemplateResponse(request, "services/admin/service_referrals.html", {"service": service, "page_obj": page})
    )


@sensitive_variables()
def detail(request, pk):
    referral = get_object_or_404(Referral.objects.select_related("service", "form_page"), pk=pk)
    if not can_handle(request.user, referral.service):
        return forbidden(request)
    log(instance=referral, action=VIEWED, user=request.user, data={"reference": referral.reference})
    answers = [(label, display_value(value)) for label, value in referral.answers()]
    return private(
        TemplateResponse(
            request,
            "services/admin/referral_detail.html",
            {"referral": referral, "service": referral.service, "answers": answers},
        )
    )


@sensitive_variables()
def export(request, service_id):
    service = service_or_404(service_id)
    if not can_handle(request.user, service):
        return forbidden(request)
    referrals = list(Referral.objects.filter(service=service).order_by("submit_time"))
    # Columns: every question asked in any referral, in the order first seen.
    columns = {}
    for referral in referrals:
        for name, label in (referral.field_labels or {}).items():
            columns.setdefault(name, label)
        for name in referral.form_data or {}:
            columns.setdefault(name, name.replace("_", " ").capitalize())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"referrals-{service.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # lets spreadsheet programs detect UTF-8
    writer = csv.writer(response)
    writer.writerow([safe_cell(h) for h in ["Reference", "Sent", "Referrer", *columns.values()]])
    for referral in referrals:
        data = referral.form_data or {}
        writer.writerow(
            [
                safe_cell(referral.reference),
                safe_cell(timezone.localtime(referral.submit_time).strftime("%Y-%m-%d %H:%M")),
                safe_cell(referral.get_referrer_type_display()),
                *[safe_cell(data.get(name)) for name in columns],
            ]
        )
    log(instance=service, action=EXPORTED, user=request.user, data={"count": len(referrals)})
    return private(response)
