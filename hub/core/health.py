"""Health checks for container probes and load balancers: ``/health/live`` and ``/health/ready``.

Why a small module here and not django-health-check: its checks are plugins (an app each for the
database, cache, migrations...) with no notion of a check that degrades rather than fails, and its
view sits behind the whole middleware stack. Ours needs both: search down is "degraded", since the
search page falls back to the database index (search/service.py), and a probe must not depend on
what the middleware below would do with it: ALLOWED_HOSTS (a container probe asks for 127.0.0.1),
the page cache and the Wagtail site lookup (both read the cache and the database, which ``live``
must not), sessions and CSRF. So :class:`HealthCheckMiddleware` answers the two paths itself, right
after SecurityMiddleware (which only adds headers: ``SECURE_REDIRECT_EXEMPT`` spares these paths the
HTTPS redirect, as a probe speaks plain HTTP). No search is recorded, so no analytics either.

Bodies carry check names, statuses and a short reason (an exception's class, never its message,
which can name hosts and users); the full error goes to the log.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

from search.service import search_engine_answers, uses_search_engine

logger = logging.getLogger(__name__)

LIVE_PATH = "/health/live"
READY_PATH = "/health/ready"
OK, DEGRADED, FAIL = "ok", "degraded", "fail"


class NotReady(Exception):
    """A check found something wrong that is not an error (unapplied migrations, a cache that forgets)."""


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_migrations():
    """Every migration on disk is applied: a release started before ``migrate`` ran is not ready."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise NotReady(f"{len(plan)} migrations not applied")


def check_cache():
    """A value written can be read back: several processes share sessions, rate limits and pages in it."""
    key, token = f"hub:health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, token, 10)
    found = cache.get(key)
    cache.delete(key)
    if found != token:
        raise NotReady("a value written could not be read back")


def check_search():
    """The search engine answers, if there is one (otherwise the database index is the engine)."""
    if uses_search_engine():
        search_engine_answers()


# (name, check, whether the site is unready without it)
READY_CHECKS = (
    ("database", check_database, True),
    ("migrations", check_migrations, True),
    ("cache", check_cache, True),
    ("search", check_search, False),
)


def run_check(name, check, required):
    started = time.perf_counter()
    result = {"status": OK}
    try:
        check()
    except NotReady as problem:
        result = {"status": FAIL if required else DEGRADED, "reason": str(problem)}
    except Exception as error:
        logger.warning("health: the %s check failed", name, exc_info=True)
        result = {"status": FAIL if required else DEGRADED, "reason": type(error).__name__}
    if name == "search" and result["status"] == DEGRADED:
        result["reason"] += "; searches use the database index"
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def overall(checks):
    statuses = {result["status"] for result in checks.values()}
    return FAIL if FAIL in statuses else DEGRADED if DEGRADED in statuses else OK


def answer(body):
    response = JsonResponse(body, status=503 if body["status"] == FAIL else 200)
    add_never_cache_headers(response)
    return response


def live(request):
    """The process is up and serving requests; touches neither the database nor the cache."""
    return answer({"status": OK, "checks": {}})


def ready(request):
    """Database reachable, migrations applied, cache reachable (503 without any); search engine (degraded)."""
    checks = {name: run_check(name, check, required) for name, check, required in READY_CHECKS}
    return answer({"status": overall(checks), "checks": checks})


VIEWS = {LIVE_PATH: live, READY_PATH: ready}


class HealthCheckMiddleware:
    """Answers the health paths (with or without a trailing slash) before the rest of the stack runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = VIEWS.get(request.path_info.rstrip("/")) if request.method in ("GET", "HEAD") else None
        if view is None:
            return self.get_response(request)
        return view(request)
