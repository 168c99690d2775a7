"""Admin views for referrals: list, view and export, each checked against the service's handler
group and written to Wagtail's audit log (Wagtail logs none of these reads by itself)."""

import csv

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from .access import can_handle, services_handled_by
from .handling import InvalidTransition, age_range, change_status, next_statuses, timeline, waiting_for_first_contact
from .models import ClosureOutcome, DeclineReason, Referral, ReferralStatus, ServicePage

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


AGE_CHOICES = [
    ("", "Any age"),
    ("0-7", "Up to 7 days old"),
    ("8-30", "8 to 30 days old"),
    ("31-90", "31 to 90 days old"),
    ("91+", "Over 90 days old"),
]


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any status"), *ReferralStatus.choices], required=False)
    age = forms.ChoiceField(choices=AGE_CHOICES, required=False, label="Age since received")


def filtered_referrals(service, form):
    referrals = Referral.objects.filter(service=service)
    if form.cleaned_data.get("status"):
        referrals = referrals.filter(status=form.cleaned_data["status"])
    if form.cleaned_data.get("age"):
        referrals = referrals.filter(**age_range(form.cleaned_data["age"]))
    return referrals


def service_referrals(request, service_id):
    service = service_or_404(service_id)
    if not can_handle(request.user, service):
        return forbidden(request)
    form = ReferralFilterForm(request.GET)
    if not form.is_valid():
        # A hand-edited filter: say which one is wrong rather than list everything or fail.
        context = {"service": service, "form": form, "page_obj": None}
        return private(TemplateResponse(request, "services/admin/service_referrals.html", context, status=400))
    referrals = filtered_referrals(service, form).select_related("notification").order_by("-submit_time")
    page = Paginator(referrals, 50).get_page(request.GET.get("p"))
    today = timezone.localdate()
    for referral in page.object_list:
        referral.waiting = waiting_for_first_contact(referral, service.first_contact_target_days, today)
    log(
        instance=service,
        action=LISTED,
        user=request.user,
        data={"page": page.number, "references": [referral.reference for referral in page.object_list]},
    )
    query = request.GET.copy()
    query.pop("p", None)
    context = {"service": service, "form": form, "page_obj": page, "filter_query": query.urlencode()}
    return private(TemplateResponse(request, "services/admin/service_referrals.html", context))


class StatusChangeForm(forms.Form):
    """The next step for one referral: only the statuses the workflow allows from where it is."""

    to_status = forms.ChoiceField(label="New status")
    decline_reason = forms.ModelChoiceField(
        queryset=DeclineReason.objects.all(), required=False, label="Reason (if declined)"
    )
    outcome = forms.ModelChoiceField(queryset=ClosureOutcome.objects.all(), required=False, label="Outcome (if closed)")
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
        help_text="Optional. Stored encrypted; only this service's handlers can read it.",
    )

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.referral = referral
        self.fields["to_status"].choices = [
            (status, ReferralStatus(status).label) for status in next_statuses(referral.status)
        ]

    def clean_to_status(self):
        # Reached only by a stale page or a hand-made POST: the message names the allowed moves.
        value = self.cleaned_data["to_status"]
        return ReferralStatus(value)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_status") == ReferralStatus.DECLINED and not cleaned.get("decline_reason"):
            self.add_error("decline_reason", "Choose why the referral was declined.")
        if cleaned.get("to_status") == ReferralStatus.CLOSED and not cleaned.get("outcome"):
            self.add_error("outcome", "Choose the outcome at closure.")
        return cleaned


def invalid_transition_message(referral, data):
    """The workflow's own explanation when the POSTed status is not a next step from here."""
    wanted = data.get("to_status", "")
    if wanted not in ReferralStatus.values:
        return "Choose one of the statuses offered."
    from .handling import check_transition

    try:
        check_transition(referral.status, wanted)
    except InvalidTransition as exc:
        return str(exc)
    return None


