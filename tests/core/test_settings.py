"""Configuration comes from environment variables, and production refuses to run insecurely."""

import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured


def load_settings(module_name, monkeypatch, **env):
    for name in ("DATABASE_URL", "ELASTICSEARCH_URL", "REDIS_URL", "SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for loaded in [name for name in sys.modules if name.startswith("hub.settings.") and name != "hub.settings.env"]:
        monkeypatch.delitem(sys.modules, loaded)
    return importlib.import_module(module_name)


def test_defaults_are_a_sqlite_file_and_the_database_search_backend(monkeypatch):
    settings = load_settings("hub.settings.base", monkeypatch)
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    # search.backend is Wagtail's database backend with a faster SQLite query path (search/backend.py).
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "search.backend"
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def test_database_url_switches_the_database(monkeypatch):
    settings = load_settings("hub.settings.base", monkeypatch, DATABASE_URL="postgres://hub:pw@db.example:5433/hubdb")
    database = settings.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db.example", 5433, "hubdb")


def test_elasticsearch_url_switches_the_search_backend_with_a_short_timeout(monkeypatch):
    settings = load_settings("hub.settings.base", monkeypatch, ELASTICSEARCH_URL="http://search.example:9200")
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    # search.elasticsearch is Wagtail's Elasticsearch 8 backend with our analysers (search/elasticsearch.py).
    assert backend["BACKEND"] == "search.elasticsearch"
    assert settings.WAGTAILSEARCH_BACKENDS["database"]["BACKEND"] == "search.backend"  # the fallback
    assert backend["URLS"] == ["http://search.example:9200"]
    assert backend["TIMEOUT"] <= 5


def test_redis_url_switches_the_cache(monkeypatch):
    settings = load_settings("hub.settings.base", monkeypatch, REDIS_URL="redis://127.0.0.1:6379/1")
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert settings.CACHES["default"]["LOCATION"] == "redis://127.0.0.1:6379/1"


@pytest.mark.parametrize("secret", [None, "", "short", "dev-only-insecure-key-never-used-in-production" * 2])
def test_production_refuses_a_missing_or_weak_secret_key(monkeypatch, secret):
    env = {} if secret is None else {"SECRET_KEY": secret}
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_settings("hub.settings.production", monkeypatch, **env)


def test_production_starts_with_a_real_secret_key(monkeypatch):
    settings = load_settings("hub.settings.production", monkeypatch, SECRET_KEY="x" * 64)
    assert settings.DEBUG is False
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE


def deploy_check(**extra_env):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        **extra_env,
    }
    for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "REFERRAL_ENCRYPTION_KEY"):
        if name not in extra_env:
            env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist():
    from cryptography.fernet import Fernet

    completed = deploy_check(REFERRAL_ENCRYPTION_KEY=Fernet.generate_key().decode())
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "no issues" in completed.stdout


def test_production_refuses_to_encrypt_referrals_with_a_key_derived_from_the_secret_key():
    completed = deploy_check()
    assert completed.returncode != 0
    assert "REFERRAL_ENCRYPTION_KEY is not set" in completed.stdout + completed.stderr
