"""With TASKS_BACKEND=database, search index updates wait in the database for the worker
(`manage.py db_worker`) instead of running in the editor's request; by default they run at once."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db

WORD = "quokkadromedary"


def found():
    return [page.title for page in get_search_backend().search(WORD, Page.objects.live())]


def tasks_backend_with(**environment):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hub.settings.base", "SECRET_KEY": "x", **environment}
    code = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=django_settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    return result.stdout.strip() or result.stderr.strip().splitlines()[-1]


def test_tasks_run_in_the_request_unless_the_database_backend_is_chosen():
    assert tasks_backend_with() == "django_tasks.backends.immediate.ImmediateBackend"
    assert tasks_backend_with(TASKS_BACKEND="database") == "django_tasks_db.DatabaseBackend"
    assert "TASKS_BACKEND must be one of immediate, database" in tasks_backend_with(TASKS_BACKEND="celery")


# Not inside a test transaction: on SQLite the worker claims tasks with BEGIN EXCLUSIVE, as in production.
@pytest.mark.django_db(transaction=True)
def test_a_page_published_with_the_database_backend_is_found_once_the_worker_has_run(settings, initial_rows, home_page):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "ENQUEUE_ON_COMMIT": False}}
    StandardPageFactory(parent=home_page, slug="new", title=f"New {WORD} guide")
    assert found() == [], "the index update waits for the worker"
    assert DBTaskResult.objects.filter(status="READY").exists()

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert found() == [f"New {WORD} guide"]
    assert not DBTaskResult.objects.filter(status="READY").exists()
