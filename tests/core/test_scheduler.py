"""Periodic jobs run by `manage.py run_scheduler`: on time, one run at a time across schedulers, and a
failing job neither stops the others nor is forgotten."""

import datetime
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from hub.core import scheduler
from hub.core.models import ScheduledJob
from tests.factories.home import StandardPageFactory
from tests.factories.resources import ResourceFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled_page(home_page):
    """A page approved for publication in two hours (not live yet)."""
    page = StandardPageFactory(parent=home_page, slug="scheduled", title="Scheduled", live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    return page


def is_live(page):
    return Page.objects.get(pk=page.pk).live


def hold_lock(name, minutes):
    """Another scheduler's lease on the job, ending ``minutes`` from now (negative: already expired)."""
    ScheduledJob.objects.update_or_create(
        name=name,
        defaults={"locked_until": timezone.now() + datetime.timedelta(minutes=minutes), "locked_by": "other-host:1:x"},
    )


def test_the_default_schedule_covers_every_periodic_job():
    jobs = scheduler.configured_jobs()
    assert jobs["send_referral_notifications"]["schedule"] == "*/5 * * * *"
    assert jobs["publish_scheduled"]["schedule"] == "*/5 * * * *"
    assert {"purge_referrals", "send_review_reminders", "check_resource_links"} <= set(jobs)
    assert scheduler.unknown_commands(jobs) == []
    assert {job.id for job in scheduler.build_scheduler().get_jobs()} == set(jobs)


def test_a_schedule_set_to_off_switches_the_job_off(settings):
    settings.SCHEDULED_JOBS = {**settings.SCHEDULED_JOBS, "check_resource_links": {"schedule": "off"}}
    assert "check_resource_links" not in scheduler.configured_jobs()


def test_a_bad_schedule_stops_the_start_with_the_jobs_name(settings):
    settings.SCHEDULED_JOBS = {"publish_scheduled": {"schedule": "every five minutes", "lease_minutes": 5}}
    with pytest.raises(ValueError, match="publish_scheduled"):
        scheduler.build_scheduler()


def test_a_scheduled_page_goes_live_at_the_next_tick_and_is_served(client, scheduled_page):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        assert scheduler.run_job("publish_scheduled") == scheduler.SUCCEEDED
        assert not is_live(scheduled_page), "not before its time"
        traveller.shift(datetime.timedelta(hours=2, minutes=5))
        assert scheduler.run_job("publish_scheduled") == scheduler.SUCCEEDED
    assert is_live(scheduled_page)
    assert client.get(scheduled_page.url).status_code == 200


def test_a_job_locked_by_another_scheduler_is_skipped(scheduled_page, caplog):
    with time_machine.travel(scheduled_page.go_live_at + datetime.timedelta(minutes=1)):
        hold_lock("publish_scheduled", minutes=10)
        assert scheduler.run_job("publish_scheduled") == scheduler.SKIPPED
    assert not is_live(scheduled_page), "the other scheduler is doing it"
    assert "skipped" in caplog.text
    assert ScheduledJob.objects.get(name="publish_scheduled").locked_by == "other-host:1:x"


def test_a_stale_lock_is_taken_over_and_released(scheduled_page):
    with time_machine.travel(scheduled_page.go_live_at + datetime.timedelta(minutes=1)):
        hold_lock("publish_scheduled", minutes=-1)  # its scheduler died mid-run
        assert scheduler.run_job("publish_scheduled") == scheduler.SUCCEEDED
    assert is_live(scheduled_page)
    record = ScheduledJob.objects.get(name="publish_scheduled")
    assert record.locked_until is None and record.locked_by == ""
    assert record.last_outcome == "succeeded" and record.last_duration >= 0


def test_a_failing_job_is_logged_the_others_run_and_the_next_tick_runs_it_again(settings, scheduled_page, caplog):
    broken = {"schedule": "30 2 * * *", "lease_minutes": 60, "args": ["--older-than", "-1"]}
    settings.SCHEDULED_JOBS = {
        "purge_referrals": broken,  # raises CommandError
        "publish_scheduled": settings.SCHEDULED_JOBS["publish_scheduled"],
    }
    with time_machine.travel(scheduled_page.go_live_at + datetime.timedelta(minutes=1)):
        outcomes = scheduler.run_all()
    assert outcomes == {"purge_referrals": "failed", "publish_scheduled": "succeeded"}
    assert is_live(scheduled_page)
    [error] = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert "purge_referrals" in error.getMessage() and "CommandError" in error.getMessage()
    record = ScheduledJob.objects.get(name="purge_referrals")
    assert (record.last_outcome, record.last_summary, record.locked_until) == ("failed", "CommandError", None)

    settings.SCHEDULED_JOBS["purge_referrals"] = {**broken, "args": []}
    assert scheduler.run_job("purge_referrals") == scheduler.SUCCEEDED
    record.refresh_from_db()
    assert record.last_outcome == "succeeded" and record.last_succeeded_at is not None


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_the_same_moment_get_one_lock(initial_rows):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself; the race needs two real database connections")
    winners, start = [], threading.Barrier(4)

    def contender(number):
        start.wait()
        if scheduler.acquire("send_referral_notifications", datetime.timedelta(minutes=5), f"host-{number}"):
            winners.append(number)
        connection.close()

    ScheduledJob.objects.create(name="send_referral_notifications")
    threads = [threading.Thread(target=contender, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(winners) == 1


class SlowSite(BaseHTTPRequestHandler):
    """A linked website that takes four seconds to answer."""

    def do_GET(self):
        time.sleep(4)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.django_db(transaction=True)
def test_a_run_longer_than_its_lease_keeps_its_lock(settings, initial_rows):
    if connection.vendor != "postgresql":
        pytest.skip("two connections writing at once: SQLite's shared in-memory test database refuses the second")
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ResourceFactory(url=f"http://127.0.0.1:{server.server_port}/")
    # A three-second lease, renewed every second while the four-second link check runs.
    settings.SCHEDULED_JOBS = {"check_resource_links": {"schedule": "0 3 * * *", "lease_minutes": 0.05}}
    outcome = []
    run = threading.Thread(target=lambda: outcome.append(scheduler.run_job("check_resource_links")))
    try:
        run.start()
        time.sleep(3.5)  # past the first lease's end, the run still going
        assert not scheduler.acquire("check_resource_links", datetime.timedelta(minutes=5), "other-host:1:x")
        run.join(timeout=20)
    finally:
        server.shutdown()
    assert outcome == ["succeeded"]
    record = ScheduledJob.objects.get(name="check_resource_links")
    assert record.last_summary.startswith("Checked 1 links: 1 working")
    assert record.locked_until is None


def test_run_scheduler_once_runs_every_job_against_the_database(scheduled_page):
    out = StringIO()
    with time_machine.travel(scheduled_page.go_live_at + datetime.timedelta(minutes=1)):
        call_command("run_scheduler", "--once", stdout=out)
    assert is_live(scheduled_page)
    for name in scheduler.configured_jobs():
        assert f"{name}: succeeded" in out.getvalue()
    listing = StringIO()
    call_command("run_scheduler", "--list", stdout=listing)
    assert "publish_scheduled  [*/5 * * * *]  last succeeded" in listing.getvalue()


def test_run_scheduler_once_fails_for_a_failing_job_or_an_unknown_one(settings):
    settings.SCHEDULED_JOBS = {
        "purge_referrals": {"schedule": "0 1 * * *", "lease_minutes": 5, "args": ["--older-than", "-1"]}
    }
    with pytest.raises(CommandError, match="Failed: purge_referrals"):
        call_command("run_scheduler", "--once", stdout=StringIO())
    with pytest.raises(CommandError, match="No such job: send_everything"):
        call_command("run_scheduler", "--once", "--job", "send_everything", stdout=StringIO())


def test_run_scheduler_runs_until_stopped_and_stops_cleanly_on_sigterm(tmp_path):
    """The command the scheduler container runs: it starts, waits for its jobs, and exits 0 on `docker stop`."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hub.settings.test"}
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_scheduler"],
        cwd=django_settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=(tmp_path / "stderr.log").open("w"),
        text=True,
    )
    try:
        first_line = process.stdout.readline()
        assert first_line.startswith("Scheduler started: send_referral_notifications, publish_scheduled"), (
            first_line + (tmp_path / "stderr.log").read_text()
        )
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0, (tmp_path / "stderr.log").read_text()
    finally:
        process.kill()
    assert "Scheduler stopped." in process.stdout.read()


def test_superusers_see_each_jobs_last_run_in_the_admin_and_editors_do_not(client, settings):
    settings.SCHEDULED_JOBS = {
        "purge_referrals": {"schedule": "30 2 * * *", "lease_minutes": 5, "args": ["--older-than", "-1"]}
    }
    scheduler.run_job("purge_referrals")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = client.get("/admin/reports/scheduled-jobs/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "purge_referrals" in text and "30 2 * * *" in text and "Failed" in text and "CommandError" in text

    client.force_login(UserFactory(groups=["Editors"]))
    assert client.get("/admin/reports/scheduled-jobs/").status_code in (302, 403)


def test_the_admin_lists_configured_jobs_that_have_not_run_yet_and_jobs_no_longer_scheduled(client, settings):
    """A fresh site shows what will run (not an empty table); a job dropped from the schedule keeps its record."""
    settings.SCHEDULED_JOBS = {
        "purge_referrals": {"schedule": "30 2 * * *", "lease_minutes": 5, "args": ["--older-than", "-1"]}
    }
    scheduler.run_job("purge_referrals")
    settings.SCHEDULED_JOBS = {"publish_scheduled": {"schedule": "*/5 * * * *", "lease_minutes": 15}}
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    text = client.get("/admin/reports/scheduled-jobs/").content.decode()
    assert "publish_scheduled" in text and "*/5 * * * *" in text and "Not run yet" in text
    assert "purge_referrals" in text and "No longer scheduled" in text and "Failed" in text
    assert text.index("publish_scheduled") < text.index("purge_referrals")
