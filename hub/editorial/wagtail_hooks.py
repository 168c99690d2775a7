from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from .views import AccessibilityProblemsReport


class SiteOrganisationPanel(Component):
    """A short map of the site on the dashboard, so a new editor knows where things go."""

    name = "site_organisation"
    order = 50
    template_name = "editorial/site_organisation_panel.html"


@hooks.register("construct_homepage_panels")
def add_site_organisation_panel(request, panels):
    panels.insert(0, SiteOrganisationPanel())


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/content-accessibility/",
            AccessibilityProblemsReport.as_view(),
            name="editorial_accessibility_report",
        ),
        path(
            "reports/content-accessibility/results/",
            AccessibilityProblemsReport.as_view(results_only=True),
            name="editorial_accessibility_report_results",
        ),
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