def render_detail(request, referral, form=None, status=200, error=None):
    """The referral's answers, status history and next-step form; every showing is audit-logged."""
    log(instance=referral, action=VIEWED, user=request.user, data={"reference": referral.reference})
    answers = [(label, display_value(value)) for label, value in referral.answers()]
    if form is None and next_statuses(referral.status):
        form = StatusChangeForm(referral=referral)
    context = {
        "referral": referral,
        "service": referral.service,
        "answers": answers,
        "timeline": timeline(referral),
        "waiting": waiting_for_first_contact(referral, referral.service.first_contact_target_days),
        "form": form,
        "error": error,
    }
    return private(TemplateResponse(request, "services/admin/referral_detail.html", context, status=status))


def handled_referral(request, pk):
    referral = get_object_or_404(
        Referral.objects.select_related("service", "form_page", "decline_reason", "outcome"), pk=pk
    )
    return referral if can_handle(request.user, referral.service) else None


@sensitive_variables()
def detail(request, pk):
    referral = handled_referral(request, pk)
    if referral is None:
        return forbidden(request)
    return render_detail(request, referral)


@sensitive_variables()
@sensitive_post_parameters("note")
@require_POST
def change_referral_status(request, pk):
    referral = handled_referral(request, pk)
    if referral is None:
        return forbidden(request)
    request.hub_sensitive_request = True  # error reports never carry the note
    message = invalid_transition_message(referral, request.POST)
    if message:
        return render_detail(request, referral, status=409, error=message)
    form = StatusChangeForm(request.POST, referral=referral)
    if not form.is_valid():
        return render_detail(request, referral, form=form, status=400, error="Check the status change below.")
    try:
        change_status(
            referral,
            form.cleaned_data["to_status"],
            request.user,
            note=form.cleaned_data["note"],
            decline_reason=form.cleaned_data["decline_reason"],
            outcome=form.cleaned_data["outcome"],
        )
    except InvalidTransition as exc:  # another handler moved it a moment ago
        referral.refresh_from_db()
        return render_detail(request, referral, status=409, error=str(exc))
    messages.success(request, f"{referral.reference} is now {referral.get_status_display().lower()}.")
    return redirect("referrals_admin:detail", referral.pk)


HANDLING_COLUMNS = ["Status", "Status changed", "First contact", "Closed", "Decline reason", "Outcome", "Notes"]


def when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def handling_cells(referral):
    """The export's workflow columns; notes as 'date status: text' lines, oldest first."""
    notes = [
        f"{when(change.changed_at)} {ReferralStatus(change.to_status).label}: {change.note_text}"
        for change in referral.status_changes.all()
        if change.note_text
    ]
    return [
        referral.get_status_display(),
        when(referral.status_changed_at),
        when(referral.first_contact_at),
        when(referral.closed_at),
        str(referral.decline_reason or ""),
        str(referral.outcome or ""),
        "\n".join(notes),
    ]


@sensitive_variables()
def export(request, service_id):
    service = service_or_404(service_id)
    if not can_handle(request.user, service):
        return forbidden(request)
    referrals = list(
        Referral.objects.filter(service=service)
        .select_related("decline_reason", "outcome")
        .prefetch_related("status_changes")
        .order_by("submit_time")
    )
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
    writer.writerow([safe_cell(h) for h in ["Reference", "Sent", "Referrer", *HANDLING_COLUMNS, *columns.values()]])
    for referral in referrals:
        data = referral.form_data or {}
        writer.writerow(
            [
                safe_cell(referral.reference),
                safe_cell(timezone.localtime(referral.submit_time).strftime("%Y-%m-%d %H:%M")),
                safe_cell(referral.get_referrer_type_display()),
                *[safe_cell(value) for value in handling_cells(referral)],
                *[safe_cell(data.get(name)) for name in columns],
            ]
        )
    log(instance=service, action=EXPORTED, user=request.user, data={"count": len(referrals)})
    return private(response)
