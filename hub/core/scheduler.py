"""The site's periodic jobs, run by ``manage.py run_scheduler`` instead of cron.

Each job is a management command with a crontab schedule (``settings.SCHEDULED_JOBS``). APScheduler 3
(BlockingScheduler) does the timing: a maintained library with crontab triggers, time zones, coalescing of
missed runs and a thread pool, so a long nightly link check does not hold up the five-minutely
notification retries. What it does not do is coordinate processes, so every run first takes its job's
lease in the database (``ScheduledJob``): two schedulers, on one machine or several, never run the same
job at once, and a lease left by a scheduler that died expires by itself.

A job that raises is logged and recorded; the scheduler carries on and the next tick runs it again.
"""

import io
import logging
import os
import socket
import threading
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command, get_commands
from django.db import close_old_connections, connection
from django.db.models import Q
from django.utils import timezone

from .models import ScheduledJob

logger = logging.getLogger(__name__)

SUCCEEDED, FAILED, SKIPPED = "succeeded", "failed", "skipped"


def configured_jobs():
    """The enabled jobs, name -> settings; a schedule of "off" (or empty) switches a job off."""
    return {
        name: job
        for name, job in settings.SCHEDULED_JOBS.items()
        if job["schedule"].strip().lower() not in {"", "off", "none"}
    }


def lock_owner():
    """Names this run: host and process for operators, plus a random part so only this run can release."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def acquire(name, lease, owner):
    """Take the job's lease if it is free or expired; True if this run holds it now."""
    now = timezone.now()
    ScheduledJob.objects.get_or_create(name=name)
    free = Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    taken = ScheduledJob.objects.filter(free, name=name).update(
        locked_until=now + lease, locked_by=owner, last_started_at=now
    )
    return taken == 1


def release(name, owner, outcome, duration, summary):
    """Record the run and free the lease, unless another scheduler took it over meanwhile (it expired)."""
    now = timezone.now()
    record = {"last_finished_at": now, "last_outcome": outcome, "last_duration": duration, "last_summary": summary}
    if outcome == SUCCEEDED:
        record["last_succeeded_at"] = now
    ScheduledJob.objects.filter(name=name).update(**record)
    ScheduledJob.objects.filter(name=name, locked_by=owner).update(locked_until=None, locked_by="")


class LeaseKeeper(threading.Thread):
    """Renews a run's lease every third of its length while the job goes on, so a run that takes longer
    than its lease is not taken over by another scheduler; only a dead scheduler's lease runs out."""

    def __init__(self, name, lease, owner):
        super().__init__(name=f"lease-{name}", daemon=True)
        self.job, self.lease, self.owner = name, lease, owner
        self.finished = threading.Event()

    def run(self):
        try:
            while not self.finished.wait(self.lease.total_seconds() / 3):
                ScheduledJob.objects.filter(name=self.job, locked_by=self.owner).update(
                    locked_until=timezone.now() + self.lease
                )
        except Exception as exc:  # the lease then simply runs out, as if this scheduler had died
            logger.warning("Scheduled job %s: lease not renewed (%s).", self.job, type(exc).__name__)
        finally:
            connection.close()  # this thread's own connection

    def stop(self):
        self.finished.set()
        self.join()


def last_line(text):
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:255] if lines else ""


def refresh_connection():
    """Drop a connection the database closed or that is past CONN_MAX_AGE, as Django does between requests:
    the scheduler's threads live for days. Not inside a transaction (a caller's, or a test's)."""
    if not connection.in_atomic_block:
        close_old_connections()


def call_with_lease(name, job, lease, owner, output):
    keeper = LeaseKeeper(name, lease, owner)
    keeper.start()
    try:
        call_command(name, *job.get("args", ()), stdout=output, stderr=output)
    finally:
        keeper.stop()


def run_job(name):
    """Run one job if no other scheduler is running it; returns SUCCEEDED, FAILED or SKIPPED. Never raises."""
    job = settings.SCHEDULED_JOBS[name]
    owner = lock_owner()
    refresh_connection()
    try:
        lease = timedelta(minutes=job["lease_minutes"])
        if not acquire(name, lease, owner):
            logger.info("Scheduled job %s skipped: another scheduler is running it.", name)
            return SKIPPED
        output = io.StringIO()
        started = time.monotonic()
        try:
            call_with_lease(name, job, lease, owner, output)
        except Exception as exc:
            duration = time.monotonic() - started
            # The type only: an exception's message may quote data; the traceback is there at DEBUG level.
            release(name, owner, FAILED, duration, type(exc).__name__)
            logger.error(
                "Scheduled job %s failed after %.1f s (%s); it runs again at its next time.",
                name,
                duration,
                type(exc).__name__,
            )
            logger.debug("Scheduled job %s traceback", name, exc_info=True)
            return FAILED
        duration = time.monotonic() - started
        summary = last_line(output.getvalue())
        release(name, owner, SUCCEEDED, duration, summary)
        logger.info("Scheduled job %s succeeded in %.1f s: %s", name, duration, summary or "no output")
        return SUCCEEDED
    except Exception as exc:  # the lock table itself unreachable (database down): try again next tick
        logger.error("Scheduled job %s not run: %s", name, type(exc).__name__)
        return FAILED
    finally:
        refresh_connection()


def run_all(names=None):
    """Run the given (default: every enabled) job once, one after another; returns name -> outcome."""
    return {name: run_job(name) for name in names or configured_jobs()}


def unknown_commands(jobs):
    commands = get_commands()
    return sorted(name for name in jobs if name not in commands)


def build_scheduler(jobs=None):
    """A BlockingScheduler with one cron-triggered entry per enabled job (ValueError for a bad schedule)."""
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.cron import CronTrigger

    jobs = configured_jobs() if jobs is None else jobs
    scheduler = BlockingScheduler(
        timezone=settings.TIME_ZONE,
        # One run at a time per job in this process (the lease covers other processes); runs missed while
        # the process was busy or stopped are folded into one, if still within five minutes.
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
    )
    for name, job in jobs.items():
        try:
            trigger = CronTrigger.from_crontab(job["schedule"], timezone=settings.TIME_ZONE)
        except ValueError as exc:
            raise ValueError(f"Schedule of {name} ({job['schedule']!r}) is not a crontab line: {exc}") from exc
        scheduler.add_job(run_job, trigger, args=[name], id=name, name=name)
    return scheduler
