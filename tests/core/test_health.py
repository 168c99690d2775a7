"""Health checks: /health/live answers with the process alone; /health/ready says whether the database,
its migrations and the cache are there (503 without one) and whether the search engine is (degraded,
not failed: search falls back to the database index). Never cached, never counted in search analytics,
answered over plain HTTP to whatever host a container probe uses."""

import json
import urllib.error
import urllib.request

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings
from wagtail.contrib.search_promotions.models import Query

from hub.core import loadtest
from search.models import QueryOutcome
from tests.search.test_elasticsearch import closed_port, es_settings

UNREACHABLE_REDIS = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


def body(response):
    return json.loads(response.content)


def test_live_answers_without_the_database_or_the_cache(client, settings):
    # No `db` fixture: any query would raise. The cache points at a port where nothing listens.
    settings.CACHES = UNREACHABLE_REDIS
    response = client.get("/health/live")
    assert response.status_code == 200
    assert body(response) == {"status": "ok", "checks": {}}
    assert client.get("/health/live/").status_code == 200


def test_ready_lists_every_check(client, db):
    response = client.get("/health/ready")
    assert response.status_code == 200
    checks = body(response)["checks"]
    assert set(checks) == {"database", "migrations", "cache", "search"}
    assert {check["status"] for check in checks.values()} == {"ok"}
    assert body(response)["status"] == "ok"


def unapply_latest_migration():
    """Forget that the newest migration of our core app ran, as after deploying a release without ``migrate``
    (the test's transaction puts the row back)."""
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    app, name = next(node for node in leaves if node[0] == "core")
    MigrationRecorder(connection).record_unapplied(app, name)


def test_ready_fails_while_a_migration_is_unapplied_and_is_never_cached(client, db):
    first = client.get("/health/ready")
    assert first.status_code == 200
    unapply_latest_migration()
    response = client.get("/health/ready")
    assert response.status_code == 503, "a cached answer would still say ready"
    assert body(response)["status"] == "fail"
    assert body(response)["checks"]["migrations"] == {
        "status": "fail",
        "reason": "1 migrations not applied",
        "ms": body(response)["checks"]["migrations"]["ms"],
    }
    assert body(response)["checks"]["database"]["status"] == "ok"
    for answer in (first, response, client.get("/health/live")):
        assert "no-store" in answer["Cache-Control"]
        assert "X-Page-Cache" not in answer, "the page cache must not even look these up"


def test_ready_fails_when_the_cache_is_unreachable(client, db, settings):
    settings.CACHES = UNREACHABLE_REDIS
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert body(response)["checks"]["cache"]["status"] == "fail"
    assert body(response)["checks"]["database"]["status"] == "ok"


def test_search_engine_down_is_degraded_not_failed(client, db):
    with override_settings(WAGTAILSEARCH_BACKENDS=es_settings(closed_port())):
        response = client.get("/health/ready")
    assert response.status_code == 200
    assert body(response)["status"] == "degraded"
    search = body(response)["checks"]["search"]
    assert search["status"] == "degraded"
    assert search["reason"].endswith("searches use the database index")


def test_probes_are_not_counted_in_search_analytics(client, db):
    client.get("/health/ready", {"q": "anxiety"})
    client.get("/health/live", {"q": "anxiety"})
    assert not Query.objects.exists() and not QueryOutcome.objects.exists()


def test_probes_need_neither_https_nor_an_allowed_host(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["hub.example.org"]
    assert client.get("/", HTTP_HOST="hub.example.org").status_code == 301, "pages still go to HTTPS"
    for path in ("/health/live", "/health/ready"):
        assert client.get(path, HTTP_HOST="127.0.0.1:8000").status_code == 200, path


def fetch(url):
    """Plain HTTP, no proxy headers, as a container probe asks."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_production_server_with_its_database_down_is_live_but_not_ready(tmp_path):
    port = loadtest.free_port()
    env = loadtest.server_environment(tmp_path, port)
    env.update(DATABASE_URL=f"postgres://hub@127.0.0.1:{closed_port()}/hub", ALLOWED_HOSTS="hub.example.org")
    server = loadtest.Server(env, port, 1, tmp_path / "server.log")
    try:
        server.start(probe_path="/health/live")
        status, text = fetch(f"{server.base_url}/health/ready")
    finally:
        server.stop()
    assert status == 503
    checks = json.loads(text)["checks"]
    assert checks["database"] == {"status": "fail", "reason": "OperationalError", "ms": checks["database"]["ms"]}
    assert checks["migrations"]["status"] == "fail" and checks["cache"]["status"] == "ok"
    assert "127.0.0.1" not in text and "hub@" not in text, "no connection details in the answer"
