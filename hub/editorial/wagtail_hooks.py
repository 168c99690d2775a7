from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from hub.core.admin_views import report_paths

from .review import due_for_review, split_by_status
from .views import AccessibilityProblemsReport, DueForReviewReport


class SiteOrganisationPanel(Component):
    """A short map of the site on the dashboard, so a new editor knows where things go."""

    name = "site_organisation"
    order = 50
    template_name = "editorial/site_organisation_panel.html"


class ReviewDuePanel(Component):
    """Counts of overdue and due-soon content on the dashboard, linking to the full report."""

    name = "review_due"
    order = 60
    template_name = "editorial/review_due_panel.html"

    def get_context_data(self, parent_context):
        overdue, due_soon = split_by_status(due_for_review())
        return {"overdue": overdue[:5], "overdue_count": len(overdue), "due_soon_count": len(due_soon)}


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    panels.insert(0, SiteOrganisationPanel())
    panels.insert(1, ReviewDuePanel())


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/due-for-review/", DueForReviewReport.as_view(), name="editorial_due_for_review"),
        *report_paths("reports/content-accessibility/", AccessibilityProblemsReport, "editorial_accessibility_report"),
    ]


@hooks.register("register_reports_menu_item")
def register_accessibility_report_menu_item():
    return MenuItem(
        "Content accessibility",
        reverse("editorial_accessibility_report"),
        name="content-accessibility",
        icon_name="warning",
        order=800,
    )


@hooks.register("register_reports_menu_item")
def register_due_for_review_menu_item():
    return MenuItem(
        "Due for review",
        reverse("editorial_due_for_review"),
        name="due-for-review",
        icon_name="time",
        order=790,
    )
