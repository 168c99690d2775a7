"""Admin reports that keep content trustworthy and accessible."""

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page

from .content_checks import content_problems


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
