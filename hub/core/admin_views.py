"""Admin views for operators."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils import timezone
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from .models import ScheduledJob


def outcome(job):
    if job.last_outcome:
        return job.get_last_outcome_display()
    return "Not run yet (the jobs run while manage.py run_scheduler does)"


def running_on(job):
    return job.locked_by.split(":")[0] if job.locked_until and job.locked_until > timezone.now() else ""


class ScheduledJobsReport(ReportView):
    """Each periodic job's schedule and last run (ScheduledJob), read-only: whether the scheduler runs and
    how its jobs went, without a shell. Superusers only: it is about the servers, not the content."""

    page_title = "Scheduled jobs"
    header_icon = "time"
    index_url_name = "core_scheduled_jobs"
    index_results_url_name = "core_scheduled_jobs_results"
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    columns = [
        Column("name", label="Job"),
        Column(
            "schedule",
            label="Schedule",
            accessor=lambda job: settings.SCHEDULED_JOBS.get(job.name, {}).get("schedule", "No longer scheduled"),
        ),
        Column("last_outcome", label="Last outcome", accessor=outcome),
        DateColumn("last_finished_at", label="Finished"),
        Column(
            "last_duration",
            label="Seconds",
            accessor=lambda job: f"{job.last_duration:.1f}" if job.last_duration is not None else "",
        ),
        DateColumn("last_succeeded_at", label="Last succeeded"),
        Column("last_summary", label="Summary"),
        Column("running_on", label="Running on", accessor=running_on),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        """Every configured job, run or not (a fresh site shows what will run, not an empty table), then
        any job run before but no longer configured."""
        recorded = {job.name: job for job in ScheduledJob.objects.order_by("name")}
        configured = [recorded.pop(name, ScheduledJob(name=name)) for name in settings.SCHEDULED_JOBS]
        return configured + list(recorded.values())


def report_paths(route, report, name):
    """A Wagtail report's page and the results-only view its filters refresh, as ``register_admin_urls`` wants."""
    return [
        path(route, report.as_view(), name=name),
        path(f"{route}results/", report.as_view(results_only=True), name=f"{name}_results"),
    ]
