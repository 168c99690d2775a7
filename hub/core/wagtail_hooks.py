from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import ScheduledJobsReport, report_paths
from .models import Audience


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = "Audiences"
    add_to_admin_menu = False
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


register_snippet(AudienceViewSet)


@hooks.register("register_admin_urls")
def register_scheduled_jobs_urls():
    return report_paths("reports/scheduled-jobs/", ScheduledJobsReport, "core_scheduled_jobs")


@hooks.register("register_reports_menu_item")
def register_scheduled_jobs_menu_item():
    return AdminOnlyMenuItem(
        "Scheduled jobs", reverse("core_scheduled_jobs"), name="scheduled-jobs", icon_name="time", order=1000
    )
