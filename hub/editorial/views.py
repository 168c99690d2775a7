"""Admin reports that keep content trustworthy and accessible."""

from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page

from .content_checks import content_problems
from .review import admin_edit_url, due_for_review, split_by_status


class AccessibilityProblemsReport(PageReportView):
    """Live pages whose stored content has images without alt text or headings that skip a level."""

    page_title = "Content accessibility problems"
    header_icon = "warning"
    index_url_name = "editorial_accessibility_report"
    index_results_url_name = "editorial_accessibility_report_results"
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "url_path", "problems"]
    export_headings = {"title": "Page", "url_path": "Path", "problems": "Problems"}
    columns = [
        TitleColumn("title", label="Page", url_name="wagtailadmin_pages:edit"),
        Column("problem_summary", label="Problems"),
    ]

    def get_queryset(self):
        self.problems_by_page = {}
        for page in Page.objects.live().specific().iterator(chunk_size=200):
            problems = content_problems(page)
            if problems:
                self.problems_by_page[page.pk] = problems
        return Page.objects.filter(pk__in=self.problems_by_page).order_by("path")

    def decorate_paginated_queryset(self, pages):
        for page in pages:
            page.problems = self.problems_by_page.get(page.pk, [])
            page.problem_summary = "; ".join(page.problems)
        return pages


class DueForReviewReport(WagtailAdminTemplateMixin, TemplateView):
    """Pages and resources that are overdue or due soon for review, with their owners."""

    template_name = "editorial/due_for_review.html"
    page_title = "Content due for review"
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = due_for_review()
        for item in items:
            item.edit_url = admin_edit_url(item.obj, self.request.user)
        context["overdue"], context["due_soon"] = split_by_status(items)
        return context
