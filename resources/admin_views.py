"""Admin views: the resource listing (filters, safe CSV/XLSX export), the link report and CSV upload."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import IndexView

from hub.core.models import Audience

from .importer import COLUMNS, import_csv
from .models import Organisation, Region, Resource, ResourceLinkCheck, ResourceType, Topic

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Stop a spreadsheet from running a cell as a formula: prefix risky text with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def link_status(resource):
    """A short description of the latest link check, for the listing and the export."""
    check = getattr(resource, "link_check", None)
    if check is None:
        return "Not checked"
    if check.flagged:
        return f"Flagged: {check.status_label}"
    if not check.ok:
        return f"Failing: {check.status_label}"
    return "Redirected" if check.redirected else "Working"


class ResourceFilterSet(WagtailFilterSet):
    resource_type = django_filters.MultipleChoiceFilter(
        label="Type", choices=ResourceType.choices, widget=forms.CheckboxSelectMultiple
    )
    organisation = django_filters.ModelChoiceFilter(
        label="Organisation", queryset=Organisation.objects.all(), empty_label="Any organisation"
    )
    audiences = django_filters.ModelMultipleChoiceFilter(
        label="Audience", queryset=Audience.objects.all(), widget=forms.CheckboxSelectMultiple, distinct=True
    )
    topics = django_filters.ModelMultipleChoiceFilter(
        label="Topic", field_name="topics", queryset=Topic.objects.all(), distinct=True
    )
    region = django_filters.ChoiceFilter(label="Region", choices=Region.choices, empty_label="Any region")
    link_problem = django_filters.ChoiceFilter(
        label="Link check",
        choices=[
            ("failing", "Failing now"),
            ("flagged", "Flagged (failed several times)"),
            ("redirected", "Redirected"),
        ],
        method="filter_link_problem",
        empty_label="Any",
    )

    class Meta:
        model = Resource
        fields = ["live"]

    def filter_link_problem(self, queryset, name, value):
        if value == "failing":
            return queryset.filter(link_check__consecutive_failures__gt=0)
        if value == "flagged":
            return queryset.filter(link_check__flagged=True)
        if value == "redirected":
            return queryset.filter(link_check__redirected=True)
        return queryset


class ResourceIndexView(IndexView):
    """The snippet listing, with an export that round-trips through the CSV import and is safe to open
    in a spreadsheet (Wagtail's own export writes cells starting with '=' unchanged)."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation", "link_check")

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.is_export:
            queryset = queryset.prefetch_related("audiences", "topics")
        return queryset

    def to_row_dict(self, item):
        """One row in the import's columns (audiences and topics by name, separated by semicolons)."""
        values = {
            "organisation": item.organisation.name,
            "audiences": "; ".join(audience.name for audience in item.audiences.all()),
            "topics": "; ".join(topic.name for topic in item.topics.all()),
            "document_size_kb": item.document_size_kb if item.document_size_kb is not None else "",
            "last_reviewed": item.last_reviewed or "",
            "status": ("live" if item.live else "draft")
            + (" with unpublished changes" if item.has_unpublished_changes else ""),
            "link_status": link_status(item),
        }
        return {field: values[field] if field in values else getattr(item, field) for field in self.list_export}

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_formula(super().preprocess_field_value(field, value, export_format))

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                Button("Import CSV", url=reverse("wagtailsnippets_resources_resource:import"), icon_name="upload")
            )
        buttons.append(
            Button("Link report", url=reverse("wagtailsnippets_resources_resource:link_report"), icon_name="warning")
        )
        return buttons


def edit_url(link_check):
    return reverse("wagtailsnippets_resources_resource:edit", args=[link_check.resource_id])


class LinkReportFilterSet(WagtailFilterSet):
    problem = django_filters.ChoiceFilter(
        label="Problem",
        choices=[("broken", "Failing now"), ("flagged", "Flagged"), ("redirected", "Redirected")],
        method="filter_problem",
        empty_label="Any problem",
    )

    class Meta:
        model = ResourceLinkCheck
        fields = []

    def filter_problem(self, queryset, name, value):
        if value == "broken":
            return queryset.filter(consecutive_failures__gt=0)
        if value == "flagged":
            return queryset.filter(flagged=True)
        if value == "redirected":
            return queryset.filter(redirected=True, consecutive_failures=0)
        return queryset


class LinkReportView(ReportView):
    """Resources whose links fail or redirect, worst first, each with a one-click edit link."""

    page_title = "Broken and redirected resource links"
    header_icon = "link-external"
    index_url_name = "wagtailsnippets_resources_resource:link_report"
    index_results_url_name = "wagtailsnippets_resources_resource:link_report_results"
    filterset_class = LinkReportFilterSet
    permission_policy = ModelPermissionPolicy(Resource)
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 50
    export_filename = "resource-link-report"
    list_export = [
        "resource.title",
        "checked_url",
        "status_label",
        "final_url",
        "consecutive_failures",
        "flagged",
        "last_checked",
        "last_ok",
    ]
    export_headings = {
        "resource.title": "Resource",
        "checked_url": "URL",
        "status_label": "Result",
        "final_url": "Redirected to",
        "consecutive_failures": "Failures in a row",
        "last_ok": "Last worked",
    }
    columns = [
        TitleColumn("resource", label="Resource", get_url=edit_url, sort_key="resource__title"),
        Column("status_label", label="Result"),
        Column("consecutive_failures", label="Failures in a row", sort_key="consecutive_failures"),
        Column("flagged", label="Flagged", accessor=lambda check: "Yes" if check.flagged else ""),
        Column("checked_url", label="URL"),
        Column("final_url", label="Redirected to", accessor=lambda check: check.final_url if check.redirected else ""),
        DateColumn("last_checked", label="Checked", sort_key="last_checked"),
    ]
    default_ordering = ["-flagged", "-consecutive_failures", "resource__title"]

    def get_base_queryset(self):
        return ResourceLinkCheck.objects.filter(Q(consecutive_failures__gt=0) | Q(redirected=True)).select_related(
            "resource"
        )

    def get_filename(self):
        return f"{self.export_filename}-{datetime.date.today():%Y-%m-%d}"

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_formula(super().preprocess_field_value(field, value, export_format))


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8 CSV whose first line names the columns: " + ", ".join(COLUMNS) + ". Rows are matched by URL.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    publish = forms.BooleanField(
        required=False,
        initial=True,
        label="Publish the imported resources",
        help_text="Untick to save new and changed resources as drafts for review.",
    )


def import_view(request):
    """Upload a CSV: all rows are imported, or none, with every problem listed by line number."""
    policy = ModelPermissionPolicy(Resource)
    if not (policy.user_has_permission(request.user, "add") and policy.user_has_permission(request.user, "change")):
        raise PermissionDenied
    context = {"columns": COLUMNS, "result": None}
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            publish = form.cleaned_data["publish"]
            if publish and not policy.user_has_permission(request.user, "publish"):
                form.add_error("publish", "You do not have permission to publish resources; untick to import drafts.")
                status = 403
            else:
                result = import_csv(form.cleaned_data["file"].read(), publish=publish, user=request.user)
                context["result"] = result
                status = 200 if result.ok else 400
        else:
            status = 400
    else:
        form = ImportForm()
    context["form"] = form
    context["list_url"] = reverse("wagtailsnippets_resources_resource:list")
    return TemplateResponse(request, "resources/admin/import.html", context, status=status)
