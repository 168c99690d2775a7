"""Run the site's periodic jobs on their schedules (settings.SCHEDULED_JOBS); see hub/core/scheduler.py."""

import logging
import signal

from apscheduler.events import EVENT_SCHEDULER_STARTED
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hub.core import scheduler
from hub.core.models import ScheduledJob


class Command(BaseCommand):
    help = (
        "Run every periodic job (referral notification retries, scheduled publishing, retention, review "
        "reminders, link checks) on its schedule until stopped. Safe to run on several machines: a job runs "
        "on one of them at a time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run every job (or those given with --job) once now, then exit."
        )
        parser.add_argument("--job", action="append", dest="jobs", help="With --once: only this job (repeatable).")
        parser.add_argument(
            "--list", action="store_true", dest="show_list", help="Show each job's schedule and last run, then exit."
        )

    def handle(self, *args, once=False, jobs=None, show_list=False, **options):
        enabled = scheduler.configured_jobs()
        unknown = scheduler.unknown_commands(jobs or enabled)
        if unknown:
            raise CommandError(f"No such job: {', '.join(unknown)}.")
        if show_list:
            return self.list_jobs(enabled)
        if once:
            return self.run_once(jobs)
        self.run_forever(enabled)

    def run_once(self, jobs):
        outcomes = scheduler.run_all(jobs)
        for name, outcome in outcomes.items():
            self.stdout.write(f"{name}: {outcome}")
        failed = [name for name, outcome in outcomes.items() if outcome == scheduler.FAILED]
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)}.")

    def run_forever(self, enabled):
        try:
            blocking = scheduler.build_scheduler(enabled)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        # Each run is logged once, by hub.core.scheduler; APScheduler's own lines would say it again.
        apscheduler_logger = logging.getLogger("apscheduler")
        if apscheduler_logger.level == logging.NOTSET:
            apscheduler_logger.setLevel(logging.WARNING)

        def started(_event):
            # Stopping the container sends SIGTERM: finish the jobs that are running (their locks are
            # released), start no more. Installed once started: a stop during start-up just ends the process.
            signal.signal(signal.SIGTERM, lambda *_: blocking.shutdown(wait=False))
            self.stdout.write(f"Scheduler started: {', '.join(enabled) or 'no jobs'}.")
            self.stdout.flush()

        blocking.add_listener(started, EVENT_SCHEDULER_STARTED)
        try:
            blocking.start()
        except KeyboardInterrupt:
            blocking.shutdown(wait=False)
        self.stdout.write("Scheduler stopped.")

    def list_jobs(self, enabled):
        records = {job.name: job for job in ScheduledJob.objects.all()}
        for name, job in enabled.items():
            record = records.get(name)
            last = (
                f"last {record.last_outcome} at {timezone.localtime(record.last_finished_at):%Y-%m-%d %H:%M %Z} "
                f"({record.last_duration:.1f} s): {record.last_summary}"
                if record and record.last_finished_at
                else "not run yet"
            )
            self.stdout.write(f"{name}  [{job['schedule']}]  {last}")
